package org.gridsettle.journal.codec;

/**
 * Codec for {@link RecordType#CARBON_INTENSITY}: a region's grid carbon intensity over consecutive intervals of one
 * length, as published (for example by the UK Carbon Intensity API), with which figure each value is.
 * <pre>
 *  24 i64 region           packed region code ({@link org.gridsettle.pricing.money.TokenSymbol} packing)
 *  32 i64 start            epoch seconds of the first interval
 *  40 i32 intervalSeconds
 *  44 i32 count            N
 *  48 N x i64 mgPerKwh     mg CO2 per kWh; Long.MIN_VALUE marks a missing value
 *     N x u8 source        {@link org.gridsettle.pricing.carbon.IntensitySource}, zero padded to 8 bytes
 *     i64 chain
 * </pre>
 * The engine refuses MALFORMED a record that is not {@link #consistent()}, whose start lies outside the years the
 * zone tables cover, where it could price no tick, or whose intervals are longer than a day (journal/FORMAT.md,
 * ORACLE_PRICE). Not thread-safe.
 */
public final class CarbonIntensityCodec extends RecordFlyweight
{
    /** Most intervals in one record: a week of 5-minute values. */
    public static final int MAX_VALUES = 2016;
    private static final int REGION = 24;
    private static final int START = 32;
    private static final int SECONDS = 40;
    private static final int COUNT = 44;
    private static final int VALUES = 48;

    @Override
    public RecordType type()
    {
        return RecordType.CARBON_INTENSITY;
    }

    /**
     * @param count number of intervals.
     * @return the record length.
     */
    public static int lengthFor(final int count)
    {
        return VALUES + count * 8 + ((count + 7) & ~7) + TRAILER_LENGTH;
    }

    /**
     * @param sequence        engine sequence, or 0 until assigned.
     * @param region          packed region.
     * @param start           first interval start.
     * @param intervalSeconds interval length.
     * @param mgPerKwh        values, {@link Long#MIN_VALUE} for missing.
     * @param sources         source of each value.
     * @param from            first index to encode.
     * @param count           number of values to encode.
     * @return this.
     */
    public CarbonIntensityCodec encode(
        final long sequence,
        final long region,
        final long start,
        final int intervalSeconds,
        final long[] mgPerKwh,
        final byte[] sources,
        final int from,
        final int count)
    {
        if (count < 1 || count > MAX_VALUES)
        {
            throw new IllegalArgumentException("a carbon record holds 1.." + MAX_VALUES + " values, not " + count);
        }
        writeHeader(sequence, 0L, lengthFor(count));
        buffer.putLong(offset + REGION, region, ORDER);
        buffer.putLong(offset + START, start, ORDER);
        buffer.putInt(offset + SECONDS, intervalSeconds, ORDER);
        buffer.putInt(offset + COUNT, count, ORDER);
        final int sourcesAt = offset + VALUES + count * 8;
        buffer.setMemory(sourcesAt, (count + 7) & ~7, (byte)0);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset + VALUES + i * 8, mgPerKwh[from + i], ORDER);
            buffer.putByte(sourcesAt + i, sources[from + i]);
        }
        return this;
    }

    /** @return packed region. */
    public long region()
    {
        return buffer.getLong(offset + REGION, ORDER);
    }

    /** @return first interval start. */
    public long start()
    {
        return buffer.getLong(offset + START, ORDER);
    }

    /** @return interval length. */
    public int intervalSeconds()
    {
        return buffer.getInt(offset + SECONDS, ORDER);
    }

    /** @return number of intervals, as written; check against {@link #length()} before trusting it. */
    public int count()
    {
        return buffer.getInt(offset + COUNT, ORDER);
    }

    /**
     * @param i an interval.
     * @return its intensity, mg CO2 per kWh, or {@link Long#MIN_VALUE}.
     */
    public long mgPerKwh(final int i)
    {
        return buffer.getLong(offset + VALUES + i * 8, ORDER);
    }

    /**
     * @param i an interval.
     * @return its source.
     */
    public byte source(final int i)
    {
        return buffer.getByte(offset + VALUES + count() * 8 + i);
    }

    /**
     * @return true if the count agrees with the record's length.
     */
    public boolean consistent()
    {
        final int count = count();
        return count >= 1 && count <= MAX_VALUES && length() == lengthFor(count) && intervalSeconds() > 0;
    }
}
