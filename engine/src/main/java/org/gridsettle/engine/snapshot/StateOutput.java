package org.gridsettle.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataOutput;
import java.io.UTFDataFormatException;
import java.nio.ByteOrder;

/**
 * A {@link DataOutput} into an off-heap buffer that is kept and reused, so the business-logic thread can capture its
 * state at memory speed and leave the hashing and the file to another thread.
 * <p>
 * Why not {@code DataOutputStream} over a {@code BufferedOutputStream}: every {@code writeLong} then takes a
 * synchronized call and an array copy, which made a snapshot of 100,000 meters cost the logic thread 160-280 ms.
 * The bytes are the same as {@code DataOutputStream}'s: big-endian, and modified UTF-8 for {@link #writeUTF}.
 * <p>
 * The memory is native, from {@code malloc}, and grows with {@code realloc}, which on Linux remaps a large block
 * instead of holding old and new copies at once. It is never shrunk, so once a snapshot has been taken, the next ones
 * allocate nothing. It is as large as a snapshot, about 1.4 KB per enrolled meter: 1.4 GB at a million meters, and
 * more than 2 GiB for larger fleets or many meters in demand response, which is why its offsets are longs.
 * Why not a direct {@code ByteBuffer}: those count against {@code -XX:MaxDirectMemorySize}, which defaults to the
 * heap size, and a million meters in a 2 GiB heap then could not be snapshotted at all. Not thread-safe: filled by
 * one thread, then handed over whole.
 */
public final class StateOutput implements DataOutput
{
    private static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ORDER;
    private static final long BYTE_ARRAY_OFFSET = UnsafeApi.arrayBaseOffset(byte[].class);

    private static final long DOUBLING_LIMIT = 64 << 20;

    private long address;
    private long capacity;
    private long length;

    /**
     * @param initialCapacity bytes allocated up front.
     */
    public StateOutput(final int initialCapacity)
    {
        final int capacity = Math.max(64, initialCapacity);
        address = UnsafeApi.allocateMemory(capacity);
        UnsafeApi.setMemory(address, capacity, (byte)0);
        this.capacity = capacity;
    }

    /**
     * Empties the buffer for the next capture; the memory is kept.
     */
    public void reset()
    {
        length = 0;
    }

    /**
     * @return bytes written since {@link #reset()}.
     */
    public long length()
    {
        return length;
    }

    /**
     * @return the address of the first byte written; the bytes run to {@link #length()}, and stay valid until the next
     *     write, {@link #reserve} or {@link #free}.
     */
    public long address()
    {
        return address;
    }

    /**
     * @return the bytes written, offsets 0 to {@link #length()}, for a test; valid until the next write,
     *     {@link #reserve} or {@link #free}. Allocates the view.
     * @throws IllegalStateException if more than a {@link DirectBuffer} can address has been written.
     */
    public DirectBuffer bytes()
    {
        if (length > Integer.MAX_VALUE)
        {
            throw new IllegalStateException(length + " bytes are more than one DirectBuffer views");
        }
        return new UnsafeBuffer(address, (int)length);
    }

    /**
     * @return bytes allocated.
     */
    public long capacity()
    {
        return capacity;
    }

    /**
     * Grows the memory ahead of a capture, so the capture itself need not: growing may copy, and touches every new
     * page so that the capture takes no page faults.
     *
     * @param bytes capacity wanted, an estimate that already has its headroom; never shrinks.
     */
    public void reserve(final long bytes)
    {
        if (bytes > capacity)
        {
            growTo(bytes);
        }
    }

    /**
     * Frees the off-heap memory. The output cannot be used afterwards.
     */
    public void free()
    {
        if (address != 0)
        {
            UnsafeApi.freeMemory(address);
            address = 0;
            capacity = 0;
            length = 0;
        }
    }

    /**
     * Claims the next bytes, growing the memory if needed. Every write claims its bytes this way, so the memory
     * behind a claimed region always exists and the writes into it need no bounds check of their own.
     *
     * @param bytes size of the region.
     * @return offset of its first byte.
     */
    private long claimRegion(final long bytes)
    {
        // callers read the address after this returns, never before: growing may move the memory
        final long at = length;
        final long needed = at + bytes;
        if (needed > capacity)
        {
            grow(needed);
        }
        length = needed;
        return at;
    }

    /**
     * Claims a region to be filled later with {@link #putIntAt} and {@link #putLongAt}, for a section whose size is
     * known before its content: a capture that copies each meter's part of a section when it gets to that meter.
     *
     * @param bytes size of the region.
     * @return offset of its first byte.
     */
    public long claim(final long bytes)
    {
        if (bytes < 0)
        {
            throw new IllegalArgumentException("a region of " + bytes + " bytes");
        }
        return claimRegion(bytes);
    }

    /**
     * Writes a big-endian int into bytes already claimed.
     *
     * @param offset where.
     * @param v      the value.
     * @throws IndexOutOfBoundsException outside the bytes claimed since {@link #reset()}.
     */
    public void putIntAt(final long offset, final int v)
    {
        if (offset < 0 || offset > length - Integer.BYTES)
        {
            throw new IndexOutOfBoundsException("int at " + offset + " of " + length + " bytes claimed");
        }
        UnsafeApi.putInt(address + offset, bigEndian(v));
    }

