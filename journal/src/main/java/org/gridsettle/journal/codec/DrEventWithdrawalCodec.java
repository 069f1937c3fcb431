package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#DR_EVENT_WITHDRAWAL}: takes back a demand-response event journalled earlier (an
 * OpenADR cancellation), so that it does not settle. The event stays in the journal, as every input does; this record
 * is how a later input says it was called off.
 * <pre>
 *  24 i64 eventId            the withdrawn event's id, as its DR_EVENT record gave it
 *  32 i64 tariffId           the tariff that event was published for: a withdrawal naming another tariff withdraws
 *                            nothing, so a sender's mistaken idea of the event is refused rather than acted on
 *  40 [8] reserved
 *  48 i64 modificationNumber schema 2 only: the OpenADR {@code modificationNumber} of the cancellation as the VTN
 *                            sent it (an xs:unsignedInt, so never negative), so that the journal shows which message
 *                            called the event off; the engine does not settle by it
 *  56 i64 chain              (48 in schema 1)
 * </pre>
 * Writes schema version 2 ({@value #MODIFIED_LENGTH} bytes) when a modification number is given, and version 1
 * ({@value #LENGTH} bytes) otherwise, so that a withdrawal without one is the same bytes as before modification
 * numbers were journalled (format version 8). Reads version 1 as a withdrawal whose modification is unknown
 * ({@value DrEventCodec#UNKNOWN_MODIFICATION}). Not thread-safe.
 */
public final class DrEventWithdrawalCodec extends RecordFlyweight
{
    /** Record length of version 1, which this build writes when no modification number is given. */
    public static final int LENGTH = 56;
    /** Record length of version 2, which this build writes when a modification number is given. */
    public static final int MODIFIED_LENGTH = 64;
    private static final int EVENT = 24;
    private static final int TARIFF = 32;
    private static final int RESERVED = 40;
    private static final int MODIFICATION = 48;

    @Override
    public RecordType type()
    {
        return RecordType.DR_EVENT_WITHDRAWAL;
    }

    /**
     * Encodes a version 1 record: a withdrawal without a modification number.
     *
     * @param sequence engine sequence, or 0 until assigned.
     * @param eventId  the withdrawn event's id.
     * @param tariffId the tariff the event was published for.
     * @return this.
     */
    public DrEventWithdrawalCodec encode(final long sequence, final long eventId, final long tariffId)
    {
        return encode(sequence, eventId, tariffId, DrEventCodec.UNKNOWN_MODIFICATION);
    }

    /**
     * @param sequence           engine sequence, or 0 until assigned.
     * @param eventId            the withdrawn event's id.
     * @param tariffId           the tariff the event was published for.
     * @param modificationNumber the OpenADR modification number of the cancellation, 0 or more; negative for none.
     * @return this: version 2 if a modification number is given, else version 1.
     */
    public DrEventWithdrawalCodec encode(
        final long sequence, final long eventId, final long tariffId, final long modificationNumber)
    {
        writeHeaderWithModification(sequence, modificationNumber, LENGTH, MODIFIED_LENGTH, MODIFICATION);
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

    /**
     * @return the OpenADR modification number of the cancellation, or {@link DrEventCodec#UNKNOWN_MODIFICATION} for
     *         a version 1 record.
     */
    public long modificationNumber()
    {
        return schemaVersionAt(buffer, offset) >= 2 ? buffer.getLong(offset + MODIFICATION, ORDER) :
            DrEventCodec.UNKNOWN_MODIFICATION;
    }

    /**
     * @return the record's length, from its header: {@value #MODIFIED_LENGTH} or {@value #LENGTH}.
     */
    public int encodedLength()
    {
        return lengthAt(buffer, offset);
    }
}
