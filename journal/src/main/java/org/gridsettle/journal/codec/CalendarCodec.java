package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#CALENDAR}: time passing, as an input. End of day posts daily fixed charges; period
 * close posts monthly fixed charges and closes the billing period to ticks that are not corrections. Business logic
 * never reads a clock: these records are how it learns that a day or period has ended.
 * <pre>
 *  24 u8  kind        {@link #END_OF_DAY} or {@link #PERIOD_CLOSE}
 *  25 [7] reserved
 *  32 i64 at          epoch second the day or period ends (exclusive)
 *  40 i64 tariffId    tariff whose meters are affected
 *  48 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class CalendarCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 56;
    /** A local day of the tariff has ended. */
    public static final int END_OF_DAY = 0;
    /** A billing period of the tariff has ended. */
    public static final int PERIOD_CLOSE = 1;
    /** The highest kind the record's one byte holds; the engine rejects a kind it does not know as MALFORMED. */
    public static final int MAX_KIND = 0xFF;
    private static final int KIND = 24;
    private static final int AT = 32;
    private static final int TARIFF = 40;

    @Override
    public RecordType type()
    {
        return RecordType.CALENDAR;
    }

    /**
     * @param sequence engine sequence, or 0 until assigned.
     * @param kind     {@link #END_OF_DAY} or {@link #PERIOD_CLOSE}.
     * @param at       epoch second the day or period ends.
     * @param tariffId tariff affected.
     * @return this.
     */
    public CalendarCodec encode(final long sequence, final int kind, final long at, final long tariffId)
    {
        writeHeader(sequence, 0L, LENGTH);
        buffer.setMemory(offset + KIND, 8, (byte)0);
        buffer.putByte(offset + KIND, (byte)kind);
        buffer.putLong(offset + AT, at, ORDER);
        buffer.putLong(offset + TARIFF, tariffId, ORDER);
        return this;
    }

    /** @return kind. */
    public int kind()
    {
        return buffer.getByte(offset + KIND) & 0xFF;
    }

    /** @return epoch second the day or period ends. */
    public long at()
    {
        return buffer.getLong(offset + AT, ORDER);
    }

    /** @return tariff affected. */
    public long tariffId()
    {
        return buffer.getLong(offset + TARIFF, ORDER);
    }
}
