package org.gridsettle.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The headline efficiency is the median engine round over the median ceiling round; the per-round ratios pair the
 * rounds that ran back to back. Rates are made up so that one round's own ratio differs from the headline.
 */
class HarnessResultsTest
{
    private static final long SECOND = 1_000_000_000L;

    private static Rounds rounds(final long... perSecond)
    {
        return new Rounds(Arrays.stream(perSecond).mapToObj(r -> new ThroughputResult(r, SECOND, 0)).toList());
    }

    private static HarnessResults results(final Rounds ceiling, final Rounds engine)
    {
        return new HarnessResults(null, ceiling, engine, engine, null, null, null, null, null, null, engine, null, null,
            List.of());
    }

    @Test
    void efficiencyIsMedianOverMedianAndEachRoundHasItsOwnRatio()
    {
        // ceiling rounds 1.5M, 2.2M, 2.0M (median 2.0M); engine 0.75M, 0.88M, 0.8M (median 0.8M)
        final HarnessResults r = results(rounds(1_500_000, 2_200_000, 2_000_000), rounds(750_000, 880_000, 800_000));
        assertThat(r.efficiency()).isCloseTo(0.4, within(1e-12));
        assertThat(r.efficiencyByRound()).containsExactly(new double[] {0.5, 0.4, 0.4}, within(1e-12));
    }
}
