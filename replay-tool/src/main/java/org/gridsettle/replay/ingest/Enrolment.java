package org.gridsettle.replay.ingest;

import java.util.Objects;

/**
 * One row of an enrolment file: which account a meter bills to and which programs it is in.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param usageMeterId meter id as the usage files name it, for example a Green Button UsagePoint id.
 * @param meterId      numeric meter id given to the engine: the row's position in the enrolment file, from 1.
 * @param accountId    customer account, at least
 *                     {@link org.gridsettle.engine.ledger.SystemAccounts#FIRST_CUSTOMER_ACCOUNT}.
 * @param programs     program bits, see {@link org.gridsettle.journal.codec.MeterEnrolmentCodec#PROGRAM_NET_METERING}.
 * @param pricingNode  oracle pricing node of the meter, or null for none.
 * @param importLimitW highest average import power a reading may show, watts, or 0 for none.
 * @param exportLimitW highest average export power a reading may show, watts, or 0 for none.
 */
public record Enrolment(
    String usageMeterId, long meterId, long accountId, long programs, String pricingNode, int importLimitW,
    int exportLimitW)
{
    /**
     * An enrolment without reading limits.
     *
     * @param usageMeterId the usage files' id of the meter.
     * @param meterId      the engine's meter id.
     * @param accountId    the account billed.
     * @param programs     program bits.
     * @param pricingNode  oracle pricing node, or null.
     */
    public Enrolment(
        final String usageMeterId, final long meterId, final long accountId, final long programs,
        final String pricingNode)
    {
        this(usageMeterId, meterId, accountId, programs, pricingNode, 0, 0);
    }

    /**
     * An enrolment without a pricing node.
     *
     * @param usageMeterId the usage files' id of the meter.
     * @param meterId      the engine's meter id.
     * @param accountId    the account billed.
     * @param programs     program bits.
     */
    public Enrolment(final String usageMeterId, final long meterId, final long accountId, final long programs)
    {
        this(usageMeterId, meterId, accountId, programs, null);
    }

    /**
     * Checks the fields.
     */
    public Enrolment
    {
        Objects.requireNonNull(usageMeterId, "usageMeterId");
        if (meterId < 1)
        {
            throw new IllegalArgumentException("meterId must be at least 1: " + meterId);
        }
        if (importLimitW < 0 || exportLimitW < 0)
        {
            throw new IllegalArgumentException("reading limits are watts, 0 for none: " + importLimitW + ", " +
                exportLimitW);
        }
    }
}
