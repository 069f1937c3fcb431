package org.gridsettle.pricing.tariff;

/**
 * Mutable result of pricing one tick, reused by its owner for every tick so the hot path allocates nothing.
 * <p>
 * Holds everything an auditor needs to recompute the amounts by hand:
 * {@code amount = halfEven(energyWh * rate / 1000)}. Not thread-safe: one per business-logic thread.
 */
public final class PriceQuote
{
    /** Index of the time-of-use period applied. */
    public int periodIndex;
    /** Import rate applied, micro-units per kWh. */
    public long importRate;
    /** Export rate applied, micro-units per kWh. */
    public long exportRate;
    /** Amount charged for the import energy, micro-units. */
    public long importAmount;
    /** Amount credited for the export energy, micro-units. */
    public long exportAmount;

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
    }
}
