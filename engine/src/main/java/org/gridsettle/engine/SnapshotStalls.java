package org.gridsettle.engine;

/**
 * How long the periodic snapshots held up the business-logic thread: from the moment one was due to the moment the
 * thread went back to its inputs. That time covers the ledger check, waiting for the previous snapshot's file if it
 * was still being written, and the capture of the state; ticks queue behind it, so it is a floor for the latency
 * tail whenever a snapshot falls inside a measurement. The snapshot taken at clean shutdown is not counted.
 * <p>
 * Threading: immutable; the business-logic thread publishes a new one after each snapshot through a volatile
 * field, so {@link SettlementEngine#snapshotStalls()} may be read from any thread.
 *
 * @param snapshots   periodic snapshots taken by this engine since it started.
 * @param totalNanos  their stalls added up.
 * @param maxNanos    the longest of them, 0 if none.
 * @param waitedNanos the part of {@code totalNanos} spent waiting for the previous snapshot's file to be written:
 *                    the disk falling behind the interval, rather than the capture itself.
 */
public record SnapshotStalls(long snapshots, long totalNanos, long maxNanos, long waitedNanos)
{
    /** No snapshot taken. */
    public static final SnapshotStalls NONE = new SnapshotStalls(0, 0, 0, 0);

    /**
     * @param stallNanos  one more snapshot's stall.
     * @param waitedNanos the part of it spent waiting for the previous snapshot's file.
     * @return the stalls with it added.
     */
    public SnapshotStalls plus(final long stallNanos, final long waitedNanos)
    {
        return new SnapshotStalls(snapshots + 1, totalNanos + stallNanos, Math.max(maxNanos, stallNanos),
            this.waitedNanos + waitedNanos);
    }

    /**
     * @param other stalls of another run.
     * @return both runs' stalls together.
     */
    public SnapshotStalls plus(final SnapshotStalls other)
    {
        return new SnapshotStalls(snapshots + other.snapshots, totalNanos + other.totalNanos,
            Math.max(maxNanos, other.maxNanos), waitedNanos + other.waitedNanos);
    }

    /**
     * @return the mean stall in milliseconds, 0 if none.
     */
    public double meanMillis()
    {
        return snapshots == 0 ? 0.0 : totalNanos / 1e6 / snapshots;
    }

    /**
     * @return the mean wait for the previous snapshot's file in milliseconds, 0 if none.
     */
    public double meanWaitedMillis()
    {
        return snapshots == 0 ? 0.0 : waitedNanos / 1e6 / snapshots;
    }

    /**
     * @return the longest stall in milliseconds.
     */
    public double maxMillis()
    {
        return maxNanos / 1e6;
    }
}
