package org.gridsettle.pricing.dr;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * The 10-in-10 customer load baseline, with the optional day-of adjustment, in integer fixed point.
 * <p>
 * The practice followed is the California ISO's "10-in-10" customer load baseline for weekday events (CAISO Business
 * Practice Manual for Demand Response, section on baseline methodologies; the same framework is AEMO's Wholesale
 * Demand Response "10 of 10" baseline register): the baseline of an event hour is the average load of the same hour
 * on the 10 most recent similar non-event days within a 45-day lookback, optionally scaled by a day-of ("load point")
 * adjustment that is capped at +-20%.
 * <ol>
 *   <li><b>Eligible days.</b> Walking back from the day before the event day (local dates in the tariff's zone), at
 *       most {@value #LOOKBACK_DAYS} days: the tariff's calendar must call the day a {@link DayType#WEEKDAY} (so
 *       weekends and the tariff's holidays are out), the day must not be a DR event day of the meter, and the meter
 *       must have a reading in every hour the calculation uses on that day (the event hours and, when adjusted, the
 *       adjustment window). The first {@value #DAYS} such days are the baseline days.</li>
 *   <li><b>Fewer than 10 eligible days: no baseline.</b> The result is {@link DrQuote#INSUFFICIENT_HISTORY} and no
 *       credit is paid. Some ISO practices fall back to fewer days (for example a minimum of 5); we choose the
 *       stricter rule so that a credit is never paid on a thinner baseline than the one the program defines. The
 *       meter is told why with a reason code, and can be credited by a declared-baseline event instead.</li>
 *   <li><b>Unadjusted baseline.</b> For event hour h, with S(h) the sum of the 10 days' Wh in hour h:
 *       {@code B(h) = halfEven(S(h) / 10)} whole Wh.</li>
 *   <li><b>Day-of adjustment.</b> Following CAISO's load point adjustment, the window is the three local hours
 *       before the event excluding the hour immediately before it, hours {@code first-4 .. first-2}: the hour just
 *       before an event is skipped because notified customers may already pre-cool or shed load in it, which would
 *       bias the ratio. With A the event day's actual Wh over the window and W the 10 days' summed Wh over it:
 *       {@code ratio = halfEven(10 * A * 10^6 / W)} parts per million, capped to [{@value #CAP_LOW_PPM},
 *       {@value #CAP_HIGH_PPM}]; if W is 0 the ratio is the upper cap when A &gt; 0 and 1 otherwise. Then
 *       {@code B(h) = halfEven(S(h) * ratio / (10 * 10^6))}. An event starting before 04:00 local has no window on
 *       its own day; such events are refused when published.</li>
 * </ol>
 * Every division rounds half-even ({@link MicroUnits#divideHalfEven}), once per quantity: the ratio to a
 * part per million, each hour's baseline to a Wh. Overflow throws {@link ArithmeticException}.
 * <p>
 * Stateless and thread-safe; allocation-free.
 */
public final class TenInTenBaseline
{
    /** Baseline days averaged. */
    public static final int DAYS = 10;
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
        for (long day = eventDay - 1; day >= eventDay - LOOKBACK_DAYS && quote.dayCount < DAYS; day--)
        {
            if (calendar.dayTypeOf(day) == DayType.WEEKDAY && !contains(eventDays, eventDayCount, day) &&
                sum(load, day, first, end) >= 0 && sum(load, day, windowFirst, windowEnd) >= 0)
            {
                quote.days[quote.dayCount++] = day;
            }
        }
        if (quote.dayCount < DAYS)
        {
            quote.status = DrQuote.INSUFFICIENT_HISTORY;
            return;
        }
        if (adjusted)
        {
            long window = 0;
            for (int d = 0; d < DAYS; d++)
            {
                window = Math.addExact(window, sum(load, quote.days[d], windowFirst, windowEnd));
            }
            quote.ratioPpm = ratioPpm(actualWindow, window);
        }
        for (int h = first; h < end; h++)
        {
            long s = 0;
            for (int d = 0; d < DAYS; d++)
            {
                s = Math.addExact(s, load.wh(quote.days[d], h));
            }
            quote.baselineWh[h] = MicroUnits.divideHalfEven(Math.multiplyExact(s, quote.ratioPpm), DAYS * PPM);
        }
    }

    /**
     * The capped day-of adjustment.
     *
     * @param actualWindowWh  event day's Wh over the window.
     * @param baselineWindowWh the 10 baseline days' summed Wh over the window (ten times the window's baseline).
     * @return the ratio in parts per million, within [{@link #CAP_LOW_PPM}, {@link #CAP_HIGH_PPM}].
     */
    public static long ratioPpm(final long actualWindowWh, final long baselineWindowWh)
    {
        if (baselineWindowWh == 0)
        {
            return actualWindowWh > 0 ? CAP_HIGH_PPM : PPM;
        }
        final long raw = MicroUnits.divideHalfEven(
            Math.multiplyExact(Math.multiplyExact(actualWindowWh, DAYS), PPM), baselineWindowWh);
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
