package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;

import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps URDB energy charges onto {@link TouPeriod}s, an hourly schedule and, for block rates, a {@link TierTable}
 * (see {@link UrdbTierMapper} for when tiers can be mapped).
 * <p>
 * URDB period {@code p} becomes period {@code p}, named "urdb period p", with tier 1's {@code rate + adj} as its
 * import rate and tier 1's {@code sell} (or 0 when the tier has none) as its export rate; a tier table repeats them as
 * its tier 1, as {@link org.gridsettle.pricing.tariff.TouTariff#withTiers} requires. Holidays use the weekend
 * schedule. Stateless and thread-safe.
 */
final class UrdbEnergyMapper
{
    private UrdbEnergyMapper()
    {
    }

    /**
     * @param energy the rate's energy charges.
     * @param log    receives every problem found.
     * @return the mapped periods, schedule and tiers, or empty after logging problems.
     */
    static Optional<EnergyTerms> map(final UrdbTouEnergy energy, final UrdbProblemLog log)
    {
        final int problemsBefore = log.size();
        if (energy.isTiered())
        {
            UrdbTierMapper.check(energy, log);
        }
        checkRates(energy, log);
        if (log.size() != problemsBefore)
        {
            return Optional.empty();
        }
        final List<TouPeriod> periods = new ArrayList<>(energy.periods().size());
        for (int p = 0; p < energy.periods().size(); p++)
        {
            final UrdbEnergyTier first = energy.tier(p, 0);
            periods.add(new TouPeriod("urdb period " + p, first.microsPerKwh(), first.sellMicrosPerKwh().orElse(0L)));
        }
        final Optional<TierTable> tiers =
            energy.isTiered() ? Optional.of(UrdbTierMapper.build(energy)) : Optional.empty();
        return Optional.of(new EnergyTerms(periods, schedule(energy.weekday(), energy.weekend()), tiers));
    }

    private static void checkRates(final UrdbTouEnergy energy, final UrdbProblemLog log)
    {
        for (int p = 0; p < energy.periods().size(); p++)
        {
            final List<UrdbEnergyTier> tiers = energy.periods().get(p);
            for (int t = 0; t < tiers.size(); t++)
            {
                final String path = "energyratestructure[" + p + "][" + t + "]";
                final UrdbEnergyTier tier = tiers.get(t);
                if (tier.microsPerKwh() < 0)
                {
                    log.add(path + ".rate", "rate+adj is negative (" + MicroUnits.toDecimalString(tier.microsPerKwh()) +
                        " $/kWh); TouTariff rates are not negative");
                }
                final long sell = tier.sellMicrosPerKwh().orElse(0L);
                if (sell < 0)
                {
                    log.add(path + ".sell", "sell is negative (" + MicroUnits.toDecimalString(sell) +
                        " $/kWh); TouTariff rates are not negative");
                }
            }
        }
    }

    /**
     * @param weekday a 12 x 24 weekday schedule.
     * @param weekend a 12 x 24 weekend schedule, which prices holidays too.
     * @return the hourly {@code [12 months][3 day types][24]} table {@link org.gridsettle.pricing.tariff.TouTariff}
     *     takes, for energy or demand.
     */
    static byte[] schedule(final UrdbSchedule weekday, final UrdbSchedule weekend)
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

    /**
     * Energy charges ready for {@link org.gridsettle.pricing.tariff.TouTariff}.
     *
     * @param periods  one per URDB period, in URDB order.
     * @param schedule hourly {@code [12 months][3 day types][24]} period indexes.
     * @param tiers    the block rates, when the URDB rate has any.
     */
    record EnergyTerms(List<TouPeriod> periods, byte[] schedule, Optional<TierTable> tiers)
    {
    }
}
