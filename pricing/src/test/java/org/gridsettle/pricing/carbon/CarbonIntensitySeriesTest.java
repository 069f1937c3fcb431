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
    void keepsMissingIntervalAsSentinelNotZero()
    {
        // the lookup finds an interval published without a value; what to do about it is the policy's business
        assertThat(series.indexAt(T0 + 1800)).isEqualTo(1);
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
    }
}
