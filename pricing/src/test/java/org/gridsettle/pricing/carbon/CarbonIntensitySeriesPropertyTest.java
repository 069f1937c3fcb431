package org.gridsettle.pricing.carbon;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the carry-forward search of {@link MissingIntensityPolicy} against a linear scan that follows the documented
 * definition literally. The series' own lookups are {@code IntervalIndexPropertyTest}'s.
 */
class CarbonIntensitySeriesPropertyTest
{
    @Property(tries = 500)
    void carryForwardAgreesWithItsDefinitionOnOneIntervalLength(
        @ForAll @IntRange(min = 1, max = 3_600) final int length,
        @ForAll @Size(max = 30) final List<@IntRange(min = 0, max = 3) Integer> gapsInIntervals,
        @ForAll @Size(max = 30) final List<Boolean> missing,
        @ForAll @IntRange(min = 1, max = 4) final int maxIntervals,
        @ForAll @Size(min = 1, max = 30) final List<@IntRange(min = -2, max = 200) Integer> probesInIntervals)
    {
        final long firstStart = 1_678_755_600L;
        final CarbonIntensitySeries series = build(firstStart, gapsInIntervals, length, missing);
        final MissingIntensityPolicy policy = MissingIntensityPolicy.carryForward(maxIntervals);
        for (final int probe : probesInIntervals)
        {
            // Probe at the start, middle and last second of each interval-sized slot.
            for (final long offset : new long[]{ 0, length / 2, length - 1 })
            {
                final long instant = firstStart + (long)probe * length + offset;
                final int expected = scanCarryForward(series, instant, maxIntervals);
                assertThat(policy.resolveIndex(instant, series)).as("instant %d", instant).isEqualTo(expected);
                assertThat(MissingIntensityPolicy.reject().resolveIndex(instant, series))
                    .isEqualTo(scanCarryForward(series, instant, 0));
            }
        }
    }

    /**
     * Builds a series of intervals of one length, with gaps counted in whole intervals.
     */
    private static CarbonIntensitySeries build(
        final long firstStart,
        final List<Integer> gaps,
        final int length,
        final List<Boolean> missing)
    {
        final int size = gaps.size();
        final long[] starts = new long[size];
        final int[] seconds = new int[size];
        final long[] values = new long[size];
        final byte[] flags = new byte[size];
        long next = firstStart;
        for (int i = 0; i < size; i++)
        {
            next += (long)gaps.get(i) * length;
            starts[i] = next;
            seconds[i] = length;
            final boolean isMissing = missing != null && i < missing.size() && missing.get(i);
            values[i] = isMissing ? CarbonIntensitySeries.MISSING : 1_000L * (i + 1);
            flags[i] = isMissing ? IntensitySource.MISSING : IntensitySource.ACTUAL;
            next += length;
        }
        return CarbonIntensitySeries.of("P", starts, seconds, values, flags);
    }

    /**
     * The last interval with a value that starts at or before the instant serves it if it contains the instant or
     * if the instant falls within maxIntervals interval lengths after its end.
     */
    private static int scanCarryForward(final CarbonIntensitySeries series, final long instant, final int maxIntervals)
    {
        int last = -1;
        for (int i = 0; i < series.size(); i++)
        {
            if (!series.isMissingAt(i) && series.startAt(i) <= instant)
            {
                last = i;
            }
        }
        if (last < 0)
        {
            return -1;
        }
        if (instant < series.endAt(last))
        {
            return last;
        }
        final long intervalsAfter = (instant - series.endAt(last)) / series.secondsAt(last) + 1;
        return intervalsAfter <= maxIntervals ? last : -1;
    }
}
