package org.gridsettle.benchmarks.harness;

import org.gridsettle.engine.EngineCounters;
import org.gridsettle.engine.SnapshotStalls;

/**
 * The engine's max-throughput run: its steady-state figures, the ledger totals, the counters and how long its
 * periodic snapshots held up the business-logic thread. Immutable.
 *
 * @param throughput ticks per second, and logic-thread and all-thread allocation, over the timed stretch.
 * @param totals     ledger totals after close.
 * @param counters   state-machine counters after close.
 * @param snapshots  the periodic snapshots' stalls over the whole run, set-up included.
 */
public record EngineRunResult(
    ThroughputResult throughput, TokenTotals totals, EngineCounters counters, SnapshotStalls snapshots)
{
}
