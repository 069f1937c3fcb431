package org.gridsettle.pricing.dr;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Settles one meter for one demand-response event: finds the baseline of each event hour by the event's method,
 * then the reduction and the credit.
 * <ul>
 *   <li>Reduction of an event hour: {@code max(0, baseline - actual)} Wh; the event's reduction is the sum over its
 *       hours (an hour above baseline does not offset another below it).</li>
 *   <li>Credit: {@code halfEven(reductionWh * incentive / 1000)} micro-units ({@link MicroUnits#amountFor}), the
 *       system's one money rounding, applied once per meter per event. An auditor recomputes it from the posting's
 *       energy (the reduction) and rate (the incentive) fields.</li>
 *   <li>Declared baseline: every event hour's baseline is the declared Wh; no history is needed, but the event day
 *       must have a reading in every event hour (a missing reading is never taken as zero load, which would pay
 *       the whole baseline).</li>
 * </ul>
 * Stateless and thread-safe; allocation-free.
 */
public final class DrSettlementCalculator
{
    private DrSettlementCalculator()
    {
    }

    /**
     * @param method        baseline method.
     * @param calendar      tariff whose zone the hours are in and whose calendar names weekdays and holidays.
     * @param load          the meter's hourly load.
     * @param eventDay      local date of the event.
     * @param firstHour     first event hour, local clock hour.
     * @param endHour       hour after the last event hour, at most 24.
     * @param declaredWh    declared baseline per hour, for {@link BaselineMethod#DECLARED}.
     * @param incentive     micro-units per kWh reduced.
     * @param eventDays     local dates of the meter's DR events (any order); they are not baseline days.
     * @param eventDayCount entries of {@code eventDays} used.
     * @param quote         receives the result; its {@link DrQuote#status} says whether there is a credit.
     */
    public static void settle(
        final BaselineMethod method,
        final TouTariff calendar,
        final HourlyLoad load,
        final long eventDay,
        final int firstHour,
        final int endHour,
        final long declaredWh,
        final long incentive,
        final long[] eventDays,
        final int eventDayCount,
        final DrQuote quote)
    {
        if (firstHour < 0 || endHour > 24 || firstHour >= endHour)
        {
            throw new IllegalArgumentException("event hours " + firstHour + ".." + endHour + " are not within a day");
        }
        quote.reset(firstHour, endHour);
        if (method == BaselineMethod.DECLARED)
        {
            for (int h = firstHour; h < endHour; h++)
            {
                quote.baselineWh[h] = declaredWh;
            }
        }
        else
        {
            TenInTenBaseline.compute(calendar, load, eventDay,
                method == BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, eventDays, eventDayCount, quote);
            if (quote.status != DrQuote.OK)
            {
                return;
            }
        }
        long reduction = 0;
        for (int h = firstHour; h < endHour; h++)
        {
            final long actual = load.wh(eventDay, h);
            if (actual < 0)
            {
                quote.status = DrQuote.ACTUAL_MISSING;
                return;
            }
            quote.actualWh[h] = actual;
            reduction = Math.addExact(reduction, Math.max(0, Math.subtractExact(quote.baselineWh[h], actual)));
        }
        quote.reductionWh = reduction;
        quote.creditMicros = MicroUnits.amountFor(reduction, incentive);
    }
}
