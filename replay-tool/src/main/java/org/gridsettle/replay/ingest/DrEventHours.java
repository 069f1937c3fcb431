package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.dr.TenInTenBaseline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before anything is journalled, what the engine checks when a DR event is published (see
 * {@code SettlementEngine.publishDrEvent}): an event settles in whole local hours of one local day of the tariff's
 * zone, starting on a local hour, not across a daylight-saving change, and with the day-of adjustment not before
 * 04:00, whose adjustment window (the fourth to second hours before the event) must be on the same day. The engine
 * would journal such an event and reject it as MALFORMED; refusing it here instead names the file and event, and
 * keeps a payload the operator can fix out of the journal for good.
 * <p>
 * Stateless; safe from any thread.
 */
final class DrEventHours
{
    private static final Duration HOUR = Duration.ofHours(1);
    /** A local day is at most 25 hours, on the day a daylight-saving change puts the clocks back. */
    private static final Duration LONGEST_DAY = Duration.ofHours(25);

    private DrEventHours()
    {
    }

    /**
     * @param start    the event's start.
     * @param duration its duration.
     * @param zone     the tariff's zone.
     * @param method   the baseline method.
     * @return what is wrong, one phrase each; empty when the engine can settle these hours.
     */
    static List<String> problems(final Instant start, final Duration duration, final ZoneId zone,
        final BaselineMethod method)
    {
        final List<String> problems = new ArrayList<>();
        final ZonedDateTime local = start.atZone(zone);
        if (duration.isZero())
        {
            problems.add("lasts PT0S, which in OpenADR is an open-ended event: it has no end to settle");
            return problems;
        }
        final boolean onHour = local.getMinute() == 0 && local.getSecond() == 0 && local.getNano() == 0;
        if (!onHour)
        {
            problems.add("starts at " + start + ", " + clock(local) + " local in " + zone + ", not on a local hour");
        }
        // seconds and nanos, not toNanos(): a duration of more than 292 years overflows a long of nanoseconds
        if (duration.getNano() != 0 || duration.getSeconds() % HOUR.getSeconds() != 0)
        {
            problems.add("lasts " + duration + ", not whole hours");
        }
        if (duration.compareTo(LONGEST_DAY) > 0)
        {
            // no need to find its end, which for a duration of up to Long.MAX_VALUE seconds Instant cannot hold
            problems.add("lasts " + duration + ", longer than any local day");
            return problems;
        }
        final Instant end = start.plus(duration);
        final ZonedDateTime localEnd = end.atZone(zone);
        final ZonedDateTime lastInstant = end.minusNanos(1).atZone(zone);
        if (!lastInstant.toLocalDate().equals(local.toLocalDate()))
        {
            problems.add("ends at " + localEnd.toLocalDate() + " " + clock(localEnd) + " local, past the end of its " +
                "start day " + local.toLocalDate());
        }
        else if (!Duration.between(local.toLocalDateTime(), localEnd.toLocalDateTime()).equals(duration))
        {
            problems.add("crosses a daylight-saving change, so its local hours are not its real hours, which the " +
                "baseline counts");
        }
        if (onHour && method == BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT &&
            local.getHour() < TenInTenBaseline.WINDOW_FROM)
        {
            problems.add("starts at " + clock(local) + " local, before 0" + TenInTenBaseline.WINDOW_FROM + ":00, so " +
                "the day-of adjustment's window would fall on the day before (use --dr-baseline 10in10)");
        }
        return problems;
    }

    private static String clock(final ZonedDateTime time)
    {
        // LocalTime prints 01:40:47, 16:00 or 01:40:47.500: seconds and fractions only when there are some
        return time.toLocalTime().toString();
    }
}
