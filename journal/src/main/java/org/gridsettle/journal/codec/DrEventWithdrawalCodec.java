package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#DR_EVENT_WITHDRAWAL}: takes back a demand-response event journalled earlier (an
 * OpenADR cancellation), so that it does not settle. The event stays in the journal, as every input does; this record
 * is how a later input says it was called off.
 * <pre>
 *  24 i64 eventId    the withdrawn event's id, as its DR_EVENT record gave it
 *  32 i64 tariffId   the tariff that event was published for: a withdrawal naming another tariff withdraws nothing,
 *                    so a sender's mistaken idea of the event is refused rather than acted on
 *  40 [8] reserved
 *  48 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class DrEventWithdrawalCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 56;
    private static final int EVENT = 24;
    private static final int TARIFF = 32;
    private static final int RESERVED = 40;

    @Override
    public RecordType type()
    {
        return RecordType.DR_EVENT_WITHDRAWAL;
    }

    /**
     * @param sequence engine sequence, or 0 until assigned.
     * @param eventId  the withdrawn event's id.
     * @param tariffId the tariff the event was published for.
     * @return this.
     */
    public DrEventWithdrawalCodec encode(final long sequence, final long eventId, final long tariffId)
    {
        writeHeader(sequence, 0L, LENGTH);
        buffer.putLong(offset + EVENT, eventId, ORDER);
        buffer.putLong(offset + TARIFF, tariffId, ORDER);
        buffer.putLong(offset + RESERVED, 0L, ORDER);
        return this;
    }

    /** @return the withdrawn event's id. */
    public long eventId()
    {
        return buffer.getLong(offset + EVENT, ORDER);
    }

    /** @return the tariff the event was published for. */
    public long tariffId()
    {
        return buffer.getLong(offset + TARIFF, ORDER);
    }
}
