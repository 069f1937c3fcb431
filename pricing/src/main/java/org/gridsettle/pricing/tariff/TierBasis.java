package org.gridsettle.pricing.tariff;

/**
 * What a tier counter accumulates over. Ordinals are part of the journal format: never reorder.
 */
public enum TierBasis
{
    /** The billing period: a calendar month in the tariff's zone, or from the billing-cycle day. */
    BILLING_PERIOD,
    /**
     * The local day: counters restart at each local midnight. Ticks are priced provisionally at the tier their day
     * has reached when they are applied; at period close each TOU period is charged the sum of its local days'
     * tiered charges ({@code TouPricer.tieredCharge} of each day's import), and the true-up brings the tick postings
     * to that, whatever order ticks and corrections arrived in.
     */
    DAILY,
    /**
     * The billing period, one counter for all TOU periods together, which is how OpenEI URDB states tiered
     * time-of-use rates: the month's import decides the tiers. Ticks are priced provisionally at their own period's
     * rate for the tier the month has reached when they are applied; at period close each period takes the share of
     * every tier that its energy is of the month's, at its own rates ({@code TouPricer.sharedTierCharge}), and the
     * true-up brings the tick postings to that, whatever order ticks and corrections arrived in.
     */
    BILLING_PERIOD_ALL_PERIODS;

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
