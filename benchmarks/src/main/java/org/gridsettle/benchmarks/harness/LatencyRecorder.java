package org.gridsettle.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Coordinated-omission-corrected latency: the producer stores each tick's intended send time (its slot in the
 * schedule, not the moment it managed to send), and the consumer records {@code now - intended} when the tick's
 * output has been written. A stalled consumer therefore shows up in every tick that should have been sent during
 * the stall, not only the one that was waiting.
 * <p>
 * Threading: {@link #intended} on the producer thread, {@link #done} on the consumer thread; the hand-off between
 * them (ring publish or queue put) orders the two. Read the results only after the consumer stopped.
 * {@link #done} does not allocate.
 */
public final class LatencyRecorder
{
    /** Longest latency the histogram tracks; longer values are recorded as this and counted in {@link #clamped()}. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** Most ticks one recorder holds, warm-up included: one intended send time each, in one array. */
    public static final long MAX_TICKS = Integer.MAX_VALUE - 8;

    private final long[] intendedNanos;
    private final long warmupTicks;
    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private long lastIndex = -1;
    private long completed;
    private long lastDoneNanos;
    private long clamped;

    /**
     * @param ticks       ticks in the run, warm-up included.
     * @param warmupTicks leading ticks not recorded.
     */
    public LatencyRecorder(final long ticks, final long warmupTicks)
    {
        if (ticks > MAX_TICKS)
        {
            throw new IllegalArgumentException("too many ticks for one run: " + ticks);
        }
        this.intendedNanos = new long[(int)ticks];
        this.warmupTicks = warmupTicks;
    }

    /**
     * @param tick  tick index.
     * @param nanos its intended send time, {@link System#nanoTime()} base.
     */
    public void intended(final long tick, final long nanos)
    {
        intendedNanos[(int)tick] = nanos;
    }

    /**
     * Records a tick whose output has been written. Later outputs of the same tick are ignored.
     *
     * @param tick      tick index.
     * @param nowNanos  {@link System#nanoTime()} when its output was written.
     */
    public void done(final long tick, final long nowNanos)
    {
        if (tick <= lastIndex || tick < 0 || tick >= intendedNanos.length)
        {
            return;
        }
        lastIndex = tick;
        completed++;
        lastDoneNanos = nowNanos;
        if (tick >= warmupTicks)
        {
            final long latency = nowNanos - intendedNanos[(int)tick];
            if (latency > HIGHEST_TRACKABLE_NANOS)
            {
                clamped++;
            }
            histogram.recordValue(Math.min(latency, HIGHEST_TRACKABLE_NANOS));
        }
    }

    /**
     * @return the latency histogram in nanoseconds, warm-up excluded.
     */
    public Histogram histogram()
    {
        return histogram;
    }

    /**
     * @return ticks completed, warm-up included.
     */
    public long completed()
    {
        return completed;
    }

    /**
     * @return recorded samples longer than {@link #HIGHEST_TRACKABLE_NANOS}, which the histogram holds as that value.
     */
    public long clamped()
    {
        return clamped;
    }

    /**
     * @return when the last tick completed.
     */
    public long lastDoneNanos()
    {
        return lastDoneNanos;
    }
}
