package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.engine.snapshot.StateOutput;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.gridsettle.engine.ledger.Ledger;

import java.util.Arrays;

/**
 * Accounts and enrolled meters. Per-meter state lives in one interleaved primitive array indexed by a dense meter
 * index, found through one primitive map: no object per meter.
 * <p>
 * Layout: a meter's fields share one 64-byte stride, so a tick reads one or two cache lines of the registry instead
 * of one per field; on a fleet larger than the cache, each of those lines was a miss. The stride also caches the
 * meter's account slot in the {@link Ledger}, which is not state: it is found again after a restore or a
 * re-enrolment. A snapshot holds the fields column by column, as before the interleaving.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class MeterRegistry
{
    /** Returned for an unknown meter. */
    public static final int NO_METER = -1;

    private static final int STRIDE = 8;
    // the fields a tick reads first come first
    private static final int ENROLLED_FROM = 0;
    private static final int TARIFF = 1;
    private static final int CARBON_REGION = 2;
    private static final int ACCOUNT = 3;
    private static final int LEDGER_SLOT = 4;
    private static final int PROGRAMS = 5;
    private static final int METER_ID = 6;
    /** The columns a snapshot holds, in the order it holds them. */
    private static final int[] SNAPSHOT_FIELDS = {METER_ID, ACCOUNT, TARIFF, ENROLLED_FROM, PROGRAMS, CARBON_REGION};

    private final LongHashSet accounts = new LongHashSet();
    private final Long2LongHashMap meterIndexById = new Long2LongHashMap(NO_METER);
    private long[] state = new long[1024 * STRIDE];
    private int meterCount;
    /** The index {@link #indexOf} found last: a guess for the next lookup, not state. */
    private int lastFound = -1;
    /**
     * The accounts in ascending order, for snapshots; kept so that a capture allocates nothing once the state stops
     * growing, and sorted again only when accounts were added since the last capture (accounts are never removed).
     */
    private long[] snapshotScratch = new long[0];
    /**
     * How many accounts {@link #snapshotScratch} holds sorted; -1 when it must be sorted again. An account registered
     * above all those is appended at once, so accounts registered in ascending order are never sorted at all.
     */
    private int accountsSorted;

    /**
     * Sizes the array a snapshot sorts the accounts in, before the business-logic thread starts.
     *
     * @param accounts accounts expected.
     */
    void reserveSnapshotScratch(final int accounts)
    {
        if (snapshotScratch.length < accounts)
        {
            // kept: registrations in ascending order extend the sorted accounts in place
            snapshotScratch = Arrays.copyOf(snapshotScratch, accounts);
        }
    }

    /**
     * @param accountId a new account.
     * @return false if it already exists.
     */
    public boolean registerAccount(final long accountId)
    {
        if (!accounts.add(accountId))
        {
            return false;
        }
        // the first capture sorted every account (a fifth of a capture's stall at 100,000 meters); accounts are
        // usually registered in ascending order, and then the sorted array only grows at its end
        final int sorted = accountsSorted;
        if (sorted == accounts.size() - 1 && (sorted == 0 || accountId > snapshotScratch[sorted - 1]))
        {
            if (sorted == snapshotScratch.length)
            {
                snapshotScratch = Arrays.copyOf(snapshotScratch, Math.max(16, 2 * sorted));
            }
            snapshotScratch[sorted] = accountId;
            accountsSorted = sorted + 1;
        }
        return true;
    }

    /**
     * @param accountId an account.
     * @return true if registered.
     */
    public boolean hasAccount(final long accountId)
    {
        return accounts.contains(accountId);
    }

    /**
     * Enrols a meter, or re-enrols it on another account or tariff.
     *
     * @param meterId       meter.
     * @param accountId     account billed.
     * @param tariffId      tariff.
     * @param effectiveFrom first instant of the enrolment.
     * @param programs      program bits.
     * @param carbonRegion  packed carbon region, or 0.
     * @return the meter's dense index.
     */
    public int enrol(
        final long meterId,
        final long accountId,
        final long tariffId,
        final long effectiveFrom,
        final long programs,
        final long carbonRegion)
    {
        int index = (int)meterIndexById.get(meterId);
        if (index == NO_METER)
        {
            index = meterCount++;
            if ((long)index * STRIDE == state.length)
            {
                state = Arrays.copyOf(state, Math.multiplyExact(state.length, 2));
            }
            meterIndexById.put(meterId, index);
        }
        final long[] s = state;
        final int at = index * STRIDE;
        s[at + METER_ID] = meterId;
        s[at + ACCOUNT] = accountId;
        s[at + TARIFF] = tariffId;
        s[at + ENROLLED_FROM] = effectiveFrom;
        s[at + PROGRAMS] = programs;
        s[at + CARBON_REGION] = carbonRegion;
        s[at + LEDGER_SLOT] = Ledger.NO_SLOT;
        return index;
    }

    /**
     * @param index meter index.
     * @return its program bits.
     */
    public long programsOf(final int index)
    {
        return state[index * STRIDE + PROGRAMS];
    }

    /**
     * @param index meter index.
     * @return its packed carbon region, or 0.
     */
    public long carbonRegionOf(final int index)
    {
        return state[index * STRIDE + CARBON_REGION];
    }

    /**
     * @param index meter index.
     * @return its meter id.
     */
    public long meterIdAt(final int index)
    {
        return state[index * STRIDE + METER_ID];
    }

    /**
     * Finds a meter's dense index. Head-ends and meter-data systems deliver an interval's reads in a stable meter
     * order, often the order the meters were enrolled in; so the meter after the one found last is tried first,
     * from its stride, which the hardware has most likely fetched already. Only if it is not that meter does the
     * lookup go to the map, on a random line of a map as large as the fleet. Either way the answer is the same.
     *
     * @param meterId a meter.
     * @return its dense index, or {@link #NO_METER}.
     */
    public int indexOf(final long meterId)
    {
        final int next = lastFound + 1;
        if (next < meterCount && state[next * STRIDE + METER_ID] == meterId)
        {
            lastFound = next;
            return next;
        }
        final int index = (int)meterIndexById.get(meterId);
        if (index != NO_METER)
        {
            lastFound = index;
        }
        return index;
    }

    /**
     * @param index meter index.
     * @return the account billed.
     */
    public long accountOf(final int index)
    {
        return state[index * STRIDE + ACCOUNT];
    }

    /**
     * The ledger slot of the account a meter bills, from the cache in the meter's stride; found in the ledger, and
     * cached, on the meter's first posting after enrolment or a restore.
     *
     * @param index  meter index.
     * @param ledger the ledger posted to.
     * @return the slot of {@link #accountOf} in {@code ledger}.
     */
    public int ledgerSlotOf(final int index, final Ledger ledger)
    {
        final int at = index * STRIDE;
        final long cached = state[at + LEDGER_SLOT];
        if (cached != Ledger.NO_SLOT)
        {
            return (int)cached;
        }
        final int slot = ledger.slotOf(state[at + ACCOUNT]);
        state[at + LEDGER_SLOT] = slot;
        return slot;
    }

    /**
     * @param index meter index.
     * @return its tariff.
     */
    public long tariffOf(final int index)
    {
        return state[index * STRIDE + TARIFF];
    }

    /**
     * @param index meter index.
     * @return first instant of its enrolment.
     */
    public long enrolledFrom(final int index)
    {
        return state[index * STRIDE + ENROLLED_FROM];
    }

    /**
     * @return number of meters enrolled.
     */
    public int meterCount()
    {
        return meterCount;
    }

    void writeState(final DataOutput out) throws IOException
    {
        writeAccounts(out);
        out.writeInt(meterCount);
        StateIo.writeColumns(out, state, STRIDE, SNAPSHOT_FIELDS, meterCount);
    }

    /**
     * Writes the first part of the section {@link #writeState} writes, the accounts and the meter count, then claims
     * the columns and writes their counts, leaving each meter's fields to {@link #writeSectionMeter}: the same bytes
     * once every meter's are written. Only an enrolment changes those fields, never a tick.
     *
     * @param out the capture.
     * @return the offset of the columns' region.
     * @throws IOException never from a {@link StateOutput}.
     */
    long writeSectionHead(final StateOutput out) throws IOException
    {
        writeAccounts(out);
        out.writeInt(meterCount);
        final long column = Integer.BYTES + (long)meterCount * Long.BYTES;
        final long base = out.claim(SNAPSHOT_FIELDS.length * column);
        for (int f = 0; f < SNAPSHOT_FIELDS.length; f++)
        {
            out.putIntAt(base + f * column, meterCount);
        }
        return base;
    }

    /**
     * Writes one meter's fields into the columns claimed by {@link #writeSectionHead}.
     *
     * @param out        the capture.
     * @param base       the columns' offset.
     * @param meterCount meters enrolled when the capture started.
     * @param meter      the meter.
     */
    void writeSectionMeter(final StateOutput out, final long base, final int meterCount, final int meter)
    {
        final long column = Integer.BYTES + (long)meterCount * Long.BYTES;
        final long[] s = state;
        final int from = meter * STRIDE;
        final long at = base + Integer.BYTES + (long)meter * Long.BYTES;
        for (int f = 0; f < SNAPSHOT_FIELDS.length; f++)
        {
            out.putLongAt(at + f * column, s[from + SNAPSHOT_FIELDS[f]]);
        }
    }

    private void writeAccounts(final DataOutput out) throws IOException
    {
        if (accountsSorted != accounts.size())
        {
            snapshotScratch = StateIo.sortedMembers(accounts, snapshotScratch);
            accountsSorted = accounts.size();
        }
        StateIo.writeSorted(out, snapshotScratch, accountsSorted);
    }

    void readState(final DataInput in) throws IOException
    {
        StateIo.readSet(in, accounts);
        accountsSorted = -1;
        // each meter takes 6 longs further on: a count the rest of the file cannot hold is refused before sizing by it
        meterCount = StateIo.readCount(in, SNAPSHOT_FIELDS.length * Long.BYTES);
        final long[] s = new long[Math.multiplyExact(Math.max(1024, meterCount), STRIDE)];
        for (final int field : SNAPSHOT_FIELDS)
        {
            StateIo.readLongsInto(in, s, STRIDE, field, meterCount);
        }
        meterIndexById.clear();
        lastFound = -1;
        for (int i = 0; i < meterCount; i++)
        {
            s[i * STRIDE + LEDGER_SLOT] = Ledger.NO_SLOT;
            meterIndexById.put(s[i * STRIDE + METER_ID], i);
        }
        state = s;
    }
}
