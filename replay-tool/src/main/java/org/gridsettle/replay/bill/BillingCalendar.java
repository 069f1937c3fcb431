package org.gridsettle.replay.bill;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The days and billing periods of a bill in the tariff's zone, and the calendar events that tell the engine they
 * have ended.
 * <p>
 * Billing periods are the tariff's: they run from its billing-cycle day of one month to the same local day of the
 * next (day 1, URDB's only one, gives calendar months), clipped to the bill's range {@code [from, to)}. An
 * {@code END_OF_DAY} event falls at each local midnight in {@code (from, to]}, so every day of the range ends and
 * posts its daily fixed charge; a {@code PERIOD_CLOSE} event falls at each start of a billing period in
 * {@code (from, to]}, so a period posts its monthly fixed charge only when it ends at such a start inside the range.
 * The close must fall where the tariff's period ends: the engine closes the period that holds the instant before the
 * event, and one sent at a month start to a tariff billed from the 15th would close that period half-way, after which
 * its remaining readings are refused. The engine does not prorate, so a bill that ends mid-period leaves its last
 * period open rather than charging a whole month for part of one.
 * Midnights are local: a 23- or 25-hour day around a daylight-saving change is one day.
 * <p>
 * Immutable; safe to share between threads.
 */
public final class BillingCalendar
{
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final int billingCycleDay;

    /**
     * @param from            first local day billed.
     * @param to              first local day not billed; after {@code from}.
     * @param zone            the tariff's zone.
     * @param billingCycleDay the tariff's billing-cycle day, 1..28: the local day of the month its periods start.
     */
    public BillingCalendar(final LocalDate from, final LocalDate to, final ZoneId zone, final int billingCycleDay)
    {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (billingCycleDay < 1 || billingCycleDay > 28)
        {
            throw new IllegalArgumentException("billing-cycle day must be 1..28: " + billingCycleDay);
        }
        this.billingCycleDay = billingCycleDay;
        if (!from.isBefore(to))
        {
            throw new IllegalArgumentException(
                "--from " + from + " must be before --to " + to + " (--to is exclusive)");
        }
        // tariffs find local time in a table of these years; outside them every reading would be rejected
        if (from.getYear() < ZoneOffsetTable.FIRST_YEAR || to.getYear() > ZoneOffsetTable.LAST_YEAR)
        {
            throw new IllegalArgumentException("--from " + from + " and --to " + to + " must lie in the years " +
                ZoneOffsetTable.FIRST_YEAR + " to " + ZoneOffsetTable.LAST_YEAR + " that tariffs cover");
        }
    }

    /**
     * @return first local day billed.
     */
    public LocalDate from()
    {
        return from;
    }

    /**
     * @return first local day not billed.
     */
    public LocalDate to()
    {
        return to;
    }

    /**
     * @return the zone.
     */
    public ZoneId zone()
    {
        return zone;
    }

    /**
     * @return the local midnight that starts the bill, epoch seconds.
     */
    public long startEpochSecond()
    {
        return midnight(from);
    }

    /**
     * @return the local midnight that ends the bill, epoch seconds (exclusive).
     */
    public long endEpochSecond()
    {
        return midnight(to);
    }

    /**
     * @return the billing periods in order, clipped to the range.
     */
    public List<Period> periods()
    {
        final List<Period> periods = new ArrayList<>();
        LocalDate start = from;
        while (start.isBefore(to))
        {
            final LocalDate next = nextPeriodStart(start);
            final LocalDate end = next.isBefore(to) ? next : to;
            periods.add(new Period(start, end, midnight(start), midnight(end)));
            start = end;
        }
        return periods;
    }

    /**
     * @return the calendar events in time order; at the same instant the day ends before the period.
     */
    public List<Event> events()
    {
        final List<Event> events = new ArrayList<>();
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1))
        {
            final long at = midnight(day);
            events.add(new Event(CalendarCodec.END_OF_DAY, at));
            if (day.getDayOfMonth() == billingCycleDay)
            {
                events.add(new Event(CalendarCodec.PERIOD_CLOSE, at));
            }
        }
        return events;
    }

    /**
     * @param day a local date.
     * @return the first day of the tariff's billing period that holds it.
     */
    public LocalDate billingPeriodStartOf(final LocalDate day)
    {
        final LocalDate inMonth = day.withDayOfMonth(billingCycleDay);
        return inMonth.isAfter(day) ? inMonth.minusMonths(1) : inMonth;
    }

    /**
     * @param period one of {@link #periods()}.
     * @return true if the bill closes it: it ends where a billing period of the tariff ends, so its monthly fixed
     *     charge, demand charges and true-up are posted; false for a last period cut short by the range's end.
     */
    public boolean closes(final Period period)
    {
        return period.to().getDayOfMonth() == billingCycleDay;
    }

    /**
     * @return the first start of a billing period after {@code day}.
     */
    private LocalDate nextPeriodStart(final LocalDate day)
    {
        final LocalDate inMonth = day.withDayOfMonth(billingCycleDay);
        return inMonth.isAfter(day) ? inMonth : inMonth.plusMonths(1);
    }

    private long midnight(final LocalDate day)
    {
        return day.atStartOfDay(zone).toEpochSecond();
    }

    /**
     * One billing period. Immutable.
     *
     * @param from             first local day.
     * @param to               first local day after it.
     * @param startEpochSecond local midnight starting it.
     * @param endEpochSecond   local midnight ending it (exclusive).
     */
    public record Period(LocalDate from, LocalDate to, long startEpochSecond, long endEpochSecond)
    {
        /**
         * @param epochSecond an instant.
         * @return true if the period holds it.
         */
        public boolean contains(final long epochSecond)
        {
            return epochSecond >= startEpochSecond && epochSecond < endEpochSecond;
        }
    }

    /**
     * One calendar event for the engine. Immutable.
     *
     * @param kind {@link CalendarCodec#END_OF_DAY} or {@link CalendarCodec#PERIOD_CLOSE}.
     * @param at   epoch second the day or period ends.
     */
    public record Event(int kind, long at)
    {
    }
}
