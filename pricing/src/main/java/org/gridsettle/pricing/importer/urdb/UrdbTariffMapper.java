package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an imported {@link UrdbRate} onto gridsettle's {@link TouTariff} when that loses nothing: untiered
 * time-of-use energy charges only. Anything else (tiers, demand, fixed or minimum charges, net metering) is refused
 * with an {@link UrdbImportException} naming each field and the model it needs; the {@link UrdbRate} keeps it all for
 * that model.
 * <p>
 * What the mapping does:
 * <ul>
 *     <li>URDB period {@code p} becomes period {@code p}, named "urdb period p"; its import rate is tier 1's
 *     {@code rate + adj} and its export rate tier 1's {@code sell}, or 0 when the tier has none.</li>
 *     <li>The 12 x 24 weekday and weekend schedules become the tariff's hourly schedule; holidays use the weekend
 *     schedule.</li>
 *     <li>URDB has no time zone and no holiday calendar: the caller gives both, from the utility's territory. A
 *     wrong zone shifts every window, so it is a required argument rather than a default.</li>
 *     <li>URDB rates are in US dollars: the import token is {@value #TOKEN}.</li>
 *     <li>"Net Billing Instantaneous" and "Net Billing Hourly" map as they are: each tick's export is credited at the
 *     sell rate, so hourly net billing is faithful when the ticks fed in are hourly net readings.</li>
 * </ul>
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
        final List<UrdbProblem> problems = new ArrayList<>();
        final String label = rate.labelOrEmpty();
        checkEffectiveWindow(rate, effectiveFromEpochSecond, label, problems);
        checkNothingButEnergy(rate, label, problems);
        final List<TouPeriod> periods = new ArrayList<>();
        if (rate.energy().isEmpty())
        {
            problems.add(new UrdbProblem(label, "energyratestructure", "no energy charges to map"));
        }
        else
        {
            mapPeriods(rate.energy().get(), label, periods, problems);
        }
        if (!problems.isEmpty())
        {
            throw new UrdbImportException(rate.source(), problems);
        }
        final UrdbTouEnergy energy = rate.energy().get();
        return new TouTariff(tariffId, version, effectiveFromEpochSecond, TOKEN, exportToken, zone, 60, periods,
            schedule(energy.weekday(), energy.weekend()), holidayEpochDays);
    }

    private static void mapPeriods(
        final UrdbTouEnergy energy, final String label, final List<TouPeriod> periods, final List<UrdbProblem> problems)
    {
        for (int p = 0; p < energy.periods().size(); p++)
        {
            final List<UrdbEnergyTier> tiers = energy.periods().get(p);
            final String path = "energyratestructure[" + p + "]";
            if (tiers.size() > 1)
            {
                problems.add(new UrdbProblem(label, path, tiers.size() + " tiers: needs the tiered tariff model"));
                continue;
            }
            final UrdbEnergyTier tier = tiers.get(0);
            final long exportRate = tier.sellMicrosPerKwh().orElse(0L);
            if (tier.maxWh().isPresent())
            {
                problems.add(new UrdbProblem(label, path + "[0].max",
                    "a bounded tier needs the tiered tariff model"));
            }
            if (tier.microsPerKwh() < 0)
            {
                problems.add(new UrdbProblem(label, path + "[0].rate", "rate+adj is negative (" +
                    MicroUnits.toDecimalString(tier.microsPerKwh()) + " $/kWh); TouTariff rates are not negative"));
            }
            if (exportRate < 0)
            {
                problems.add(new UrdbProblem(label, path + "[0].sell", "sell is negative (" +
                    MicroUnits.toDecimalString(exportRate) + " $/kWh); TouTariff rates are not negative"));
            }
            if (problems.isEmpty())
            {
                periods.add(new TouPeriod("urdb period " + p, tier.microsPerKwh(), exportRate));
            }
        }
    }

    private static void checkNothingButEnergy(
        final UrdbRate rate, final String label, final List<UrdbProblem> problems)
    {
        if (rate.demand().isPresent())
        {
            problems.add(new UrdbProblem(label, "demandratestructure",
                "time-of-use demand charges need the demand tariff model"));
        }
        if (rate.flatDemand().isPresent())
        {
            problems.add(new UrdbProblem(label, "flatdemandstructure",
                "flat demand charges need the demand tariff model"));
        }
        final List<UrdbCharge> charges = new ArrayList<>(rate.minimumCharges());
        rate.fixedChargeFirstMeter().ifPresent((charge) -> charges.add(0, charge));
        rate.fixedChargeAdditionalMeter().ifPresent(charges::add);
        for (final UrdbCharge charge : charges)
        {
            if (charge.micros() != 0)
            {
                problems.add(new UrdbProblem(label, charge.field(), MicroUnits.toDecimalString(charge.micros()) + " " +
                    charge.unit().urdbText() + ": TouTariff has no fixed or minimum charges"));
            }
        }
        if (rate.dgRule().isPresent())
        {
            switch (rate.dgRule().get())
            {
                case NET_METERING -> problems.add(new UrdbProblem(label, "dgrules", "Net Metering nets exports " +
                    "against imports over the billing period; TouTariff credits each tick's export on its own"));
                case BUY_ALL_SELL_ALL -> problems.add(new UrdbProblem(label, "dgrules", "Buy All Sell All meters " +
                    "generation apart from consumption; TouTariff prices one net meter"));
                default ->
                {
                    // Net billing credits each export at the sell rate as it happens, which is what TouPricer does.
                }
            }
        }
        else if (rate.useNetMetering().orElse(false))
        {
            problems.add(new UrdbProblem(label, "usenetmetering", "net metering nets exports against imports over " +
                "the billing period; TouTariff credits each tick's export on its own"));
        }
    }

    private static void checkEffectiveWindow(
        final UrdbRate rate, final long effectiveFromEpochSecond, final String label, final List<UrdbProblem> problems)
    {
        final Instant effectiveFrom = Instant.ofEpochSecond(effectiveFromEpochSecond);
        if (rate.startDate().isPresent() && effectiveFrom.isBefore(rate.startDate().get()))
        {
            problems.add(new UrdbProblem(label, "startdate", "rate starts " + rate.startDate().get() +
                ", after the requested effectiveFrom " + effectiveFrom));
        }
        if (rate.endDate().isPresent() && !effectiveFrom.isBefore(rate.endDate().get()))
        {
            problems.add(new UrdbProblem(label, "enddate", "rate ended " + rate.endDate().get() +
                ", not after the requested effectiveFrom " + effectiveFrom));
        }
    }

    private static byte[] schedule(final UrdbSchedule weekday, final UrdbSchedule weekend)
    {
        final int hours = UrdbSchedule.HOURS;
        final byte[] schedule = new byte[UrdbSchedule.MONTHS * 3 * hours];
        for (final Month month : Month.values())
        {
            final int monthBase = (month.getValue() - 1) * 3;
            for (int hour = 0; hour < hours; hour++)
            {
                schedule[(monthBase + DayType.WEEKDAY.ordinal()) * hours + hour] = (byte)weekday.periodAt(month, hour);
                schedule[(monthBase + DayType.WEEKEND.ordinal()) * hours + hour] = (byte)weekend.periodAt(month, hour);
                schedule[(monthBase + DayType.HOLIDAY.ordinal()) * hours + hour] = (byte)weekend.periodAt(month, hour);
            }
        }
        return schedule;
    }
}
