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
 *  72 [32] pricingNode    versions 2 and 3: {@link PricingNodeField}, all zero = none
 * 104 i32 importLimitW    version 3 only: the highest average import power a reading may show, watts; 0 = none
 * 108 i32 exportLimitW    version 3 only: the same for exports; 0 = none
 * 112 i64 chain           (104 in version 2, 72 in version 1)
 * </pre>
 * Writes schema version 3 ({@value #LIMITED_LENGTH} bytes) when a reading limit is set, and version 2
 * ({@value #LENGTH} bytes) otherwise, so that an enrolment without limits is the same bytes as before limits
 * existed. Reads version 1 ({@value #V1_LENGTH} bytes) as an enrolment without a pricing node, and versions 1 and 2
 * as enrolments without limits. Not thread-safe.
 */
public final class MeterEnrolmentCodec extends RecordFlyweight
{
    /** Record length of version 2, which this build writes when no reading limit is set. */
    public static final int LENGTH = 112;
    /** Record length of version 3, which this build writes when a reading limit is set. */
    public static final int LIMITED_LENGTH = 120;
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
    private static final int IMPORT_LIMIT = 104;
    private static final int EXPORT_LIMIT = 108;

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
        return encode(sequence, meterId, accountId, tariffId, effectiveFrom, programs, carbonRegion, pricingNode, 0, 0);
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
     * @param importLimitW  highest average import power a reading may show, watts, or 0 for none.
     * @param exportLimitW  highest average export power a reading may show, watts, or 0 for none.
     * @return this: version 3 if either limit is set, else version 2.
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
        final String pricingNode,
        final int importLimitW,
        final int exportLimitW)
    {
        PricingNodeField.write(buffer, offset + PRICING_NODE, pricingNode);
        final boolean limited = importLimitW != 0 || exportLimitW != 0;
        writeHeader(sequence, 0L, limited ? LIMITED_LENGTH : LENGTH);
        if (limited)
        {
            buffer.putInt(offset + IMPORT_LIMIT, importLimitW, ORDER);
            buffer.putInt(offset + EXPORT_LIMIT, exportLimitW, ORDER);
        }
        else
        {
            // an enrolment without limits stays the version-2 record it was before limits existed
            buffer.putShort(offset + VERSION_OFFSET, (short)2, ORDER);
        }
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

    /** @return the import limit in watts, or 0 for none (always 0 before version 3); negative is malformed. */
    public int importLimitW()
    {
        return schemaVersionAt(buffer, offset) >= 3 ? buffer.getInt(offset + IMPORT_LIMIT, ORDER) : 0;
    }

    /** @return the export limit in watts, or 0 for none (always 0 before version 3); negative is malformed. */
    public int exportLimitW()
    {
        return schemaVersionAt(buffer, offset) >= 3 ? buffer.getInt(offset + EXPORT_LIMIT, ORDER) : 0;
    }

    /**
     * @return the record's length, from its header: {@value #LIMITED_LENGTH}, {@value #LENGTH} or
     *         {@value #V1_LENGTH}.
     */
    public int encodedLength()
    {
        return lengthAt(buffer, offset);
    }
}
