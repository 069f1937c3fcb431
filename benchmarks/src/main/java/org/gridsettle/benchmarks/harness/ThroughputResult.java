package org.gridsettle.benchmarks.harness;

/**
 * One timed, steady-state stretch of work: how many operations, how long, and how many bytes the measured thread
 * allocated meanwhile. Immutable.
 *
 * @param operations     operations in the timed stretch (warm-up excluded).
 * @param elapsedNanos   wall-clock time of the stretch.
 * @param allocatedBytes bytes the measured thread allocated in it, or -1 when not measured.
 */
public record ThroughputResult(long operations, long elapsedNanos, long allocatedBytes)
{
    /**
     * @return operations per second.
     */
    public double perSecond()
    {
        return operations * 1e9 / Math.max(1, elapsedNanos);
    }

    /**
     * @return bytes allocated per operation, or NaN when not measured.
     */
    public double bytesPerOperation()
    {
        return allocatedBytes < 0 ? Double.NaN : (double)allocatedBytes / operations;
    }
}
