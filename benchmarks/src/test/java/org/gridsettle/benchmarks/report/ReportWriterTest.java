package org.gridsettle.benchmarks.report;

import org.HdrHistogram.Histogram;
import org.gridsettle.benchmarks.harness.HarnessConfig;
import org.gridsettle.benchmarks.harness.HarnessResults;
import org.gridsettle.benchmarks.harness.LatencyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A results folder is never left with a file that looks written but is not: a write that fails says so, naming the
 * file, and leaves no part of it behind.
 */
class ReportWriterTest
{
    @TempDir
    Path tmp;

    private static Histogram histogram()
    {
        final Histogram h = new Histogram(3_600_000_000_000L, 3);
        for (long v = 1_000; v < 1_000_000; v += 997)
        {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void aHistogramFileThatCannotBeWrittenIsAnErrorNotAnEmptyFile()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does; PrintStream used to swallow it, which left
        // empty .hgrm files in a results folder whose report was then written as if complete
        final Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");

        assertThatThrownBy(() -> HistogramFiles.write(full, histogram()))
            .isInstanceOf(UncheckedIOException.class).hasMessageContaining("/dev/full");
    }

    @Test
    void aHistogramFileHoldsTheWholeDistribution() throws Exception
    {
        final Path file = tmp.resolve("latency.hgrm");

        HistogramFiles.write(file, histogram());

        assertThat(file).content().contains("Value     Percentile TotalCount 1/(1-Percentile)")
            .contains("#[Max     =");
    }

    @Test
    void aReportThatCannotBeWrittenWholeHasNoResultsFileAndNoPartOfAFile() throws Exception
    {
        final HarnessConfig config = HarnessConfig.tiny(tmp.resolve("results"));
        final HarnessResults results = new HarnessResults(config, null, null, null, null, null, null, null, null, null,
            null, null, null, List.of(new LatencyResult("engine", 20_000, 20_000.0, histogram())));
        // a non-empty directory where the plot should go: its bytes are written, but it cannot be put in place
        Files.createDirectories(config.outDir().resolve(ReportWriter.CHART).resolve("occupied"));

        assertThatThrownBy(() -> ReportWriter.write(results, MachineInfo.current(), "# report\n"))
            .isInstanceOf(UncheckedIOException.class).hasMessageContaining(ReportWriter.CHART);

        assertThat(config.outDir().resolve(ReportWriter.REPORT)).doesNotExist();
        assertThat(config.outDir()).isDirectoryNotContaining("glob:**.partial");
        assertThat(config.outDir().resolve("latency-engine-20000.hgrm")).content().contains("#[Max     =");
    }
}
