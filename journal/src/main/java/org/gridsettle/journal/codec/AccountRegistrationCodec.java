package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#ACCOUNT_REGISTRATION}: a customer account is opened.
 * <pre>
 *  24 i64 accountId
 *  32 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class AccountRegistrationCodec extends RecordFlyweight
{
    /** Fixed record length. */
    public static final int LENGTH = 40;
    private static final int ACCOUNT = 24;

    @Override
    public RecordType type()
    {
        return RecordType.ACCOUNT_REGISTRATION;
    }

    /**
     * @param sequence  engine sequence, or 0 until assigned.
     * @param accountId the new account.
     * @return this.
     */
    public AccountRegistrationCodec encode(final long sequence, final long accountId)
    {
        writeHeader(sequence, 0L, LENGTH);
        buffer.putLong(offset + ACCOUNT, accountId, ORDER);
        return this;
    }

    /** @return account id. */
    public long accountId()
    {
        return buffer.getLong(offset + ACCOUNT, ORDER);
    }
}
