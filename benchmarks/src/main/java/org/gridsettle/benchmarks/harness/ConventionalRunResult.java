package org.gridsettle.benchmarks.harness;

/**
 * The conventional design's throughput run. Immutable.
 *
 * @param throughput ticks per second, and worker-thread and all-thread allocation, over the timed stretch.
 * @param totals     its ledger totals.
 */
public record ConventionalRunResult(ThroughputResult throughput, TokenTotals totals)
{
}
