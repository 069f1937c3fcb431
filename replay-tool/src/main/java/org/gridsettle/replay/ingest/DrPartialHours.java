package org.gridsettle.replay.ingest;

import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Words a warning for each hour a DR settlement reads that a DR meter's readings cover only in part: an event hour,
 * or with the day-of adjustment an hour of its window on the event day. The engine takes an hour that the main
 * channel's readings starting in it do not cover whole as unread, as one with no reading, and pays the meter nothing
 * for the event (ACTUAL_MISSING): one missing 15-minute reading costs the customer the whole event's credit, which a
 * customer or the program's operator should hear of while the readings can still be sent; and when they cannot (the
 * run holds as many later readings of the meter as the engine's correction window, which then refuses a late one as
 * OUTSIDE_CORRECTION_WINDOW), the warning says so instead of asking for them. Readings starting in an
 * hour that cover more than it (one longer than the hour, or both occurrences of a fall-back day's repeated hour in
 * an adjustment window) are warned of too: the engine takes that hour as unread, as it holds more than the hour's
 * load. An hour with no reading at all is not warned about: that is the documented rule.
 * <p>
 * Stateless; safe from any thread.
 */
final class DrPartialHours
{
    private static final int HOUR_SECONDS = 3_600;
    /** The day-of adjustment window: local hours first - 4 .. first - 2 of the event day (TenInTenBaseline). */
    private static final int WINDOW_FIRST = 4;
    private static final int WINDOW_LAST = 2;

    private DrPartialHours()
    {
    }

    /**
     * @param readings   the run's readings.
     * @param enrolments the meters; those in demand response are checked.
     * @param events     the DR events the run publishes.
     * @param adjusted   true when the baseline has the day-of adjustment, whose window is checked too.
     * @param zone       the tariff's zone.
     * @return one line per DR meter and partly covered hour, by event and hour.
     */
    static List<String> of(
        final ReadingBuffer readings, final List<Enrolment> enrolments, final List<DrEventFiles.Mapped> events,
        final boolean adjusted, final ZoneId zone)
    {
        final Map<Long, String> drMeters = new HashMap<>();
        enrolments.stream().filter((e) -> (e.programs() & MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE) != 0)
            .forEach((e) -> drMeters.put(e.meterId(), e.usageMeterId()));
        // hour start -> what the settlement reads it as, in event order (an hour both events read keeps the first)
        final TreeMap<Long, String> hours = new TreeMap<>();
        // the second occurrence of a fall-back day's repeated hour -> the first: the engine keys hours by the local
        // clock, so both occurrences' readings are one hour's, 7,200 s of them, and that hour is unread
        final Map<Long, Long> firstOccurrence = new HashMap<>();
        for (final DrEventFiles.Mapped e : events)
        {
            final String name = DisplayText.quote(e.event().eventId());
            for (long at = e.start(); at < e.end(); at += HOUR_SECONDS)
            {
                hours.putIfAbsent(at, "an event hour of " + name);
            }
            if (adjusted)
            {
                final ZonedDateTime first = Instant.ofEpochSecond(e.start()).atZone(zone);
                final LocalDate day = first.toLocalDate();
                for (int h = first.getHour() - WINDOW_FIRST; h <= first.getHour() - WINDOW_LAST; h++)
                {
                    if (h >= 0)
                    {
                        final ZonedDateTime earlier = day.atTime(h, 0).atZone(zone);
                        hours.putIfAbsent(earlier.toEpochSecond(), "in the day-of adjustment window of " + name);
                        final long later = earlier.withLaterOffsetAtOverlap().toEpochSecond();
                        if (later != earlier.toEpochSecond())
                        {
                            hours.putIfAbsent(later, "in the day-of adjustment window of " + name);
                            firstOccurrence.put(later, earlier.toEpochSecond());
                        }
                    }
                }
            }
        }
        if (hours.isEmpty() || drMeters.isEmpty())
        {
            return List.of();
        }
        // (hour start, meter) -> seconds its readings starting in the hour cover
        final TreeMap<Long, TreeMap<Long, Long>> covered = new TreeMap<>();
        for (int i = 0; i < readings.size(); i++)
        {
            final Long hour = hours.floorKey(readings.start(i));
            if (hour != null && readings.start(i) < hour + HOUR_SECONDS && readings.channel(i) == 0 &&
                drMeters.containsKey(readings.meter(i)))
            {
                covered.computeIfAbsent(firstOccurrence.getOrDefault(hour, hour), (k) -> new TreeMap<>())
                    .merge(readings.meter(i), (long)readings.seconds(i), Long::sum);
            }
        }
        final Map<Long, long[]> startsOfPartial = startsOf(readings, covered);
        final List<String> lines = new ArrayList<>();
        covered.forEach((hour, byMeter) -> byMeter.forEach((meter, seconds) ->
        {
            if (seconds < HOUR_SECONDS)
            {
                final long later = startingFrom(startsOfPartial.get(meter), hour + HOUR_SECONDS);
                lines.add("DR meter " + drMeters.get(meter) + "'s readings cover " + String.format("%,d", seconds) +
                    " of the 3,600 s of the hour from " + Instant.ofEpochSecond(hour).atZone(zone) + ", " +
                    hours.get(hour) + ": the engine takes an hour its readings do not cover whole as unread, so the " +
                    "meter is paid nothing for the event; " + (later < TickWindow.DEFAULT_SLOTS ?
                    "send the missing readings before the event's day ends" :
                    "the missing readings can no longer be sent: the engine takes a late reading only while it is " +
                    "among the last " + TickWindow.DEFAULT_SLOTS + " intervals it keeps for the meter " +
                    "(OUTSIDE_CORRECTION_WINDOW), and this run has " + String.format("%,d", later) + " later ones"));
            }
            else if (seconds > HOUR_SECONDS)
            {
                lines.add("DR meter " + drMeters.get(meter) + "'s readings starting in the hour from " +
                    Instant.ofEpochSecond(hour).atZone(zone) + ", " + hours.get(hour) + ", cover " +
                    String.format("%,d", seconds) + " s, more than its 3,600: the engine takes an hour whose " +
                    "readings hold more than its own load as unread, so the meter is paid nothing for the event");
            }
        }));
        return lines;
    }

