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
 * (settled or not), so a snapshot written before withdrawals existed reads unchanged. Each event's OpenADR
 * modification number ({@link DrEventCodec#UNKNOWN_MODIFICATION} for one published without) is held too, since a
 * modification (DR_EVENT schema 3) replaces a pending event only above it; snapshots carry it in a section of its own
 * ({@link #writeModifications}).
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
    /** Opens the section {@link #writeModifications} writes: "DRMN". */
    static final int MODIFICATIONS_MARK = 0x44524D4E;

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
    private long[] modifications = new long[16];
    private int count;
    private boolean modificationsUnknown;
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
     * @param self an event to leave out, the one a modification replaces, or {@link #NONE}.
     * @return true if an event of the same tariff that was not withdrawn, other than {@code self}, overlaps
     *         [start, end).
     */
    boolean overlaps(final int self, final long tariffId, final long start, final long end)
    {
        for (int i = 0; i < count; i++)
        {
            if (i != self && tariffs[i] == tariffId && statuses[i] != WITHDRAWN && starts[i] < end && start < ends[i])
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
            modifications = Arrays.copyOf(modifications, capacity);
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
        modifications[count] = e.modificationNumber();
        indexById.put(e.eventId(), count);
        count++;
    }

    /**
     * Replaces a pending event's settling fields by a modification's, which the caller has checked as a new event.
     *
     * @param i        the event.
     * @param e        the modification: same id, token and tariff.
     * @param localDay the local date it now falls on.
     */
    void replace(final int i, final DrEventCodec e, final long localDay)
    {
        starts[i] = e.start();
        ends[i] = e.end();
        incentives[i] = e.incentive();
        declared[i] = e.declaredWhPerHour();
        methods[i] = e.baselineMethod();
        localDays[i] = localDay;
        modifications[i] = e.modificationNumber();
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
     * @return the OpenADR modification number the event is held at, or {@link DrEventCodec#UNKNOWN_MODIFICATION}.
     */
    long modification(final int i)
    {
        return modifications[i];
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
        // until the section after the state's other sections gives them (readModifications)
        modifications = new long[statuses.length];
        Arrays.fill(modifications, DrEventCodec.UNKNOWN_MODIFICATION);
        modificationsUnknown = false;
        count = n;
        indexById.clear();
        for (int i = 0; i < count; i++)
        {
            indexById.put(ids[i], i);
        }
    }

    /**
     * Writes the events' modification numbers as a section at the end of the state, after its
     * {@link #MODIFICATIONS_MARK}, and nothing while the book is empty: the snapshot of a fleet without DR events is
     * then the same bytes as before the numbers were held.
     */
    void writeModifications(final DataOutput out) throws IOException
    {
        if (count == 0)
        {
            return;
        }
        out.writeInt(MODIFICATIONS_MARK);
        StateIo.writeLongs(out, modifications, count);
    }

    /**
     * Reads the section {@link #writeModifications} wrote, after its {@link #MODIFICATIONS_MARK}, which the caller
     * has read.
     */
    void readModifications(final DataInput in) throws IOException
    {
        final int length = StateIo.readCount(in, Long.BYTES);
        if (length != count)
        {
            throw new IOException("DR event book of " + count + " events has " + length + " modification numbers");
        }
        for (int i = 0; i < length; i++)
        {
            modifications[i] = in.readLong();
        }
        modificationsUnknown = false;
    }

    /**
     * For a snapshot written before the book held modification numbers: a pending event's number decides whether a
     * modification replaces it, and only a replay tells it. A settled or withdrawn event is answered by its status
     * whatever its number.
     */
    void modificationsNotRead()
    {
        modificationsUnknown = false;
        for (int i = 0; i < count; i++)
        {
            modificationsUnknown |= statuses[i] == PENDING;
        }
    }

    /**
     * @return true if this book was loaded without its modification numbers and holds a pending event.
     */
    boolean modificationsUnknown()
    {
        return modificationsUnknown;
    }

    private long[][] columns()
    {
        return new long[][] {ids, tokens, tariffs, starts, ends, incentives, declared, methods, localDays, statuses};
    }
}
