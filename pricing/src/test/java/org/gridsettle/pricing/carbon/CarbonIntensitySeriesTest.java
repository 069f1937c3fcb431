package org.gridsettle.pricing.carbon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarbonIntensitySeriesTest
{
    private static final long T0 = 1_678_755_600L; // 2023-03-14T01:00Z

    // Intervals [T0, T0+1800), [T0+1800, T0+3600), gap, [T0+7200, T0+9000) where the middle one has no value.
    private final CarbonIntensitySeries series = CarbonIntensitySeries.of(
        "GB",
        new long[]{ T0, T0 + 1800, T0 + 7200 },
        new int[]{ 1800, 1800, 1800 },
        new long[]{ 81_000, CarbonIntensitySeries.MISSING, 73_000 },
        new byte[]{ IntensitySource.ACTUAL, IntensitySource.MISSING, IntensitySource.FORECAST });

    @Test
    void indexAtTreatsStartAsInclusiveAndEndAsExclusive()
    {
        assertThat(series.indexAt(T0 - 1)).isEqualTo(-1);
        assertThat(series.indexAt(T0)).isEqualTo(0);
        assertThat(series.indexAt(T0 + 1799)).isEqualTo(0);
        assertThat(series.indexAt(T0 + 1800)).isEqualTo(1);
        assertThat(series.indexAt(T0 + 3599)).isEqualTo(1);
        assertThat(series.indexAt(T0 + 3600)).isEqualTo(-1); // gap
        assertThat(series.indexAt(T0 + 7199)).isEqualTo(-1);
        assertThat(series.indexAt(T0 + 7200)).isEqualTo(2);
        assertThat(series.indexAt(T0 + 9000)).isEqualTo(-1); // after the end
        assertThat(series.indexAt(Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(series.indexAt(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void keepsMissingIntervalAsSentinelNotZero()
    {
        assertThat(series.isMissingAt(1)).isTrue();
        assertThat(series.mgPerKwhAt(1)).isEqualTo(CarbonIntensitySeries.MISSING).isNotZero();
        assertThat(series.sourceAt(2)).isEqualTo(IntensitySource.FORECAST);
        assertThat(series.endAt(2)).isEqualTo(T0 + 9000);
    }

    @Test
    void copiesInputArraysSoLaterWritesDoNotLeakIn()
    {
        final long[] values = { 1_000 };
        final CarbonIntensitySeries copy = CarbonIntensitySeries.of(
            "GB", new long[]{ T0 }, new int[]{ 60 }, values, new byte[]{ IntensitySource.MEASURED });
        values[0] = 2_000;
        assertThat(copy.mgPerKwhAt(0)).isEqualTo(1_000);
    }

    @Test
    void rejectsDuplicateUnsortedAndOverlappingIntervals()
    {
        assertThatThrownBy(() -> twoIntervals(T0, T0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval 1: start");
        assertThatThrownBy(() -> twoIntervals(T0, T0 - 1800))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval 1: start");
        assertThatThrownBy(() -> twoIntervals(T0, T0 + 1799))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("interval 1: start " + (T0 + 1799) + " is not at or after the end " + (T0 + 1800) +
                " of interval 0 (unsorted, duplicate or overlap)");
        assertThat(twoIntervals(T0, T0 + 1800).size()).isEqualTo(2);
    }

    @Test
    void rejectsValueThatDisagreesWithFlagAndNegativeValue()
    {
        assertThatThrownBy(() -> CarbonIntensitySeries.of(
            "GB", new long[]{ T0 }, new int[]{ 1800 }, new long[]{ 0 }, new byte[]{ IntensitySource.MISSING }))
            .hasMessage("interval 0: value 0 does not match flag MISSING");
        assertThatThrownBy(() -> CarbonIntensitySeries.of(
            "GB", new long[]{ T0 }, new int[]{ 1800 }, new long[]{ CarbonIntensitySeries.MISSING },
            new byte[]{ IntensitySource.ACTUAL }))
            .hasMessageContaining("does not match flag ACTUAL");
        assertThatThrownBy(() -> CarbonIntensitySeries.of(
            "GB", new long[]{ T0 }, new int[]{ 1800 }, new long[]{ -1 }, new byte[]{ IntensitySource.ACTUAL }))
            .hasMessage("interval 0: negative intensity -1");
        assertThatThrownBy(() -> CarbonIntensitySeries.of(
            "GB", new long[]{ T0 }, new int[]{ 0 }, new long[]{ 1 }, new byte[]{ IntensitySource.ACTUAL }))
            .hasMessage("interval 0: seconds must be positive: 0");
        assertThatThrownBy(() -> CarbonIntensitySeries.of(
            "GB", new long[]{ Long.MAX_VALUE - 10 }, new int[]{ 60 }, new long[]{ 1 },
            new byte[]{ IntensitySource.ACTUAL }))
            .hasMessageContaining("end overflows");
    }

    private static CarbonIntensitySeries twoIntervals(final long first, final long second)
    {
        return CarbonIntensitySeries.of(
            "GB",
            new long[]{ first, second },
            new int[]{ 1800, 1800 },
            new long[]{ 1, 2 },
            new byte[]{ IntensitySource.MEASURED, IntensitySource.MEASURED });
    }
}
