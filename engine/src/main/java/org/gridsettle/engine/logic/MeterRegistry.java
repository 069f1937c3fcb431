package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Accounts and enrolled meters. Per-meter state lives in parallel primitive arrays indexed by a dense meter index,
 * found through one primitive map: no object per meter.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class MeterRegistry
{
    /** Returned for an unknown meter. */
    public static final int NO_METER = -1;

    private final LongHashSet accounts = new LongHashSet();
    private final Long2LongHashMap meterIndexById = new Long2LongHashMap(NO_METER);
    private long[] accountOf = new long[1024];
    private long[] tariffOf = new long[1024];
    private long[] enrolledFrom = new long[1024];
    private long[] programsOf = new long[1024];
    private long[] meterIds = new long[1024];
    private long[] carbonRegionOf = new long[1024];
    private int meterCount;
    /** Sorts keys for a snapshot; kept so that a capture allocates nothing once the state stops growing. */
    private long[] snapshotScratch = new long[0];

    /**
     * Sizes the array a snapshot sorts the accounts in, before the business-logic thread starts.
     *
     * @param accounts accounts expected.
     */
    void reserveSnapshotScratch(final int accounts)
    {
        if (snapshotScratch.length < accounts)
        {
            snapshotScratch = new long[accounts];
        }
    }

    /**
     * @param accountId a new account.
     * @return false if it already exists.
     */
    public boolean registerAccount(final long accountId)
    {
        return accounts.add(accountId);
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
            if (index == accountOf.length)
            {
                final int capacity = index * 2;
                accountOf = Arrays.copyOf(accountOf, capacity);
                tariffOf = Arrays.copyOf(tariffOf, capacity);
                enrolledFrom = Arrays.copyOf(enrolledFrom, capacity);
                programsOf = Arrays.copyOf(programsOf, capacity);
                carbonRegionOf = Arrays.copyOf(carbonRegionOf, capacity);
            }
            meterIndexById.put(meterId, index);
            if (index == meterIds.length)
            {
                meterIds = Arrays.copyOf(meterIds, index * 2);
            }
            meterIds[index] = meterId;
        }
        accountOf[index] = accountId;
        tariffOf[index] = tariffId;
        enrolledFrom[index] = effectiveFrom;
        programsOf[index] = programs;
        carbonRegionOf[index] = carbonRegion;
        return index;
    }

    /**
     * @param index meter index.
     * @return its program bits.
     */
    public long programsOf(final int index)
    {
        return programsOf[index];
    }

    /**
     * @param index meter index.
     * @return its packed carbon region, or 0.
     */
    public long carbonRegionOf(final int index)
    {
        return carbonRegionOf[index];
    }

    /**
     * @param index meter index.
     * @return its meter id.
     */
    public long meterIdAt(final int index)
    {
        return meterIds[index];
    }

    /**
     * @param meterId a meter.
     * @return its dense index, or {@link #NO_METER}.
     */
    public int indexOf(final long meterId)
    {
        return (int)meterIndexById.get(meterId);
    }

    /**
     * @param index meter index.
     * @return the account billed.
     */
    public long accountOf(final int index)
    {
        return accountOf[index];
    }

    /**
     * @param index meter index.
     * @return its tariff.
     */
    public long tariffOf(final int index)
    {
        return tariffOf[index];
    }

    /**
     * @param index meter index.
     * @return first instant of its enrolment.
     */
    public long enrolledFrom(final int index)
    {
        return enrolledFrom[index];
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
        snapshotScratch = StateIo.writeSet(out, accounts, snapshotScratch);
        out.writeInt(meterCount);
        StateIo.writeLongs(out, meterIds, meterCount);
        StateIo.writeLongs(out, accountOf, meterCount);
        StateIo.writeLongs(out, tariffOf, meterCount);
        StateIo.writeLongs(out, enrolledFrom, meterCount);
        StateIo.writeLongs(out, programsOf, meterCount);
        StateIo.writeLongs(out, carbonRegionOf, meterCount);
    }

    void readState(final DataInput in) throws IOException
    {
        StateIo.readSet(in, accounts);
        // each meter takes 6 longs further on: a count the rest of the file cannot hold is refused before sizing by it
        meterCount = StateIo.readCount(in, 6 * Long.BYTES);
        final int capacity = Math.max(1024, meterCount);
        meterIds = StateIo.readLongs(in, capacity);
        accountOf = StateIo.readLongs(in, capacity);
        tariffOf = StateIo.readLongs(in, capacity);
        enrolledFrom = StateIo.readLongs(in, capacity);
        programsOf = StateIo.readLongs(in, capacity);
        carbonRegionOf = StateIo.readLongs(in, capacity);
        meterIndexById.clear();
        for (int i = 0; i < meterCount; i++)
        {
            meterIndexById.put(meterIds[i], i);
        }
    }
}
