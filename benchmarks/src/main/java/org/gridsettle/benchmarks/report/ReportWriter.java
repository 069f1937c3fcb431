package org.gridsettle.benchmarks.report;

import org.gridsettle.benchmarks.harness.HarnessResults;
import org.gridsettle.benchmarks.harness.LatencyResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's results folder: {@code results.md}, one {@code .hgrm} per design and offered rate, and
 * {@code latency.png}.
 * <p>
 * Stateless; call from one thread.
 */
public final class ReportWriter
{
    /** The Markdown report's file name. */
    public static final String REPORT = "results.md";
    /** The latency plot's file name. */
    public static final String CHART = "latency.png";

    private ReportWriter()
    {
    }

    /**
     * @param results the figures.
     * @param machine where they were measured.
     * @return the Markdown report, as written.
     */
    public static String write(final HarnessResults results, final MachineInfo machine)
    {
        final Path dir = results.config().outDir();
        final String markdown = MarkdownReport.render(results, machine);
        try
        {
            Files.createDirectories(dir);
            for (final LatencyResult l : results.latencies())
            {
                HistogramFiles.write(dir.resolve(hgrmName(l)), l.histogram());
            }
            LatencyChart.writePng(dir.resolve(CHART), "gridsettle latency by percentile (" +
                results.config().label() + ", " + machine.cores() + " cores)", results.latencies());
            Files.writeString(dir.resolve(REPORT), markdown + files(results), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return markdown;
    }

    /**
     * @param l a latency result.
     * @return its {@code .hgrm} file name, e.g. {@code latency-engine-50000.hgrm}.
     */
    public static String hgrmName(final LatencyResult l)
    {
        return "latency-" + l.design() + "-" + l.offeredRate() + ".hgrm";
    }

    private static String files(final HarnessResults results)
    {
        final StringBuilder sb = new StringBuilder("\n![latency percentiles](" + CHART + ")\n\nFiles:");
        for (final LatencyResult l : results.latencies())
        {
            sb.append(" [").append(hgrmName(l)).append("](").append(hgrmName(l)).append(')');
        }
        return sb.append('\n').toString();
    }
}
