package org.gridsettle.pricing.tariff;

/**
 * What a tier counter accumulates over. Ordinals are part of the journal format: never reorder.
 */
public enum TierBasis
{
    /** The billing period: a calendar month in the tariff's zone, or from the billing-cycle day. */
    BILLING_PERIOD,
    /** The local day: counters restart at each local midnight. */
    DAILY;

    private static final TierBasis[] VALUES = values();

    /**
     * @param ordinal the journalled ordinal.
     * @return the basis.
     */
    public static TierBasis of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
