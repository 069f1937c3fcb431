package org.gridsettle.pricing.oracle;

import java.util.Arrays;

import org.gridsettle.pricing.interval.IntervalIndex;

/**
 * Oracle (wholesale market) price of one pricing node over time: non-overlapping intervals in strictly increasing
 * order, each with a price in micro-units of a token per MWh
 * (wholesale prices are quoted per MWh, often to 5 decimals: micro-units per MWh keep them exact). Prices may be negative, as locational marginal prices
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
    public static final int MAX_INTERVALS = IntervalIndex.MAX_INTERVALS;

    private final String node;
    private final IntervalIndex intervals;
    private final long[] microsPerMwh;

    /**
     * Builds a series from copies of the arrays.
     *
     * @param node              pricing node name, non-empty.
     * @param startEpochSeconds interval starts, strictly increasing.
     * @param intervalSeconds   interval lengths, positive; interval {@code i} must end at or before start {@code i+1}.
     * @param microsPerMwh      prices in micro-units per MWh, any sign.
     * @return the series.
     * @throws IllegalArgumentException if any of the above does not hold.
     */
    public static OraclePriceSeries of(
        final String node,
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final long[] microsPerMwh)
    {
        // IntervalIndex copies the starts and lengths itself.
        return new OraclePriceSeries(node, startEpochSeconds, intervalSeconds, microsPerMwh.clone());
    }

    /**
     * Takes ownership of the price array, which the caller must not touch again; starts and lengths are copied into
     * an {@link IntervalIndex}. For builders in this package only.
     */
    OraclePriceSeries(
        final String node,
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final long[] microsPerMwh)
    {
        this.intervals = validate(node, startEpochSeconds, intervalSeconds, microsPerMwh);
        this.node = node;
        this.microsPerMwh = microsPerMwh;
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
        return intervals.size();
    }

    /**
     * @param index interval index.
     * @return start of the interval, epoch seconds, inclusive.
     */
    public long startAt(final int index)
    {
        return intervals.startAt(index);
    }

    /**
     * @param index interval index.
     * @return length of the interval in seconds.
     */
    public int secondsAt(final int index)
    {
        return intervals.secondsAt(index);
    }

    /**
     * @param index interval index.
     * @return end of the interval, epoch seconds, exclusive.
     */
    public long endAt(final int index)
    {
        return intervals.endAt(index);
    }

    /**
     * @param index interval index.
     * @return price in micro-units of a token per MWh, may be negative.
     */
    public long microsPerMwhAt(final int index)
    {
        return microsPerMwh[index];
    }

    /**
     * Finds the interval containing an instant. Allocation-free.
     *
     * @param epochSecond the instant.
     * @return index of the interval with {@code start <= epochSecond < end}, or -1 if none (before, after or in a gap).
     */
    public int indexAt(final long epochSecond)
    {
        return intervals.indexAt(epochSecond);
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
            intervals.equals(that.intervals) &&
            Arrays.equals(microsPerMwh, that.microsPerMwh);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        // Same value as hashing node, starts and seconds in one 31-chain, as before IntervalIndex existed.
        final int result = 31 * 31 * node.hashCode() + intervals.hashCode();
        return 31 * result + Arrays.hashCode(microsPerMwh);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "OraclePriceSeries{node=" + node + ", intervals=" + size() + '}';
    }

    private static IntervalIndex validate(
        final String node,
        final long[] starts,
        final int[] seconds,
        final long[] prices)
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
        return IntervalIndex.of(starts, seconds, null);
    }
}
