package org.gridsettle.pricing.tariff;

/**
 * Mutable result of pricing one tick, reused by its owner for every tick so the hot path allocates nothing.
 * <p>
 * Holds everything an auditor needs to recompute the amounts by hand: the import energy split across tiers, each
 * part with its rate and {@code amount = halfEven(energyWh * rate / 1000)}, and the export energy with its rate.
 * Not thread-safe: one per business-logic thread.
 */
public final class PriceQuote
{
    /** Index of the time-of-use period applied. */
    public int periodIndex;
    /** Import rate of the first tier part, micro-units per kWh. */
    public long importRate;
    /** Export rate applied, micro-units per kWh. */
    public long exportRate;
    /** Total amount charged for the import energy, micro-units: the sum of the tier parts. */
    public long importAmount;
    /** Amount credited for the export energy, micro-units. */
    public long exportAmount;
    /** Number of tier parts the import energy was split into (0 when there was no import). */
    public int parts;
    /** Tier of each part. */
    public final int[] partTier = new int[TierTable.MAX_TIERS];
    /** Energy of each part, Wh. */
    public final long[] partEnergyWh = new long[TierTable.MAX_TIERS];
    /** Rate of each part, micro-units per kWh. */
    public final long[] partRate = new long[TierTable.MAX_TIERS];
    /** Amount of each part, micro-units. */
    public final long[] partAmount = new long[TierTable.MAX_TIERS];

    /**
     * Clears the quote before reuse.
     */
    public void reset()
    {
        periodIndex = -1;
        importRate = 0;
        exportRate = 0;
        importAmount = 0;
        exportAmount = 0;
        parts = 0;
    }
}
