package org.gridsettle.benchmarks.harness;

import org.gridsettle.engine.SnapshotStalls;

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
 * @param replay             replay of each round's engine journal, inputs per second.
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
     * @return the median engine round's ticks per second as a fraction of the median raw-append ceiling round.
     */
    public double efficiency()
    {
        return engine.median().perSecond() / ceiling.median().perSecond();
    }

    /**
     * The engine's rate over the ceiling's in each round, which ran them back to back: a check on the headline
     * {@link #efficiency()} when the machine's speed drifts between rounds.
     *
     * @return one ratio per round, in the order run.
     */
    public double[] efficiencyByRound()
    {
        final double[] ratios = new double[engine.results().size()];
        for (int i = 0; i < ratios.length; i++)
        {
            ratios[i] = engine.results().get(i).perSecond() / ceiling.results().get(i).perSecond();
        }
        return ratios;
    }

    /**
     * @return true when both designs posted the same totals.
     */
    public boolean totalsAgree()
    {
        return engineTotals.equals(conventionalTotals);
    }
}
