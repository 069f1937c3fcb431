package org.gridsettle.benchmarks.harness;

import org.gridsettle.engine.EngineCounters;

/**
 * The engine's max-throughput run: its steady-state figures, the ledger totals and the counters. Immutable.
 *
 * @param throughput ticks per second and logic-thread allocation over the timed stretch.
 * @param totals     ledger totals after close.
 * @param counters   state-machine counters after close.
 */
public record EngineRunResult(ThroughputResult throughput, TokenTotals totals, EngineCounters counters)
{
}
