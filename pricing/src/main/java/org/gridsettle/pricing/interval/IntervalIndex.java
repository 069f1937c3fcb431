package org.gridsettle.pricing.interval;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Time axis shared by the interval series (carbon intensity, oracle prices): non-overlapping intervals in strictly
 * increasing order, as parallel primitive arrays of starts (epoch seconds) and lengths (seconds), so that
 * {@link #indexAt(long)} and {@link #floorIndex(long)} are binary searches with no allocation. Gaps are allowed.
 * <p>
 * Immutable: arrays are copied in and never handed out. Safe to share between threads.
 */
public final class IntervalIndex
{
    /**
     * Most intervals an index may hold: ten million. It bounds the memory a hostile or broken file can make an
     * importer allocate.
     */
    public static final int MAX_INTERVALS = 10_000_000;

    /**
     * Longest interval a value may be published for: a day. Grid carbon intensities and market prices are published
     * for minutes or hours; a longer interval is nearly always milliseconds taken for seconds, and since a region's or
     * node's values only grow forward, one such record would hold the series years ahead and refuse every real record
     * after it (journal/FORMAT.md, ORACLE_PRICE). The importers and the engine refuse one; an index holds any length,
     * as snapshots of engines from before that rule may.
     */
    public static final int MAX_INTERVAL_SECONDS = 86_400;

    private final long[] startEpochSeconds;
    private final int[] intervalSeconds;

    private IntervalIndex(final long[] startEpochSeconds, final int[] intervalSeconds)
    {
        this.startEpochSeconds = startEpochSeconds;
        this.intervalSeconds = intervalSeconds;
    }

    /**
     * Builds an index from copies of the arrays, which must have the same length.
     *
     * @param startEpochSeconds interval starts, strictly increasing.
     * @param intervalSeconds   interval lengths, positive; interval {@code i} must end at or before start {@code i+1}.
     * @param perInterval       called with each index {@code i}, in order, once interval {@code i} has passed its own
     *                          checks and its end has been checked against the start of interval {@code i+1}, so
     *                          that a caller's checks of parallel value arrays run interleaved with these: an
     *                          overlap at {@code i+1} is reported before a bad value at {@code i}; may be null.
     * @return the index.
     * @throws IllegalArgumentException if the lengths differ, there are more than {@link #MAX_INTERVALS} intervals,
     *                                  or the intervals are not positive, sorted and non-overlapping.
     */
    public static IntervalIndex of(
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final IntConsumer perInterval)
    {
        final long[] starts = startEpochSeconds.clone();
        final int[] seconds = intervalSeconds.clone();
        if (seconds.length != starts.length)
        {
            throw new IllegalArgumentException("array lengths differ: starts=" + starts.length + " seconds=" +
                seconds.length);
        }
        final int size = starts.length;
        if (size > MAX_INTERVALS)
        {
            throw new IllegalArgumentException("more than " + MAX_INTERVALS + " intervals: " + size);
        }
        for (int i = 0; i < size; i++)
        {
            if (seconds[i] <= 0)
            {
                throw new IllegalArgumentException("interval " + i + ": seconds must be positive: " + seconds[i]);
            }
            final long end;
            try
            {
                end = Math.addExact(starts[i], seconds[i]);
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException("interval " + i + ": end overflows: " + starts[i], ex);
            }
            if (i + 1 < size && end > starts[i + 1])
            {
                throw new IllegalArgumentException("interval " + (i + 1) + ": start " + starts[i + 1] +
                    " is not at or after the end " + end + " of interval " + i + " (unsorted, duplicate or overlap)");
            }
            if (null != perInterval)
            {
                perInterval.accept(i);
            }
        }
        return new IntervalIndex(starts, seconds);
    }

    /**
     * @return number of intervals.
     */
    public int size()
    {
        return startEpochSeconds.length;
    }

    /**
     * @param index interval index.
     * @return start of the interval, epoch seconds, inclusive.
     */
    public long startAt(final int index)
    {
        return startEpochSeconds[index];
    }

    /**
     * @param index interval index.
     * @return length of the interval in seconds.
     */
    public int secondsAt(final int index)
    {
        return intervalSeconds[index];
    }

    /**
     * @param index interval index.
     * @return end of the interval, epoch seconds, exclusive.
     */
    public long endAt(final int index)
    {
        return startEpochSeconds[index] + intervalSeconds[index];
    }

    /**
     * Finds the interval containing an instant. Allocation-free.
     *
     * @param epochSecond the instant.
     * @return index of the interval with {@code start <= epochSecond < end}, or -1 if none (before, after or in a gap).
     */
    public int indexAt(final long epochSecond)
    {
        final int floor = floorIndex(epochSecond);
        return floor >= 0 && epochSecond < endAt(floor) ? floor : -1;
    }

    /**
     * Finds the last interval starting at or before an instant; that interval may have ended already. Allocation-free.
     *
     * @param epochSecond the instant.
     * @return index of the last interval with {@code start <= epochSecond}, or -1 if the instant is before them all.
     */
    public int floorIndex(final long epochSecond)
    {
        int low = 0;
        int high = startEpochSeconds.length - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (startEpochSeconds[mid] <= epochSecond)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return high;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof IntervalIndex))
        {
            return false;
        }
        final IntervalIndex that = (IntervalIndex)o;
        return Arrays.equals(startEpochSeconds, that.startEpochSeconds) &&
            Arrays.equals(intervalSeconds, that.intervalSeconds);
    }

    /**
     * {@inheritDoc}
     * <p>
     * {@code 31 * Arrays.hashCode(starts) + Arrays.hashCode(seconds)}, so that a series hashing
     * {@code name, starts, seconds, ...} in the usual 31-chain can add this in place of the two arrays.
     */
    public int hashCode()
    {
        return 31 * Arrays.hashCode(startEpochSeconds) + Arrays.hashCode(intervalSeconds);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "IntervalIndex{intervals=" + size() + '}';
    }
}
