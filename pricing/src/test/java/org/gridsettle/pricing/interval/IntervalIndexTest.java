package org.gridsettle.pricing.interval;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time axis both interval series (carbon intensity, oracle prices) stand on; their own tests cover only what they
 * add to it.
 */
class IntervalIndexTest
{
    private static final long T0 = 1_678_755_600L; // 2023-03-14T01:00Z

    // Intervals [T0, T0+1800), [T0+1800, T0+3600), gap, [T0+7200, T0+9000).
    private final IntervalIndex index = IntervalIndex.of(
        new long[]{ T0, T0 + 1800, T0 + 7200 }, new int[]{ 1800, 1800, 1800 }, null);

    @Test
    void indexAtTreatsStartAsInclusiveAndEndAsExclusive()
    {
        assertThat(index.indexAt(T0 - 1)).isEqualTo(-1);
        assertThat(index.indexAt(T0)).isEqualTo(0);
        assertThat(index.indexAt(T0 + 1799)).isEqualTo(0);
        assertThat(index.indexAt(T0 + 1800)).isEqualTo(1);
        assertThat(index.indexAt(T0 + 3599)).isEqualTo(1);
        assertThat(index.indexAt(T0 + 3600)).isEqualTo(-1); // gap
        assertThat(index.indexAt(T0 + 7199)).isEqualTo(-1);
        assertThat(index.indexAt(T0 + 7200)).isEqualTo(2);
        assertThat(index.indexAt(T0 + 9000)).isEqualTo(-1); // after the end
        assertThat(index.indexAt(Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(index.indexAt(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(index.endAt(2)).isEqualTo(T0 + 9000);
    }

    @Test
    void floorIndexKeepsTheIntervalBeforeAGapOrTheEnd()
    {
        assertThat(index.floorIndex(T0 - 1)).isEqualTo(-1);
        assertThat(index.floorIndex(T0 + 3600)).isEqualTo(1);
        assertThat(index.floorIndex(T0 + 7199)).isEqualTo(1);
        assertThat(index.floorIndex(Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void rejectsDuplicateUnsortedAndOverlappingIntervals()
    {
        for (final long second : new long[]{ T0, T0 - 1800, T0 + 1799 })
        {
            assertThatThrownBy(() -> twoIntervals(T0, second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval 1: start " + second + " is not at or after the end " + (T0 + 1800) +
                    " of interval 0 (unsorted, duplicate or overlap)");
        }
        assertThat(twoIntervals(T0, T0 + 1800).size()).isEqualTo(2);
    }

    @Test
    void rejectsNonPositiveLengthOverflowingEndAndLengthMismatch()
    {
        assertThatThrownBy(() -> IntervalIndex.of(new long[]{ T0 }, new int[]{ 0 }, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("interval 0: seconds must be positive: 0");
        assertThatThrownBy(() -> IntervalIndex.of(new long[]{ Long.MAX_VALUE - 10 }, new int[]{ 60 }, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("interval 0: end overflows: " + (Long.MAX_VALUE - 10));
        assertThatThrownBy(() -> IntervalIndex.of(new long[]{ T0 }, new int[]{ 60, 60 }, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("array lengths differ: starts=1 seconds=2");
    }

    /**
     * A series checks its value arrays in the callback. Interval i's end is checked against the start of i+1 before
     * the callback sees i, as the series did before they shared this class, so an overlap there is what is reported
     * even if interval i's value is bad too.
     */
    @Test
    void callsThePerIntervalCheckInOrderOnceTheIntervalAndItsEndAreChecked()
    {
        final List<Integer> seen = new ArrayList<>();
        IntervalIndex.of(new long[]{ T0, T0 + 60, T0 + 180 }, new int[]{ 60, 60, 60 }, seen::add);
        assertThat(seen).containsExactly(0, 1, 2);

        seen.clear();
        assertThatThrownBy(() -> IntervalIndex.of(
            new long[]{ T0, T0 + 60, T0 + 60 }, new int[]{ 60, 60, 60 }, seen::add))
            .hasMessageStartingWith("interval 2: start");
        assertThat(seen).containsExactly(0);
    }

    @Test
    void copiesInputArraysSoLaterWritesDoNotLeakIn()
    {
        final long[] starts = { T0 };
        final int[] seconds = { 60 };
        final IntervalIndex copy = IntervalIndex.of(starts, seconds, null);
        starts[0] = 0;
        seconds[0] = 1;
        assertThat(copy.startAt(0)).isEqualTo(T0);
        assertThat(copy.secondsAt(0)).isEqualTo(60);
        assertThat(copy).isEqualTo(IntervalIndex.of(new long[]{ T0 }, new int[]{ 60 }, null));
    }

    private static IntervalIndex twoIntervals(final long first, final long second)
    {
        return IntervalIndex.of(new long[]{ first, second }, new int[]{ 1800, 1800 }, null);
    }
}
