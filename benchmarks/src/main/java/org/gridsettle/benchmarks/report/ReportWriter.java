package org.gridsettle.benchmarks.report;

import org.gridsettle.benchmarks.harness.HarnessResults;
import org.gridsettle.benchmarks.harness.LatencyResult;
import org.gridsettle.journal.IoReason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

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
        final String markdown = MarkdownReport.render(results, machine);
        write(results, machine, markdown);
        return markdown;
    }

    /**
     * Writes the folder's files, {@value #REPORT} last. Each is written beside its place and moved into it once
     * whole, so a file in the folder is complete, and {@value #REPORT} exists only if every other file does.
     *
     * @param results  the figures.
     * @param machine  where they were measured.
     * @param markdown the report, as {@link MarkdownReport#render} gave it.
     * @throws UncheckedIOException naming the file that could not be written and why.
     */
    public static void write(final HarnessResults results, final MachineInfo machine, final String markdown)
    {
        final Path dir = results.config().outDir();
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("could not create the results folder " + dir + ": " + IoReason.of(e),
                e);
        }
        for (final LatencyResult l : results.latencies())
        {
            whole(dir.resolve(hgrmName(l)), file -> HistogramFiles.write(file, l.histogram()));
        }
        whole(dir.resolve(CHART), file -> LatencyChart.writePng(file, "gridsettle latency by percentile (" +
            results.config().label() + ", " + machine.cores() + " cores)", results.latencies()));
        whole(dir.resolve(REPORT), file -> writeText(file, markdown + files(results)));
    }

    private static void whole(final Path file, final Consumer<Path> writer)
    {
        final Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try
        {
            writer.accept(partial);
            move(partial, file);
        }
        catch (final UncheckedIOException e)
        {
            deleteQuietly(partial);
            throw new UncheckedIOException("could not write " + file + ": " + IoReason.of(e.getCause()),
                e.getCause());
        }
    }

    private static void move(final Path from, final Path to)
    {
        try
        {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(final Path file, final String text)
    {
        try
        {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignored)
        {
            // the error being reported is the one that matters; a leftover .partial names itself
        }
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
