package org.gridsettle.journal.codec;

/**
 * Flyweight for {@link RecordType#METER_ENROLMENT}: a meter is enrolled on an account and a tariff.
 * <pre>
 *  24 i64 meterId
 *  32 i64 accountId
 *  40 i64 tariffId
 *  48 i64 effectiveFrom   epoch seconds
 *  56 i64 programs        bit set of enrolled programs, see {@link #PROGRAM_NET_METERING}
 *  64 i64 carbonRegion    packed region code ({@link org.gridsettle.pricing.money.TokenSymbol} packing), 0 = none
 *  72 [32] pricingNode    version 2 only: {@link PricingNodeField}, all zero = none
 * 104 i64 chain           (72 in version 1)
 * </pre>
 * Writes schema version 2 ({@value #LENGTH} bytes); reads version 1 ({@value #V1_LENGTH} bytes) as an enrolment
 * without a pricing node. Not thread-safe.
 */
public final class MeterEnrolmentCodec extends RecordFlyweight
{
    /** Record length of the version this build writes (2). */
    public static final int LENGTH = 112;
    /** Record length of version 1, which has no pricing node. */
    public static final int V1_LENGTH = 80;
    /** Program bit: net energy metering. */
    public static final long PROGRAM_NET_METERING = 1;
    /** Program bit: demand response. */
    public static final long PROGRAM_DEMAND_RESPONSE = 2;
    private static final int METER = 24;
    private static final int ACCOUNT = 32;
    private static final int TARIFF = 40;
    private static final int EFFECTIVE = 48;
    private static final int PROGRAMS = 56;
    private static final int CARBON_REGION = 64;
    private static final int PRICING_NODE = 72;

    @Override
    public RecordType type()
    {
        return RecordType.METER_ENROLMENT;
    }

    /**
     * @param sequence      engine sequence, or 0 until assigned.
     * @param meterId       meter.
     * @param accountId     account billed for it.
     * @param tariffId      tariff it is priced by.
     * @param effectiveFrom first instant of the enrolment.
     * @param programs      program bits.
     * @param carbonRegion  packed carbon region, or 0.
     * @return this.
     */
    public MeterEnrolmentCodec encode(
        final long sequence,
        final long meterId,
        final long accountId,
        final long tariffId,
        final long effectiveFrom,
        final long programs,
        final long carbonRegion)
    {
        return encode(sequence, meterId, accountId, tariffId, effectiveFrom, programs, carbonRegion, null);
    }

    /**
     * @param sequence      engine sequence, or 0 until assigned.
     * @param meterId       meter.
     * @param accountId     account billed for it.
     * @param tariffId      tariff it is priced by.
     * @param effectiveFrom first instant of the enrolment.
     * @param programs      program bits.
     * @param carbonRegion  packed carbon region, or 0.
     * @param pricingNode   oracle pricing node, or null for none.
     * @return this.
     * @throws IllegalArgumentException if the node name is not valid ({@link PricingNodeField#problem}).
     */
    public MeterEnrolmentCodec encode(
        final long sequence,
        final long meterId,
        final long accountId,
        final long tariffId,
        final long effectiveFrom,
        final long programs,
        final long carbonRegion,
        final String pricingNode)
    {
        PricingNodeField.write(buffer, offset + PRICING_NODE, pricingNode);
        writeHeader(sequence, 0L, LENGTH);
        buffer.putLong(offset + METER, meterId, ORDER);
        buffer.putLong(offset + ACCOUNT, accountId, ORDER);
        buffer.putLong(offset + TARIFF, tariffId, ORDER);
        buffer.putLong(offset + EFFECTIVE, effectiveFrom, ORDER);
        buffer.putLong(offset + PROGRAMS, programs, ORDER);
        buffer.putLong(offset + CARBON_REGION, carbonRegion, ORDER);
        return this;
    }

    /** @return meter id. */
    public long meterId()
    {
        return buffer.getLong(offset + METER, ORDER);
    }

    /** @return account id. */
    public long accountId()
    {
        return buffer.getLong(offset + ACCOUNT, ORDER);
    }

    /** @return tariff id. */
    public long tariffId()
    {
        return buffer.getLong(offset + TARIFF, ORDER);
    }

    /** @return effective-from instant, epoch seconds. */
    public long effectiveFrom()
    {
        return buffer.getLong(offset + EFFECTIVE, ORDER);
    }

    /** @return program bits. */
    public long programs()
    {
        return buffer.getLong(offset + PROGRAMS, ORDER);
    }

    /** @return packed carbon region, or 0. */
    public long carbonRegion()
    {
        return buffer.getLong(offset + CARBON_REGION, ORDER);
    }

    /** @return true if the record carries a pricing node: version 2 or later, and the field is not all zero. */
    public boolean hasPricingNode()
    {
        return schemaVersionAt(buffer, offset) >= 2 && !PricingNodeField.isNone(buffer, offset + PRICING_NODE);
    }

    /** @return true if the pricing node field is absent (version 1) or a valid name or all zero. */
    public boolean pricingNodeWellFormed()
    {
        return schemaVersionAt(buffer, offset) < 2 || PricingNodeField.isWellFormed(buffer, offset + PRICING_NODE);
    }

    /** @return the pricing node, or null for none (always null in version 1); allocates, not for the tick path. */
    public String pricingNode()
    {
        return schemaVersionAt(buffer, offset) >= 2 ? PricingNodeField.read(buffer, offset + PRICING_NODE) : null;
    }
}
