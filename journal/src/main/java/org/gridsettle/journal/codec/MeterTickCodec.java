package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#METER_TICK}: one meter interval reading.
 * <pre>
 *  24 i64 meterId
 *  32 i64 intervalStart     epoch seconds, UTC
 *  40 i64 importWh          energy delivered to the customer
 *  48 i64 exportWh          energy received from the customer
 *  56 i32 intervalSeconds
 *  60 u8  channel           see {@link #CHANNEL_MAIN}
 *  61 u8  flags             bit 0: correction; bits 1-7 unused, refused by the engine
 *  62 u16 reserved
 *  64 i64 chain
 * </pre>
 * A tick's identity is (meterId, channel, intervalStart). Not thread-safe.
 */
public final class MeterTickCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 72;
    /** The main revenue register pair: import and export. */
    public static final int CHANNEL_MAIN = 0;
    /** The highest channel the record's one byte holds; the engine settles channels 0 to 15 and rejects the rest. */
    public static final int MAX_CHANNEL = 0xFF;
    /** Flag: this tick replaces an earlier one with the same identity. */
    public static final int FLAG_CORRECTION = 1;
    /** Every flag bit with a meaning: the engine refuses a tick with another bit set, since it cannot honour it. */
    public static final int KNOWN_FLAGS = FLAG_CORRECTION;

    private static final int METER = 24;
    private static final int START = 32;
    private static final int IMPORT = 40;
    private static final int EXPORT = 48;
    private static final int SECONDS = 56;
    private static final int CHANNEL = 60;
    private static final int FLAGS = 61;

    @Override
    public RecordType type()
    {
        return RecordType.METER_TICK;
    }

    /**
     * Encodes a whole tick at the wrapped position.
     *
     * @param sequence        engine sequence, or 0 until the engine assigns one.
     * @param meterId         meter.
     * @param channel         register channel.
     * @param intervalStart   epoch seconds.
     * @param intervalSeconds interval length.
     * @param importWh        energy imported.
     * @param exportWh        energy exported.
     * @param flags           flag bits.
     * @return this.
     */
    public MeterTickCodec encode(
        final long sequence,
        final long meterId,
        final int channel,
        final long intervalStart,
        final int intervalSeconds,
        final long importWh,
        final long exportWh,
        final int flags)
    {
        writeHeader(sequence, 0L, LENGTH);
        buffer.putLong(offset + METER, meterId, ORDER);
        buffer.putLong(offset + START, intervalStart, ORDER);
        buffer.putLong(offset + IMPORT, importWh, ORDER);
        buffer.putLong(offset + EXPORT, exportWh, ORDER);
        buffer.putInt(offset + SECONDS, intervalSeconds, ORDER);
        buffer.putByte(offset + CHANNEL, (byte)channel);
        buffer.putByte(offset + FLAGS, (byte)flags);
        buffer.putShort(offset + 62, (short)0, ORDER);
        return this;
    }

    /** @return meter id. */
    public long meterId()
    {
        return buffer.getLong(offset + METER, ORDER);
    }

    /** @return interval start, epoch seconds. */
    public long intervalStart()
    {
        return buffer.getLong(offset + START, ORDER);
    }

    /** @return energy imported, Wh. */
    public long importWh()
    {
        return buffer.getLong(offset + IMPORT, ORDER);
    }

    /** @return energy exported, Wh. */
    public long exportWh()
    {
        return buffer.getLong(offset + EXPORT, ORDER);
    }

    /** @return interval length in seconds. */
    public int intervalSeconds()
    {
        return buffer.getInt(offset + SECONDS, ORDER);
    }

    /** @return register channel. */
    public int channel()
    {
        return buffer.getByte(offset + CHANNEL) & 0xFF;
    }

    /** @return flag bits. */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS) & 0xFF;
    }
}
