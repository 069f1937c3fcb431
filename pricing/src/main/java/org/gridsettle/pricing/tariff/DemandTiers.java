package org.gridsettle.pricing.tariff;

import java.util.Arrays;

/**
 * Tiered demand charges: the billing period's peak demand is split at ascending limits in W, and each part is
 * charged at its tier's rate, for the flat (all-period) charge and for each demand period's own charge (the TOU
 * periods, unless the tariff has a demand schedule of its own). For example up
 * to 10 kW at 8.25 per kW and the rest at 10.00.
 * <p>
 * Immutable; safe to share between threads.
 */
public final class DemandTiers
{
    /** Most demand tiers. */
    public static final int MAX_TIERS = 8;

    private final long[] upToW;
    private final long[] flatRates;
    private final long[][] periodRates;

    /**
     * @param upToW       ascending upper limits of each tier in W; the last must be {@link Long#MAX_VALUE}.
     * @param flatRates   per tier, micro-units per kW of the all-period peak (zeros for no flat charge).
     * @param periodRates per demand period and tier, micro-units per kW of that period's peak; empty for none.
     */
    public DemandTiers(final long[] upToW, final long[] flatRates, final long[][] periodRates)
    {
        final int tiers = upToW.length;
        if (tiers < 2 || tiers > MAX_TIERS || upToW[tiers - 1] != Long.MAX_VALUE || flatRates.length != tiers)
        {
            throw new IllegalArgumentException("demand tiers: 2.." + MAX_TIERS + " limits ending unlimited, one flat " +
                "rate per tier");
        }
        for (int t = 0; t < tiers; t++)
        {
            if ((t > 0 && upToW[t] <= upToW[t - 1]) || upToW[t] <= 0 || flatRates[t] < 0)
            {
                throw new IllegalArgumentException("demand tier limits must ascend from above 0 and rates must not " +
                    "be negative");
            }
        }
        this.periodRates = new long[periodRates.length][];
        for (int p = 0; p < periodRates.length; p++)
        {
            if (periodRates[p].length != tiers || Arrays.stream(periodRates[p]).anyMatch(r -> r < 0))
            {
                throw new IllegalArgumentException("demand tiers: period " + p + " needs " + tiers +
                    " rates, none negative");
            }
            this.periodRates[p] = periodRates[p].clone();
        }
        this.upToW = upToW.clone();
        this.flatRates = flatRates.clone();
    }

    /** @return number of tiers. */
    public int tierCount()
    {
        return upToW.length;
    }

    /**
     * @param tier a tier.
     * @return its upper limit, W ({@link Long#MAX_VALUE} for the last).
     */
    public long upToW(final int tier)
    {
        return upToW[tier];
    }

    /**
     * @param tier a tier.
     * @return the flat charge's rate in it, micro-units per kW.
     */
    public long flatRate(final int tier)
    {
        return flatRates[tier];
    }

    /** @return number of demand periods with rates of their own, 0 for none. */
    public int periodCount()
    {
        return periodRates.length;
    }

    /**
     * @param period a demand period.
     * @param tier   a tier.
     * @return that period's rate in the tier, micro-units per kW; 0 when periods have no rates of their own.
     */
    public long periodRate(final int period, final int tier)
    {
        return periodRates.length == 0 ? 0 : periodRates[period][tier];
    }

    /**
     * @param peakW a peak demand.
     * @param tier  a tier.
     * @return the part of the peak in that tier, W.
     */
    public long demandInTier(final long peakW, final int tier)
    {
        final long from = tier == 0 ? 0 : upToW[tier - 1];
        return Math.max(0, Math.min(peakW, upToW[tier]) - from);
    }
}
