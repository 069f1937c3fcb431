package org.gridsettle.pricing.tariff;

import org.gridsettle.pricing.calendar.ZoneOffsetTable;

/**
 * Whether a tick's whole interval falls under the rules its interval start selects, so that pricing it at its start
 * is pricing all of it.
 * <p>
 * A tick is priced by what holds at its interval start: the TOU period, the billing period, and where they apply the
 * local day (daily tiers) and the local clock hour (hourly netting). That is exact for a tick inside one slot of the
 * tariff's schedule, as interval data aligned to the schedule always is (15-minute ticks under an hourly schedule,
 * hourly ticks under a URDB tariff). A tick that runs on past a change of any of them would be priced wholly at its
 * start: an hourly reading from 16:30 to 17:30 charged entirely off-peak when peak starts at 17:00, or an export
 * credited in one billing period that partly belongs to the next. Splitting it would need the energy's shape within
 * the interval, which a tick does not carry, so the engine refuses such a tick
 * ({@code INTERVAL_SPANS_PERIOD}) and the head-end sends the data at the schedule's resolution.
 * <p>
 * The check walks the schedule's slot boundaries inside the interval and stops at the first change; an interval
 * inside one slot costs two divisions and one search of the zone's transitions. Boundaries are found in local time
 * and mapped back by the offset at the step's start, which holds only until the zone's next offset change: a step
 * never runs past that change, because a change need not fall on a slot boundary (02:00 is none of a 90-minute
 * schedule's; Pacific/Chatham changes at 02:45, none of an hourly one's), and the clocks then reach the next slot
 * sooner than local time says (a skipped hour) or go back into the slot before (a repeated one).
 * <p>
 * Stateless and allocation-free; thread-safe.
 */
public final class IntervalFit
{
    private static final long HOUR = 3_600L;
    private static final long DAY = 86_400L;

    private IntervalFit()
    {
    }

    /**
     * @param tariff  the tariff version in force at the interval start.
     * @param start   the interval start, UTC epoch seconds.
     * @param local   the start's local wall-clock seconds, from {@code tariff.zoneTable().localEpochSecond(start)}.
     * @param seconds the interval length, positive.
     * @return true if every instant of {@code [start, start + seconds)} has the start's TOU period and billing period,
     *         and also its local day under daily tiers and its local clock hour under hourly netting.
     */
    public static boolean fits(final TouTariff tariff, final long start, final long local, final int seconds)
    {
        final long slot = tariff.slotMinutes() * 60L;
        final boolean hourly = tariff.exportRule() == ExportRule.NET_BILLING_HOURLY;
        final ZoneOffsetTable zone = tariff.zoneTable();
        final long firstStep = step(zone, start, local, slot, hourly);
        if (seconds <= firstStep)
        {
            return true;
        }
        final long end = start + seconds;
        if (!zone.covers(end - 1))
        {
            return false;
        }
        final boolean daily = tariff.tiers() != null && tariff.tiers().basis() == TierBasis.DAILY;
        final int period = tariff.periodIndexAtLocal(local);
        final int billingPeriod = tariff.billingPeriodOfLocal(local);
        final long day = Math.floorDiv(local, DAY);
        final long hour = Math.floorDiv(local, HOUR);
        long at = start + firstStep;
        while (at < end)
        {
            final long l = zone.localEpochSecond(at);
            if (tariff.periodIndexAtLocal(l) != period || tariff.billingPeriodOfLocal(l) != billingPeriod ||
                (daily && Math.floorDiv(l, DAY) != day) || (hourly && Math.floorDiv(l, HOUR) != hour))
            {
                return false;
            }
            at += step(zone, at, l, slot, hourly);
        }
        return true;
    }

    /**
     * Seconds from an instant to the next slot boundary, or the next hour when hours matter and come first, or the
     * zone's next offset change if that comes sooner: past it, local time no longer runs with the instant.
     */
    private static long step(
        final ZoneOffsetTable zone, final long at, final long local, final long slot, final boolean hourly)
    {
        final long toSlot = slot - Math.floorMod(local, slot);
        final long toBoundary = hourly ? Math.min(toSlot, HOUR - Math.floorMod(local, HOUR)) : toSlot;
        final long transition = zone.nextTransitionAfter(at);
        // a transition is always after the instant; none left is Long.MAX_VALUE, which must not be subtracted from
        return transition != Long.MAX_VALUE && transition - at < toBoundary ? transition - at : toBoundary;
    }
}
