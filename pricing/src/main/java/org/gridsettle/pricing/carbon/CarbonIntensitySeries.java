package org.gridsettle.pricing.carbon;

import java.util.Arrays;

import org.gridsettle.pricing.interval.IntervalIndex;
import org.gridsettle.pricing.interval.IntervalSeries;

/**
 * Grid carbon intensity of one region over time: non-overlapping intervals in strictly increasing order, each with a
 * value in milligrams of CO2 per kWh and a {@link IntensitySource} flag.
 * <p>
 * The time axis and its allocation-free lookups ({@link #indexAt(long)}, {@link #floorIndex(long)}) are the shared
 * {@link IntervalSeries}; the values are parallel primitive arrays beside it. An interval published without a value
 * is kept (flag {@link IntensitySource#MISSING}, value {@link #MISSING}) rather than dropped, so the journal shows that
 * the publisher had no figure, and never shows a zero that nobody measured. Gaps between intervals are allowed. What
 * to do at a missing instant is a {@link MissingIntensityPolicy}.
 * <p>
 * Immutable: arrays are copied in and never handed out. Safe to share between threads.
 */
public final class CarbonIntensitySeries extends IntervalSeries
{
    /** Sentinel for "no value". Long.MIN_VALUE so that arithmetic on it by mistake overflows loudly, not quietly. */
    public static final long MISSING = Long.MIN_VALUE;
    /**
     * Most intervals a series may hold: ten million, about 570 years of half-hours and about 210 MB of arrays. It
     * bounds the memory a hostile or broken file can make an importer allocate.
     */
    public static final int MAX_INTERVALS = IntervalIndex.MAX_INTERVALS;

    private final long[] mgPerKwh;
    private final byte[] sources;

    /**
     * Builds a series from copies of the arrays.
     *
     * @param region            region name, non-empty.
     * @param startEpochSeconds interval starts, strictly increasing.
     * @param intervalSeconds   interval lengths, positive; interval {@code i} must end at or before start {@code i+1}.
     * @param mgPerKwh          values, non-negative, or {@link #MISSING} exactly where the flag is MISSING.
     * @param sources           {@link IntensitySource} flags.
     * @return the series.
     * @throws IllegalArgumentException if any of the above does not hold.
     */
    public static CarbonIntensitySeries of(
        final String region,
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final long[] mgPerKwh,
        final byte[] sources)
    {
        // IntervalIndex copies the starts and lengths itself.
        return new CarbonIntensitySeries(region, startEpochSeconds, intervalSeconds, mgPerKwh.clone(), sources.clone());
    }

    /**
     * Takes ownership of the value and flag arrays, which the caller must not touch again; starts and lengths are
     * copied into an {@link IntervalIndex}. For builders in this package only.
     */
    CarbonIntensitySeries(
        final String region,
        final long[] startEpochSeconds,
        final int[] intervalSeconds,
        final long[] mgPerKwh,
        final byte[] sources)
    {
        super(region, validate(region, startEpochSeconds, intervalSeconds, mgPerKwh, sources));
        this.mgPerKwh = mgPerKwh;
        this.sources = sources;
    }

    /**
     * @return region name.
     */
    public String region()
    {
        return name();
    }

    /**
     * @param index interval index.
     * @return intensity in mg CO2 per kWh, or {@link #MISSING}.
     */
    public long mgPerKwhAt(final int index)
    {
        return mgPerKwh[index];
    }

    /**
     * @param index interval index.
     * @return the {@link IntensitySource} flag of the value.
     */
    public byte sourceAt(final int index)
    {
        return sources[index];
    }

    /**
     * @param index interval index.
     * @return true if the interval was published without a value.
     */
    public boolean isMissingAt(final int index)
    {
        return sources[index] == IntensitySource.MISSING;
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
        if (!(o instanceof CarbonIntensitySeries))
        {
            return false;
        }
        final CarbonIntensitySeries that = (CarbonIntensitySeries)o;
        return sameNameAndIntervals(that) &&
            Arrays.equals(mgPerKwh, that.mgPerKwh) &&
            Arrays.equals(sources, that.sources);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        int result = nameAndIntervalsHash();
        result = 31 * result + Arrays.hashCode(mgPerKwh);
        return 31 * result + Arrays.hashCode(sources);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "CarbonIntensitySeries{region=" + name() + ", intervals=" + size() + '}';
    }

    private static IntervalIndex validate(
        final String region,
        final long[] starts,
        final int[] seconds,
        final long[] values,
        final byte[] sources)
    {
        requireName("region", region);
        final int size = starts.length;
        if (seconds.length != size || values.length != size || sources.length != size)
        {
            throw new IllegalArgumentException("array lengths differ: starts=" + size + " seconds=" + seconds.length +
                " values=" + values.length + " sources=" + sources.length);
        }
        return IntervalIndex.of(starts, seconds, (i) -> validateValue(i, values[i], sources[i]));
    }

    private static void validateValue(final int i, final long value, final byte source)
    {
        if (!IntensitySource.isValid(source))
        {
            throw new IllegalArgumentException("interval " + i + ": unknown source flag " + source);
        }
        if ((source == IntensitySource.MISSING) != (value == MISSING))
        {
            throw new IllegalArgumentException("interval " + i + ": value " + value + " does not match flag " +
                IntensitySource.name(source));
        }
        if (value != MISSING && value < 0)
        {
            throw new IllegalArgumentException("interval " + i + ": negative intensity " + value);
        }
    }
}
