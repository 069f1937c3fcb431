package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#INTEREST_ACCRUAL}: one day's interest on every held balance of a program token,
 * paid from the yield account.
 * <pre>
 *  24 i64 requestId
 *  32 i64 token       packed symbol
 *  40 i64 apyBps      annual percentage yield in basis points
 *  48 i64 epochDay    the day accrued, days since 1970-01-01
 *  56 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class InterestAccrualCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 64;
    private static final int REQUEST = 24;
    private static final int TOKEN = 32;
    private static final int APY = 40;
    private static final int DAY = 48;

    @Override
    public RecordType type()
    {
        return RecordType.INTEREST_ACCRUAL;
    }

    /**
     * @param sequence  engine sequence, or 0 until assigned.
     * @param requestId the host's id; a retry never pays twice.
     * @param token     packed program token.
     * @param apyBps    annual percentage yield, basis points.
     * @param epochDay  the day accrued.
     * @return this.
     */
    public InterestAccrualCodec encode(
        final long sequence, final long requestId, final long token, final long apyBps, final long epochDay)
    {
        writeHeader(sequence, 0L, LENGTH);
        buffer.putLong(offset + REQUEST, requestId, ORDER);
        buffer.putLong(offset + TOKEN, token, ORDER);
        buffer.putLong(offset + APY, apyBps, ORDER);
        buffer.putLong(offset + DAY, epochDay, ORDER);
        return this;
    }

    /** @return request id. */
    public long requestId()
    {
        return buffer.getLong(offset + REQUEST, ORDER);
    }

    /** @return packed token. */
    public long token()
    {
        return buffer.getLong(offset + TOKEN, ORDER);
    }

    /** @return APY in basis points. */
    public long apyBps()
    {
        return buffer.getLong(offset + APY, ORDER);
    }

    /** @return the day accrued. */
    public long epochDay()
    {
        return buffer.getLong(offset + DAY, ORDER);
    }
}
