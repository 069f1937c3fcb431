package org.gridsettle.journal.codec;

/**
 * Codec for {@link RecordType#ORACLE_PRICE}: a pricing node's oracle (wholesale market) prices over consecutive
 * intervals of one length, for example CAISO 5-minute LMPs or an hourly avoided-cost series.
 * <pre>
 *  24 [32] node            {@link PricingNodeField}: ASCII, zero padded, not empty
 *  56 i64 start            epoch seconds of the first interval
 *  64 i32 intervalSeconds  positive
 *  68 i32 count            N, 1..{@value #MAX_VALUES}
 *  72 N x i64 microsPerMwh micro-units of the pricing tariff's currency token per MWh, any sign;
 *                          {@link #MISSING} (Long.MIN_VALUE) marks an interval published without a price
 *     i64 chain
 * </pre>
 * length = 80 + 8N. Wrapping and the getters do not allocate. Not thread-safe.
 */
public final class OraclePriceCodec extends RecordFlyweight
{
    /** Most intervals in one record: a week of 5-minute prices. */
    public static final int MAX_VALUES = 2016;
    /** Marker of an interval published without a price: never read as a price of zero. */
    public static final long MISSING = Long.MIN_VALUE;
    private static final int NODE = 24;
    private static final int START = 56;
    private static final int SECONDS = 64;
    private static final int COUNT = 68;
    private static final int VALUES = 72;

    @Override
    public RecordType type()
    {
        return RecordType.ORACLE_PRICE;
    }

    /**
     * @param count number of intervals.
     * @return the record length.
     */
    public static int lengthFor(final int count)
    {
        return VALUES + count * 8 + TRAILER_LENGTH;
    }

    /**
     * @param sequence        engine sequence, or 0 until assigned.
     * @param node            pricing node name ({@link PricingNodeField#problem} must accept it).
     * @param start           first interval start, epoch seconds.
     * @param intervalSeconds interval length.
     * @param microsPerMwh    prices, {@link #MISSING} for an interval without one.
     * @param from            first index to encode.
     * @param count           number of values to encode.
     * @return this.
     * @throws IllegalArgumentException if the count or the node name is out of range.
     */
    public OraclePriceCodec encode(
        final long sequence,
        final String node,
        final long start,
        final int intervalSeconds,
        final long[] microsPerMwh,
        final int from,
        final int count)
    {
        if (count < 1 || count > MAX_VALUES)
        {
            throw new IllegalArgumentException("an oracle price record holds 1.." + MAX_VALUES + " values, not " +
                count);
        }
        if (node == null)
        {
            throw new IllegalArgumentException("an oracle price record needs a pricing node");
        }
        writeHeader(sequence, 0L, lengthFor(count));
        PricingNodeField.write(buffer, offset + NODE, node);
        buffer.putLong(offset + START, start, ORDER);
        buffer.putInt(offset + SECONDS, intervalSeconds, ORDER);
        buffer.putInt(offset + COUNT, count, ORDER);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset + VALUES + i * 8, microsPerMwh[from + i], ORDER);
        }
        return this;
    }

    /** @return the pricing node; allocates, for tools and the publishing path only. */
    public String node()
    {
        return PricingNodeField.read(buffer, offset + NODE);
    }

    /** @return offset of the node field in {@link #buffer()}, for allocation-free comparisons. */
    public int nodeOffset()
    {
        return offset + NODE;
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

    /** @return number of intervals, as written; check {@link #consistent()} before trusting it. */
    public int count()
    {
        return buffer.getInt(offset + COUNT, ORDER);
    }

    /**
     * @param i an interval.
     * @return its price in micro-units per MWh, or {@link #MISSING}.
     */
    public long microsPerMwh(final int i)
    {
        return buffer.getLong(offset + VALUES + i * 8, ORDER);
    }

    /**
     * @return true if the count agrees with the record's length, the interval length is positive, the last interval
     *         ends without overflow and the node field holds a name.
     */
    public boolean consistent()
    {
        final int count = count();
        if (count < 1 || count > MAX_VALUES || length() != lengthFor(count) || intervalSeconds() <= 0)
        {
            return false;
        }
        final long span = (long)count * intervalSeconds();
        final long start = start();
        return start <= Long.MAX_VALUE - span && start >= -(Long.MAX_VALUE >> 4) &&
            !PricingNodeField.isNone(buffer, offset + NODE) && PricingNodeField.isWellFormed(buffer, offset + NODE);
    }
}
