package org.gridsettle.pricing.tariff;

import org.gridsettle.pricing.money.MicroUnits;

/**
 * Prices one tick's import and export energy against a {@link TouTariff}, with the period chosen by the tick's
 * interval start.
 * <p>
 * Import energy is split across tiers from the tier counter's value before the tick (a tick that crosses a tier
 * boundary becomes two parts, each rounded once). Export energy is credited at the period's first-tier sell rate, or,
 * under {@link ExportRule#NET_METERING}, provisionally at its first-tier retail rate until the period-close true-up.
 * <p>
 * Stateless and allocation-free; thread-safe as long as each thread passes its own {@link PriceQuote}.
 */
public final class TouPricer
{
    private TouPricer()
    {
    }

    /**
     * Prices a tick with the tier counter at zero, for tariffs without tiers or a first tick.
     *
     * @param tariff             tariff version in force at the interval start.
     * @param intervalStartEpoch tick interval start, epoch seconds.
     * @param importWh           energy imported, Wh, not negative.
     * @param exportWh           energy exported, Wh, not negative.
     * @param quote              receives the result.
     */
    public static void price(
        final TouTariff tariff,
        final long intervalStartEpoch,
        final long importWh,
        final long exportWh,
        final PriceQuote quote)
    {
        price(tariff, intervalStartEpoch, importWh, exportWh, 0, quote);
    }

    /**
     * @param tariff             tariff version in force at the interval start.
     * @param intervalStartEpoch tick interval start, epoch seconds.
     * @param importWh           energy imported, Wh, not negative.
     * @param exportWh           energy exported, Wh, not negative.
     * @param counterWh          the period's tier counter before this tick, Wh.
     * @param quote              receives the result.
     */
    public static void price(
        final TouTariff tariff,
        final long intervalStartEpoch,
        final long importWh,
        final long exportWh,
        final long counterWh,
        final PriceQuote quote)
    {
        priceInPeriod(tariff, tariff.periodIndexAt(intervalStartEpoch), importWh, exportWh, counterWh, quote);
    }

    /**
     * Prices a tick whose TOU period the caller already knows.
     *
     * @param tariff    tariff version.
     * @param period    TOU period of the tick's interval start.
     * @param importWh  energy imported, Wh, not negative.
     * @param exportWh  energy exported, Wh, not negative.
     * @param counterWh the period's tier counter before this tick, Wh.
     * @param quote     receives the result.
     */
    public static void priceInPeriod(
        final TouTariff tariff,
        final int period,
        final long importWh,
        final long exportWh,
        final long counterWh,
        final PriceQuote quote)
    {
        quote.periodIndex = period;
        quote.exportRate = tariff.exportRule() == ExportRule.NET_METERING ?
            tariff.importRate(period, 0) : tariff.exportRate(period, 0);
        quote.exportAmount = MicroUnits.amountFor(exportWh, quote.exportRate);
        splitImport(tariff, period, importWh, counterWh, quote);
        quote.importRate = quote.parts == 0 ? tariff.importRate(period, 0) : quote.partRate[0];
    }

    private static void splitImport(
        final TouTariff tariff, final int period, final long importWh, final long counterWh, final PriceQuote quote)
    {
        final TierTable tiers = tariff.tiers();
        quote.parts = 0;
        quote.importAmount = 0;
        if (importWh == 0)
        {
            return;
        }
        if (tiers == null)
        {
            addPart(quote, 0, importWh, tariff.importRate(period, 0));
            return;
        }
        long remaining = importWh;
        long counter = counterWh;
        int tier = tiers.tierAt(counter);
        while (remaining > 0)
        {
            final long room = tiers.upToWh(tier) == Long.MAX_VALUE ? remaining : tiers.upToWh(tier) - counter;
            final long part = Math.min(room, remaining);
            addPart(quote, tier, part, tiers.importRate(period, tier));
            remaining -= part;
            counter = Math.addExact(counter, part);
            tier++;
        }
    }

    private static void addPart(final PriceQuote quote, final int tier, final long energyWh, final long rate)
    {
        final int i = quote.parts++;
        quote.partTier[i] = tier;
        quote.partEnergyWh[i] = energyWh;
        quote.partRate[i] = rate;
        quote.partAmount[i] = MicroUnits.amountFor(energyWh, rate);
        quote.importAmount = Math.addExact(quote.importAmount, quote.partAmount[i]);
    }

    /**
     * The definitive charge for a period's energy over a whole billing period (or day): every tier part rounded
     * once, half-even, in this call. The true-up compares this with the sum of the provisional tick postings; under
     * {@link TierBasis#DAILY} it is called once per local day and the days' results are added, so the amount is
     * rounded per day, TOU period and tier.
     *
     * @param tariff   the tariff.
     * @param period   a TOU period.
     * @param energyWh the period's total energy.
     * @return micro-units.
     */
    public static long tieredCharge(final TouTariff tariff, final int period, final long energyWh)
    {
        final TierTable tiers = tariff.tiers();
        if (tiers == null)
        {
            return MicroUnits.amountFor(energyWh, tariff.importRate(period, 0));
        }
        long total = 0;
        for (int t = 0; t < tiers.tierCount(); t++)
        {
            final long part = tiers.energyInTier(energyWh, t);
            if (part > 0)
            {
                total = Math.addExact(total, MicroUnits.amountFor(part, tiers.importRate(period, t)));
            }
        }
        return total;
    }

    /**
     * The definitive charge of a period under tiers counted over all TOU periods
     * ({@link TierBasis#BILLING_PERIOD_ALL_PERIODS}): the billing period's whole import is split into tiers, and each
     * period takes the share of every tier that its energy is of the whole, at its own rate for that tier, each part
     * rounded once. Independent of the order ticks arrived in, like {@link #tieredCharge}.
     *
     * @param tariff   the tariff, with tiers.
     * @param period   a TOU period.
     * @param periodWh the period's import over the billing period.
     * @param wholeWh  the import of every period over the billing period.
     * @return micro-units.
     */
    public static long sharedTierCharge(
        final TouTariff tariff, final int period, final long periodWh, final long wholeWh)
    {
        final TierTable tiers = tariff.tiers();
        if (periodWh <= 0 || wholeWh <= 0)
        {
            return 0;
        }
        long total = 0;
        for (int t = 0; t < tiers.tierCount(); t++)
        {
            final long part = tiers.energyInTier(wholeWh, t);
            if (part > 0)
            {
                total = Math.addExact(total,
                    MicroUnits.proRataAmountFor(periodWh, part, wholeWh, tiers.importRate(period, t)));
            }
        }
        return total;
    }
}
