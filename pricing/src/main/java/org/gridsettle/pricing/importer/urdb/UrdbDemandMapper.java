package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps URDB demand charges onto {@link org.gridsettle.pricing.tariff.TouTariff#withDemand}: one flat rate per kW for
 * every month, and one time-of-use rate per kW for each demand period.
 * <p>
 * So URDB flat demand ({@code flatdemandstructure} with {@code flatdemandmonths}) maps only when every month's
 * period charges the same rates. Time-of-use demand ({@code demandratestructure}) with demand schedules identical to
 * the energy schedules is charged in the energy periods, as it always was (demand period {@code p} is energy period
 * {@code p} at every hour, and the tariff version is the one it always was); with schedules of their own it maps
 * onto {@link org.gridsettle.pricing.tariff.TouTariff#withDemandSchedule}: {@code demandweekdayschedule} and
 * {@code demandweekendschedule} (which, as for energy, also prices holidays) become the demand schedule, and URDB
 * demand period {@code p} is demand period {@code p}, named "urdb demand period p".
 * Tiered demand maps onto {@link DemandTiers} when every structure shares the tier limits (a structure with fewer
 * tiers keeps its unlimited last rate for the higher ones).
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
        final long[] limits = sharedLimits(rate, log);
        final int tiers = limits.length + 1;
        final long[][] tou = rate.demand().map((demand) -> touRates(demand, rate.energy(), tiers, log))
            .orElse(new long[0][]);
        final byte[] demandSchedule = rate.demand().filter((demand) -> ownSchedule(demand, rate.energy()))
            .map((demand) -> UrdbEnergyMapper.schedule(demand.weekday(), demand.weekend())).orElse(null);
        final List<String> names = new ArrayList<>();
        for (int p = 0; demandSchedule != null && p < tou.length; p++)
        {
            names.add("urdb demand period " + p);
        }
        final long[] flat = rate.flatDemand().map((demand) -> flatRates(demand, tiers, log)).orElse(new long[tiers]);
        if (log.size() != problemsBefore || (rate.demand().isEmpty() && rate.flatDemand().isEmpty()))
        {
            return Optional.empty();
        }
        final long[] touTier1 = new long[tou.length];
        for (int p = 0; p < tou.length; p++)
        {
            touTier1[p] = tou[p][0];
        }
        if (tiers == 1)
        {
            return Optional.of(new DemandRates(flat[0], touTier1, null, names, demandSchedule));
        }
        final long[] upToW = java.util.Arrays.copyOf(limits, tiers);
        upToW[tiers - 1] = Long.MAX_VALUE;
        return Optional.of(new DemandRates(flat[0], touTier1, new DemandTiers(upToW, flat, tou), names,
            demandSchedule));
    }

    /**
     * The tier limits every demand structure shares: TouTariff's demand tiers have one set of limits for the flat
     * and the time-of-use charges. A structure with fewer tiers must have the first limits of the one with most;
     * its unlimited last tier then prices the higher tiers too, which is what an unlimited tier means.
     */
    private static long[] sharedLimits(final UrdbRate rate, final UrdbProblemLog log)
    {
        final List<List<UrdbDemandTier>> all = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        rate.demand().ifPresent((demand) -> add(demand.periods(), "demandratestructure", all, paths));
        rate.flatDemand().ifPresent((demand) -> add(demand.periods(), "flatdemandstructure", all, paths));
        int reference = 0;
        for (int i = 0; i < all.size(); i++)
        {
            reference = all.get(i).size() > all.get(reference).size() ? i : reference;
        }
        if (all.isEmpty())
        {
            return new long[0];
        }
        final List<UrdbDemandTier> longest = all.get(reference);
        if (longest.size() > DemandTiers.MAX_TIERS)
        {
            log.add(paths.get(reference), longest.size() + " tiers; at most " + DemandTiers.MAX_TIERS);
            return new long[0];
        }
        for (int i = 0; i < all.size(); i++)
        {
            final List<UrdbDemandTier> tiers = all.get(i);
            final String path = paths.get(i);
            final int last = tiers.size() - 1;
            for (int t = 0; t <= last; t++)
            {
                final UrdbDemandTier tier = tiers.get(t);
                if (tier.microsPerKw() < 0)
                {
                    log.add(path + "[" + t + "].rate", "rate+adj is negative (" +
                        MicroUnits.toDecimalString(tier.microsPerKw()) + " $/kW); TouTariff demand rates are not " +
                        "negative");
                }
                if (t == last && tier.maxW().isPresent())
                {
                    log.add(path + "[" + t + "].max", (last == 0 ? "a bounded single tier" : "a bounded last tier") +
                        ": URDB does not say what is charged above " + MicroUnits.kwhString(tier.maxW().getAsLong()) +
                        " kW");
                }
                else if (t < last && tier.maxW().getAsLong() != longest.get(t).maxW().orElse(-1L))
                {
                    log.add(path + "[" + t + "].max", MicroUnits.kwhString(tier.maxW().getAsLong()) + " kW where " +
                        paths.get(reference) + "[" + t + "] ends at another limit: TouTariff's demand tiers share " +
                        "their limits");
                }
            }
        }
        final long[] limits = new long[longest.size() - 1];
        for (int t = 0; t < limits.length; t++)
        {
            limits[t] = longest.get(t).maxW().orElse(Long.MAX_VALUE);
        }
        return limits;
    }

    private static void add(
        final List<List<UrdbDemandTier>> periods, final String field, final List<List<UrdbDemandTier>> all,
        final List<String> paths)
    {
        for (int p = 0; p < periods.size(); p++)
        {
            all.add(periods.get(p));
            paths.add(field + "[" + p + "]");
        }
    }

    /** A structure's rate in a tier; a structure with fewer tiers charges its last, unlimited one's. */
    private static long rateIn(final List<UrdbDemandTier> tiers, final int tier)
    {
        return tiers.get(Math.min(tier, tiers.size() - 1)).microsPerKw();
    }

    private static long[][] touRates(
        final UrdbTouDemand demand, final Optional<UrdbTouEnergy> energy, final int tiers, final UrdbProblemLog log)
    {
        if (energy.isEmpty())
        {
            // Refused for its missing energy charges already; there are no energy periods to charge demand in.
            return new long[0][];
        }
        if (ownSchedule(demand, energy) && demand.periods().size() > TouTariff.MAX_PERIODS)
        {
            log.add("demandratestructure", demand.periods().size() + " demand periods; at most " +
                TouTariff.MAX_PERIODS);
            return new long[0][];
        }
        // with schedules of their own, one rate per demand period; else per energy period, as always
        final int periods = ownSchedule(demand, energy) ? demand.periods().size() : energy.get().periods().size();
        final long[][] rates = new long[periods][tiers];
        for (int p = 0; p < Math.min(periods, demand.periods().size()); p++)
        {
            for (int t = 0; t < tiers; t++)
            {
                rates[p][t] = rateIn(demand.periods().get(p), t);
            }
        }
        // With identical schedules, an energy period beyond the demand structure is never in force: its 0 is never
        // charged, so it is not a guess.
        return rates;
    }

    /** True if the demand schedules are not the energy schedules, so demand needs a schedule of its own. */
    private static boolean ownSchedule(final UrdbTouDemand demand, final Optional<UrdbTouEnergy> energy)
    {
        return energy.isPresent() &&
            (!demand.weekday().equals(energy.get().weekday()) || !demand.weekend().equals(energy.get().weekend()));
    }

    private static long[] flatRates(final UrdbFlatDemand demand, final int tiers, final UrdbProblemLog log)
    {
        final List<Integer> used = new ArrayList<>();
        for (final Month month : Month.values())
        {
            final int period = demand.periodFor(month);
            if (!used.contains(period))
            {
                used.add(period);
            }
        }
        final long[] rates = new long[tiers];
        for (int t = 0; t < tiers; t++)
        {
            rates[t] = rateIn(demand.periods().get(used.get(0)), t);
            for (final int period : used)
            {
                if (rateIn(demand.periods().get(period), t) != rates[t])
                {
                    log.add("flatdemandmonths", "the months' periods charge different rates (" +
                        describeRates(demand, used) + "): TouTariff has one flat demand rate for every month");
                    return new long[tiers];
                }
            }
        }
        return rates;
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
     * @param touMicrosPerKw  per demand period, charge per kW of the highest demand in it; empty when none.
     * @param tiers           the demand tiers, or null when every charge has one tier.
     * @param demandPeriodNames the demand periods' names when demand has a schedule of its own, else empty.
     * @param demandSchedule  the demand schedule, hourly {@code [12 months][3 day types][24]}, or null when demand
     *                        is charged in the energy periods.
     */
    record DemandRates(
        long flatMicrosPerKw, long[] touMicrosPerKw, DemandTiers tiers, List<String> demandPeriodNames,
        byte[] demandSchedule)
    {
    }
}
