package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.engine.snapshot.StateOutput;
import org.gridsettle.pricing.tariff.TierBasis;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per meter and billing period, what the period-close true-up and demand charges need: per TOU period the import
 * and export energy and the provisional charges and credits already posted, per demand period the highest interval
 * demand, plus the highest demand over all periods and the local-day tier counters. A demand period is the TOU period
 * unless the tariff has a demand schedule of its own; either way its peak is the demand field of the cell of that
 * index, so a tariff with a demand schedule costs no more heap or snapshot bytes, and its energy fields stay indexed
 * by TOU period.
 * <p>
 * Each meter has two billing slots, so ticks of the next billing period can arrive before the host closes the
 * previous one. A tick for a third open period is refused. State is flat primitive arrays indexed by meter:
 * {@value #BYTES_PER_METER} bytes per meter.
 * <p>
 * Layout: a tick reads and updates one cell (its slot and TOU period: import, export, charges, credits, peak), its
 * slot's header (billing period, version, all-period peak) and its meter's daily counters. Each of those is
 * contiguous in one array rather than spread over one array per field, because on a large fleet the per-tick cost is
 * the cache misses of such random accesses. Snapshots keep the field-by-field layout.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
final class BillingAccumulators
{
    /** Most TOU periods, and most demand periods, a tariff may have for true-ups and TOU demand. */
    static final int MAX_PERIODS = 6;
    /** Open billing periods per meter. */
    static final int SLOTS = 2;
    /** No billing period in a slot. */
    static final int FREE = Integer.MIN_VALUE;
    /** Bytes of state per meter. */
    static final int BYTES_PER_METER = SLOTS * (4 + 4 + 8 + MAX_PERIODS * 5 * 8) + 8 + MAX_PERIODS * 8;
    /** A slot whose ticks were priced by more than one tariff version. */
    static final int MIXED_VERSIONS = -1;

    private static final int CELL = 5;
    private static final int IMPORT = 0;
    private static final int EXPORT = 1;
    private static final int CHARGES = 2;
    private static final int CREDITS = 3;
    private static final int MAX_W = 4;
    private static final int DAY_STRIDE = 1 + MAX_PERIODS;
    /** Longs of cells per meter, the largest row of these arrays. */
    static final int CELLS_PER_METER = SLOTS * MAX_PERIODS * CELL;
    /** The fields a snapshot holds, in the order it holds them. */
    private static final int[] SNAPSHOT_FIELDS = {IMPORT, EXPORT, CHARGES, CREDITS, MAX_W};

    /** Per slot: billing period, tariff version. */
    private int[] heads = new int[0];
    /** Per slot: highest demand over all TOU periods, W. */
    private long[] flatMaxW = new long[0];
    /** Per slot and period, {@value #CELL} longs: import, export, charges, credits (by TOU period), highest demand
     * (by demand period). */
    private long[] cells = new long[0];
    /** Per meter: the local day of the daily counters, then one import counter per TOU period. */
    private long[] days = new long[0];
    private final SectionLayout layout = new SectionLayout();

    void ensureMeters(final int meterCount)
    {
        if (meterCount * SLOTS <= slotCount())
        {
            return;
        }
        final int meters = ArrayGrowth.grownRows(slotCount() / SLOTS, meterCount, CELLS_PER_METER,
            "meters' billing accumulators");
        final int oldSlots = slotCount();
        heads = Arrays.copyOf(heads, meters * SLOTS * 2);
        for (int s = oldSlots; s < meters * SLOTS; s++)
        {
            heads[s * 2] = FREE;
        }
        flatMaxW = Arrays.copyOf(flatMaxW, meters * SLOTS);
        cells = Arrays.copyOf(cells, meters * CELLS_PER_METER);
        final int oldMeters = days.length / DAY_STRIDE;
        days = Arrays.copyOf(days, meters * DAY_STRIDE);
        for (int m = oldMeters; m < meters; m++)
        {
            days[m * DAY_STRIDE] = Long.MIN_VALUE;
        }
    }

    private int slotCount()
    {
        return heads.length / 2;
    }

    /**
     * @param meter meter index.
     * @return true if a billing period with accepted ticks of the meter has not been closed yet; changes nothing.
     */
    boolean hasOpenPeriod(final int meter)
    {
        final int base = meter * SLOTS;
        for (int s = base; s < base + SLOTS; s++)
        {
            if (heads[s * 2] != FREE)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param meter         meter index.
     * @param billingPeriod a billing period.
     * @return true if a slot holds that period or one is free for it; changes nothing.
     */
    boolean hasRoomFor(final int meter, final int billingPeriod)
    {
        final int base = meter * SLOTS;
        for (int s = base; s < base + SLOTS; s++)
        {
            if (heads[s * 2] == billingPeriod || heads[s * 2] == FREE)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param meter         meter index.
     * @param billingPeriod the tick's billing period.
     * @param version       tariff version pricing the tick.
     * @return the slot holding that period (claiming a free one), or -1 if both slots hold other periods.
     */
    int slotFor(final int meter, final int billingPeriod, final int version)
    {
        final int[] h = heads;
        final int base = meter * SLOTS;
        int free = -1;
        for (int s = base; s < base + SLOTS; s++)
        {
            final int period = h[s * 2];
            if (period == billingPeriod)
            {
                if (h[s * 2 + 1] != version)
                {
                    h[s * 2 + 1] = MIXED_VERSIONS;
                }
                return s;
            }
            if (period == FREE && free < 0)
            {
                free = s;
            }
        }
        if (free >= 0)
        {
            h[free * 2] = billingPeriod;
            h[free * 2 + 1] = version;
            flatMaxW[free] = 0;
            final int from = free * MAX_PERIODS * CELL;
            Arrays.fill(cells, from, from + MAX_PERIODS * CELL, 0);
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
            if (heads[s * 2] == billingPeriod)
            {
                return s;
            }
        }
        return -1;
    }

    /**
     * The counter the tiers of a tick are read from.
     *
     * @param meter    meter index.
     * @param slot     billing slot.
     * @param period   TOU period.
     * @param basis    what the tariff's tiers count over.
     * @param localDay the tick's local day, for daily tiers.
     * @return Wh counted so far.
     */
    long tierCounter(final int meter, final int slot, final int period, final TierBasis basis, final long localDay)
    {
        if (basis == TierBasis.BILLING_PERIOD)
        {
            return cells[cell(slot, period) + IMPORT];
        }
        if (basis == TierBasis.BILLING_PERIOD_ALL_PERIODS)
        {
            final long[] c = cells;
            final int first = cell(slot, 0);
            long total = 0;
            for (int p = 0; p < MAX_PERIODS; p++)
            {
                total += c[first + p * CELL + IMPORT];
            }
            return total;
        }
        final int at = meter * DAY_STRIDE;
        if (localDay < days[at])
        {
            // a tick of a day before the counter's: that day's counter is gone, and today's must not be lost to it
            return 0;
        }
        if (localDay > days[at])
        {
            days[at] = localDay;
            Arrays.fill(days, at + 1, at + DAY_STRIDE, 0);
        }
        return days[at + 1 + period];
    }

    /**
     * Adds (or, with a negative sign, removes) a priced tick's energy and amounts. Its demand is not added here: it
     * stays with the tick in the correction window until {@link #settleDemand}.
     */
    void add(
        final int meter,
        final int slot,
        final int period,
        final long importDeltaWh,
        final long exportDeltaWh,
        final long chargeDelta,
        final long creditDelta,
        final long localDay)
    {
        final long[] c = cells;
        final int i = cell(slot, period);
        c[i + IMPORT] = Math.addExact(c[i + IMPORT], importDeltaWh);
        c[i + EXPORT] = Math.addExact(c[i + EXPORT], exportDeltaWh);
        c[i + CHARGES] = Math.addExact(c[i + CHARGES], chargeDelta);
        c[i + CREDITS] = Math.addExact(c[i + CREDITS], creditDelta);
        final int at = meter * DAY_STRIDE;
        if (days[at] == localDay)
        {
            // only the day the counter holds counts; an earlier day's tick or correction leaves it alone
            days[at + 1 + period] += importDeltaWh;
        }
    }

    /**
     * Folds the demand of a tick that has left the correction window, and so can no longer change, into its billing
     * period's settled peaks. The peaks at close are these and the window's own entries, so a correction that
     * lowers a tick still in the window lowers the peak.
     *
     * @param meter meter index.
     * @param place the tick's {@link TickWindow#place}, whose period is the tick's demand period.
     */
    void settleDemand(final int meter, final long place)
    {
        final int base = meter * SLOTS;
        for (int s = base; s < base + SLOTS; s++)
        {
            if (heads[s * 2] != FREE && (heads[s * 2] & 0xFFFF) == TickWindow.billingPeriodOf(place))
            {
                final long demandW = TickWindow.demandW(place);
                final int i = cell(s, TickWindow.periodOf(place)) + MAX_W;
                cells[i] = Math.max(cells[i], demandW);
                flatMaxW[s] = Math.max(flatMaxW[s], demandW);
                return;
            }
        }
    }

    /**
     * @param slot a billing slot.
     * @return the billing period it holds.
     */
    int billingPeriodOf(final int slot)
    {
        return heads[slot * 2];
    }

    private static int cell(final int slot, final int period)
    {
        return (slot * MAX_PERIODS + period) * CELL;
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
        final long[] c = cells;
        final int i = cell(slot, period);
        return fitsSum(c[i + IMPORT], importDeltaWh) && fitsSum(c[i + EXPORT], exportDeltaWh) &&
            fitsSum(c[i + CHARGES], chargeDelta) && fitsSum(c[i + CREDITS], creditDelta);
    }

    private static boolean fitsSum(final long a, final long b)
    {
        return b >= 0 ? a <= Long.MAX_VALUE - b : a >= Long.MIN_VALUE - b;
    }

    long importWh(final int slot, final int period)
    {
        return cells[cell(slot, period) + IMPORT];
    }

    long exportWh(final int slot, final int period)
    {
        return cells[cell(slot, period) + EXPORT];
    }

    long charges(final int slot, final int period)
    {
        return cells[cell(slot, period) + CHARGES];
    }

    long credits(final int slot, final int period)
    {
        return cells[cell(slot, period) + CREDITS];
    }

    /** @return the settled peak of a slot's demand period: ticks that have left the correction window. */
    long maxDemandW(final int slot, final int period)
    {
        return cells[cell(slot, period) + MAX_W];
    }

    /** @return the settled peak of a slot over all periods: ticks that have left the correction window. */
    long flatMaxDemandW(final int slot)
    {
        return flatMaxW[slot];
    }

    int version(final int slot)
    {
        return heads[slot * 2 + 1];
    }

    void free(final int slot)
    {
        heads[slot * 2] = FREE;
    }

    void writeState(final DataOutput out, final int meterCount) throws IOException
    {
        // field by field, as the snapshot format has it
        final int slots = Math.min(slotCount(), meterCount * SLOTS);
        writeHeads(out, 0, slots);
        writeHeads(out, 1, slots);
        StateIo.writeLongs(out, flatMaxW, slots);
        StateIo.writeColumns(out, cells, CELL, SNAPSHOT_FIELDS, slots * MAX_PERIODS);
        final int meters = slots / SLOTS;
        out.writeInt(meters);
        for (int m = 0; m < meters; m++)
        {
            out.writeLong(days[m * DAY_STRIDE]);
        }
        out.writeInt(meters * MAX_PERIODS);
        for (int m = 0; m < meters; m++)
        {
            for (int p = 0; p < MAX_PERIODS; p++)
            {
                out.writeLong(days[m * DAY_STRIDE + 1 + p]);
            }
        }
    }

    /**
     * @param meterCount meters enrolled.
     * @return bytes of the section {@link #writeState} writes for them, or -1 if it could not be written a meter at
     *     a time (fewer slots than meters need).
     */
    long sectionBytes(final int meterCount)
    {
        final long slots = (long)meterCount * SLOTS;
        if (slots > slotCount())
        {
            return -1;
        }
        final long cellEntries = slots * MAX_PERIODS;
        // period and version heads (count, ints); peaks (count, longs); five cell columns; days; daily counters
        return 2 * (Integer.BYTES + slots * Integer.BYTES) + Integer.BYTES + slots * Long.BYTES +
            SNAPSHOT_FIELDS.length * (Integer.BYTES + cellEntries * Long.BYTES) +
            Integer.BYTES + (long)meterCount * Long.BYTES + Integer.BYTES + (long)meterCount * MAX_PERIODS * Long.BYTES;
    }

    /**
     * Writes the counts of the section {@link #writeState} writes into a region of {@link #sectionBytes}, leaving
     * the entries to {@link #writeSectionMeter}: the same bytes once every meter's are written.
     *
     * @param out        the capture.
     * @param base       the region's offset.
     * @param meterCount meters enrolled.
     */
    void writeSectionHead(final StateOutput out, final long base, final int meterCount)
    {
        final SectionLayout at = layout.at(base, meterCount);
        out.putIntAt(at.periods - Integer.BYTES, at.slots);
        out.putIntAt(at.versions - Integer.BYTES, at.slots);
        out.putIntAt(at.peaks - Integer.BYTES, at.slots);
        for (int f = 0; f < SNAPSHOT_FIELDS.length; f++)
        {
            out.putIntAt(at.cells + f * at.cellColumn - Integer.BYTES, at.slots * MAX_PERIODS);
        }
        out.putIntAt(at.days - Integer.BYTES, meterCount);
        out.putIntAt(at.daily - Integer.BYTES, meterCount * MAX_PERIODS);
    }

    /**
     * Writes one meter's slots, cells and days into the section, where {@link #writeState} would have put them.
     *
     * @param out        the capture.
     * @param base       the region's offset.
     * @param meterCount meters enrolled when the capture started.
     * @param meter      the meter.
     */
    void writeSectionMeter(final StateOutput out, final long base, final int meterCount, final int meter)
    {
        final SectionLayout at = layout.at(base, meterCount);
        final int[] h = heads;
        final long[] c = cells;
        for (int s = meter * SLOTS, end = s + SLOTS; s < end; s++)
        {
            out.putIntAt(at.periods + (long)s * Integer.BYTES, h[s * 2]);
            out.putIntAt(at.versions + (long)s * Integer.BYTES, h[s * 2 + 1]);
            out.putLongAt(at.peaks + (long)s * Long.BYTES, flatMaxW[s]);
            for (int i = s * MAX_PERIODS, last = i + MAX_PERIODS; i < last; i++)
            {
                for (int f = 0; f < SNAPSHOT_FIELDS.length; f++)
                {
                    out.putLongAt(at.cells + f * at.cellColumn + (long)i * Long.BYTES,
                        c[i * CELL + SNAPSHOT_FIELDS[f]]);
                }
            }
        }
        final long[] d = days;
        out.putLongAt(at.days + (long)meter * Long.BYTES, d[meter * DAY_STRIDE]);
        for (int p = 0; p < MAX_PERIODS; p++)
        {
            out.putLongAt(at.daily + ((long)meter * MAX_PERIODS + p) * Long.BYTES, d[meter * DAY_STRIDE + 1 + p]);
        }
    }

    /**
     * Where each column's first entry lies in a section of {@link #writeState}'s form; a count precedes each. One
     * instance, recomputed per call, so that writing a meter allocates nothing.
     */
    private static final class SectionLayout
    {
        int slots;
        long periods;
        long versions;
        long peaks;
        long cells;
        long cellColumn;
        long days;
        long daily;

        SectionLayout at(final long base, final int meterCount)
        {
            // byte offsets in longs: a large fleet's section passes 2 GiB, though each count still fits an int
            slots = meterCount * SLOTS;
            periods = base + Integer.BYTES;
            versions = periods + (long)slots * Integer.BYTES + Integer.BYTES;
            peaks = versions + (long)slots * Integer.BYTES + Integer.BYTES;
            cellColumn = Integer.BYTES + (long)slots * MAX_PERIODS * Long.BYTES;
            cells = peaks + (long)slots * Long.BYTES + Integer.BYTES;
            days = cells + SNAPSHOT_FIELDS.length * cellColumn;
            daily = days + (long)meterCount * Long.BYTES + Integer.BYTES;
            return this;
        }
    }

    private void writeHeads(final DataOutput out, final int field, final int slots) throws IOException
    {
        out.writeInt(slots);
        for (int s = 0; s < slots; s++)
        {
            out.writeInt(heads[s * 2 + field]);
        }
    }

    void readState(final DataInput in) throws IOException
    {
        final int[] periodOf = StateIo.readInts(in, 0);
        final int[] versionOf = StateIo.readInts(in, 0);
        final int slots = periodOf.length;
        final long[] flat = StateIo.readLongs(in, 0);
        same("version", versionOf.length, slots);
        same("peak", flat.length, slots);
        final int[] h = new int[slots * 2];
        for (int s = 0; s < slots; s++)
        {
            h[s * 2] = periodOf[s];
            h[s * 2 + 1] = versionOf[s];
        }
        final long[] c = new long[Math.multiplyExact(slots * MAX_PERIODS, CELL)];
        for (final int field : SNAPSHOT_FIELDS)
        {
            // straight into the cells: a million meters' columns are not held twice while loading
            StateIo.readLongsInto(in, c, CELL, field, slots * MAX_PERIODS);
        }
        final long[] dayOf = StateIo.readLongs(in, 0);
        final long[] daily = StateIo.readLongs(in, 0);
        same("day", dayOf.length, slots / SLOTS);
        same("daily counter", daily.length, dayOf.length * MAX_PERIODS);
        final long[] d = new long[dayOf.length * DAY_STRIDE];
        for (int m = 0; m < dayOf.length; m++)
        {
            d[m * DAY_STRIDE] = dayOf[m];
            System.arraycopy(daily, m * MAX_PERIODS, d, m * DAY_STRIDE + 1, MAX_PERIODS);
        }
        heads = h;
        flatMaxW = flat;
        cells = c;
        days = d;
    }

    private static void same(final String what, final int length, final int expected) throws IOException
    {
        if (length != expected)
        {
            throw new IOException("snapshot's billing state has a " + what + " column of " + length + " entries, " +
                "expected " + expected);
        }
    }
}
