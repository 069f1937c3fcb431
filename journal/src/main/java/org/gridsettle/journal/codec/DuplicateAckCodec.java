package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#DUPLICATE_ACK}: an input that repeats one already applied, acknowledged and
 * posting nothing. The two body fields are a subject and a key whose meaning depends on the type of the input at
 * {@link #causeSequence()}, which this record does not carry; the accessor names are those of the first use:
 * <pre>
 *  24 i64 meterId         subject: the meter (tick), account (redemption), packed token (interest accrual) or
 *                         tariff (calendar)
 *  32 i64 intervalStart   key: interval start in epoch seconds (tick), request id (redemption), epoch day
 *                         (interest accrual) or the calendar instant in epoch seconds (calendar)
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
