package org.gridsettle.benchmarks.harness;

import org.gridsettle.engine.SnapshotStalls;

import java.util.Arrays;
import java.util.List;

/**
 * Every figure one harness run produced, each next to the ceiling and the alternative measured in the same run.
 * Immutable.
 *
 * @param config             what was run.
 * @param ceiling            raw Chronicle appends of the same bytes, ticks per second, per round.
 * @param engine             the engine at maximum throughput, per round.
 * @param conventional       the conventional design at maximum throughput, per round.
 * @param engineTotals       the engine's ledger totals (identical in every round).
 * @param conventionalTotals the conventional design's totals (identical in every round).
 * @param engineSnapshots    how long the engine rounds' periodic snapshots held up the business-logic thread.
 * @param handoff            raw Disruptor 1P1C hand-off, events per second.
 * @param replay             replay of each round's engine journal, inputs per second (see
 *                           {@link #replayTicksPerSecond()} for ticks per second).
 * @param rawRead            raw Chronicle reads of the same journal, inputs per second.
 * @param heap               heap per enrolled meter.
 * @param latencies          per offered rate, the engine's result then the conventional design's.
 */
public record HarnessResults(
    HarnessConfig config,
    Rounds ceiling,
    Rounds engine,
    Rounds conventional,
    TokenTotals engineTotals,
    TokenTotals conventionalTotals,
    SnapshotStalls engineSnapshots,
    ThroughputResult handoff,
    ThroughputResult syncOnBatch,
    ThroughputResult recovery,
    Rounds replay,
    ThroughputResult rawRead,
    HeapResult heap,
    List<LatencyResult> latencies)
{
    /**
     * The headline efficiency: the median of {@link #efficiencyByRound()}, each round's engine over the ceiling that
     * ran just before it. Not the median engine round over the median ceiling round, which may pair rates from two
     * different rounds, a noisy one with a quiet one, when the rounds exist to pair them. For an even count the
     * lower middle ratio, as {@link Rounds#median()} does.
     *
     * @return the engine's share of the raw-append ceiling.
     */
    public double efficiency()
    {
        return median(efficiencyByRound());
    }

    /**
     * The engine's rate over the ceiling's in each round, which ran them back to back.
     *
     * @return one ratio per round, in the order run.
     */
    public double[] efficiencyByRound()
    {
        return byRound(engine, ceiling);
    }

    /**
     * Replay in the unit of issue #7's target, ticks per second: the journal's ticks over the time of replaying all
     * of its inputs, its set-up records (accounts, tariffs, enrolments) included. So it is lower than the inputs/s
     * figure by the set-up records' share, and is conservative: the set-up records' time is charged to the ticks.
     *
     * @return the median replay round's ticks per second.
     */
    public double replayTicksPerSecond()
    {
        final ThroughputResult median = replay.median();
        if (median.operations() < config.ticks())
        {
            throw new IllegalStateException(
                "the replay read " + median.operations() + " inputs, fewer than the " + config.ticks() + " ticks run");
        }
        return config.ticks() * 1e9 / Math.max(1, median.elapsedNanos());
    }

    /**
     * @return the median of {@link #engineOverConventionalByRound()}, paired by round like {@link #efficiency()}.
     */
    public double engineOverConventional()
    {
        return median(engineOverConventionalByRound());
    }

    /**
     * @return the engine's rate over the conventional design's in each round, in the order run.
     */
    public double[] engineOverConventionalByRound()
    {
        return byRound(engine, conventional);
    }

    private static double[] byRound(final Rounds numerator, final Rounds denominator)
    {
        if (numerator.results().size() != denominator.results().size())
        {
            throw new IllegalStateException("rounds differ in number: " + numerator.results().size() + " and " +
                denominator.results().size());
        }
        final double[] ratios = new double[numerator.results().size()];
        for (int i = 0; i < ratios.length; i++)
        {
            ratios[i] = numerator.results().get(i).perSecond() / denominator.results().get(i).perSecond();
        }
        return ratios;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    /**
     * @return true when both designs posted the same totals.
     */
    public boolean totalsAgree()
    {
        return engineTotals.equals(conventionalTotals);
    }
}
