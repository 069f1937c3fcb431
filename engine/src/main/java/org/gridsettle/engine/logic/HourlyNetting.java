package org.gridsettle.engine.logic;

import org.agrona.collections.Int2IntHashMap;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.money.MicroUnits;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Hourly netting for {@link org.gridsettle.pricing.tariff.ExportRule#NET_BILLING_HOURLY} meters: within each local
 * clock hour of the tariff's zone, exports first offset imports, and only the net is charged or credited.
 * <p>
 * <b>Definition.</b> For a meter's hour with import I Wh, export E Wh, provisional import charges C and provisional
 * export credits K (micro-units, as the ticks posted them), the offset energy is {@code O = min(I, E)}; the hour's
 * netting adjustment removes O from both sides at each side's average rate of the hour:
 * {@code charges back = halfEven(C x O / I)} and {@code credits back = halfEven(K x O / E)}, each rounded once. So a
 * net importer pays for {@code I - E} at the hour's average import rate and earns nothing; a net exporter is credited
 * {@code E - I} at the hour's average export rate and pays nothing (up to the two roundings).
 * <p>
 * <b>When.</b> Ticks post provisionally as plain net billing. An hour is closed, and its adjustment posted with reason
 * HOURLY_NETTING, by the first input that shows it is over: a tick of the same meter in a later hour (the adjustment's
 * cause is that tick), or an end-of-day calendar event of the meter's tariff at or after the hour's end. A late tick
 * or a correction in a closed hour still held here re-nets it at once: only the difference to what was already posted
 * is posted. An hour older than the {@value #HOURS} kept per meter can take no more ticks: they are refused
 * (OUTSIDE_CORRECTION_WINDOW) before anything is posted, so every hour's HOURLY_NETTING postings always sum to the
 * definition.
 * <p>
 * <b>Memory.</b> Only meters that have had an hourly-netting tick hold state: {@value #HOURS} hours of
 * {@value #BYTES_PER_HOUR} bytes each ({@value #BYTES_PER_METER} bytes per meter) plus a map entry. Arrays grow by
 * doubling when a new hourly meter appears, so steady-state ticks allocate nothing. Owned by the business-logic
 * thread. Not thread-safe.
 */
final class HourlyNetting
{
    /** Hours kept per meter: the open hour and the three before it, a 12-tick window of 15-minute ticks. */
    static final int HOURS = 4;
    /** Per hour: local hour, UTC start, I, E, C, K, charges back, credits back, tariff, two tokens (longs), closed. */
    static final int BYTES_PER_HOUR = 11 * 8 + 4 + 1;
    /** State per hourly-netting meter. */
    static final int BYTES_PER_METER = HOURS * BYTES_PER_HOUR;
    private static final long EMPTY = Long.MIN_VALUE;
    private static final int STATE_MARK = 0x484E4554; // "HNET"

    private final Postings postings;
    private final Int2IntHashMap blockOfMeter = new Int2IntHashMap(-1);
    private int[] meterOfBlock = new int[0];
    private int blocks;
    private long[] localHour = new long[0];
    private long[] utcStart = new long[0];
    private long[] importWh = new long[0];
    private long[] exportWh = new long[0];
    private long[] charges = new long[0];
    private long[] credits = new long[0];
    private long[] chargesBack = new long[0];
    private long[] creditsBack = new long[0];
    private long[] tariffId = new long[0];
    private long[] token = new long[0];
    private long[] exportToken = new long[0];
    private int[] version = new int[0];
    private boolean[] closed = new boolean[0];

    HourlyNetting(final Postings postings)
    {
        this.postings = postings;
    }

    /**
     * @param meter     meter index.
     * @param hourKey   local hour of a tick: floor(local epoch second / 3600).
     * @return false if the hour is older than every hour kept for a meter whose ring is full: the tick must be
     *         refused before it posts anything.
     */
    boolean accepts(final int meter, final long hourKey)
    {
        final int block = blockOfMeter.get(meter);
        if (block < 0)
        {
            return true;
        }
        final int base = block * HOURS;
        long oldest = Long.MAX_VALUE;
        for (int e = base; e < base + HOURS; e++)
        {
            if (localHour[e] == EMPTY || localHour[e] == hourKey)
            {
                return true;
            }
            oldest = Math.min(oldest, localHour[e]);
        }
        return hourKey > oldest;
    }

    /**
     * Adds a tick's (or a correction's) change to its hour, re-nets the hour if it was closed, then closes every
     * earlier open hour of the meter. Call after the tick's own postings, and only if {@link #accepts} said so.
     *
     * @param cause       input sequence of the tick.
     * @param meter       meter index.
     * @param meterId     meter id, for explanations.
     * @param customer    the meter's account.
     * @param hourKey     local hour of the tick.
     * @param tickStart   the tick's interval start, epoch seconds.
     * @param local       the tick's interval start in local seconds.
     * @param tariffRef   tariff id, version and tokens of the tick's pricing, for the adjustment postings.
     * @param deltaImport change of import Wh.
     * @param deltaExport change of export Wh.
     * @param deltaCharge change of provisional import charges, micro-units.
     * @param deltaCredit change of provisional export credits, micro-units (negative for a charged export).
     */
    void onTick(
        final long cause,
        final int meter,
        final long meterId,
        final long customer,
        final long hourKey,
        final long tickStart,
        final long local,
        final TariffRef tariffRef,
        final long deltaImport,
        final long deltaExport,
        final long deltaCharge,
        final long deltaCredit)
    {
        final int base = blockFor(meter) * HOURS;
        int entry = -1;
        int victim = base;
        for (int e = base; e < base + HOURS; e++)
        {
            if (localHour[e] == hourKey)
            {
                entry = e;
                break;
            }
            if (localHour[victim] != EMPTY && (localHour[e] == EMPTY || localHour[e] < localHour[victim]))
            {
                victim = e;
            }
        }
        if (entry < 0)
        {
            if (localHour[victim] != EMPTY && !closed[victim])
            {
                settle(cause, victim, meterId, customer);
            }
            entry = victim;
            localHour[entry] = hourKey;
            utcStart[entry] = tickStart - (local - hourKey * 3_600L);
            importWh[entry] = 0;
            exportWh[entry] = 0;
            charges[entry] = 0;
            credits[entry] = 0;
            chargesBack[entry] = 0;
            creditsBack[entry] = 0;
            closed[entry] = false;
        }
        tariffId[entry] = tariffRef.tariffId;
        version[entry] = tariffRef.version;
        token[entry] = tariffRef.token;
        exportToken[entry] = tariffRef.exportToken;
        importWh[entry] = Math.addExact(importWh[entry], deltaImport);
        exportWh[entry] = Math.addExact(exportWh[entry], deltaExport);
        charges[entry] = Math.addExact(charges[entry], deltaCharge);
        credits[entry] = Math.addExact(credits[entry], deltaCredit);
        if (closed[entry])
        {
            settle(cause, entry, meterId, customer);
        }
        closeBefore(cause, base, hourKey, meterId, customer, Long.MAX_VALUE);
    }

    /**
     * Closes the open hours that end at or before an instant, for every meter on a tariff, in the order the meters
     * first had an hourly tick: what an end-of-day calendar event does.
     *
     * @param cause    input sequence of the calendar event.
     * @param tariff   the tariff id.
     * @param at       the event's instant.
     * @param registry meters, for their ids and accounts.
     */
    void onEndOfDay(final long cause, final long tariff, final long at, final MeterRegistry registry)
    {
        for (int block = 0; block < blocks; block++)
        {
            final int meter = meterOfBlock[block];
            if (registry.tariffOf(meter) != tariff)
            {
                continue;
            }
            closeBefore(cause, block * HOURS, Long.MAX_VALUE, registry.meterIdAt(meter), registry.accountOf(meter),
                at);
        }
    }

    /** Settles the open hours of one meter that are before {@code hourKey} and end at or before {@code endBy}. */
    private void closeBefore(
        final long cause, final int base, final long hourKey, final long meterId, final long customer,
        final long endBy)
    {
        // oldest first, so the postings come in hour order whatever the ring's order
        while (true)
        {
            int next = -1;
            for (int e = base; e < base + HOURS; e++)
            {
                if (localHour[e] != EMPTY && !closed[e] && localHour[e] < hourKey && utcStart[e] + 3_600L <= endBy &&
                    (next < 0 || localHour[e] < localHour[next]))
                {
                    next = e;
                }
            }
            if (next < 0)
            {
                return;
            }
            settle(cause, next, meterId, customer);
        }
    }

    /** Brings an hour's HOURLY_NETTING postings to the definition and marks it closed. */
    private void settle(final long cause, final int e, final long meterId, final long customer)
    {
        final long offset = Math.min(importWh[e], exportWh[e]);
        // offset <= importWh and offset <= exportWh: each target is at most the hour's total, whatever the product
        final long targetCharges = importWh[e] > 0 && offset > 0 ?
            MicroUnits.scaleHalfEven(charges[e], offset, importWh[e]) : 0;
        final long targetCredits = exportWh[e] > 0 && offset > 0 ?
            MicroUnits.scaleHalfEven(credits[e], offset, exportWh[e]) : 0;
        final long chargeDelta = Math.subtractExact(targetCharges, chargesBack[e]);
        final long creditDelta = Math.subtractExact(targetCredits, creditsBack[e]);
        // charges handed back: revenue to customer in the import token; credits taken back: customer to issuance
        // in the export token; a negative delta (the hour was over-netted before a correction) runs the other way
        if (chargeDelta != 0)
        {
            post(cause, e, meterId, offset, charges[e], chargeDelta > 0 ? SystemAccounts.REVENUE : customer,
                chargeDelta > 0 ? customer : SystemAccounts.REVENUE, token[e], Math.abs(chargeDelta), 0);
        }
        if (creditDelta != 0)
        {
            post(cause, e, meterId, offset, credits[e], creditDelta > 0 ? customer : SystemAccounts.ISSUANCE,
                creditDelta > 0 ? SystemAccounts.ISSUANCE : customer, exportToken[e], Math.abs(creditDelta), 1);
        }
        chargesBack[e] = targetCharges;
        creditsBack[e] = targetCredits;
        closed[e] = true;
    }

    private void post(
        final long cause, final int e, final long meterId, final long offset, final long provisional,
        final long debit, final long credit, final long tokenSymbol, final long amount, final int side)
    {
        // explanation: the hour's UTC start, the offset energy, the hour's provisional total of that side in the rate
        // field, and in the tier field which side (0 charges, 1 credits); I and E are the sums of the hour's ticks
        postings.transfer(cause, debit, credit, tokenSymbol, amount, ReasonCode.HOURLY_NETTING)
            .explain(meterId, utcStart[e], offset, provisional, tariffId[e], version[e], 0, side)
            .reverses(0);
        postings.emitTransfer();
    }

    private int blockFor(final int meter)
    {
        final int known = blockOfMeter.get(meter);
        if (known >= 0)
        {
            return known;
        }
        final int block = blocks++;
        final int needed = blocks * HOURS;
        if (needed > localHour.length)
        {
            grow(Math.max(needed, localHour.length * 2));
        }
        if (block == meterOfBlock.length)
        {
            meterOfBlock = Arrays.copyOf(meterOfBlock, Math.max(4, block * 2));
        }
        meterOfBlock[block] = meter;
        blockOfMeter.put(meter, block);
        return block;
    }

    private void grow(final int capacity)
    {
        final int old = localHour.length;
        localHour = Arrays.copyOf(localHour, capacity);
        Arrays.fill(localHour, old, capacity, EMPTY);
        utcStart = Arrays.copyOf(utcStart, capacity);
        importWh = Arrays.copyOf(importWh, capacity);
        exportWh = Arrays.copyOf(exportWh, capacity);
        charges = Arrays.copyOf(charges, capacity);
        credits = Arrays.copyOf(credits, capacity);
        chargesBack = Arrays.copyOf(chargesBack, capacity);
        creditsBack = Arrays.copyOf(creditsBack, capacity);
        tariffId = Arrays.copyOf(tariffId, capacity);
        token = Arrays.copyOf(token, capacity);
        exportToken = Arrays.copyOf(exportToken, capacity);
        version = Arrays.copyOf(version, capacity);
        closed = Arrays.copyOf(closed, capacity);
    }

    void writeState(final DataOutput out) throws IOException
    {
        out.writeInt(STATE_MARK);
        out.writeInt(blocks);
        StateIo.writeInts(out, meterOfBlock, blocks);
        final int used = blocks * HOURS;
        for (final long[] column : new long[][] {localHour, utcStart, importWh, exportWh, charges, credits,
            chargesBack, creditsBack, tariffId, token, exportToken})
        {
            StateIo.writeLongs(out, column, used);
        }
        StateIo.writeInts(out, version, used);
        for (int e = 0; e < used; e++)
        {
            out.writeBoolean(closed[e]);
        }
    }

    void readState(final DataInput in) throws IOException
    {
        if (in.readInt() != STATE_MARK)
        {
            throw new IOException("snapshot has no hourly-netting state where it should be");
        }
        final int count = in.readInt();
        if (count < 0)
        {
            throw new IOException("snapshot has a negative hourly-netting meter count");
        }
        meterOfBlock = StateIo.readInts(in, 0);
        final int used = count * HOURS;
        localHour = readColumn(in, used);
        utcStart = readColumn(in, used);
        importWh = readColumn(in, used);
        exportWh = readColumn(in, used);
        charges = readColumn(in, used);
        credits = readColumn(in, used);
        chargesBack = readColumn(in, used);
        creditsBack = readColumn(in, used);
        tariffId = readColumn(in, used);
        token = readColumn(in, used);
        exportToken = readColumn(in, used);
        version = StateIo.readInts(in, 0);
        if (meterOfBlock.length != count || version.length != used)
        {
            throw new IOException("snapshot hourly-netting state has inconsistent lengths");
        }
        closed = new boolean[used];
        for (int e = 0; e < used; e++)
        {
            closed[e] = in.readBoolean();
        }
        blocks = count;
        blockOfMeter.clear();
        for (int b = 0; b < count; b++)
        {
            blockOfMeter.put(meterOfBlock[b], b);
        }
    }

    private static long[] readColumn(final DataInput in, final int used) throws IOException
    {
        final long[] column = StateIo.readLongs(in, 0);
        if (column.length != used)
        {
            throw new IOException("snapshot hourly-netting column of " + column.length + " entries, expected " + used);
        }
        return column;
    }

    /**
     * What an adjustment posting names and posts in: mutable and reused, filled by the caller per tick, so that
     * nothing is allocated.
     */
    static final class TariffRef
    {
        long tariffId;
        int version;
        long token;
        long exportToken;
    }
}
