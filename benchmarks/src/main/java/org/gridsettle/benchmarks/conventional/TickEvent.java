package org.gridsettle.benchmarks.conventional;

/**
 * One tick as the conventional design passes it through its queue: a new object per tick. Immutable.
 *
 * @param index         tick index in the {@link org.gridsettle.benchmarks.workload.TickSource} stream.
 * @param meterId       meter.
 * @param intervalStart epoch seconds.
 * @param importWh      energy imported.
 * @param exportWh      energy exported.
 */
public record TickEvent(long index, long meterId, long intervalStart, long importWh, long exportWh)
{
}
