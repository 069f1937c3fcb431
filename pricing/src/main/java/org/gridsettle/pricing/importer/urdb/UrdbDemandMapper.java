package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;

import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps URDB demand charges onto {@link org.gridsettle.pricing.tariff.TouTariff#withDemand}: one flat rate per kW for
 * every month, and one time-of-use rate per kW for each energy period.
 * <p>
 * So URDB flat demand ({@code flatdemandstructure} with {@code flatdemandmonths}) maps only when every month's
 * period charges the same single-tier rate; time-of-use demand ({@code demandratestructure}) only with single-tier
 * periods and demand schedules identical to the energy schedules, so that demand period {@code p} is energy period
 * {@code p} at every hour. Tiered demand is refused.
 * <p>
 * URDB's {@code demandwindow} is not applied here: gridsettle takes demand as each tick's energy over its duration,
 * so the host must feed ticks of the rate's window ({@link UrdbRate#demandWindowMinutes()}) for the charge to match.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbDemandMapper
{
    private UrdbDemandMapper()
    {
    }

    /**
     * @param rate the rate.
     * @param log  receives every problem found.
     * @return the demand rates, or empty when the rate has no demand charges or after logging problems.
     */
    static Optional<DemandRates> map(final UrdbRate rate, final UrdbProblemLog log)
    {
        final int problemsBefore = log.size();
        final long[] tou = rate.demand().map((demand) -> touRates(demand, rate.energy(), log)).orElse(new long[0]);
        final long flat = rate.flatDemand().map((demand) -> flatRate(demand, log)).orElse(0L);
        if (log.size() != problemsBefore || (rate.demand().isEmpty() && rate.flatDemand().isEmpty()))
        {
            return Optional.empty();
        }
        return Optional.of(new DemandRates(flat, tou));
    }

    private static long[] touRates(
        final UrdbTouDemand demand, final Optional<UrdbTouEnergy> energy, final UrdbProblemLog log)
    {
        checkSingleTiers(demand.periods(), "demandratestructure", log);
        if (energy.isEmpty())
        {
            // Refused for its missing energy charges already; there are no energy periods to charge demand in.
            return new long[0];
        }
        if (!demand.weekday().equals(energy.get().weekday()))
        {
            log.add("demandweekdayschedule", "differs from energyweekdayschedule: TouTariff charges time-of-use " +
                "demand in the energy periods");
        }
        if (!demand.weekend().equals(energy.get().weekend()))
        {
            log.add("demandweekendschedule", "differs from energyweekendschedule: TouTariff charges time-of-use " +
                "demand in the energy periods");
        }
        final int energyPeriods = energy.get().periods().size();
        final long[] rates = new long[energyPeriods];
        for (int p = 0; p < Math.min(energyPeriods, demand.periods().size()); p++)
        {
            rates[p] = demand.tier(p, 0).microsPerKw();
        }
        // With identical schedules, an energy period beyond the demand structure is never in force: its 0 is never
        // charged, so it is not a guess.
        return rates;
    }

    private static long flatRate(final UrdbFlatDemand demand, final UrdbProblemLog log)
    {
        final int problemsBefore = log.size();
        checkSingleTiers(demand.periods(), "flatdemandstructure", log);
        if (log.size() != problemsBefore)
        {
            return 0;
        }
        final List<Integer> used = new ArrayList<>();
        for (final Month month : Month.values())
        {
            final int period = demand.periodFor(month);
            if (!used.contains(period))
            {
                used.add(period);
            }
        }
        final long rate = demand.periods().get(used.get(0)).get(0).microsPerKw();
        for (final int period : used)
        {
            if (demand.periods().get(period).get(0).microsPerKw() != rate)
            {
                log.add("flatdemandmonths", "the months' periods charge different rates (" +
                    describeRates(demand, used) + "): TouTariff has one flat demand rate for every month");
                return 0;
            }
        }
        return rate;
    }

    private static void checkSingleTiers(
        final List<List<UrdbDemandTier>> periods, final String field, final UrdbProblemLog log)
    {
        for (int p = 0; p < periods.size(); p++)
        {
            final List<UrdbDemandTier> tiers = periods.get(p);
            final String path = field + "[" + p + "]";
            if (tiers.size() > 1)
            {
                log.add(path, tiers.size() + " tiers: tiered demand charges are not supported");
                continue;
            }
            final UrdbDemandTier tier = tiers.get(0);
            if (tier.maxW().isPresent())
            {
                log.add(path + "[0].max", "a bounded single tier: URDB does not say what is charged above " +
                    MicroUnits.kwhString(tier.maxW().getAsLong()) + " kW");
            }
            if (tier.microsPerKw() < 0)
            {
                log.add(path + "[0].rate", "rate+adj is negative (" + MicroUnits.toDecimalString(tier.microsPerKw()) +
                    " $/kW); TouTariff demand rates are not negative");
            }
        }
    }

    private static String describeRates(final UrdbFlatDemand demand, final List<Integer> periods)
    {
        final StringBuilder sb = new StringBuilder();
        for (final int period : periods)
        {
            sb.append(sb.length() == 0 ? "" : ", ").append("period ").append(period).append(": ")
                .append(MicroUnits.toDecimalString(demand.periods().get(period).get(0).microsPerKw())).append(" $/kW");
        }
        return sb.toString();
    }

    /**
     * Demand rates ready for {@link org.gridsettle.pricing.tariff.TouTariff#withDemand}.
     *
     * @param flatMicrosPerKw charge per kW of a billing period's highest demand.
     * @param touMicrosPerKw  per energy period, charge per kW of the highest demand in it; empty when none.
     */
    record DemandRates(long flatMicrosPerKw, long[] touMicrosPerKw)
    {
    }
}
