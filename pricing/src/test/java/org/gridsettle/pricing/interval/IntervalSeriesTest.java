package org.gridsettle.pricing.interval;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the carbon and oracle series inherit: lookups on their time axis, the name check, and the equality and hash
 * parts their own {@code equals} and {@code hashCode} build on.
 */
class IntervalSeriesTest
{
    private static final long T0 = 1_678_755_600L; // 2023-03-14T01:00Z

    @Test
    void looksUpOnItsIntervals()
    {
        final Named series = named("N", T0, T0 + 900);

        assertThat(series.size()).isEqualTo(2);
        assertThat(series.startAt(1)).isEqualTo(T0 + 900);
        assertThat(series.secondsAt(1)).isEqualTo(900);
        assertThat(series.endAt(1)).isEqualTo(T0 + 1800);
        assertThat(series.indexAt(T0 + 899)).isEqualTo(0);
        assertThat(series.indexAt(T0 + 1800)).isEqualTo(-1);
        assertThat(series.floorIndex(T0 + 1800)).isEqualTo(1);
    }

    @Test
    void comparesAndHashesNameAndIntervalsAsTheSeriesDidThemselves()
    {
        final Named series = named("N", T0, T0 + 900);

        assertThat(series.sameNameAndIntervals(named("N", T0, T0 + 900))).isTrue();
        assertThat(series.sameNameAndIntervals(named("M", T0, T0 + 900))).isFalse();
        assertThat(series.sameNameAndIntervals(named("N", T0, T0 + 1800))).isFalse();
        // the hash a series had when it chained name, starts and seconds itself, so that moving it here changed no
        // series' hashCode
        int chained = "N".hashCode();
        chained = 31 * chained + Arrays.hashCode(new long[]{ T0, T0 + 900 });
        chained = 31 * chained + Arrays.hashCode(new int[]{ 900, 900 });
        assertThat(series.nameAndIntervalsHash()).isEqualTo(chained);
    }

    @Test
    void refusesAMissingName()
    {
        assertThatThrownBy(() -> IntervalSeries.requireName("node", ""))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("node must be non-empty");
        assertThatThrownBy(() -> IntervalSeries.requireName("region", null))
            .hasMessage("region must be non-empty");
    }

    private static Named named(final String name, final long... starts)
    {
        final int[] seconds = new int[starts.length];
        Arrays.fill(seconds, 900);
        return new Named(name, IntervalIndex.of(starts, seconds, null));
    }

    private static final class Named extends IntervalSeries
    {
        Named(final String name, final IntervalIndex intervals)
        {
            super(name, intervals);
        }
    }
}
