package org.gridsettle.engine.logic;

import org.gridsettle.pricing.tariff.TouTariff;

/**
 * Where an interval start falls under a tariff: its local wall-clock second, its TOU period, its demand period (the
 * TOU period unless the tariff has a demand schedule) and its billing period, remembered for the last tariff and start
 * asked.
 * <p>
 * A fleet's meters report the same interval boundaries, and their ticks for one interval arrive together, so
 * consecutive ticks mostly share their start and their tariff. The zone lookup and the civil-calendar arithmetic then
 * run once per interval and tariff instead of once per tick; in a profile of the engine at full throughput they were
 * 5% of the business-logic thread's samples. The answers are pure functions of an immutable {@link TouTariff} and the
 * start, so what is remembered is a cache and not state: it is not snapshotted and cannot change a result.
 * <p>
 * Threading: one per business-logic thread. Not thread-safe.
 */
final class IntervalLocator
{
    private TouTariff tariff;
    private long start;
    private long local;
    private int period;
    private int demandPeriod;
    private int billingPeriod;

    /**
     * Locates a start under a tariff; the answers are read with {@link #local()}, {@link #period()},
     * {@link #demandPeriod()} and {@link #billingPeriod()} until the next call.
     *
     * @param tariff the tariff in force, immutable once published.
     * @param start  the interval start, UTC epoch seconds.
     */
    void locate(final TouTariff tariff, final long start)
    {
        if (tariff != this.tariff || start != this.start)
        {
            final long local = tariff.zoneTable().localEpochSecond(start);
            this.local = local;
            // the month, day type and slot are worked out once for both tables; only a tariff with a demand schedule
            // reads a second one
            final int slot = tariff.slotIndexAtLocal(local);
            final int period = tariff.periodInSlot(slot);
            this.period = period;
            this.demandPeriod = tariff.hasDemandSchedule() ? tariff.demandPeriodInSlot(slot) : period;
            this.billingPeriod = tariff.billingPeriodOfLocal(local);
            this.start = start;
            this.tariff = tariff;
        }
    }

    /**
     * @return local wall-clock seconds since 1970-01-01T00:00 of the start located last.
     */
    long local()
    {
        return local;
    }

    /**
     * @return the TOU period index of the start located last.
     */
    int period()
    {
        return period;
    }

    /**
     * @return the demand period of the start located last: the index its demand is kept and charged under.
     */
    int demandPeriod()
    {
        return demandPeriod;
    }

    /**
     * @return the billing period of the start located last.
     */
    int billingPeriod()
    {
        return billingPeriod;
    }
}
