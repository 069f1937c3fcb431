package org.gridsettle.pricing.oracle;

import java.util.Arrays;

import org.gridsettle.pricing.interval.IntervalIndex;
import org.gridsettle.pricing.interval.IntervalSeries;

/**
 * Oracle (wholesale market) price of one pricing node over time: non-overlapping intervals in strictly increasing
 * order, each with a price in micro-units of a token per MWh
 * (wholesale prices are quoted per MWh, often to 5 decimals: micro-units per MWh keep them exact). Prices may be negative, as locational marginal prices
 * are when generation has to be paid to turn down.
 * <p>
 * The time axis and its allocation-free lookups ({@link #indexAt(long)}) are the shared {@link IntervalSeries}; the
 * prices are a primitive array beside it. Gaps between intervals are allowed; an instant in a gap has no price.
 * <p>
 * Immutable: arrays are copied in and never handed out. Safe to share between threads.
 */
public final class OraclePriceSeries extends IntervalSeries
{
    /**
     * Most intervals a series may hold: ten million, about 95 years of 5-minute prices and about 120 MB of arrays. It
     * bounds the memory a hostile or broken file can make an importer allocate.
     */
    public static final int MAX_INTERVALS = IntervalIndex.MAX_INTERVALS;

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
        super(node, validate(node, startEpochSeconds, intervalSeconds, microsPerMwh));
        this.microsPerMwh = microsPerMwh;
    }

    /**
     * @return pricing node name.
     */
    public String node()
    {
        return name();
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
        return sameNameAndIntervals(that) &&
            Arrays.equals(microsPerMwh, that.microsPerMwh);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * nameAndIntervalsHash() + Arrays.hashCode(microsPerMwh);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "OraclePriceSeries{node=" + name() + ", intervals=" + size() + '}';
    }

    private static IntervalIndex validate(
        final String node,
        final long[] starts,
        final int[] seconds,
        final long[] prices)
    {
        requireName("node", node);
        final int size = starts.length;
        if (seconds.length != size || prices.length != size)
        {
            throw new IllegalArgumentException("array lengths differ: starts=" + size + " seconds=" + seconds.length +
                " prices=" + prices.length);
        }
        return IntervalIndex.of(starts, seconds, null);
    }
}
