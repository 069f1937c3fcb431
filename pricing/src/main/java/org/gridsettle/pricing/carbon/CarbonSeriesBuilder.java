package org.gridsettle.pricing.carbon;

import java.util.Arrays;

import org.gridsettle.pricing.importer.IntervalSeriesRows;

/**
 * Collects the intervals of one region during an import of the UK Carbon Intensity JSON, where each interval has its
 * own {@link IntensitySource} flag: {@link IntervalSeriesRows} checks and keeps the intervals and values, this keeps
 * the flags beside them.
 * <p>
 * Not thread-safe: one per region per import.
 */
final class CarbonSeriesBuilder
{
    private final String region;
    private final IntervalSeriesRows rows;
    private byte[] flags = new byte[64];

    CarbonSeriesBuilder(final String source, final String region)
    {
        this.region = region;
        this.rows = new IntervalSeriesRows(source, "region " + region);
    }

    void add(
        final long startEpochSecond,
        final int intervalSeconds,
        final long mgPerKwh,
        final byte flag,
        final String location)
    {
        final int index = rows.add(startEpochSecond, intervalSeconds, mgPerKwh, location);
        if (index == flags.length)
        {
            // a byte per interval: doubling past the row cap costs little, and build() trims it
            flags = Arrays.copyOf(flags, 2 * index);
        }
        flags[index] = flag;
    }

    CarbonIntensitySeries build()
    {
        return new CarbonIntensitySeries(
            region, rows.starts(), rows.seconds(), rows.values(), Arrays.copyOf(flags, rows.size()));
    }
}
