package org.gridsettle.pricing.dr;

import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * The 10-in-10 customer load baseline (4-in-4 for an event on a weekend day or holiday), with the optional day-of
 * adjustment, in integer fixed point.
 * <p>
 * The practice followed is the California ISO's customer load baseline (CAISO Business Practice Manual for Demand
 * Response, section on baseline methodologies; the same framework is AEMO's Wholesale Demand Response "10 of 10"
 * baseline register, which also keeps business and non-business days apart): the baseline of an event hour is the
 * average load of the same hour on the most recent similar non-event days within a 45-day lookback, 10 days for a
 * weekday event and 4 for a weekend or holiday event, optionally scaled by a day-of ("load point") adjustment that is
 * capped at +-20%.
 * <ol>
 *   <li><b>Eligible days.</b> Walking back from the day before the event day (local dates in the tariff's zone), at
 *       most {@value #LOOKBACK_DAYS} days: the tariff's calendar must give the day the event day's kind, a
 *       {@link DayType#WEEKDAY} for a weekday event and a weekend day or holiday otherwise (a weekday holiday is not
 *       a weekday here, as it is not for the tariff); the day must not be a DR event day of the meter; it must have
 *       24 hours (a daylight-saving change's 23- or 25-hour day holds a missing or a doubled clock hour), which
 *       needs its zone's offsets, so a day the tariff's zone table does not cover (before 1990, where a lookback from
 *       an event early in 1990 goes) is not eligible either; and the meter must have a reading in every hour the
 *       calculation uses on that day (the event hours and, when adjusted, the adjustment window). The first
 *       {@value #DAYS} (weekday) or {@value #WEEKEND_DAYS} (weekend or holiday) such days are the baseline days, n
 *       of them.</li>
 *   <li><b>Fewer than n eligible days: no baseline.</b> The result is {@link DrQuote#INSUFFICIENT_HISTORY} and no
 *       credit is paid. Some ISO practices fall back to fewer days (for example a minimum of 5); we choose the
 *       stricter rule so that a credit is never paid on a thinner baseline than the one the program defines. The
 *       meter is told why with a reason code, and can be credited by a declared-baseline event instead.</li>
 *   <li><b>Unadjusted baseline.</b> For event hour h, with S(h) the sum of the n days' Wh in hour h:
 *       {@code B(h) = halfEven(S(h) / n)} whole Wh.</li>
 *   <li><b>Day-of adjustment.</b> Following CAISO's load point adjustment, the window is the three local hours
 *       before the event excluding the hour immediately before it, hours {@code first-4 .. first-2}: the hour just
 *       before an event is skipped because notified customers may already pre-cool or shed load in it, which would
 *       bias the ratio. With A the event day's actual Wh over the window and W the n days' summed Wh over it:
 *       {@code ratio = halfEven(n * A * 10^6 / W)} parts per million, capped to [{@value #CAP_LOW_PPM},
 *       {@value #CAP_HIGH_PPM}]; if W is 0 the ratio is the upper cap when A &gt; 0 and 1 otherwise. Then
 *       {@code B(h) = halfEven(S(h) * ratio / (n * 10^6))}. An event starting before 04:00 local has no window on
 *       its own day; such events are refused when published.</li>
 * </ol>
 * Every division rounds half-even ({@link MicroUnits#divideHalfEven}), once per quantity: the ratio to a
 * part per million, each hour's baseline to a Wh. Overflow throws {@link ArithmeticException}.
 * <p>
 * Stateless and thread-safe; allocation-free.
 */
public final class TenInTenBaseline
{
    /** Baseline days averaged for a weekday event, and the most for any event. */
    public static final int DAYS = 10;
    /** Baseline days averaged for an event on a weekend day or holiday. */
    public static final int WEEKEND_DAYS = 4;
    /** Days before the event day searched for eligible days (CAISO's 45-day lookback). */
    public static final int LOOKBACK_DAYS = 45;
    /** First hour of the adjustment window, counted back from the event's first hour. */
    public static final int WINDOW_FROM = 4;
    /** Hours in the adjustment window: {@code first-4, first-3, first-2}. */
    public static final int WINDOW_HOURS = 3;
    /** One, in parts per million. */
    public static final long PPM = 1_000_000L;
    /** Lower cap of the adjustment: -20%. */
    public static final long CAP_LOW_PPM = 800_000L;
    /** Upper cap of the adjustment: +20%. */
    public static final long CAP_HIGH_PPM = 1_200_000L;

    private static final long SECONDS_PER_DAY = 86_400L;

    private TenInTenBaseline()
    {
    }

    /**
     * Computes the baseline of every event hour into {@code quote} (after {@link DrQuote#reset}).
     *
     * @param calendar       the tariff whose calendar says which days are weekdays and holidays.
     * @param load           the meter's hourly load.
     * @param eventDay       local date of the event.
     * @param adjusted       true for the day-of adjustment.
     * @param eventDays      local dates of the meter's DR events, in any order.
     * @param eventDayCount  entries of {@code eventDays} used.
     * @param quote          receives days, ratio and baseline; status {@link DrQuote#INSUFFICIENT_HISTORY} or
     *                       {@link DrQuote#ACTUAL_MISSING} when there is no baseline.
     */
    static void compute(
        final TouTariff calendar,
        final HourlyLoad load,
        final long eventDay,
        final boolean adjusted,
        final long[] eventDays,
        final int eventDayCount,
        final DrQuote quote)
    {
        final int first = quote.firstHour;
        final int end = quote.endHour;
        final int windowFirst = adjusted ? first - WINDOW_FROM : first;
        final int windowEnd = windowFirst + (adjusted ? WINDOW_HOURS : 0);
        if (windowFirst < 0)
        {
            throw new IllegalArgumentException("an adjusted event must start at 04:00 local or later, not " + first);
        }
        final long actualWindow = sum(load, eventDay, windowFirst, windowEnd);
        if (actualWindow < 0)
        {
            quote.status = DrQuote.ACTUAL_MISSING;
            return;
        }
        final boolean weekdayEvent = calendar.dayTypeOf(eventDay) == DayType.WEEKDAY;
        final int days = weekdayEvent ? DAYS : WEEKEND_DAYS;
        final ZoneOffsetTable zone = calendar.zoneTable();
        for (long day = eventDay - 1; day >= eventDay - LOOKBACK_DAYS && quote.dayCount < days; day--)
        {
            if ((calendar.dayTypeOf(day) == DayType.WEEKDAY) == weekdayEvent &&
                !contains(eventDays, eventDayCount, day) &&
                zone.coversLocalDay(day) && zone.coversLocalDay(day + 1) &&
                zone.startOfLocalDay(day + 1) - zone.startOfLocalDay(day) == SECONDS_PER_DAY &&
                sum(load, day, first, end) >= 0 && sum(load, day, windowFirst, windowEnd) >= 0)
            {
                quote.days[quote.dayCount++] = day;
            }
        }
        if (quote.dayCount < days)
        {
            quote.status = DrQuote.INSUFFICIENT_HISTORY;
            return;
        }
        if (adjusted)
        {
            long window = 0;
            for (int d = 0; d < days; d++)
            {
                window = Math.addExact(window, sum(load, quote.days[d], windowFirst, windowEnd));
            }
            quote.ratioPpm = ratioPpm(actualWindow, window, days);
        }
        for (int h = first; h < end; h++)
        {
            long s = 0;
            for (int d = 0; d < days; d++)
            {
                s = Math.addExact(s, load.wh(quote.days[d], h));
            }
            quote.baselineWh[h] = MicroUnits.divideHalfEven(Math.multiplyExact(s, quote.ratioPpm), days * PPM);
        }
    }

    /**
     * The capped day-of adjustment.
     *
     * @param actualWindowWh   event day's Wh over the window.
     * @param baselineWindowWh the baseline days' summed Wh over the window (n times the window's baseline).
     * @param days             n, the baseline days.
     * @return the ratio in parts per million, within [{@link #CAP_LOW_PPM}, {@link #CAP_HIGH_PPM}].
     */
    public static long ratioPpm(final long actualWindowWh, final long baselineWindowWh, final int days)
    {
        if (baselineWindowWh == 0)
        {
            return actualWindowWh > 0 ? CAP_HIGH_PPM : PPM;
        }
        final long raw = MicroUnits.divideHalfEven(
            Math.multiplyExact(Math.multiplyExact(actualWindowWh, days), PPM), baselineWindowWh);
        return Math.max(CAP_LOW_PPM, Math.min(CAP_HIGH_PPM, raw));
    }

    /**
     * @return the Wh over hours [from, to) of a day, or -1 if any of them has no reading; 0 for an empty range.
     */
    static long sum(final HourlyLoad load, final long day, final int from, final int to)
    {
        long total = 0;
        for (int h = from; h < to; h++)
        {
            final long wh = load.wh(day, h);
            if (wh < 0)
            {
                return -1;
            }
            total = Math.addExact(total, wh);
        }
        return total;
    }

    private static boolean contains(final long[] days, final int count, final long day)
    {
        for (int i = 0; i < count; i++)
        {
            if (days[i] == day)
            {
                return true;
            }
        }
        return false;
    }
}
