package org.gridsettle.pricing.carbon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarbonMissingIntensityPolicyTest
{
    private static final long T0 = 1_678_755_600L; // 2023-03-14T01:00Z
    private static final int HALF_HOUR = 1800;
    private static final long MISSING = CarbonIntensitySeries.MISSING;

    // Half-hours: 01:00 = 81 g, 01:30..03:00 published without a value (4 slots), 03:30 = 0 g (a real zero).
    private final CarbonIntensitySeries withMissingSlots = CarbonIntensitySeries.of(
        "GB",
        new long[]{ T0, T0 + HALF_HOUR, T0 + 2 * HALF_HOUR, T0 + 3 * HALF_HOUR, T0 + 4 * HALF_HOUR, T0 + 5 * HALF_HOUR },
        new int[]{ HALF_HOUR, HALF_HOUR, HALF_HOUR, HALF_HOUR, HALF_HOUR, HALF_HOUR },
        new long[]{ 81_000, MISSING, MISSING, MISSING, MISSING, 0 },
        new byte[]{ IntensitySource.ACTUAL, IntensitySource.MISSING, IntensitySource.MISSING,
            IntensitySource.MISSING, IntensitySource.MISSING, IntensitySource.ACTUAL });

    // Same shape but the missing half-hours are simply absent from the file, and the series ends at 02:00.
    private final CarbonIntensitySeries withGap = CarbonIntensitySeries.of(
        "GB",
        new long[]{ T0, T0 + 5 * HALF_HOUR },
        new int[]{ HALF_HOUR, HALF_HOUR },
        new long[]{ 81_000, 73_000 },
        new byte[]{ IntensitySource.ACTUAL, IntensitySource.ACTUAL });

    @Test
    void rejectReturnsSentinelForEveryMissingInstantAndValueOtherwise()
    {
        final MissingIntensityPolicy reject = MissingIntensityPolicy.reject();
        assertThat(reject.intensityAt(T0, withMissingSlots)).isEqualTo(81_000);
        assertThat(reject.intensityAt(T0 + HALF_HOUR, withMissingSlots)).isEqualTo(MISSING);
        assertThat(reject.intensityAt(T0 + HALF_HOUR, withGap)).isEqualTo(MISSING);
        assertThat(reject.intensityAt(T0 - 1, withMissingSlots)).isEqualTo(MISSING);
        assertThat(reject.intensityAt(T0 + 6 * HALF_HOUR, withMissingSlots)).isEqualTo(MISSING);
        assertThat(reject.resolveIndex(T0 + HALF_HOUR, withMissingSlots)).isEqualTo(-1);
    }

    @Test
    void realZeroIsAValueNotAMissingInstant()
    {
        assertThat(MissingIntensityPolicy.reject().intensityAt(T0 + 5 * HALF_HOUR, withMissingSlots)).isZero();
    }

    @Test
    void carryForwardServesExactlyNIntervalsAfterTheLastValueWithMissingSlots()
    {
        final MissingIntensityPolicy carry2 = MissingIntensityPolicy.carryForward(2);
        // Interval 1 and 2 after the value (01:30..02:29:59) are carried; interval 3 (02:30) is missing.
        assertThat(carry2.intensityAt(T0 + HALF_HOUR, withMissingSlots)).isEqualTo(81_000);
        assertThat(carry2.intensityAt(T0 + 3 * HALF_HOUR - 1, withMissingSlots)).isEqualTo(81_000);
        assertThat(carry2.resolveIndex(T0 + 3 * HALF_HOUR - 1, withMissingSlots)).isZero();
        assertThat(carry2.intensityAt(T0 + 3 * HALF_HOUR, withMissingSlots)).isEqualTo(MISSING);
        assertThat(carry2.intensityAt(T0 + 4 * HALF_HOUR, withMissingSlots)).isEqualTo(MISSING);
    }

    @Test
    void carryForwardCountsTheSameInAGapAsInMissingSlots()
    {
        final MissingIntensityPolicy carry2 = MissingIntensityPolicy.carryForward(2);
        assertThat(carry2.intensityAt(T0 + HALF_HOUR, withGap)).isEqualTo(81_000);
        assertThat(carry2.intensityAt(T0 + 3 * HALF_HOUR - 1, withGap)).isEqualTo(81_000);
        assertThat(carry2.intensityAt(T0 + 3 * HALF_HOUR, withGap)).isEqualTo(MISSING);
        assertThat(carry2.intensityAt(T0 + 5 * HALF_HOUR, withGap)).isEqualTo(73_000);
    }

    @Test
    void carryForwardPastTheEndOfTheSeriesIsBoundedToo()
    {
        final MissingIntensityPolicy carry1 = MissingIntensityPolicy.carryForward(1);
        final long end = T0 + 6 * HALF_HOUR;
        assertThat(carry1.intensityAt(end, withGap)).isEqualTo(73_000);
        assertThat(carry1.intensityAt(end + HALF_HOUR - 1, withGap)).isEqualTo(73_000);
        assertThat(carry1.intensityAt(end + HALF_HOUR, withGap)).isEqualTo(MISSING);
        assertThat(carry1.intensityAt(Long.MAX_VALUE, withGap)).isEqualTo(MISSING);
    }

    @Test
    void carryForwardNeverCarriesBackwardsBeforeTheFirstValue()
    {
        final CarbonIntensitySeries startsMissing = CarbonIntensitySeries.of(
            "GB", new long[]{ T0, T0 + HALF_HOUR }, new int[]{ HALF_HOUR, HALF_HOUR }, new long[]{ MISSING, 5 },
            new byte[]{ IntensitySource.MISSING, IntensitySource.MEASURED });
        final MissingIntensityPolicy carry = MissingIntensityPolicy.carryForward(10);
        assertThat(carry.intensityAt(T0, startsMissing)).isEqualTo(MISSING);
        assertThat(carry.intensityAt(T0 - 1, startsMissing)).isEqualTo(MISSING);
        assertThat(carry.intensityAt(Long.MIN_VALUE, startsMissing)).isEqualTo(MISSING);
    }

    @Test
    void mixedLengthsApplyTheStricterCountOfMissingIntervalsPassed()
    {
        // A half-hour value, then three one-minute intervals without one. By elapsed half-hours the third minute is
        // still within 2 intervals, but it is the third missing interval, so carry-forward(2) stops there.
        final CarbonIntensitySeries mixed = CarbonIntensitySeries.of(
            "GB",
            new long[]{ T0, T0 + HALF_HOUR, T0 + HALF_HOUR + 60, T0 + HALF_HOUR + 120 },
            new int[]{ HALF_HOUR, 60, 60, 60 },
            new long[]{ 81_000, MISSING, MISSING, MISSING },
            new byte[]{ IntensitySource.ACTUAL, IntensitySource.MISSING, IntensitySource.MISSING,
                IntensitySource.MISSING });
        final MissingIntensityPolicy carry2 = MissingIntensityPolicy.carryForward(2);
        assertThat(carry2.intensityAt(T0 + HALF_HOUR + 119, mixed)).isEqualTo(81_000);
        assertThat(carry2.intensityAt(T0 + HALF_HOUR + 120, mixed)).isEqualTo(MISSING);
    }

    @Test
    void carryForwardNeedsAtLeastOneInterval()
    {
        assertThatThrownBy(() -> MissingIntensityPolicy.carryForward(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use reject()");
        assertThat(MissingIntensityPolicy.carryForward(3).maxIntervals()).isEqualTo(3);
        assertThat(MissingIntensityPolicy.carryForward(3).mode()).isEqualTo(MissingIntensityPolicy.Mode.CARRY_FORWARD);
        assertThat(MissingIntensityPolicy.reject().mode()).isEqualTo(MissingIntensityPolicy.Mode.REJECT);
    }
}
