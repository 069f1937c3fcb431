package org.gridsettle.pricing.tariff;

/**
 * What an oracle-priced export earns when the oracle price is negative (locational marginal prices go negative when
 * generation must be paid to turn down). Ordinals are part of the journal format (tariff record schema 3): never
 * reorder, only add.
 * <p>
 * Immutable; safe to share between threads.
 */
public enum NegativePriceRule
{
    /**
     * The default: an export at a negative price earns nothing and costs nothing (the credit is floored at zero).
     * Retail net-billing customers cannot see or react to a five-minute wholesale price, and export credits are
     * minted in a program token that a charge would have to burn; so the customer is not billed for exporting.
     */
    ZERO_CREDIT,
    /**
     * The export is charged at the negative price: {@code |amount|} is debited from the customer to revenue in the
     * tariff's (import) token, reason {@code EXPORT_CHARGE}. For tariffs that pass wholesale prices through.
     */
    CHARGE;

    private static final NegativePriceRule[] VALUES = values();

    /**
     * @param ordinal the journalled ordinal.
     * @return the rule.
     * @throws IllegalArgumentException if no rule has that ordinal.
     */
    public static NegativePriceRule of(final int ordinal)
    {
        if (ordinal < 0 || ordinal >= VALUES.length)
        {
            throw new IllegalArgumentException("unknown negative price rule " + ordinal);
        }
        return VALUES[ordinal];
    }
}
