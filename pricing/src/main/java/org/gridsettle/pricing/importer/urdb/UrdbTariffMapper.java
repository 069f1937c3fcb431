package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps an imported {@link UrdbRate} onto gridsettle's {@link TouTariff} when that loses nothing, or refuses it with an
 * {@link UrdbImportException} naming every field that cannot be priced faithfully and the rate's label. The
 * {@link UrdbRate} keeps everything for a richer model.
 * <p>
 * What maps, and where the rules live:
 * <ul>
 *     <li>Energy charges, time-of-use and block (tier) rates: {@link UrdbEnergyMapper} and {@link UrdbTierMapper}.
 *     The 12 x 24 weekday and weekend schedules become the tariff's hourly schedule; holidays use the weekend
 *     schedule.</li>
 *     <li>Flat and time-of-use demand charges, tiered or not, time-of-use demand by its own schedules when they
 *     differ from the energy schedules: {@link UrdbDemandMapper}.</li>
 *     <li>The first meter's fixed charge per day or per month: {@link UrdbFixedChargeMapper}; additional-meter,
 *     yearly and minimum charges are refused.</li>
 *     <li>{@code dgrules} and {@code usenetmetering}: {@link UrdbExportRuleMapper}; net metering needs the caller's
 *     net-surplus rate ({@link UrdbMappingOptions#withNetSurplusMicrosPerKwh}), which URDB does not carry.</li>
 * </ul>
 * URDB has no time zone and no holiday calendar: the caller gives both, from the utility's territory. A wrong zone
 * shifts every window, so it is required rather than defaulted. URDB rates are in US dollars: the import token is
 * {@value #TOKEN}. Billing periods are calendar months (billing-cycle day 1), as URDB's monthly charges assume.
 * <p>
 * Stateless and thread-safe.
 */
public final class UrdbTariffMapper
{
    /** Token of import charges: URDB prices in US dollars. */
    public static final String TOKEN = "USD";

    private UrdbTariffMapper()
    {
    }

    /**
     * Maps without a net-surplus rate, so a net-metering rate is refused; see
     * {@link #toTouTariff(UrdbRate, UrdbMappingOptions)}.
     *
     * @param rate                     an imported rate.
     * @param tariffId                 stable identifier of the tariff across versions.
     * @param version                  version number.
     * @param effectiveFromEpochSecond first instant this version prices; must lie within the rate's URDB
     *                                 {@code startdate} and {@code enddate} when it has them.
     * @param exportToken              program token export credits are minted in.
     * @param zone                     the utility's zone, which URDB does not record.
     * @param holidayEpochDays         sorted local dates priced with the weekend schedule; URDB does not record them.
     * @return the tariff.
     * @throws UrdbImportException when the rate needs more than {@link TouTariff} can express.
     */
    public static TouTariff toTouTariff(
        final UrdbRate rate,
        final long tariffId,
        final int version,
        final long effectiveFromEpochSecond,
        final String exportToken,
        final ZoneId zone,
        final long[] holidayEpochDays)
    {
        return toTouTariff(rate, new UrdbMappingOptions(
            tariffId, version, effectiveFromEpochSecond, exportToken, zone, holidayEpochDays));
    }

    /**
     * @param rate    an imported rate.
     * @param options the tariff's identity and what URDB does not record.
     * @return the tariff, with tiers, demand, fixed charges and export rule set as the rate has them.
     * @throws UrdbImportException when the rate needs more than {@link TouTariff} can express, listing every problem.
     */
    public static TouTariff toTouTariff(final UrdbRate rate, final UrdbMappingOptions options)
    {
        final UrdbProblemLog log = new UrdbProblemLog("", rate.labelOrEmpty());
        checkEffectiveWindow(rate, options.effectiveFromEpochSecond(), options.zone(), log);
        if (rate.energy().isEmpty())
        {
            log.add("energyratestructure", "no energy charges to map");
        }
        final Optional<UrdbEnergyMapper.EnergyTerms> energy =
            rate.energy().flatMap((charges) -> UrdbEnergyMapper.map(charges, log));
        final Optional<UrdbDemandMapper.DemandRates> demand = UrdbDemandMapper.map(rate, log);
        final UrdbFixedChargeMapper.FixedCharges fixed = UrdbFixedChargeMapper.map(rate, log);
        final UrdbExportRuleMapper.ExportTerms export =
            UrdbExportRuleMapper.map(rate, options.netSurplusMicrosPerKwh(), log);
        if (export.rule() == ExportRule.NET_METERING && energy.flatMap(UrdbEnergyMapper.EnergyTerms::tiers)
            .map((tiers) -> tiers.basis() == TierBasis.BILLING_PERIOD_ALL_PERIODS).orElse(false))
        {
            log.add("dgrules", "net metering of a tiered rate whose tiers count several periods together: the " +
                "period-close true-up nets each period against its own tiers");
        }
        if (export.rule() != ExportRule.NET_METERING)
        {
            rate.energy().ifPresent((charges) -> checkTierSellRates(charges, log));
        }
        if (log.size() > 0)
        {
            throw new UrdbImportException(rate.source(), log.problems());
        }

        final UrdbEnergyMapper.EnergyTerms terms = energy.orElseThrow();
        final TouTariff tariff = new TouTariff(options.tariffId(), options.version(),
            options.effectiveFromEpochSecond(), TOKEN, options.exportToken(), options.zone(), 60, terms.periods(),
            terms.schedule(), options.holidayEpochDays());
        terms.tiers().ifPresent(tariff::withTiers);
        tariff.withFixedCharges(fixed.perDay(), fixed.perMonth());
        tariff.withExportRule(export.rule(), export.netSurplusMicrosPerKwh());
        demand.ifPresent((rates) ->
        {
            if (rates.demandSchedule() != null)
            {
                // before the rates, which are then one per demand period
                tariff.withDemandSchedule(rates.demandPeriodNames(), rates.demandSchedule());
            }
            if (rates.tiers() != null)
            {
                tariff.withDemandTiers(rates.tiers());
            }
            else
            {
                tariff.withDemand(rates.flatMicrosPerKw(), rates.touMicrosPerKw());
            }
        });
        return tariff;
    }

    /**
     * Tiers count imports only: every export is credited at its period's tier-1 {@code sell}, so a higher tier's
     * other sell rate would be read and never paid. Net metering credits exports at retail, so there it is unused
     * either way and not refused.
     */
    private static void checkTierSellRates(final UrdbTouEnergy energy, final UrdbProblemLog log)
    {
        for (int p = 0; p < energy.periods().size(); p++)
        {
            final List<UrdbEnergyTier> tiers = energy.periods().get(p);
            final OptionalLong first = tiers.get(0).sellMicrosPerKwh();
            for (int t = 1; t < tiers.size(); t++)
            {
                final OptionalLong sell = tiers.get(t).sellMicrosPerKwh();
                if (sell.orElse(0L) != first.orElse(0L))
                {
                    // a tier without "sell" is named as such: a "sell 0.000000" the file does not hold is not found
                    log.add("energyratestructure[" + p + "][" + t + "].sell", (sell.isPresent() ?
                        "sell " + MicroUnits.toDecimalString(sell.getAsLong()) + " $/kWh" :
                        "missing (no sell, so 0 $/kWh)") + " where tier 1 " + (first.isPresent() ?
                        "sells at " + MicroUnits.toDecimalString(first.getAsLong()) + " $/kWh" :
                        "has no sell (so 0 $/kWh)") + ": tiers count imports, and every export is credited at its " +
                        "period's tier-1 sell rate");
                }
            }
        }
    }

    /**
     * The start is the earlier of the startdate and its day's local midnight ({@link UrdbRate#earliestStartIn}): east
     * of UTC the day the startdate names begins before the instant URDB stores it as.
     */
    private static void checkEffectiveWindow(
        final UrdbRate rate, final long effectiveFromEpochSecond, final ZoneId zone, final UrdbProblemLog log)
    {
        final Instant effectiveFrom = Instant.ofEpochSecond(effectiveFromEpochSecond);
        final Optional<Instant> start = rate.earliestStartIn(zone);
        if (start.isPresent() && effectiveFrom.isBefore(start.get()))
        {
            log.add("startdate", "rate starts " + rate.startDate().get() + (start.get().equals(rate.startDate().get()) ?
                "" : " (its day begins " + start.get() + " in " + zone + ")") + ", after the requested effectiveFrom " +
                effectiveFrom);
        }
        if (rate.endDate().isPresent() && !effectiveFrom.isBefore(rate.endDate().get()))
        {
            log.add("enddate", "rate ended " + rate.endDate().get() + ", not after the requested effectiveFrom " +
                effectiveFrom);
        }
    }
}
