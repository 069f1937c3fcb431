package org.gridsettle.journal.codec;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Base of every journal record codec: a flyweight over a buffer region that reads and writes the common header.
 * <p>
 * Layout (little-endian, offsets in bytes):
 * <pre>
 *   0  u16 typeId          what the record is, see {@link RecordType}
 *   2  u16 schemaVersion   layout version of that type
 *   4  i32 length          whole record length, header and chain trailer included
 *   8  i64 sequence        engine sequence: input sequence for inputs, output sequence for outputs
 *  16  i64 causeSequence   for outputs the input sequence that caused it; 0 for inputs
 *  24  ... body ...
 *  length-8 i64 chain      running digest, written by the journal appender
 * </pre>
 * Subclasses add fixed-offset body fields. Wrapping does not allocate, so one instance per type is reused for every
 * message. Not thread-safe.
 */
public abstract class RecordFlyweight
{
    /** Byte order of every journalled field. */
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Length of the common header. */
    public static final int HEADER_LENGTH = 24;
    /** Length of the chain trailer. */
    public static final int TRAILER_LENGTH = 8;

    static final int TYPE_OFFSET = 0;
    static final int VERSION_OFFSET = 2;
    static final int LENGTH_OFFSET = 4;
    static final int SEQUENCE_OFFSET = 8;
    static final int CAUSE_OFFSET = 16;

    protected MutableDirectBuffer buffer;
    protected int offset;

    /**
     * Points this flyweight at a record.
     *
     * @param buffer holding the record.
     * @param offset of the record's first byte.
     * @return this.
     */
    @SuppressWarnings("unchecked")
    public <T extends RecordFlyweight> T wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return (T)this;
    }

    /**
     * Writes the header for a new record of this flyweight's type at the wrapped position.
     *
     * @param sequence      engine sequence.
     * @param causeSequence causing input sequence, or 0.
     * @param length        whole record length including trailer.
     */
    protected final void writeHeader(final long sequence, final long causeSequence, final int length)
    {
        buffer.putShort(offset + TYPE_OFFSET, (short)type().id(), ORDER);
        buffer.putShort(offset + VERSION_OFFSET, (short)type().schemaVersion(), ORDER);
        buffer.putInt(offset + LENGTH_OFFSET, length, ORDER);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ORDER);
        buffer.putLong(offset + CAUSE_OFFSET, causeSequence, ORDER);
        buffer.putLong(offset + length - TRAILER_LENGTH, 0L, ORDER);
    }

    /**
     * Writes the header of a type whose version 2 only adds an OpenADR modification number (DR_EVENT,
     * DR_EVENT_WITHDRAWAL): version 2 with the number at {@code at} when one is given, else the version-1 record the
     * type wrote before such numbers were journalled, byte for byte.
     *
     * @param sequence           engine sequence, or 0 until assigned.
     * @param modificationNumber 0 or more, or negative for none.
     * @param length             the version-1 length.
     * @param modifiedLength     the version-2 length.
     * @param at                 the number's offset in version 2.
     */
    protected final void writeHeaderWithModification(
        final long sequence, final long modificationNumber, final int length, final int modifiedLength, final int at)
    {
        final boolean modified = modificationNumber >= 0;
        writeHeader(sequence, 0L, modified ? modifiedLength : length);
        // explicitly, not the type's current version: DR_EVENT schema 3 is a modification of the same layout
        buffer.putShort(offset + VERSION_OFFSET, (short)(modified ? 2 : 1), ORDER);
        if (modified)
        {
            buffer.putLong(offset + at, modificationNumber, ORDER);
        }
    }

    /**
     * @return the record type this flyweight encodes.
     */
    public abstract RecordType type();

    /**
     * @return sequence from the header.
     */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    /**
     * Overwrites the sequence, used when the engine assigns one to a record the host encoded.
     *
     * @param sequence the engine sequence.
     */
    public void sequence(final long sequence)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ORDER);
    }

    /**
     * @return causing input sequence from the header.
     */
    public long causeSequence()
    {
        return buffer.getLong(offset + CAUSE_OFFSET, ORDER);
    }

    /**
     * @return whole record length.
     */
    public int length()
    {
        return buffer.getInt(offset + LENGTH_OFFSET, ORDER);
    }

    /**
     * @return the wrapped buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the wrapped offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @param buffer a buffer holding a record.
     * @param offset of the record.
     * @return the raw type id of that record.
     */
    public static int typeIdAt(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @param buffer a buffer holding a record.
     * @param offset of the record.
     * @return the raw schema version of that record.
     */
    public static int schemaVersionAt(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @param buffer a buffer holding a record.
     * @param offset of the record.
     * @return the length field of that record.
     */
    public static int lengthAt(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + LENGTH_OFFSET, ORDER);
    }

    /**
     * @param buffer a buffer holding a record.
     * @param offset of the record.
     * @return the sequence of that record.
     */
    public static long sequenceAt(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    /**
     * @param buffer a buffer holding a record.
     * @param offset of the record.
     * @return the cause sequence of that record.
     */
    public static long causeSequenceAt(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CAUSE_OFFSET, ORDER);
    }

    /**
     * Writes ASCII text one byte per char, without the array {@code String.getBytes} would allocate.
     *
     * @param buffer destination.
     * @param at     first byte.
     * @param ascii  text whose chars are all below 0x80, checked by the caller.
     */
    static void putAsciiChars(final MutableDirectBuffer buffer, final int at, final String ascii)
    {
        for (int i = 0; i < ascii.length(); i++)
        {
            buffer.putByte(at + i, (byte)ascii.charAt(i));
        }
    }

    /**
     * Stamps the engine sequence into a record's header.
     *
     * @param buffer   holding the record.
     * @param offset   of the record.
     * @param sequence the sequence.
     */
    public static void putSequence(final MutableDirectBuffer buffer, final int offset, final long sequence)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ORDER);
    }
}
