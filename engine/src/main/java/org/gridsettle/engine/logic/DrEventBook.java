package org.gridsettle.engine.logic;

import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.journal.codec.DrEventCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Every demand-response event accepted, in publication order, in parallel primitive arrays: its fields, the local
 * date it falls on, and its status: pending, settled or withdrawn. Events are few (a program calls tens a year), so
 * lookups other than by id are linear scans in publication order, which also makes settlement order deterministic.
 * <p>
 * Events stay after settlement and after withdrawal: their ids keep retries idempotent (and a withdrawn id from being
 * published again), and their days stay out of later baselines. A withdrawn event no longer overlaps anything, so the
 * hours it held can be called again under a new id. The status is the column snapshots have always held as 0 or 1
 * (settled or not), so a snapshot written before withdrawals existed reads unchanged.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class DrEventBook
{
    /** Returned by {@link #indexOf} for an unknown id. */
    static final int NONE = -1;
    /** Status of an event waiting for its tariff's end of day. */
    private static final long PENDING = 0;
    /** Status of an event an end of day has settled; final. */
    private static final long SETTLED = 1;
    /** Status of an event withdrawn before it settled; final. */
    private static final long WITHDRAWN = 2;

    private final Long2LongHashMap indexById = new Long2LongHashMap(NONE);
    private long[] ids = new long[16];
    private long[] tokens = new long[16];
    private long[] tariffs = new long[16];
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private long[] incentives = new long[16];
    private long[] declared = new long[16];
    private long[] methods = new long[16];
    private long[] localDays = new long[16];
    private long[] statuses = new long[16];
    private int count;
    /** Entries written by the last {@link #daysOf}. */
    int lastDayCount;

    int indexOf(final long eventId)
    {
        return (int)indexById.get(eventId);
    }

    /**
     * @return true if the record is exactly the event stored at {@code index}.
     */
    boolean sameAs(final int index, final DrEventCodec e)
    {
        return tokens[index] == e.programToken() && tariffs[index] == e.tariffId() && starts[index] == e.start() &&
            ends[index] == e.end() && incentives[index] == e.incentive() &&
            declared[index] == e.declaredWhPerHour() && methods[index] == e.baselineMethod();
    }

    /**
     * @return true if an event of the same tariff that was not withdrawn overlaps [start, end).
     */
    boolean overlaps(final long tariffId, final long start, final long end)
    {
        for (int i = 0; i < count; i++)
        {
            if (tariffs[i] == tariffId && statuses[i] != WITHDRAWN && starts[i] < end && start < ends[i])
            {
                return true;
            }
        }
        return false;
    }

    void add(final DrEventCodec e, final long localDay)
    {
        if (count == ids.length)
        {
            final int capacity = count * 2;
            ids = Arrays.copyOf(ids, capacity);
            tokens = Arrays.copyOf(tokens, capacity);
            tariffs = Arrays.copyOf(tariffs, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            incentives = Arrays.copyOf(incentives, capacity);
            declared = Arrays.copyOf(declared, capacity);
            methods = Arrays.copyOf(methods, capacity);
            localDays = Arrays.copyOf(localDays, capacity);
            statuses = Arrays.copyOf(statuses, capacity);
        }
        ids[count] = e.eventId();
        tokens[count] = e.programToken();
        tariffs[count] = e.tariffId();
        starts[count] = e.start();
        ends[count] = e.end();
        incentives[count] = e.incentive();
        declared[count] = e.declaredWhPerHour();
        methods[count] = e.baselineMethod();
        localDays[count] = localDay;
        statuses[count] = PENDING;
        indexById.put(e.eventId(), count);
        count++;
    }

    /**
     * Copies the local dates of every event of a tariff into {@code out}, growing it if needed. Withdrawn events
     * count too: their customers were notified, and the load of a notified day is not the ordinary load a baseline
     * stands for.
     *
     * @return the array holding them (possibly a new one); {@link #lastDayCount} says how many.
     */
    long[] daysOf(final long tariffId, final long[] out)
    {
        long[] days = out;
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (tariffs[i] == tariffId)
            {
                if (n == days.length)
                {
                    days = Arrays.copyOf(days, Math.max(16, n * 2));
                }
                days[n++] = localDays[i];
            }
        }
        lastDayCount = n;
        return days;
    }

    int count()
    {
        return count;
    }

    long id(final int i)
    {
        return ids[i];
    }

    long token(final int i)
    {
        return tokens[i];
    }

    long tariff(final int i)
    {
        return tariffs[i];
    }

    long start(final int i)
    {
        return starts[i];
    }

    long end(final int i)
    {
        return ends[i];
    }

    long incentive(final int i)
    {
        return incentives[i];
    }

    long declaredWh(final int i)
    {
        return declared[i];
    }

    int method(final int i)
    {
        return (int)methods[i];
    }

    long localDay(final int i)
    {
        return localDays[i];
    }

    /**
     * @return true if the event waits for its tariff's end of day: neither settled nor withdrawn.
     */
    boolean pending(final int i)
    {
        return statuses[i] == PENDING;
    }

    boolean settled(final int i)
    {
        return statuses[i] == SETTLED;
    }

    boolean withdrawn(final int i)
    {
        return statuses[i] == WITHDRAWN;
    }

    void markSettled(final int i)
    {
        statuses[i] = SETTLED;
    }

    /**
     * Takes a pending event out of settlement and out of the overlap check.
     */
    void markWithdrawn(final int i)
    {
        statuses[i] = WITHDRAWN;
    }

    void writeState(final DataOutput out) throws IOException
    {
        out.writeInt(count);
        for (final long[] column : columns())
        {
            StateIo.writeLongs(out, column, count);
        }
    }

    void readState(final DataInput in) throws IOException
    {
        final int n = in.readInt();
        final long[][] read = new long[10][];
        for (int c = 0; c < read.length; c++)
        {
            read[c] = StateIo.readLongs(in, Math.max(16, n));
            if (n < 0 || read[c].length < n)
            {
                throw new IOException("DR event book of " + n + " events has a shorter column");
            }
        }
        ids = read[0];
        tokens = read[1];
        tariffs = read[2];
        starts = read[3];
        ends = read[4];
        incentives = read[5];
        declared = read[6];
        methods = read[7];
        localDays = read[8];
        statuses = read[9];
        count = n;
        indexById.clear();
        for (int i = 0; i < count; i++)
        {
            indexById.put(ids[i], i);
        }
    }

    private long[][] columns()
    {
        return new long[][] {ids, tokens, tariffs, starts, ends, incentives, declared, methods, localDays, statuses};
    }
}