    /**
     * Writes a big-endian long into bytes already claimed.
     *
     * @param offset where.
     * @param v      the value.
     * @throws IndexOutOfBoundsException outside the bytes claimed since {@link #reset()}.
     */
    public void putLongAt(final long offset, final long v)
    {
        if (offset < 0 || offset > length - Long.BYTES)
        {
            throw new IndexOutOfBoundsException("long at " + offset + " of " + length + " bytes claimed");
        }
        UnsafeApi.putLong(address + offset, bigEndian(v));
    }

    /**
     * Writes fields of an interleaved array as one column each, in the form {@link StateIo#writeColumns} defines:
     * per field, the count then that field of every entry, big-endian. The entries are read once, in order, and the
     * region is claimed and checked once, so the writes need no bounds check each: at 100,000 meters a capture writes
     * millions of them, and the check per write was an eighth of a capture in a JFR profile.
     *
     * @param src    interleaved source.
     * @param stride longs per entry in {@code src}.
     * @param fields places within an entry, in the order their columns are written.
     * @param count  entries.
     */
    public void writeColumns(final long[] src, final int stride, final int[] fields, final int count)
    {
        for (final int field : fields)
        {
            if (field < 0 || field >= stride || (count > 0 && (long)(count - 1) * stride + field >= src.length))
            {
                throw new IndexOutOfBoundsException("field " + field + " of " + count + " entries of " + stride +
                    " longs is outside an array of " + src.length);
            }
        }
        final long section = Integer.BYTES + (long)count * Long.BYTES;
        final long base = claimRegion(section * fields.length);
        final long start = address + base;
        final int columns = fields.length;
        for (int f = 0; f < columns; f++)
        {
            UnsafeApi.putInt(start + f * section, bigEndian(count));
        }
        for (int i = 0; i < count; i++)
        {
            final int from = i * stride;
            final long at = start + Integer.BYTES + (long)i * Long.BYTES;
            for (int f = 0; f < columns; f++)
            {
                UnsafeApi.putLong(at + f * section, bigEndian(src[from + fields[f]]));
            }
        }
    }

    private static short bigEndian(final short value)
    {
        return NATIVE_BIG_ENDIAN ? value : Short.reverseBytes(value);
    }

    private static int bigEndian(final int value)
    {
        return NATIVE_BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }

    private static long bigEndian(final long value)
    {
        return NATIVE_BIG_ENDIAN ? value : Long.reverseBytes(value);
    }

    private void grow(final long needed)
    {
        // small buffers double; a large one gets a quarter more than needed, since doubling 1.4 GB would ask for 2.8
        final long current = capacity;
        final long wanted = current < DOUBLING_LIMIT ? 2L * current : needed + needed / 4;
        growTo(Math.max(needed, wanted));
    }

    private void growTo(final long newCapacity)
    {
        final long current = capacity;
        address = UnsafeApi.reallocateMemory(address, newCapacity);
        capacity = newCapacity;
        // touch the new pages here, where reserve() runs (the snapshot thread), or the first capture into them would
        // take a page fault every 4 KiB on the logic thread: 35,000 of them for 100,000 meters
        UnsafeApi.setMemory(address + current, newCapacity - current, (byte)0);
    }

    @Override
    public void write(final int b)
    {
        final long at = claimRegion(1);
        UnsafeApi.putByte(address + at, (byte)b);
    }

    @Override
    public void write(final byte[] b)
    {
        write(b, 0, b.length);
    }

    @Override
    public void write(final byte[] b, final int off, final int len)
    {
        if (off < 0 || len < 0 || off > b.length - len)
        {
            throw new IndexOutOfBoundsException(len + " bytes at " + off + " of " + b.length);
        }
        final long at = claimRegion(len);
        UnsafeApi.copyMemory(b, BYTE_ARRAY_OFFSET + off, null, address + at, len);
    }

    @Override
    public void writeBoolean(final boolean v)
    {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(final int v)
    {
        write(v);
    }

    @Override
    public void writeShort(final int v)
    {
        final long at = claimRegion(2);
        UnsafeApi.putShort(address + at, bigEndian((short)v));
    }

    @Override
    public void writeChar(final int v)
    {
        final long at = claimRegion(2);
        UnsafeApi.putShort(address + at, bigEndian((short)v));
    }

    @Override
    public void writeInt(final int v)
    {
        final long at = claimRegion(4);
        UnsafeApi.putInt(address + at, bigEndian(v));
    }

    @Override
    public void writeLong(final long v)
    {
        final long at = claimRegion(8);
        UnsafeApi.putLong(address + at, bigEndian(v));
    }

    @Override
    public void writeFloat(final float v)
    {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(final double v)
    {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(final String s)
    {
        for (int i = 0; i < s.length(); i++)
        {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(final String s)
    {
        for (int i = 0; i < s.length(); i++)
        {
            writeChar(s.charAt(i));
        }
    }

    @Override
    public void writeUTF(final String s) throws UTFDataFormatException
    {
        int encoded = 0;
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            encoded += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (encoded > 65535)
        {
            throw new UTFDataFormatException("encoded string too long: " + encoded + " bytes");
        }
        writeShort(encoded);
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F)
            {
                write(c);
            }
            else if (c <= 0x07FF)
            {
                write(0xC0 | ((c >> 6) & 0x1F));
                write(0x80 | (c & 0x3F));
            }
            else
            {
                write(0xE0 | ((c >> 12) & 0x0F));
                write(0x80 | ((c >> 6) & 0x3F));
                write(0x80 | (c & 0x3F));
            }
        }
    }
}
