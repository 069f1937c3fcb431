package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#REDEMPTION}: a customer redeems (burns) program tokens, the off-ramp. Idempotent by
 * request id; never overdraws.
 * <pre>
 *  24 i64 requestId
 *  32 i64 accountId
 *  40 i64 token     packed symbol
 *  48 i64 amount    micro-units
 *  56 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class RedemptionCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 64;
    private static final int REQUEST = 24;
    private static final int ACCOUNT = 32;
    private static final int TOKEN = 40;
    private static final int AMOUNT = 48;

    @Override
    public RecordType type()
    {
        return RecordType.REDEMPTION;
    }

    /**
     * @param sequence  engine sequence, or 0 until assigned.
     * @param requestId the host's id; a retry with the same id never burns twice.
     * @param accountId account redeeming.
     * @param token     packed program token.
     * @param amount    micro-units to burn.
     * @return this.
     */
    public RedemptionCodec encode(
        final long sequence, final long requestId, final long accountId, final long token, final long amount)
    {
        writeHeader(sequence, 0L, LENGTH);
        buffer.putLong(offset + REQUEST, requestId, ORDER);
        buffer.putLong(offset + ACCOUNT, accountId, ORDER);
        buffer.putLong(offset + TOKEN, token, ORDER);
        buffer.putLong(offset + AMOUNT, amount, ORDER);
        return this;
    }

    /** @return request id. */
    public long requestId()
    {
        return buffer.getLong(offset + REQUEST, ORDER);
    }

    /** @return account id. */
    public long accountId()
    {
        return buffer.getLong(offset + ACCOUNT, ORDER);
    }

    /** @return packed token. */
    public long token()
    {
        return buffer.getLong(offset + TOKEN, ORDER);
    }

    /** @return amount in micro-units. */
    public long amount()
    {
        return buffer.getLong(offset + AMOUNT, ORDER);
    }
}