    /**
     * The start of every reading, any channel, of each meter with an hour its readings cover only in part, sorted: read
     * in one pass over the run, as a pass per warning made a large fleet's ingest quadratic.
     */
    private static Map<Long, long[]> startsOf(
        final ReadingBuffer readings, final TreeMap<Long, TreeMap<Long, Long>> covered)
    {
        final Map<Long, Integer> counts = new HashMap<>();
        covered.values().forEach((byMeter) -> byMeter.forEach((meter, seconds) ->
        {
            if (seconds < HOUR_SECONDS)
            {
                counts.put(meter, 0);
            }
        }));
        for (int i = 0; i < readings.size(); i++)
        {
            counts.computeIfPresent(readings.meter(i), (meter, n) -> n + 1);
        }
        final Map<Long, long[]> starts = new HashMap<>();
        counts.forEach((meter, n) -> starts.put(meter, new long[n]));
        final Map<Long, Integer> filled = new HashMap<>();
        for (int i = 0; i < readings.size(); i++)
        {
            final long[] of = starts.get(readings.meter(i));
            if (of != null)
            {
                of[filled.merge(readings.meter(i), 1, Integer::sum) - 1] = readings.start(i);
            }
        }
        starts.values().forEach(Arrays::sort);
        return starts;
    }

    /**
     * @return how many of a meter's reading starts are at or after {@code from}: with as many as the engine's
     *     correction window holds, a reading before them is refused, as older than all it keeps.
     */
    private static long startingFrom(final long[] sortedStarts, final long from)
    {
        int low = 0;
        int high = sortedStarts.length;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (sortedStarts[mid] < from)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return sortedStarts.length - low;
    }
}
