package org.gridsettle.pricing.carbon;

import java.util.Arrays;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.importer.IntervalOrderCheck;

/**
 * Collects the intervals of one region during an import and checks their order as they arrive, so that an unsorted,
 * duplicate or overlapping interval is reported at its own line or JSON path rather than as an index later.
 * <p>
 * Not thread-safe: one per region per import.
 */
final class CarbonSeriesBuilder
{
    private final String source;
    private final String region;
    private long[] starts = new long[64];
    private int[] seconds = new int[64];
    private long[] values = new long[64];
    private byte[] flags = new byte[64];
    private int size;
    private String previousLocation;

    CarbonSeriesBuilder(final String source, final String region)
    {
        this.source = source;
        this.region = region;
    }

    void add(
        final long startEpochSecond,
        final int intervalSeconds,
        final long mgPerKwh,
        final byte flag,
        final String location)
    {
        if (intervalSeconds <= 0)
        {
            throw new ImportException(source, location, "expected an interval of at least 1 second, found " +
                intervalSeconds + " seconds");
        }
        IntervalOrderCheck.checkEndFits(source, location, startEpochSecond, intervalSeconds);
        if (size > 0)
        {
            IntervalOrderCheck.checkAfter(source, location, starts[size - 1], seconds[size - 1], startEpochSecond,
                "region " + region + " at " + previousLocation);
        }
        if (size == starts.length)
        {
            final int capacity = (int)Math.min((long)size * 2, CarbonIntensitySeries.MAX_INTERVALS);
            starts = Arrays.copyOf(starts, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            values = Arrays.copyOf(values, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        starts[size] = startEpochSecond;
        seconds[size] = intervalSeconds;
        values[size] = mgPerKwh;
        flags[size] = flag;
        size++;
        previousLocation = location;
    }

    CarbonIntensitySeries build()
    {
        return new CarbonIntensitySeries(
            region,
            Arrays.copyOf(starts, size),
            Arrays.copyOf(seconds, size),
            Arrays.copyOf(values, size),
            Arrays.copyOf(flags, size));
    }
}
