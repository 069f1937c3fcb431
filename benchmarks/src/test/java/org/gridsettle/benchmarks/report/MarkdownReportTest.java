package org.gridsettle.benchmarks.report;

import org.HdrHistogram.Histogram;
import org.gridsettle.benchmarks.harness.HarnessConfig;
import org.gridsettle.benchmarks.harness.HarnessResults;
import org.gridsettle.benchmarks.harness.HeapResult;
import org.gridsettle.benchmarks.harness.LatencyResult;
import org.gridsettle.benchmarks.harness.Rounds;
import org.gridsettle.benchmarks.harness.ThroughputResult;
import org.gridsettle.benchmarks.harness.TokenTotals;
import org.gridsettle.engine.SnapshotStalls;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every ratio of the report is the quotient of the figures printed beside it (to the rounding of what is printed), as
 * a reader recomputing it by hand finds; and each label says what was measured. The figures are made up, one second
 * per round so that a rate is its operation count.
 */
class MarkdownReportTest
{
    private static final long SECOND = 1_000_000_000L;

    private static Rounds rounds(final long... perSecond)
    {
        return new Rounds(java.util.Arrays.stream(perSecond)
            .mapToObj(r -> new ThroughputResult(r, SECOND, r / 100, r / 50)).toList());
    }

    private static String report()
    {
        final HarnessConfig quick = HarnessConfig.quick(Path.of("unused"));
        final Histogram h = new Histogram(3_600_000_000_000L, 3);
        h.recordValue(12_345);
        final TokenTotals totals = new TokenTotals(172_017_652_324L, 1_462_636_420L, 0x5eedL);
        final HarnessResults r = new HarnessResults(quick,
            rounds(1_600_000, 1_300_000, 2_300_000, 1_700_000, 1_500_000),
            rounds(1_000_000, 700_000, 1_200_000, 1_100_000, 900_000),
            rounds(800_000, 700_000, 1_100_000, 750_000, 850_000),
            totals, totals, new SnapshotStalls(5, 16_500_000, 9_887_000, 200_000),
            new ThroughputResult(5_000_000, SECOND / 4, -1),
            new ThroughputResult(1_151_191, SECOND, -1),
            new ThroughputResult(1_000_000, 680_000_000L, 0),
            new Rounds(List.of(new ThroughputResult(1_020_001, SECOND / 2, 0),
                new ThroughputResult(1_020_001, SECOND / 3, 0), new ThroughputResult(1_020_001, SECOND, 0),
                new ThroughputResult(1_020_001, SECOND / 3, 0), new ThroughputResult(1_020_001, SECOND / 2, 0))),
            new ThroughputResult(1_020_001, SECOND / 11, -1),
            new HeapResult(100_000, 1_736.1, 680.0, 187.9),
            List.of(new LatencyResult("engine", 50_000, 50_000.0, h),
                new LatencyResult("conventional", 50_000, 50_000.0, h)));
        return MarkdownReport.render(r, MachineInfo.current());
    }

    private static double number(final String text)
    {
        return Double.parseDouble(text.replace(",", ""));
    }

    private static Matcher find(final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(report());
        assertThat(m.find()).as(regex).isTrue();
        return m;
    }

    private static final String N = "([\\d,]+(?:\\.\\d+)?)";

    @Test
    void eachRatioIsTheQuotientOfTheFiguresPrintedBesideIt()
    {
        Matcher m = find("engine, page cache " + N + " ticks/s \\| sync at " + N + "%");
        assertThat(number(m.group(2))).isCloseTo(100 * 1_151_191 / number(m.group(1)), within(0.05));

        m = find("\\| " + N + " events/s \\| engine " + N + " ticks/s \\| engine at " + N + "%");
        assertThat(number(m.group(3))).isCloseTo(100 * number(m.group(2)) / number(m.group(1)), within(0.05));

        m = find("\\(" + N + " tail ticks/s, both journals verified first\\) \\| replay " + N + " ticks/s \\| " +
            N + "%");
        assertThat(number(m.group(3))).isCloseTo(100 * number(m.group(1)) / number(m.group(2)), within(0.05));

        m = find(N + " inputs/s \\(rounds [^|]*\\)\\) \\| raw Chronicle read of both queues " + N +
            " inputs/s \\| " + N + "%");
        assertThat(number(m.group(3))).isCloseTo(100 * number(m.group(1)) / number(m.group(2)), within(0.05));

        m = find("\\| " + N + " B/meter \\| conventional registry " + N + " B/meter \\| " + N + "×");
        assertThat(number(m.group(3))).isCloseTo(number(m.group(1)) / number(m.group(2)), within(0.005));

        m = find("\\| " + N + " B/meter \\| engine heap with it " + N + " B/meter");
        assertThat(number(m.group(2))).isCloseTo(1_056.1 + number(m.group(1)), within(0.05));

        m = find("max " + N + " ms \\| engine " + N + " ticks/s \\| " + N + " ticks queue behind the longest");
        assertThat(number(m.group(3))).isCloseTo(number(m.group(1)) / 1000 * number(m.group(2)),
            within(0.05 / 1000 * number(m.group(2))));
    }

    @Test
    void theReplayInTicksPerSecondIsItsInputsPerSecondLessTheSetUpRecords()
    {
        final Matcher m = find(N + " ticks/s \\(all " + N + " inputs: " + N + " inputs/s");
        assertThat(number(m.group(1))).isCloseTo(number(m.group(3)) * 1_000_000 / number(m.group(2)), within(1.0));
    }

    @Test
    void theConventionalDesignsLatencyEndsWhereItsLineIsBufferedNotWritten()
    {
        // ConventionalPipeline calls onTickDone once JsonLineWriter has appended the line to a BufferedWriter: it is
        // in the file only when the buffer next fills, while the engine's output is in the page cache when recorded
        assertThat(report().toLowerCase(Locale.ROOT)).contains("conventional: json line handed to its bufferedwriter")
            .doesNotContain("conventional: json line written");
    }
}
