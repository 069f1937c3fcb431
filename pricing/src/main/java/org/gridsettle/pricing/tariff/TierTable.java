package org.gridsettle.pricing.tariff;

import java.util.Arrays;

/**
 * Block (tier) rates of a tariff: upper limits of cumulative import energy, and an import and export rate for each
 * (TOU period, tier).
 * <p>
 * Definition used everywhere in gridsettle: tier counters run per TOU period within the billing period (for a tariff
 * with one period that is the usual "first N kWh of the month" rule). So the energy of period {@code p} in tier
 * {@code t} is {@code clamp(E_p - limit[t-1], 0, limit[t] - limit[t-1])}, which depends only on the period's total
 * and not on the order ticks arrive in. With {@link TierBasis#DAILY} the counters restart at each local midnight:
 * the same definition applies to each local day's total, and the period's charge is the sum of its days'.
 * <p>
 * Immutable and thread-safe.
 */
public final class TierTable
{
    /** Most tiers a tariff may have. */
    public static final int MAX_TIERS = 8;

    private final TierBasis basis;
    private final long[] upToWh;
    private final long[][] importRates;
    private final long[][] exportRates;

    /**
     * @param basis       what the counters accumulate over.
     * @param upToWh      ascending upper limits of each tier in Wh; the last must be {@link Long#MAX_VALUE}.
     * @param importRates {@code [period][tier]} micro-units per kWh.
     * @param exportRates {@code [period][tier]} micro-units per kWh.
     */
    public TierTable(final TierBasis basis, final long[] upToWh, final long[][] importRates, final long[][] exportRates)
    {
        final int tiers = upToWh.length;
        if (tiers < 1 || tiers > MAX_TIERS)
        {
            throw new IllegalArgumentException("a tier table needs 1.." + MAX_TIERS + " tiers, got " + tiers);
        }
        for (int t = 0; t < tiers; t++)
        {
            if (upToWh[t] <= 0 || (t > 0 && upToWh[t] <= upToWh[t - 1]))
            {
                throw new IllegalArgumentException("tier limits must be positive and ascending: " +
                    Arrays.toString(upToWh));
            }
        }
        if (upToWh[tiers - 1] != Long.MAX_VALUE)
        {
            throw new IllegalArgumentException("the last tier must be unlimited (Long.MAX_VALUE)");
        }
        if (importRates.length != exportRates.length || importRates.length == 0)
        {
            throw new IllegalArgumentException("import and export rates need the same, non-zero number of periods");
        }
        for (int p = 0; p < importRates.length; p++)
        {
            if (importRates[p].length != tiers || exportRates[p].length != tiers)
            {
                throw new IllegalArgumentException("period " + p + " needs " + tiers + " rates per tier");
            }
            for (int t = 0; t < tiers; t++)
            {
                if (importRates[p][t] < 0 || exportRates[p][t] < 0)
                {
                    throw new IllegalArgumentException("period " + p + " tier " + t + " has a negative rate");
                }
            }
        }
        this.basis = basis;
        this.upToWh = upToWh.clone();
        this.importRates = deepCopy(importRates);
        this.exportRates = deepCopy(exportRates);
    }

    /**
     * @return the accumulation basis.
     */
    public TierBasis basis()
    {
        return basis;
    }

    /**
     * @return number of tiers.
     */
    public int tierCount()
    {
        return upToWh.length;
    }

    /**
     * @return number of periods the table prices.
     */
    public int periodCount()
    {
        return importRates.length;
    }

    /**
     * @param tier a tier.
     * @return its upper limit in cumulative Wh.
     */
    public long upToWh(final int tier)
    {
        return upToWh[tier];
    }

    /**
     * @param tier a tier.
     * @return its lower limit in cumulative Wh.
     */
    public long fromWh(final int tier)
    {
        return tier == 0 ? 0 : upToWh[tier - 1];
    }

    /**
     * @param period a period.
     * @param tier   a tier.
     * @return import rate, micro-units per kWh.
     */
    public long importRate(final int period, final int tier)
    {
        return importRates[period][tier];
    }

    /**
     * @param period a period.
     * @param tier   a tier.
     * @return export rate, micro-units per kWh.
     */
    public long exportRate(final int period, final int tier)
    {
        return exportRates[period][tier];
    }

    /**
     * @param cumulativeWh energy counted so far in the tier counter.
     * @return the tier the next Wh falls in.
     */
    public int tierAt(final long cumulativeWh)
    {
        int t = 0;
        while (cumulativeWh >= upToWh[t])
        {
            t++;
        }
        return t;
    }

    /**
     * @param totalWh a period's total energy.
     * @param tier    a tier.
     * @return how much of that energy lies in the tier.
     */
    public long energyInTier(final long totalWh, final int tier)
    {
        final long from = fromWh(tier);
        if (totalWh <= from)
        {
            return 0;
        }
        return Math.min(totalWh, upToWh[tier]) - from;
    }

    private static long[][] deepCopy(final long[][] rates)
    {
        final long[][] copy = new long[rates.length][];
        for (int i = 0; i < rates.length; i++)
        {
            copy[i] = rates[i].clone();
        }
        return copy;
    }
}
