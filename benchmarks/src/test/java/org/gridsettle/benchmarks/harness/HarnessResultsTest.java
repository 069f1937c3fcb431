package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The headline efficiency, and the engine over the conventional design, are each the median of the rounds' own
 * ratios, which pair the designs that ran back to back. Rates are made up so that the median engine round and the
 * median ceiling round come from different rounds, and their quotient differs from the headline.
 */
class HarnessResultsTest
{
    private static final long SECOND = 1_000_000_000L;

    private static Rounds rounds(final long... perSecond)
    {
        return new Rounds(Arrays.stream(perSecond).mapToObj(r -> new ThroughputResult(r, SECOND, 0)).toList());
    }

    private static HarnessResults results(final Rounds ceiling, final Rounds engine, final Rounds conventional)
    {
        return new HarnessResults(null, ceiling, engine, conventional, null, null, null, null, null, null, engine,
            null, null, List.of());
    }

    @Test
    void efficiencyIsTheMedianOfEachRoundsOwnRatioNotMedianOverMedian()
    {
        // ceiling rounds 1.0M, 2.0M, 3.0M (median 2.0M, round 2); engine 0.9M, 0.8M, 2.4M (median 0.9M, round 1):
        // median over median would be 45%, but the rounds' own ratios are 90%, 40% and 80%
        final Rounds engine = rounds(900_000, 800_000, 2_400_000);
        final HarnessResults r = results(rounds(1_000_000, 2_000_000, 3_000_000), engine, engine);
        assertThat(r.efficiencyByRound()).containsExactly(new double[] {0.9, 0.4, 0.8}, within(1e-12));
        assertThat(r.efficiency()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void engineOverConventionalIsPairedByRoundToo()
    {
        // conventional 0.6M, 1.0M, 0.8M (median 0.8M): median over median 0.9M / 0.8M = 1.125; own ratios 1.5, 0.8, 3.0
        final HarnessResults r = results(rounds(1_000_000, 2_000_000, 3_000_000),
            rounds(900_000, 800_000, 2_400_000), rounds(600_000, 1_000_000, 800_000));
        assertThat(r.engineOverConventionalByRound()).containsExactly(new double[] {1.5, 0.8, 3.0}, within(1e-12));
        assertThat(r.engineOverConventional()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void anEvenNumberOfRoundsTakesTheLowerMiddleRatio()
    {
        final Rounds engine = rounds(500_000, 600_000, 700_000, 800_000);
        final HarnessResults r = results(rounds(1_000_000, 1_000_000, 1_000_000, 1_000_000), engine, engine);
        assertThat(r.efficiency()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void replayTicksPerSecondChargesTheSetUpRecordsTimeToTheTicks()
    {
        // the full preset's 10,000,000 ticks in a journal of 10,200,001 inputs (set-up records of 100,000 meters,
        // as benchmarks/README.md counts them); the median round replays them in 4 s: 2,550,000 inputs/s, but
        // 2,500,000 ticks/s
        final HarnessConfig full = HarnessConfig.full(Path.of("unused"));
        final Rounds replay = new Rounds(List.of(
            new ThroughputResult(10_200_001, 5 * SECOND, 0),
            new ThroughputResult(10_200_001, 4 * SECOND, 0),
            new ThroughputResult(10_200_001, 3 * SECOND, 0)));
        final HarnessResults r = new HarnessResults(full, null, null, null, null, null, null, null, null, null,
            replay, null, null, List.of());
        assertThat(r.replay().median().perSecond()).isCloseTo(2_550_000.25, within(1e-6));
        assertThat(r.replayTicksPerSecond()).isCloseTo(2_500_000.0, within(1e-6));
    }

    @Test
    void aReplayOfFewerInputsThanTicksIsRefused()
    {
        final HarnessConfig full = HarnessConfig.full(Path.of("unused"));
        final HarnessResults r = new HarnessResults(full, null, null, null, null, null, null, null, null, null,
            new Rounds(List.of(new ThroughputResult(9_999_999, SECOND, 0))), null, null, List.of());
        assertThatThrownBy(r::replayTicksPerSecond).hasMessageContaining("fewer than the 10000000 ticks")
            .isInstanceOf(IllegalStateException.class);
    }
}
