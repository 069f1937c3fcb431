package org.gridsettle.pricing.interval;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the binary searches of {@link IntervalIndex}, which both interval series use for their lookups, against
 * linear scans that follow the documented definitions literally.
 */
class IntervalIndexPropertyTest
{
    @Property(tries = 500)
    void lookupsAgreeWithLinearScans(
        @ForAll @LongRange(min = -2_000_000_000_000L, max = 2_000_000_000_000L) final long firstStart,
        @ForAll @Size(max = 40) final List<@IntRange(min = 0, max = 50) Integer> gaps,
        @ForAll @Size(max = 40) final List<@IntRange(min = 1, max = 50) Integer> lengths,
        @ForAll @Size(min = 1, max = 30) final List<@IntRange(min = -100, max = 2_500) Integer> probes)
    {
        final int size = Math.min(gaps.size(), lengths.size());
        final long[] starts = new long[size];
        final int[] seconds = new int[size];
        long next = firstStart;
        for (int i = 0; i < size; i++)
        {
            next += gaps.get(i);
            starts[i] = next;
            seconds[i] = lengths.get(i);
            next += lengths.get(i);
        }
        final IntervalIndex index = IntervalIndex.of(starts, seconds, null);
        for (final int probe : probes)
        {
            final long instant = firstStart + probe;
            int containing = -1;
            int floor = -1;
            for (int i = 0; i < size; i++)
            {
                if (starts[i] <= instant)
                {
                    floor = i;
                    if (instant < starts[i] + seconds[i])
                    {
                        containing = i;
                    }
                }
            }
            assertThat(index.indexAt(instant)).as("indexAt %d", instant).isEqualTo(containing);
            assertThat(index.floorIndex(instant)).as("floorIndex %d", instant).isEqualTo(floor);
        }
    }
}
