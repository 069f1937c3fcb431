package org.gridsettle.pricing.oracle;

import java.util.Arrays;

import org.gridsettle.pricing.importer.IntervalOrderCheck;

/**
 * Collects the intervals of one pricing node during an import and checks their order as they arrive, so that an
 * unsorted, duplicate or overlapping interval is reported at its own line rather than as an index later.
 * <p>
 * Not thread-safe: one per node per import.
 */
final class OraclePriceSeriesBuilder
{
    private final String source;
    private final String node;
    private long[] starts = new long[64];
    private int[] seconds = new int[64];
    private long[] prices = new long[64];
    private int size;
    private String previousLocation;

    OraclePriceSeriesBuilder(final String source, final String node)
    {
        this.source = source;
        this.node = node;
    }

    void add(final long startEpochSecond, final int intervalSeconds, final long microsPerMwh, final String location)
    {
        IntervalOrderCheck.checkEndFits(source, location, startEpochSecond, intervalSeconds);
        if (size > 0)
        {
            IntervalOrderCheck.checkAfter(source, location, starts[size - 1], seconds[size - 1], startEpochSecond,
                "node " + node + " at " + previousLocation);
        }
        if (size == starts.length)
        {
            final int capacity = (int)Math.min((long)size * 2, OraclePriceSeries.MAX_INTERVALS);
            starts = Arrays.copyOf(starts, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            prices = Arrays.copyOf(prices, capacity);
        }
        starts[size] = startEpochSecond;
        seconds[size] = intervalSeconds;
        prices[size] = microsPerMwh;
        size++;
        previousLocation = location;
    }

    OraclePriceSeries build()
    {
        return new OraclePriceSeries(node, Arrays.copyOf(starts, size), Arrays.copyOf(seconds, size),
            Arrays.copyOf(prices, size));
    }
}
