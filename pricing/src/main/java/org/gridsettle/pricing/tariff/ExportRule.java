package org.gridsettle.pricing.tariff;

/**
 * How exported energy is compensated: the three rules OpenEI URDB calls {@code dgrules}. Ordinals are part of the
 * journal format: never reorder.
 */
public enum ExportRule
{
    /**
     * Net metering (NEM 1/2 style): within a billing period and TOU period, exports offset imports at the retail
     * rate. Ticks get provisional postings (imports charged, exports credited at the period's retail rate); the
     * period-close true-up makes the period's total equal the netting definition, tiers included, and pays any net
     * surplus at the net-surplus rate.
     */
    NET_METERING,
    /** Net billing: every interval's export is credited at the export (sell) rate; imports are charged in full. */
    NET_BILLING,
    /** Buy-all-sell-all: all consumption bought at retail, all generation sold at the sell rate. */
    BUY_ALL_SELL_ALL,
    /**
     * Net billing with hourly netting: ticks post as {@link #NET_BILLING} (exports at the export rate, TOU or oracle),
     * then within each local clock hour exports offset imports and only the net is charged or credited, at the hour's
     * average rates; the engine posts the difference as an HOURLY_NETTING adjustment when the hour closes.
     */
    NET_BILLING_HOURLY;

    private static final ExportRule[] VALUES = values();

    /**
     * @return true for both net-billing variants: exports credited per tick at the export rate.
     */
    public boolean isNetBilling()
    {
        return this == NET_BILLING || this == NET_BILLING_HOURLY;
    }

    /**
     * @param ordinal the journalled ordinal.
     * @return the rule.
     */
    public static ExportRule of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
