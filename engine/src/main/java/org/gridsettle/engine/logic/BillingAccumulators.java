package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per meter and billing period, what the period-close true-up and demand charges need: per TOU period the import
 * and export energy, the provisional charges and credits already posted and the highest interval demand, plus the
 * highest demand over all periods and the local-day tier counters.
 * <p>
 * Each meter has two billing slots, so ticks of the next billing period can arrive before the host closes the
 * previous one. A tick for a third open period is refused. State is flat primitive arrays indexed by meter:
 * {@value #BYTES_PER_METER} bytes per meter. Owned by the business-logic thread. Not thread-safe.
 */
final class BillingAccumulators
{
    /** Most TOU periods a tariff may have for true-ups and TOU demand. */
    static final int MAX_PERIODS = 6;
    /** Open billing periods per meter. */
    static final int SLOTS = 2;
    /** No billing period in a slot. */
    static final int FREE = Integer.MIN_VALUE;
    /** Bytes of state per meter. */
    static final int BYTES_PER_METER = SLOTS * (4 + 4 + 8 + MAX_PERIODS * 5 * 8) + 8 + MAX_PERIODS * 8;
    /** A slot whose ticks were priced by more than one tariff version. */
    static final int MIXED_VERSIONS = -1;

    private int[] periodOf = new int[0];
    private int[] versionOf = new int[0];
    private long[] flatMaxW = new long[0];
    private long[] importWh = new long[0];
    private long[] exportWh = new long[0];
    private long[] charges = new long[0];
    private long[] credits = new long[0];
    private long[] maxW = new long[0];
    private long[] dayOf = new long[0];
    private long[] dailyImportWh = new long[0];

    void ensureMeters(final int meterCount)
    {
        if (meterCount * SLOTS <= periodOf.length)
        {
            return;
        }
        final int meters = Math.max(meterCount, periodOf.length / SLOTS * 2);
        final int oldSlots = periodOf.length;
        periodOf = Arrays.copyOf(periodOf, meters * SLOTS);
        Arrays.fill(periodOf, oldSlots, periodOf.length, FREE);
        versionOf = Arrays.copyOf(versionOf, meters * SLOTS);
        flatMaxW = Arrays.copyOf(flatMaxW, meters * SLOTS);
        importWh = Arrays.copyOf(importWh, meters * SLOTS * MAX_PERIODS);
        exportWh = Arrays.copyOf(exportWh, meters * SLOTS * MAX_PERIODS);
        charges = Arrays.copyOf(charges, meters * SLOTS * MAX_PERIODS);
        credits = Arrays.copyOf(credits, meters * SLOTS * MAX_PERIODS);
        maxW = Arrays.copyOf(maxW, meters * SLOTS * MAX_PERIODS);
        final int oldDays = dayOf.length;
        dayOf = Arrays.copyOf(dayOf, meters);
        Arrays.fill(dayOf, oldDays, meters, Long.MIN_VALUE);
        dailyImportWh = Arrays.copyOf(dailyImportWh, meters * MAX_PERIODS);
    }

    /**
     * @param meter         meter index.
     * @param billingPeriod the tick's billing period.
     * @param version       tariff version pricing the tick.
     * @return the slot holding that period (claiming a free one), or -1 if both slots hold other periods.
     */
    int slotFor(final int meter, final int billingPeriod, final int version)
    {
        final int base = meter * SLOTS;
        int free = -1;
        for (int s = base; s < base + SLOTS; s++)
        {
            if (periodOf[s] == billingPeriod)
            {
                if (versionOf[s] != version)
                {
                    versionOf[s] = MIXED_VERSIONS;
                }
                return s;
            }
            if (periodOf[s] == FREE && free < 0)
            {
                free = s;
            }
        }
        if (free >= 0)
        {
            periodOf[free] = billingPeriod;
            versionOf[free] = version;
            flatMaxW[free] = 0;
            final int from = free * MAX_PERIODS;
            Arrays.fill(importWh, from, from + MAX_PERIODS, 0);
            Arrays.fill(exportWh, from, from + MAX_PERIODS, 0);
            Arrays.fill(charges, from, from + MAX_PERIODS, 0);
            Arrays.fill(credits, from, from + MAX_PERIODS, 0);
            Arrays.fill(maxW, from, from + MAX_PERIODS, 0);
        }
        return free;
    }

    /**
     * @param meter         meter index.
     * @param billingPeriod a billing period.
     * @return the slot holding it, or -1.
     */
    int find(final int meter, final int billingPeriod)
    {
        final int base = meter * SLOTS;
        for (int s = base; s < base + SLOTS; s++)
        {
            if (periodOf[s] == billingPeriod)
            {
                return s;
            }
        }
        return -1;
    }

    /**
     * The counter the tiers of a tick are read from.
     *
     * @param meter   meter index.
     * @param slot    billing slot.
     * @param period  TOU period.
     * @param daily   true for daily tiers.
     * @param localDay the tick's local day, for daily tiers.
     * @return Wh counted so far.
     */
    long tierCounter(final int meter, final int slot, final int period, final boolean daily, final long localDay)
    {
        if (!daily)
        {
            return importWh[slot * MAX_PERIODS + period];
        }
        if (dayOf[meter] != localDay)
        {
            dayOf[meter] = localDay;
            Arrays.fill(dailyImportWh, meter * MAX_PERIODS, (meter + 1) * MAX_PERIODS, 0);
        }
        return dailyImportWh[meter * MAX_PERIODS + period];
    }

    /**
     * Adds (or, with a negative sign, removes) a priced tick.
     */
    void add(
        final int meter,
        final int slot,
        final int period,
        final long importDeltaWh,
        final long exportDeltaWh,
        final long chargeDelta,
        final long creditDelta,
        final long demandW)
    {
        final int i = slot * MAX_PERIODS + period;
        importWh[i] = Math.addExact(importWh[i], importDeltaWh);
        exportWh[i] = Math.addExact(exportWh[i], exportDeltaWh);
        charges[i] = Math.addExact(charges[i], chargeDelta);
        credits[i] = Math.addExact(credits[i], creditDelta);
        dailyImportWh[meter * MAX_PERIODS + period] += importDeltaWh;
        if (demandW > maxW[i])
        {
            maxW[i] = demandW;
        }
        if (demandW > flatMaxW[slot])
        {
            flatMaxW[slot] = demandW;
        }
    }

    /**
     * @return true if {@link #add} with these deltas would overflow none of the sums, so a caller can refuse a tick
     *         before posting anything for it.
     */
    boolean canAdd(
        final int slot,
        final int period,
        final long importDeltaWh,
        final long exportDeltaWh,
        final long chargeDelta,
        final long creditDelta)
    {
        final int i = slot * MAX_PERIODS + period;
        return fitsSum(importWh[i], importDeltaWh) && fitsSum(exportWh[i], exportDeltaWh) &&
            fitsSum(charges[i], chargeDelta) && fitsSum(credits[i], creditDelta);
    }

    private static boolean fitsSum(final long a, final long b)
    {
        return b >= 0 ? a <= Long.MAX_VALUE - b : a >= Long.MIN_VALUE - b;
    }

    long importWh(final int slot, final int period)
    {
        return importWh[slot * MAX_PERIODS + period];
    }

    long exportWh(final int slot, final int period)
    {
        return exportWh[slot * MAX_PERIODS + period];
    }

    long charges(final int slot, final int period)
    {
        return charges[slot * MAX_PERIODS + period];
    }

    long credits(final int slot, final int period)
    {
        return credits[slot * MAX_PERIODS + period];
    }

    long maxDemandW(final int slot, final int period)
    {
        return maxW[slot * MAX_PERIODS + period];
    }

    long flatMaxDemandW(final int slot)
    {
        return flatMaxW[slot];
    }

    int version(final int slot)
    {
        return versionOf[slot];
    }

    void free(final int slot)
    {
        periodOf[slot] = FREE;
    }

    void writeState(final DataOutput out, final int meterCount) throws IOException
    {
        final int slots = Math.min(periodOf.length, meterCount * SLOTS);
        StateIo.writeInts(out, periodOf, slots);
        StateIo.writeInts(out, versionOf, slots);
        StateIo.writeLongs(out, flatMaxW, slots);
        StateIo.writeLongs(out, importWh, slots * MAX_PERIODS);
        StateIo.writeLongs(out, exportWh, slots * MAX_PERIODS);
        StateIo.writeLongs(out, charges, slots * MAX_PERIODS);
        StateIo.writeLongs(out, credits, slots * MAX_PERIODS);
        StateIo.writeLongs(out, maxW, slots * MAX_PERIODS);
        StateIo.writeLongs(out, dayOf, slots / SLOTS);
        StateIo.writeLongs(out, dailyImportWh, slots / SLOTS * MAX_PERIODS);
    }

    void readState(final DataInput in) throws IOException
    {
        periodOf = StateIo.readInts(in, 0);
        versionOf = StateIo.readInts(in, 0);
        flatMaxW = StateIo.readLongs(in, 0);
        importWh = StateIo.readLongs(in, 0);
        exportWh = StateIo.readLongs(in, 0);
        charges = StateIo.readLongs(in, 0);
        credits = StateIo.readLongs(in, 0);
        maxW = StateIo.readLongs(in, 0);
        dayOf = StateIo.readLongs(in, 0);
        dailyImportWh = StateIo.readLongs(in, 0);
    }
}
