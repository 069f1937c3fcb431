package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#DUPLICATE_ACK}: an exact duplicate tick, acknowledged and posting nothing.
 * <pre>
 *  24 i64 meterId
 *  32 i64 intervalStart
 *  40 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class DuplicateAckCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 48;
    private static final int METER = 24;
    private static final int START = 32;

    @Override
    public RecordType type()
    {
        return RecordType.DUPLICATE_ACK;
    }

    /**
     * @param sequence      output sequence.
     * @param causeSequence input sequence of the duplicate.
     * @param meterId       meter.
     * @param intervalStart interval start of the duplicate.
     * @return this.
     */
    public DuplicateAckCodec encode(
        final long sequence, final long causeSequence, final long meterId, final long intervalStart)
    {
        writeHeader(sequence, causeSequence, LENGTH);
        buffer.putLong(offset + METER, meterId, ORDER);
        buffer.putLong(offset + START, intervalStart, ORDER);
        return this;
    }

    /** @return meter id. */
    public long meterId()
    {
        return buffer.getLong(offset + METER, ORDER);
    }

    /** @return interval start. */
    public long intervalStart()
    {
        return buffer.getLong(offset + START, ORDER);
    }
}
