package org.gridsettle.replay.demo;

import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.dr.TenInTenBaseline;
import org.gridsettle.pricing.money.TokenSymbol;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The demo's demand-response event: a weekday afternoon, 16:00-19:00 local, on the last weekday of the demo period
 * that has at least 10 earlier weekdays in the period, so that every enrolled household has a 10-in-10 baseline.
 * It pays 2.00 DR per kWh reduced, with the day-of adjustment. Every fourth household on the TOU tariff is enrolled
 * in demand response, and half of those (every eighth household) answer the call by shedding
 * {@value #SHED_PERCENT}% of their load in the event hours.
 * <p>
 * Immutable and thread-safe.
 */
public final class DemoDrEvent
{
    /** The program token. */
    public static final long TOKEN = TokenSymbol.pack("DR");
    /** Micro-units of DR per kWh reduced. */
    public static final long INCENTIVE = 2_000_000;
    /** The baseline method. */
    public static final BaselineMethod METHOD = BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT;
    /** First event hour, local. */
    public static final int FIRST_HOUR = 16;
    /** Hour after the last event hour, local. */
    public static final int END_HOUR = 19;
    /** Share of load a responding household sheds in the event hours, percent. */
    public static final int SHED_PERCENT = 40;

    private final LocalDate day;
    private final long start;
    private final long end;

    private DemoDrEvent(final LocalDate day, final ZoneId zone)
    {
        this.day = day;
        this.start = day.atTime(FIRST_HOUR, 0).atZone(zone).toEpochSecond();
        this.end = day.atTime(END_HOUR, 0).atZone(zone).toEpochSecond();
    }

    /**
     * @param firstDay first local day of the demo.
     * @param days     days in the demo.
     * @param zone     the tariff's zone (the demo tariff has no holidays).
     * @return the event, or null if the period is too short for a 10-in-10 baseline.
     */
    public static DemoDrEvent within(final LocalDate firstDay, final int days, final ZoneId zone)
    {
        LocalDate chosen = null;
        int weekdaysBefore = 0;
        for (LocalDate d = firstDay; d.isBefore(firstDay.plusDays(days)); d = d.plusDays(1))
        {
            if (isWeekday(d))
            {
                if (weekdaysBefore >= TenInTenBaseline.DAYS)
                {
                    chosen = d;
                }
                weekdaysBefore++;
            }
        }
        return chosen == null ? null : new DemoDrEvent(chosen, zone);
    }

    /**
     * @param meterIndex 0-based household index.
     * @param onTouTariff true if the household is on the TOU tariff the event dispatches.
     * @return true if the household is enrolled in demand response.
     */
    public static boolean enrolled(final int meterIndex, final boolean onTouTariff)
    {
        return onTouTariff && meterIndex % 4 == 1;
    }

    /**
     * @param meterIndex 0-based household index.
     * @return true if the household sheds load when an event is called (if enrolled).
     */
    public static boolean responds(final int meterIndex)
    {
        return meterIndex % 8 == 1;
    }

    /** @return the event id: its date as yyyymmdd. */
    public long eventId()
    {
        return day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth();
    }

    /** @return the local date of the event. */
    public LocalDate day()
    {
        return day;
    }

    /** @return first instant, epoch seconds. */
    public long start()
    {
        return start;
    }

    /** @return exclusive end, epoch seconds. */
    public long end()
    {
        return end;
    }

    private static boolean isWeekday(final LocalDate d)
    {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
