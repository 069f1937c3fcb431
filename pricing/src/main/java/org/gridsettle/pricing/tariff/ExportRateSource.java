package org.gridsettle.pricing.tariff;

/**
 * Where a net-billing tariff takes the rate it credits exports at. Ordinals are part of the journal format (tariff
 * record schema 3): never reorder, only add.
 * <p>
 * Immutable; safe to share between threads.
 */
public enum ExportRateSource
{
    /** The export (sell) rate of the tick's TOU period and tier, from the tariff itself. */
    TOU_SCHEDULE,
    /**
     * The price of the meter's pricing node in the journalled oracle price series (an LMP or avoided-cost series),
     * for the oracle interval that contains the tick's interval start.
     */
    ORACLE;

    private static final ExportRateSource[] VALUES = values();

    /**
     * @param ordinal the journalled ordinal.
     * @return the source.
     * @throws IllegalArgumentException if no source has that ordinal.
     */
    public static ExportRateSource of(final int ordinal)
    {
        if (ordinal < 0 || ordinal >= VALUES.length)
        {
            throw new IllegalArgumentException("unknown export rate source " + ordinal);
        }
        return VALUES[ordinal];
    }
}
