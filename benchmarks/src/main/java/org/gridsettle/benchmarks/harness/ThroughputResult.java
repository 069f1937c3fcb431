package org.gridsettle.benchmarks.harness;

/**
 * One timed, steady-state stretch of work: how many operations, how long, and how many bytes the measured thread,
 * and every thread of the JVM, allocated meanwhile. Immutable.
 *
 * @param operations               operations in the timed stretch (warm-up excluded).
 * @param elapsedNanos             wall-clock time of the stretch.
 * @param allocatedBytes           bytes the measured thread allocated in it, or -1 when not measured.
 * @param allThreadsAllocatedBytes bytes every thread of the JVM allocated in it (the producer and the design's
 *                                 other threads too), or -1 when not measured.
 */
public record ThroughputResult(long operations, long elapsedNanos, long allocatedBytes, long allThreadsAllocatedBytes)
{
    /**
     * A stretch whose allocation was measured on one thread at most.
     *
     * @param operations     operations in the timed stretch.
     * @param elapsedNanos   wall-clock time of the stretch.
     * @param allocatedBytes bytes the measured thread allocated in it, or -1 when not measured.
     */
    public ThroughputResult(final long operations, final long elapsedNanos, final long allocatedBytes)
    {
        this(operations, elapsedNanos, allocatedBytes, -1);
    }

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

    /**
     * @return bytes every thread of the JVM allocated per operation, or NaN when not measured.
     */
    public double allThreadsBytesPerOperation()
    {
        return allThreadsAllocatedBytes < 0 ? Double.NaN : (double)allThreadsAllocatedBytes / operations;
    }
}
