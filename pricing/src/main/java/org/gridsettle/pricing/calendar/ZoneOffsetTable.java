package org.gridsettle.pricing.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * A time zone's UTC offsets flattened into sorted primitive arrays, so that converting an instant to local time on
 * the hot path is a binary search with no allocation.
 * <p>
 * Built once per tariff from the JDK's {@link ZoneRules}, covering {@link #FIRST_YEAR} to {@link #LAST_YEAR}; an
 * instant outside that range throws rather than guessing. Because the table comes from the tz database of the JDK that
 * builds it, the cross-JDK determinism check (JDK 17 vs 25) also guards against tz data drift for the dates in a
 * journal.
 * <p>
 * Immutable after construction and safe to share between threads.
 */
public final class ZoneOffsetTable
{
    /** First year covered. */
    public static final int FIRST_YEAR = 1990;
    /** Last year covered. */
    public static final int LAST_YEAR = 2100;

    private static final long FIRST_EPOCH_SECOND = CivilCalendar.epochDay(FIRST_YEAR, 1, 1) * 86_400L - 86_400L;
    private static final long END_EPOCH_SECOND = CivilCalendar.epochDay(LAST_YEAR + 1, 1, 1) * 86_400L + 86_400L;
    private static final long MAX_OFFSET_SECONDS = 18 * 3_600L;

    private final ZoneId zone;
    private final long[] transitionEpochSeconds;
    private final int[] offsetSecondsFrom;

    /**
     * @param zone the tariff's zone.
     */
    public ZoneOffsetTable(final ZoneId zone)
    {
        this.zone = zone;
        final ZoneRules rules = zone.getRules();
        long[] starts = new long[16];
        int[] offsets = new int[16];
        int count = 0;
        starts[count] = Long.MIN_VALUE;
        offsets[count++] = rules.getOffset(Instant.ofEpochSecond(FIRST_EPOCH_SECOND)).getTotalSeconds();
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FIRST_EPOCH_SECOND));
        while (t != null && t.toEpochSecond() < END_EPOCH_SECOND)
        {
            if (count == starts.length)
            {
                starts = Arrays.copyOf(starts, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            starts[count] = t.toEpochSecond();
            offsets[count++] = t.getOffsetAfter().getTotalSeconds();
            t = rules.nextTransition(t.getInstant());
        }
        transitionEpochSeconds = Arrays.copyOf(starts, count);
        offsetSecondsFrom = Arrays.copyOf(offsets, count);
    }

    /**
     * @return the zone this table was built from.
     */
    public ZoneId zone()
    {
        return zone;
    }

    /**
     * @param epochSecond an instant.
     * @return true if {@link #offsetSeconds} answers for it rather than throwing.
     */
    public boolean covers(final long epochSecond)
    {
        return inCoveredYears(epochSecond);
    }

    /**
     * The same range for every zone's table, for a value priced by instant whatever the zone (a carbon intensity, an
     * oracle price): one outside it can never price a tick.
     *
     * @param epochSecond an instant.
     * @return true if every table answers for it: the years {@link #FIRST_YEAR} to {@link #LAST_YEAR} and a day either
     *     side.
     */
    public static boolean inCoveredYears(final long epochSecond)
    {
        return epochSecond >= FIRST_EPOCH_SECOND && epochSecond < END_EPOCH_SECOND;
    }

    /**
     * @param epochDay a local date, days since 1970-01-01.
     * @return true if {@link #startOfLocalDay} answers for it rather than throwing: every instant that can show its
     *     local midnight is covered. The local dates of the covered years are, and a day or so either side of them.
     */
    public boolean coversLocalDay(final long epochDay)
    {
        // the first and last covered local days are some 10^4 days from the epoch: a day further than the covered
        // seconds' range in days cannot be covered, and is answered before it could overflow a long of seconds
        if (epochDay < FIRST_EPOCH_SECOND / 86_400L - 1 || epochDay > END_EPOCH_SECOND / 86_400L + 1)
        {
            return false;
        }
        final long local = epochDay * 86_400L;
        return covers(local - MAX_OFFSET_SECONDS) && covers(local + MAX_OFFSET_SECONDS);
    }

    /**
     * @param epochSecond an instant.
     * @return the zone's offset from UTC in seconds at that instant.
     * @throws IllegalArgumentException outside the covered years.
     */
    public int offsetSeconds(final long epochSecond)
    {
        if (!covers(epochSecond))
        {
            throw new IllegalArgumentException("instant outside " + FIRST_YEAR + ".." + LAST_YEAR + ": " + epochSecond);
        }
        final long[] starts = transitionEpochSeconds;
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= epochSecond)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return offsetSecondsFrom[lo];
    }

    /**
     * @param epochSecond an instant the table covers ({@link #covers}).
     * @return the first instant after it at which the offset changes, or {@link Long#MAX_VALUE} if none in the table.
     *         Allocation-free: a binary search.
     */
    public long nextTransitionAfter(final long epochSecond)
    {
        final long[] starts = transitionEpochSeconds;
        int lo = 0;
        int hi = starts.length;
        // the first index whose start is after the instant
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (starts[mid] <= epochSecond)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo == starts.length ? Long.MAX_VALUE : starts[lo];
    }

    /**
     * @param epochSecond an instant.
     * @return the local wall-clock time as seconds since the local epoch (1970-01-01T00:00 local).
     */
    public long localEpochSecond(final long epochSecond)
    {
        return epochSecond + offsetSeconds(epochSecond);
    }

    /**
     * Whether some instant shows a local time: false only inside a daylight-saving gap (02:30 on a spring-forward
     * day in most of the US). Allocation-free.
     *
     * @param local local wall-clock seconds since 1970-01-01T00:00, of a day the table covers
     *              ({@link #coversLocalDay}).
     * @return true if the local time occurs, once or twice.
     */
    public boolean occurs(final long local)
    {
        // as in startOfLocalDay: the offsets 18 h either side are those before and after any transition that can
        // affect this local time
        final int before = offsetSeconds(local - MAX_OFFSET_SECONDS);
        final int after = offsetSeconds(local + MAX_OFFSET_SECONDS);
        return offsetSeconds(local - before) == before || offsetSeconds(local - after) == after;
    }

    /**
     * Converts a local midnight to the instant it occurs, the earlier one if the zone repeats it. If the zone skips
     * local midnight (a DST gap starting at 00:00), the result is the end of the gap, the first instant of the day,
     * as {@link java.time.LocalDate#atStartOfDay(ZoneId)} does.
     *
     * @param epochDay local date as days since 1970-01-01.
     * @return the UTC epoch second of that local midnight.
     * @throws IllegalArgumentException for a day the table does not cover ({@link #coversLocalDay}).
     */
    public long startOfLocalDay(final long epochDay)
    {
        final long local = epochDay * 86_400L;
        // Every instant showing this local time lies within +-18 h of it, so the offsets at the two ends of that
        // window are the offsets before and after any (single) transition that can affect it.
        final int before = offsetSeconds(local - MAX_OFFSET_SECONDS);
        final int after = offsetSeconds(local + MAX_OFFSET_SECONDS);
        if (offsetSeconds(local - before) == before)
        {
            return local - before; // valid with the earlier offset: the only or the earlier occurrence
        }
        if (offsetSeconds(local - after) == after)
        {
            return local - after;
        }
        return local - before; // in a gap: the instant the gap ends
    }

    @Override
    public String toString()
    {
        return "ZoneOffsetTable{" + zone + ", transitions=" + transitionEpochSeconds.length + ", at 2000=" +
            ZoneOffset.ofTotalSeconds(offsetSeconds(946_684_800L)) + '}';
    }
}
