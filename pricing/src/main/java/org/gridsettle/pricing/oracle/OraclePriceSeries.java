package org.gridsettle.pricing.oracle;

import java.util.Arrays;

/**
 * Oracle (wholesale market) price of one pricing node over time: non-overlapping intervals in strictly increasing
 * order, each with a price in micro-units of a token per kWh. Prices may be negative, as locational marginal prices
 * are when generation has to be paid to turn down.
 * <p>
 * Kept as parallel primitive arrays so that {@link #indexAt(long)} is a binary search with no allocation on the hot
 * path. Gaps between intervals are allowed; an instant in a gap has no price.
 * <p>
 * Immutable: arrays are copied in and never handed out. Safe to share between threads.
 */
public final class OraclePriceSeries
{
    /**
     * Most intervals a series may hold: ten million, about 95 years of 5-minute prices and about 120 MB of arrays. It
     * bounds the memory a hostile or broken file can make an importer allocate.
     */
    public static final int MAX_INTERVALS = 10_000_000;

    private final String node;
    private final long[] startEpochSeconds;
    private final int[] intervalSeconds;
    private final long[] microsPerKwh;

    /**
     * Builds a series from copies of the arrays.
     *
     * @param node              pricing node name, non-empty.
     * @param startEpochSeconds interval starts, strictly increasing.
     * @param intervalSeconds   interval lengths, positive; interval {@code i} must end at or before start {@code i+1}.
     * @param microsPerKwh      prices in micro-units per kWh, any sign.
     * @return the series.
     * @throws IllegalArgumentException if any of the above does not hold.
     */
    public static OraclePriceSeries of(
        final String node,
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final long[] microsPerKwh)
    {
        return new OraclePriceSeries(node, startEpochSeconds.clone(), intervalSeconds.clone(), microsPerKwh.clone());
    }

    /**
     * Takes ownership of the arrays, which the caller must not touch again; for builders in this package only.
     */
    OraclePriceSeries(
        final String node,
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final long[] microsPerKwh)
    {
        validate(node, startEpochSeconds, intervalSeconds, microsPerKwh);
        this.node = node;
        this.startEpochSeconds = startEpochSeconds;
        this.intervalSeconds = intervalSeconds;
        this.microsPerKwh = microsPerKwh;
    }

    /**
     * @return pricing node name.
     */
    public String node()
    {
        return node;
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
     * @param index interval index.
     * @return price in micro-units of a token per kWh, may be negative.
     */
    public long microsPerKwhAt(final int index)
    {
        return microsPerKwh[index];
    }

    /**
     * Finds the interval containing an instant. Allocation-free.
     *
     * @param epochSecond the instant.
     * @return index of the interval with {@code start <= epochSecond < end}, or -1 if none (before, after or in a gap).
     */
    public int indexAt(final long epochSecond)
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
        return high >= 0 && epochSecond < endAt(high) ? high : -1;
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
        if (!(o instanceof OraclePriceSeries))
        {
            return false;
        }
        final OraclePriceSeries that = (OraclePriceSeries)o;
        return node.equals(that.node) &&
            Arrays.equals(startEpochSeconds, that.startEpochSeconds) &&
            Arrays.equals(intervalSeconds, that.intervalSeconds) &&
            Arrays.equals(microsPerKwh, that.microsPerKwh);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        int result = node.hashCode();
        result = 31 * result + Arrays.hashCode(startEpochSeconds);
        result = 31 * result + Arrays.hashCode(intervalSeconds);
        return 31 * result + Arrays.hashCode(microsPerKwh);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "OraclePriceSeries{node=" + node + ", intervals=" + size() + '}';
    }

    private static void validate(final String node, final long[] starts, final int[] seconds, final long[] prices)
    {
        if (null == node || node.isEmpty())
        {
            throw new IllegalArgumentException("node must be non-empty");
        }
        final int size = starts.length;
        if (seconds.length != size || prices.length != size)
        {
            throw new IllegalArgumentException("array lengths differ: starts=" + size + " seconds=" + seconds.length +
                " prices=" + prices.length);
        }
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
        }
    }
}
