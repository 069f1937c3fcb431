package org.gridsettle.engine.snapshot;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes and reads the primitive collections that hold engine state, in a canonical order: map entries and set
 * members sorted by key, arrays with their used length. Two engines in the same state therefore write the same
 * snapshot bytes, which is how snapshot-plus-tail is checked against a full replay.
 * <p>
 * Every length or count read is checked before anything is allocated for it: never negative, and, when reading a
 * snapshot file ({@link SnapshotInput}), no more entries than the unread bytes of the file can hold. A sealed but
 * hostile snapshot therefore fails with an {@link IOException} naming the byte offset, and the engine falls back to an
 * older snapshot or a full replay, instead of dying of an {@link OutOfMemoryError}. A new section of the state must
 * read its lengths through these methods (or {@link #readCount}) for the same reason.
 * <p>
 * Stateless and thread-safe.
 */
public final class StateIo
{
    private StateIo()
    {
    }

    /**
     * @param out    destination.
     * @param values array.
     * @param length entries used.
     * @throws IOException on write failure.
     */
    public static void writeLongs(final DataOutput out, final long[] values, final int length) throws IOException
    {
        out.writeInt(length);
        for (int i = 0; i < length; i++)
        {
            out.writeLong(values[i]);
        }
    }

    /**
     * @param in source.
     * @param minCapacity capacity the returned array must have at least.
     * @return the array read, with at least {@code minCapacity} entries.
     * @throws IOException on read failure or a negative length.
     */
    public static long[] readLongs(final DataInput in, final int minCapacity) throws IOException
    {
        final int length = readLength(in, Long.BYTES);
        final long[] values = new long[Math.max(length, minCapacity)];
        for (int i = 0; i < length; i++)
        {
            values[i] = in.readLong();
        }
        return values;
    }

    /**
     * @param out    destination.
     * @param values array.
     * @param length entries used.
     * @throws IOException on write failure.
     */
    public static void writeInts(final DataOutput out, final int[] values, final int length) throws IOException
    {
        out.writeInt(length);
        for (int i = 0; i < length; i++)
        {
            out.writeInt(values[i]);
        }
    }

    /**
     * @param in          source.
     * @param minCapacity minimum capacity.
     * @return the array read.
     * @throws IOException on read failure.
     */
    public static int[] readInts(final DataInput in, final int minCapacity) throws IOException
    {
        final int length = readLength(in, Integer.BYTES);
        final int[] values = new int[Math.max(length, minCapacity)];
        for (int i = 0; i < length; i++)
        {
            values[i] = in.readInt();
        }
        return values;
    }

    /**
     * @param out     destination.
     * @param map     map, written sorted by key.
     * @param scratch an array to sort the keys in, reused between snapshots so that the capture allocates nothing
     *                once the state stops growing.
     * @return the scratch array to pass next time: the one given, or a larger one.
     * @throws IOException on write failure.
     */
    public static long[] writeMap(final DataOutput out, final Long2LongHashMap map, final long[] scratch)
        throws IOException
    {
        final long[] keys = atLeast(scratch, map.size());
        int n = 0;
        final Long2LongHashMap.KeyIterator it = map.keySet().iterator();
        while (it.hasNext())
        {
            keys[n++] = it.nextValue();
        }
        Arrays.sort(keys, 0, n);
        out.writeInt(n);
        for (int i = 0; i < n; i++)
        {
            out.writeLong(keys[i]);
            out.writeLong(map.get(keys[i]));
        }
        return keys;
    }

    /**
     * @param in  source.
     * @param map cleared, then filled.
     * @throws IOException on read failure.
     */
    public static void readMap(final DataInput in, final Long2LongHashMap map) throws IOException
    {
        map.clear();
        final int n = readLength(in, 2 * Long.BYTES);
        for (int i = 0; i < n; i++)
        {
            map.put(in.readLong(), in.readLong());
        }
    }

    /**
     * @param out     destination.
     * @param set     set, written sorted.
     * @param scratch an array to sort the members in, reused between snapshots.
     * @return the scratch array to pass next time: the one given, or a larger one.
     * @throws IOException on write failure.
     */
    public static long[] writeSet(final DataOutput out, final LongHashSet set, final long[] scratch)
        throws IOException
    {
        final long[] members = sortedMembers(set, scratch);
        writeSorted(out, members, set.size());
        return members;
    }

    /**
     * @param set     a set.
     * @param scratch an array to sort the members in, reused between snapshots.
     * @return the members in ascending order from index 0, in the scratch array given or a larger one.
     */
    public static long[] sortedMembers(final LongHashSet set, final long[] scratch)
    {
        final long[] members = atLeast(scratch, set.size());
        int n = 0;
        final LongHashSet.LongIterator it = set.iterator();
        while (it.hasNext())
        {
            members[n++] = it.nextValue();
        }
        Arrays.sort(members, 0, n);
        return members;
    }

    /**
     * Writes a set already sorted, in the form {@link #readSet} reads.
     *
     * @param out     destination.
     * @param members the members in ascending order from index 0.
     * @param count   how many.
     * @throws IOException on write failure.
     */
    public static void writeSorted(final DataOutput out, final long[] members, final int count) throws IOException
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(members[i]);
        }
    }

    private static long[] atLeast(final long[] scratch, final int n)
    {
        // a quarter to spare, so a state that grows a little between snapshots does not allocate every time
        return scratch.length >= n ? scratch : new long[n + n / 4 + 16];
    }

    /**
     * @param in  source.
     * @param set cleared, then filled.
     * @throws IOException on read failure.
     */
    public static void readSet(final DataInput in, final LongHashSet set) throws IOException
    {
        set.clear();
        final int n = readLength(in, Long.BYTES);
        for (int i = 0; i < n; i++)
        {
            set.add(in.readLong());
        }
    }

    /**
     * Writes several columns of an interleaved array, each as {@link #writeLongsFrom} would, one after another. Into
     * a {@link StateOutput} it reads the array once and fills all the sections in that one pass: a column per pass
     * read the whole array again for each, which made the capture of a large fleet several times slower.
     *
     * @param out    destination.
     * @param src    interleaved source.
     * @param stride longs per entry.
     * @param fields the columns, in the order written.
     * @param count  entries.
     * @throws IOException on write failure.
     */
    public static void writeColumns(
        final DataOutput out, final long[] src, final int stride, final int[] fields, final int count)
        throws IOException
    {
        if (out instanceof StateOutput state)
        {
            state.writeColumns(src, stride, fields, count);
        }
        else
        {
            for (final int field : fields)
            {
                writeLongsFrom(out, src, stride, field, count);
            }
        }
    }

    /**
     * Writes one field of an interleaved array as a column, in the form {@link #readLongsInto} reads.
     *
     * @param out    destination.
     * @param src    interleaved source.
     * @param stride longs per entry in {@code src}.
     * @param field  the field's place within an entry.
     * @param count  entries.
     * @throws IOException on write failure.
     */
    public static void writeLongsFrom(
        final DataOutput out, final long[] src, final int stride, final int field, final int count) throws IOException
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(src[i * stride + field]);
        }
    }

    /**
     * Reads a column written by {@link #writeLongs} straight into every {@code stride}-th slot of an interleaved
     * array, so a large state is not held twice while it is loaded.
     *
     * @param in       source.
     * @param dst      interleaved destination.
     * @param stride   longs per entry in {@code dst}.
     * @param field    the column's place within an entry.
     * @param expected entries the column must have.
     * @throws IOException on read failure or a column of another length.
     */
    public static void readLongsInto(
        final DataInput in, final long[] dst, final int stride, final int field, final int expected) throws IOException
    {
        final int length = readColumnLength(in, 8, expected);
        for (int i = 0; i < length; i++)
        {
            dst[i * stride + field] = in.readLong();
        }
    }

    /**
     * As {@link #readLongsInto}, for a column written by {@link #writeInts}.
     *
     * @param in       source.
     * @param dst      interleaved destination.
     * @param stride   longs per entry in {@code dst}.
     * @param field    the column's place within an entry.
     * @param expected entries the column must have.
     * @throws IOException on read failure or a column of another length.
     */
    public static void readIntsInto(
        final DataInput in, final long[] dst, final int stride, final int field, final int expected) throws IOException
    {
        final int length = readColumnLength(in, 4, expected);
        for (int i = 0; i < length; i++)
        {
            dst[i * stride + field] = in.readInt();
        }
    }

    private static int readColumnLength(final DataInput in, final int bytesPerEntry, final int expected)
        throws IOException
    {
        final long at = in instanceof SnapshotInput snapshot ? snapshot.offset() : -1;
        final int length = readLength(in, bytesPerEntry);
        if (length != expected)
        {
            throw new IOException("column of " + length + " entries in snapshot" + where(at) + ", expected " +
                expected);
        }
        return length;
    }

    /**
     * For a section added at the end of the state by a later build: a snapshot written before it simply ends.
     *
     * @param in source.
     * @return true if state bytes remain to be read.
     * @throws IOException on read failure.
     */
    public static boolean hasMore(final DataInput in) throws IOException
    {
        if (in instanceof SnapshotInput snapshot)
        {
            return snapshot.remaining() > 0;
        }
        return in instanceof java.io.InputStream stream && stream.available() > 0;
    }

    /**
     * Reads a count of entries that the snapshot then holds, such as the number of meters, and checks it before the
     * caller sizes anything by it.
     *
     * @param in            source.
     * @param bytesPerEntry fewest bytes of the snapshot each entry takes (6 longs per meter: 48).
     * @return the count, not negative and, in a snapshot file, no more than its unread bytes can hold.
     * @throws IOException on read failure or an impossible count, naming the byte offset.
     */
    public static int readCount(final DataInput in, final int bytesPerEntry) throws IOException
    {
        return readLength(in, bytesPerEntry);
    }

    private static int readLength(final DataInput in, final int bytesPerEntry) throws IOException
    {
        final long at = in instanceof SnapshotInput snapshot ? snapshot.offset() : -1;
        final int length = in.readInt();
        if (length < 0)
        {
            throw new IOException("negative length " + length + " in snapshot" + where(at));
        }
        if (in instanceof SnapshotInput snapshot && (long)length * bytesPerEntry > snapshot.remaining())
        {
            throw new IOException("length " + length + where(at) + " needs " + (long)length * bytesPerEntry +
                " bytes but only " + snapshot.remaining() + " are left in the snapshot");
        }
        return length;
    }

    private static String where(final long offset)
    {
        return offset < 0 ? "" : " at byte " + offset;
    }
}
