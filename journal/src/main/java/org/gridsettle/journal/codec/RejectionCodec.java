package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#REJECTION}: an input refused with a reason. The refused input itself stays in the
 * input journal at {@link #causeSequence()}.
 * <pre>
 *  24 u16 reason      {@link ReasonCode}
 *  26 u16 inputType   type id of the refused input
 *  28 i32 reserved
 *  32 i64 subject     the meter, account or tariff the reason is about
 *  40 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class RejectionCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 48;
    private static final int REASON = 24;
    private static final int INPUT_TYPE = 26;
    private static final int SUBJECT = 32;

    @Override
    public RecordType type()
    {
        return RecordType.REJECTION;
    }

    /**
     * @param sequence      output sequence.
     * @param causeSequence input sequence refused.
     * @param reason        why.
     * @param inputType     type id of the refused input.
     * @param subject       what the reason is about.
     * @return this.
     */
    public RejectionCodec encode(
        final long sequence, final long causeSequence, final ReasonCode reason, final int inputType, final long subject)
    {
        writeHeader(sequence, causeSequence, LENGTH);
        buffer.putShort(offset + REASON, (short)reason.code(), ORDER);
        buffer.putShort(offset + INPUT_TYPE, (short)inputType, ORDER);
        buffer.putInt(offset + 28, 0, ORDER);
        buffer.putLong(offset + SUBJECT, subject, ORDER);
        return this;
    }

    /** @return raw reason code. */
    public int reasonCode()
    {
        return buffer.getShort(offset + REASON, ORDER) & 0xFFFF;
    }

    /** @return type id of the refused input. */
    public int inputType()
    {
        return buffer.getShort(offset + INPUT_TYPE, ORDER) & 0xFFFF;
    }

    /** @return subject id. */
    public long subject()
    {
        return buffer.getLong(offset + SUBJECT, ORDER);
    }
}
