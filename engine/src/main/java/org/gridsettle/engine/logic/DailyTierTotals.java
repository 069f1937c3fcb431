package org.gridsettle.engine.logic;

import org.agrona.collections.LongHashSet;
import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The import of each local day and TOU period of each open billing period, for meters whose ticks a tariff with
 * {@link TierBasis#DAILY} tiers priced: what the period close trues daily tiers up from. The definitive charge of
 * TOU period p is {@code sum over the period's local days d of TouPricer.tieredCharge(tariff, p, E[p][d])}, each
 * day's tier parts rounded once, half-even, to the micro-unit ({@link #definitiveCharge}); E[p][d] is the accepted
 * import, net of corrections, of the ticks whose interval starts on local day d (in the tariff's zone) and in period p.
 * <p>
 * Only meters with such ticks get totals, allocated the first time one adds non-zero import; every other meter costs
 * nothing here (as in {@link DrHistory}). Each such meter owns a row of flat longs (no object per meter or day): for
 * each of its {@value BillingAccumulators#SLOTS} billing slots, {@value #DAYS} days of
 * {@value BillingAccumulators#MAX_PERIODS} TOU periods, the day at {@code localDay mod }{@value #DAYS}. A billing
 * period runs from a local midnight of its cycle day to the same day of the next month, at most {@value #DAYS}
 * consecutive local days, so its days never share a place; a slot's days are cleared when its period closes
 * ({@link #release}).
 * <p>
 * Memory: {@value #BYTES_PER_DAILY_METER} bytes per meter with daily-tier ticks ({@value BillingAccumulators#SLOTS}
 * slots x {@value #DAYS} days x {@value BillingAccumulators#MAX_PERIODS} periods x 8-byte Wh), plus about 16 bytes
 * for its row ({@link MeterRows}); arrays grow by doubling.
 * <p>
 * Snapshots: the whole section is written in the trailing part of the state, when a capture starts, like
 * {@link DrHistory}; it is not deferred meter by meter ({@link DeferredCapture}), so a tick that changes it after the
 * capture started changes nothing the capture holds. A snapshot written before this section existed has no day totals
 * for the periods open then: {@link #untrackOpenPeriods} marks those, and their close keeps the tick postings as
 * final, as the build that wrote the snapshot did.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
final class DailyTierTotals
{
    /** Most local days in a billing period. */
    static final int DAYS = 31;
    /** Bytes of day totals per meter with daily-tier ticks. */
    static final int BYTES_PER_DAILY_METER =
        BillingAccumulators.SLOTS * DAYS * BillingAccumulators.MAX_PERIODS * Long.BYTES;

    private static final int PERIODS = BillingAccumulators.MAX_PERIODS;
    private static final int SLOT_STRIDE = DAYS * PERIODS;
    /** Longs per meter. */
    static final int ROW = BillingAccumulators.SLOTS * SLOT_STRIDE;

    private final MeterRows rows = new MeterRows();
    private long[] wh = new long[0];
    /** Slots and their billing periods ({@link #key}) open when a snapshot without day totals was loaded. */
    private final LongHashSet untracked = new LongHashSet();
    /** Sorts {@link #untracked} for a snapshot; kept, so that a capture allocates nothing once the state is grown. */
    private long[] snapshotScratch = new long[0];

    /**
     * Adds (or, with a negative delta, removes) a daily-tier tick's import to its day.
     *
     * @param meter         meter index.
     * @param slot          its billing slot ({@link BillingAccumulators#slotFor}).
     * @param period        TOU period.
     * @param localDay      local epoch day of the interval start.
     * @param importDeltaWh Wh; the day's total never overflows, as it is part of the slot's period total, which
     *                      {@link BillingAccumulators#canAdd} checked.
     */
    void add(final int meter, final int slot, final int period, final long localDay, final long importDeltaWh)
    {
        if (importDeltaWh != 0)
        {
            // the row first: claiming one may grow the array
            final int at = at(rowFor(meter), slot - meter * BillingAccumulators.SLOTS, period, localDay);
            wh[at] += importDeltaWh;
        }
    }

    /**
     * @param slot          a billing slot.
     * @param billingPeriod the billing period it holds.
     * @return false if the period was open when a snapshot without day totals was loaded: its totals are incomplete.
     */
    boolean tracks(final int slot, final int billingPeriod)
    {
        return untracked.isEmpty() || !untracked.contains(key(slot, billingPeriod));
    }

    /**
     * The definitive charge of a TOU period over a billing slot's local days: the sum of each day's
     * {@link TouPricer#tieredCharge}, so every (day, tier) part is rounded once. Changes nothing.
     *
     * @param tariff the version that priced the slot's ticks.
     * @param meter  meter index.
     * @param slot   its billing slot.
     * @param period TOU period.
     * @return micro-units.
     * @throws ArithmeticException if the sum overflows.
     */
    long definitiveCharge(final TouTariff tariff, final int meter, final int slot, final int period)
    {
        final int first = firstDay(meter, slot, period);
        final long[] w = wh;
        long total = 0;
        for (int d = 0; first >= 0 && d < DAYS; d++)
        {
            final long dayWh = w[first + d * PERIODS];
            if (dayWh > 0)
            {
                total = Math.addExact(total, TouPricer.tieredCharge(tariff, period, dayWh));
            }
        }
        return total;
    }

    /**
     * The import the day totals hold for a TOU period of a billing slot: the slot's whole import of that period when
     * every tick that added to it was priced under daily tiers. Changes nothing.
     *
     * @param meter  meter index.
     * @param slot   its billing slot.
     * @param period TOU period.
     * @return Wh.
     */
    long importWh(final int meter, final int slot, final int period)
    {
        final int first = firstDay(meter, slot, period);
        final long[] w = wh;
        long total = 0;
        for (int d = 0; first >= 0 && d < DAYS; d++)
        {
            // each day is part of the slot's period total, which BillingAccumulators.canAdd kept from overflowing
            total += w[first + d * PERIODS];
        }
        return total;
    }

    /** @return where a TOU period's first day of a meter's slot lies in {@link #wh}, or -1 if the meter has no row. */
    private int firstDay(final int meter, final int slot, final int period)
    {
        final int row = rows.rowOf(meter);
        return row == MeterRows.NO_ROW ? -1 : at(row, slot - meter * BillingAccumulators.SLOTS, period, 0);
    }

    /**
     * Forgets a closed period's days, so the slot starts empty for the next period that claims it.
     *
     * @param meter         meter index.
     * @param slot          the billing slot freed.
     * @param billingPeriod the period it held.
     */
    void release(final int meter, final int slot, final int billingPeriod)
    {
        if (!untracked.isEmpty())
        {
            untracked.remove(key(slot, billingPeriod));
        }
        final int row = rows.rowOf(meter);
        if (row != MeterRows.NO_ROW)
        {
            final int from = at(row, slot - meter * BillingAccumulators.SLOTS, 0, 0);
            Arrays.fill(wh, from, from + SLOT_STRIDE, 0);
        }
    }

    /**
     * After loading a snapshot written before day totals were kept: marks every open billing period that one tariff
     * version with daily tiers priced, so that its close keeps the tick postings as final instead of truing up from
     * the days after the snapshot alone.
     *
     * @param meters  the registry.
     * @param tariffs the tariff versions.
     * @param billing the accumulators, as loaded.
     */
    void untrackOpenPeriods(final MeterRegistry meters, final TariffBook tariffs, final BillingAccumulators billing)
    {
        for (int m = 0, n = meters.meterCount(); m < n; m++)
        {
            for (int s = m * BillingAccumulators.SLOTS, end = s + BillingAccumulators.SLOTS; s < end; s++)
            {
                final int billingPeriod = billing.billingPeriodOf(s);
                final int version = billing.version(s);
                if (billingPeriod != BillingAccumulators.FREE && version != BillingAccumulators.MIXED_VERSIONS)
                {
                    final TouTariff priced = tariffs.version(meters.tariffOf(m), version);
                    if (priced != null && priced.tiers() != null && priced.tiers().basis() == TierBasis.DAILY)
                    {
                        untracked.add(key(s, billingPeriod));
                    }
                }
            }
        }
    }

    /**
     * @return meters with day totals.
     */
    int meters()
    {
        return rows.count();
    }

    /**
     * @return bytes held by the totals (their capacity), for the memory test.
     */
    long capacityBytes()
    {
        return (long)Long.BYTES * wh.length;
    }

    private static long key(final int slot, final int billingPeriod)
    {
        return ((long)slot << 32) | (billingPeriod & 0xFFFF_FFFFL);
    }

    private static int at(final int row, final int slotOfMeter, final int period, final long localDay)
    {
        return row * ROW + slotOfMeter * SLOT_STRIDE + (int)Math.floorMod(localDay, (long)DAYS) * PERIODS + period;
    }

    private int rowFor(final int meter)
    {
        final int row = rows.claim(meter);
        ensureCapacity(rows.count());
        return row;
    }

    private void ensureCapacity(final int needed)
    {
        if ((long)needed * ROW > wh.length)
        {
            final int capacity = ArrayGrowth.grownRows(wh.length / ROW, needed, ROW, "meters' daily tier totals");
            wh = Arrays.copyOf(wh, capacity * ROW);
        }
    }

    /**
     * Writes the section: the untracked periods (sorted), the meter of each row in row order, then the rows.
     */
    void writeState(final DataOutput out) throws IOException
    {
        snapshotScratch = StateIo.writeSet(out, untracked, snapshotScratch);
        rows.writeState(out);
        StateIo.writeLongs(out, wh, rows.count() * ROW);
    }

    /**
     * @param in         the section {@link #writeState} wrote.
     * @param meterCount meters enrolled, as loaded.
     * @throws IOException on read failure or a section that does not fit the meters.
     */
    void readState(final DataInput in, final int meterCount) throws IOException
    {
        StateIo.readSet(in, untracked);
        final int n = rows.readState(in, meterCount, "daily tier totals");
        final long[] totals = StateIo.readLongs(in, 0);
        if ((long)n * ROW != totals.length)
        {
            throw new IOException("daily tier totals of " + n + " meters hold " + totals.length + " entries");
        }
        wh = totals;
    }
}
