package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#TRANSFER}: one double-entry posting with the fields an auditor needs to recompute
 * it by hand ({@code amount = halfEven(energyWh * rate / 1000)} for energy postings).
 * <pre>
 *  24 i64 debitAccount
 *  32 i64 creditAccount
 *  40 i64 amount          micro-units of the token, always positive
 *  48 i64 meterId         0 when not about a meter
 *  56 i64 intervalStart   epoch seconds of the priced interval
 *  64 i64 energyWh        energy priced
 *  72 i64 rate            micro-units per kWh applied
 *  80 i64 tariffId
 *  88 i64 token           packed symbol, see {@link org.gridsettle.pricing.money.TokenSymbol}
 *  96 i32 tariffVersion
 * 100 u16 reason          {@link ReasonCode}
 * 102 u8  period          time-of-use period index
 * 103 u8  tier            tier index
 * 104 i64 reverses        for a reversal, the input sequence of the tick whose posting it undoes; 0 otherwise
 * 112 i64 chain
 * </pre>
 * Not thread-safe.
 */
public final class TransferCodec extends RecordFlyweight
{
    /**
     * Tier field of an oracle-priced export posting (EXPORT_CREDIT or EXPORT_CHARGE): the rate field then holds the
     * oracle price in micro-units per MWh, not per kWh, and amount = halfEven(energyWh x rate / 10^6).
     */
    public static final int TIER_ORACLE_RATE = 252;

    /** Fixed record length. */
    public static final int LENGTH = 120;
    private static final int DEBIT = 24;
    private static final int CREDIT = 32;
    private static final int AMOUNT = 40;
    private static final int METER = 48;
    private static final int START = 56;
    private static final int ENERGY = 64;
    private static final int RATE = 72;
    private static final int TARIFF = 80;
    private static final int TOKEN = 88;
    private static final int TARIFF_VERSION = 96;
    private static final int REASON = 100;
    private static final int PERIOD = 102;
    private static final int TIER = 103;
    private static final int REVERSES = 104;

    @Override
    public RecordType type()
    {
        return RecordType.TRANSFER;
    }

    /**
     * Encodes the posting part of a transfer; the explanation follows with {@link #explain}.
     *
     * @param sequence      output sequence.
     * @param causeSequence input sequence that caused it.
     * @param debitAccount  account debited.
     * @param creditAccount account credited.
     * @param token         packed token symbol.
     * @param amount        micro-units, positive.
     * @param reason        why.
     * @return this.
     */
    public TransferCodec encode(
        final long sequence,
        final long causeSequence,
        final long debitAccount,
        final long creditAccount,
        final long token,
        final long amount,
        final ReasonCode reason)
    {
        writeHeader(sequence, causeSequence, LENGTH);
        buffer.putLong(offset + DEBIT, debitAccount, ORDER);
        buffer.putLong(offset + CREDIT, creditAccount, ORDER);
        buffer.putLong(offset + AMOUNT, amount, ORDER);
        buffer.putLong(offset + TOKEN, token, ORDER);
        buffer.putShort(offset + REASON, (short)reason.code(), ORDER);
        buffer.putLong(offset + REVERSES, 0L, ORDER);
        return this;
    }

    /**
     * Adds the explanation fields.
     *
     * @param meterId       meter priced, or 0.
     * @param intervalStart interval priced.
     * @param energyWh      energy priced.
     * @param rate          rate applied, micro-units per kWh.
     * @param tariffId      tariff.
     * @param tariffVersion tariff version.
     * @param period        time-of-use period index.
     * @param tier          tier index.
     * @return this.
     */
    public TransferCodec explain(
        final long meterId,
        final long intervalStart,
        final long energyWh,
        final long rate,
        final long tariffId,
        final int tariffVersion,
        final int period,
        final int tier)
    {
        buffer.putLong(offset + METER, meterId, ORDER);
        buffer.putLong(offset + START, intervalStart, ORDER);
        buffer.putLong(offset + ENERGY, energyWh, ORDER);
        buffer.putLong(offset + RATE, rate, ORDER);
        buffer.putLong(offset + TARIFF, tariffId, ORDER);
        buffer.putInt(offset + TARIFF_VERSION, tariffVersion, ORDER);
        buffer.putByte(offset + PERIOD, (byte)period);
        buffer.putByte(offset + TIER, (byte)tier);
        return this;
    }

    /** @return debited account. */
    public long debitAccount()
    {
        return buffer.getLong(offset + DEBIT, ORDER);
    }

    /** @return credited account. */
    public long creditAccount()
    {
        return buffer.getLong(offset + CREDIT, ORDER);
    }

    /** @return amount in micro-units. */
    public long amount()
    {
        return buffer.getLong(offset + AMOUNT, ORDER);
    }

    /** @return meter id or 0. */
    public long meterId()
    {
        return buffer.getLong(offset + METER, ORDER);
    }

    /** @return priced interval start. */
    public long intervalStart()
    {
        return buffer.getLong(offset + START, ORDER);
    }

    /** @return energy priced, Wh. */
    public long energyWh()
    {
        return buffer.getLong(offset + ENERGY, ORDER);
    }

    /** @return rate applied, micro-units per kWh. */
    public long rate()
    {
        return buffer.getLong(offset + RATE, ORDER);
    }

    /** @return tariff id. */
    public long tariffId()
    {
        return buffer.getLong(offset + TARIFF, ORDER);
    }

    /** @return tariff version. */
    public int tariffVersion()
    {
        return buffer.getInt(offset + TARIFF_VERSION, ORDER);
    }

    /** @return packed token symbol. */
    public long token()
    {
        return buffer.getLong(offset + TOKEN, ORDER);
    }

    /** @return raw reason code. */
    public int reasonCode()
    {
        return buffer.getShort(offset + REASON, ORDER) & 0xFFFF;
    }

    /** @return period index. */
    public int period()
    {
        return buffer.getByte(offset + PERIOD) & 0xFF;
    }

    /** @return tier index. */
    public int tier()
    {
        return buffer.getByte(offset + TIER) & 0xFF;
    }

    /**
     * Marks this transfer as the exact reversal of a posting caused by an earlier input.
     *
     * @param inputSequence the earlier input.
     * @return this.
     */
    public TransferCodec reverses(final long inputSequence)
    {
        buffer.putLong(offset + REVERSES, inputSequence, ORDER);
        return this;
    }

    /** @return the input whose posting this reverses, or 0. */
    public long reverses()
    {
        return buffer.getLong(offset + REVERSES, ORDER);
    }
}
