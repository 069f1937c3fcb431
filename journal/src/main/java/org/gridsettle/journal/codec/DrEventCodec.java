package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#DR_EVENT}: a demand-response event dispatched to the DR-enrolled meters of one
 * tariff. The engine credits each meter's reduction below its baseline over the event hours, in the program's token,
 * when the tariff's first end of day at or after the event's end is applied.
 * <pre>
 *  24 i64 eventId            the program's id for the event; an exact repeat is acknowledged, a different event
 *                            under the same id is rejected
 *  32 i64 programToken       packed symbol of the token the incentive is minted in (for example DR)
 *  40 i64 tariffId           scope: the DR-enrolled meters on this tariff; baseline hours are in its zone, and its
 *                            holidays are not baseline days
 *  48 i64 start              epoch seconds, first instant of the event, on a local hour of the tariff's zone
 *  56 i64 end                epoch seconds, exclusive; whole hours after start, within the same local day
 *  64 i64 incentive          micro-units of the program token per kWh reduced
 *  72 i64 declaredWhPerHour  the declared baseline in Wh per event hour; 0 unless the method is DECLARED
 *  80 u8  baselineMethod     {@link org.gridsettle.pricing.dr.BaselineMethod} code: 0 10-in-10, 1 10-in-10 with
 *                            day-of adjustment, 2 declared
 *  81 [7] reserved
 *  88 i64 modificationNumber schemas 2 and 3: the OpenADR {@code modificationNumber} of the event as published (an
 *                            xs:unsignedInt, so never negative); the engine does not settle by it
 *  96 i64 chain              (88 in schema 1)
 * </pre>
 * Writes schema version 2 ({@value #MODIFIED_LENGTH} bytes) when a modification number is given, and version 1
 * ({@value #LENGTH} bytes) otherwise, so that an event published without one is the same bytes as before modification
 * numbers were journalled. Reads version 1 as an event whose modification is unknown
 * ({@value #UNKNOWN_MODIFICATION}). Schema version 3 (format version 9, {@link #encodeModification}) is version 2's
 * layout, byte for byte but the version, meaning "a modification": it replaces the pending event of its id if its
 * number is above the one held (journal/FORMAT.md, DR_EVENT). A version of its own, not a flag in a reserved byte,
 * because versions 1 and 2 must keep answering as they always did, and an older build must refuse a journal holding
 * one rather than settle the event it replaced. Not thread-safe.
 */
public final class DrEventCodec extends RecordFlyweight
{
    /** Record length of version 1, which this build writes when no modification number is given. */
    public static final int LENGTH = 96;
    /** Record length of version 2, which this build writes when a modification number is given. */
    public static final int MODIFIED_LENGTH = 104;
    /** What {@link #modificationNumber()} answers for a version 1 record: the modification is not known. */
    public static final long UNKNOWN_MODIFICATION = -1;
    /** The schema version of a modification ({@link #encodeModification}). */
    public static final int MODIFICATION_VERSION = 3;
    private static final int EVENT = 24;
    private static final int TOKEN = 32;
    private static final int TARIFF = 40;
    private static final int START = 48;
    private static final int END = 56;
    private static final int INCENTIVE = 64;
    private static final int DECLARED_WH = 72;
    private static final int METHOD = 80;
    private static final int MODIFICATION = 88;

    @Override
    public RecordType type()
    {
        return RecordType.DR_EVENT;
    }

    /**
     * Encodes a version 1 record: an event without a modification number.
     *
     * @param sequence          engine sequence, or 0 until assigned.
     * @param eventId           the program's event id.
     * @param programToken      packed token symbol.
     * @param tariffId          tariff whose DR-enrolled meters are dispatched.
     * @param start             first instant, epoch seconds.
     * @param end               exclusive end, epoch seconds.
     * @param incentive         micro-units per kWh reduced.
     * @param baselineMethod    a {@link org.gridsettle.pricing.dr.BaselineMethod} code.
     * @param declaredWhPerHour declared baseline, Wh per hour; 0 for the 10-in-10 methods.
     * @return this.
     */
    public DrEventCodec encode(
        final long sequence,
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final int baselineMethod,
        final long declaredWhPerHour)
    {
        return encode(sequence, eventId, programToken, tariffId, start, end, incentive, baselineMethod,
            declaredWhPerHour, UNKNOWN_MODIFICATION);
    }

    /**
     * @param sequence           engine sequence, or 0 until assigned.
     * @param eventId            the program's event id.
     * @param programToken       packed token symbol.
     * @param tariffId           tariff whose DR-enrolled meters are dispatched.
     * @param start              first instant, epoch seconds.
     * @param end                exclusive end, epoch seconds.
     * @param incentive          micro-units per kWh reduced.
     * @param baselineMethod     a {@link org.gridsettle.pricing.dr.BaselineMethod} code.
     * @param declaredWhPerHour  declared baseline, Wh per hour; 0 for the 10-in-10 methods.
     * @param modificationNumber the OpenADR modification number, 0 or more; negative for none.
     * @return this: version 2 if a modification number is given, else version 1.
     */
    public DrEventCodec encode(
        final long sequence,
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final int baselineMethod,
        final long declaredWhPerHour,
        final long modificationNumber)
    {
        writeHeaderWithModification(sequence, modificationNumber, LENGTH, MODIFIED_LENGTH, MODIFICATION);
        buffer.putLong(offset + EVENT, eventId, ORDER);
        buffer.putLong(offset + TOKEN, programToken, ORDER);
        buffer.putLong(offset + TARIFF, tariffId, ORDER);
        buffer.putLong(offset + START, start, ORDER);
        buffer.putLong(offset + END, end, ORDER);
        buffer.putLong(offset + INCENTIVE, incentive, ORDER);
        buffer.putLong(offset + DECLARED_WH, declaredWhPerHour, ORDER);
        buffer.setMemory(offset + METHOD, 8, (byte)0);
        buffer.putByte(offset + METHOD, (byte)baselineMethod);
        return this;
    }

    /**
     * Encodes a version 3 record: a modification of the event published under {@code eventId}, with its fields as
     * they now are.
     *
     * @param sequence           engine sequence, or 0 until assigned.
     * @param eventId            the program's event id.
     * @param programToken       packed token symbol.
     * @param tariffId           tariff whose DR-enrolled meters are dispatched.
     * @param start              first instant, epoch seconds.
     * @param end                exclusive end, epoch seconds.
     * @param incentive          micro-units per kWh reduced.
     * @param baselineMethod     a {@link org.gridsettle.pricing.dr.BaselineMethod} code.
     * @param declaredWhPerHour  declared baseline, Wh per hour; 0 for the 10-in-10 methods.
     * @param modificationNumber the OpenADR modification number, 0 or more.
     * @return this.
     * @throws IllegalArgumentException if the modification number is negative: a modification without one could not
     *                                  be ordered against the event it replaces.
     */
    public DrEventCodec encodeModification(
        final long sequence,
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final int baselineMethod,
        final long declaredWhPerHour,
        final long modificationNumber)
    {
        if (modificationNumber < 0)
        {
            throw new IllegalArgumentException("a DR event modification needs a modificationNumber of 0 or more; got " +
                modificationNumber);
        }
        encode(sequence, eventId, programToken, tariffId, start, end, incentive, baselineMethod, declaredWhPerHour,
            modificationNumber);
        buffer.putShort(offset + VERSION_OFFSET, (short)MODIFICATION_VERSION, ORDER);
        return this;
    }

    /**
     * @return true for a version 3 record: a modification that replaces the pending event of its id.
     */
    public boolean modification()
    {
        return schemaVersionAt(buffer, offset) == MODIFICATION_VERSION;
    }

    /** @return the program's event id. */
    public long eventId()
    {
        return buffer.getLong(offset + EVENT, ORDER);
    }

    /** @return packed program token. */
    public long programToken()
    {
        return buffer.getLong(offset + TOKEN, ORDER);
    }

    /** @return tariff whose DR-enrolled meters are dispatched. */
    public long tariffId()
    {
        return buffer.getLong(offset + TARIFF, ORDER);
    }

    /** @return first instant, epoch seconds. */
    public long start()
    {
        return buffer.getLong(offset + START, ORDER);
    }

    /** @return exclusive end, epoch seconds. */
    public long end()
    {
        return buffer.getLong(offset + END, ORDER);
    }

    /** @return micro-units of the program token per kWh reduced. */
    public long incentive()
    {
        return buffer.getLong(offset + INCENTIVE, ORDER);
    }

    /** @return declared baseline, Wh per event hour. */
    public long declaredWhPerHour()
    {
        return buffer.getLong(offset + DECLARED_WH, ORDER);
    }

    /** @return baseline method code, unchecked. */
    public int baselineMethod()
    {
        return buffer.getByte(offset + METHOD) & 0xFF;
    }

    /**
     * @return the OpenADR modification number the event was published with, or {@link #UNKNOWN_MODIFICATION} for
     *         a version 1 record. A negative one in a version 2 record is malformed (the engine never writes one);
     *         it is returned as it is, and a reader takes it as unknown.
     */
    public long modificationNumber()
    {
        return schemaVersionAt(buffer, offset) >= 2 ? buffer.getLong(offset + MODIFICATION, ORDER) :
            UNKNOWN_MODIFICATION;
    }

    /**
     * @return the record's length, from its header: {@value #MODIFIED_LENGTH} or {@value #LENGTH}.
     */
    public int encodedLength()
    {
        return lengthAt(buffer, offset);
    }
}
