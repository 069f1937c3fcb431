package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;

import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decides whether URDB block (tier) energy rates can be expressed as a {@link TierTable}, and builds it.
 * <p>
 * A {@link TierTable} has one set of cumulative limits for every period, so the mapping needs every period's tiers to
 * share the {@code max} bounds of the period with the most tiers, on the same basis ("kWh" per billing month or
 * "kWh daily"), with an unbounded last tier. A period that lists fewer tiers keeps its unlimited last rate for the
 * higher ones, which is what URDB's unlimited tier means; a period with other bounds is refused. Tier {@code t}'s
 * rates are URDB tier {@code t}'s {@code rate + adj} and {@code sell} (0 when absent).
 * <p>
 * What the limits count also has to agree. URDB tools bill a tier limit against all of a month's (or, for
 * "kWh daily", a day's) energy across periods (REopt constrains each month's total purchases per tier;
 * OpenStudio-HPXML, whose sample is in the tests, keeps one monthly counter). Where one period is in force for the
 * whole of each month (a flat block rate or a seasonal one), per-period counters ({@code BILLING_PERIOD},
 * {@code DAILY}) are that count; monthly limits over months that mix periods map to
 * {@code BILLING_PERIOD_ALL_PERIODS}, one counter over the month's periods, each charged its share of every tier
 * (pricing/README.md); daily limits over days that mix periods have no such counter and are refused. The mapped
 * tariff keeps calendar-month billing periods (billing-cycle day 1), which is what those checks assume.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbTierMapper
{
    private static final String FIELD = "energyratestructure";

    private UrdbTierMapper()
    {
    }

    /**
     * Logs every reason the energy tiers cannot become a {@link TierTable}.
     *
     * @param energy tiered energy charges.
     * @param log    receives the problems.
     */
    static void check(final UrdbTouEnergy energy, final UrdbProblemLog log)
    {
        final List<List<UrdbEnergyTier>> periods = energy.periods();
        final int reference = referencePeriod(periods);
        final List<UrdbEnergyTier> shared = periods.get(reference);
        if (shared.size() > TierTable.MAX_TIERS)
        {
            log.add(FIELD + "[" + reference + "]", shared.size() + " tiers; TierTable holds at most " +
                TierTable.MAX_TIERS);
            return;
        }
        for (int p = 0; p < periods.size(); p++)
        {
            final List<UrdbEnergyTier> tiers = periods.get(p);
            if (tiers.size() > shared.size())
            {
                log.add(FIELD + "[" + p + "]", tierCount(tiers) + " (" + describeLimits(tiers) + ") where " + FIELD +
                    "[" + reference + "] has " + shared.size() + " (" + describeLimits(shared) + "): TierTable needs " +
                    "the same tier limits in every period");
            }
            else
            {
                // a period with fewer tiers must share the first limits; its last, unlimited tier then prices every
                // higher tier too, which is what URDB's unlimited last tier means, so nothing is guessed
                checkSameLimits(p, tiers, reference, shared, log);
            }
            checkLastTierUnbounded(p, tiers, log);
        }
        if (shared.size() > 1 && isDaily(shared))
        {
            // monthly tiers over several periods count them together (TierBasis.BILLING_PERIOD_ALL_PERIODS);
            // daily ones have no such counter
            checkOnePeriodPerCounter(energy, true, log);
        }
    }

    /**
     * @param energy tiered energy charges that passed {@link #check}.
     * @return the tier table.
     */
    static TierTable build(final UrdbTouEnergy energy)
    {
        final List<List<UrdbEnergyTier>> periods = energy.periods();
        final List<UrdbEnergyTier> shared = periods.get(referencePeriod(periods));
        final int tierCount = shared.size();
        final long[] upToWh = new long[tierCount];
        for (int t = 0; t < tierCount - 1; t++)
        {
            upToWh[t] = shared.get(t).maxWh().getAsLong();
        }
        upToWh[tierCount - 1] = Long.MAX_VALUE;
        final long[][] importRates = new long[periods.size()][tierCount];
        final long[][] exportRates = new long[periods.size()][tierCount];
        for (int p = 0; p < periods.size(); p++)
        {
            final int own = periods.get(p).size();
            for (int t = 0; t < tierCount; t++)
            {
                final int tier = Math.min(t, own - 1);
                importRates[p][t] = energy.tier(p, tier).microsPerKwh();
                exportRates[p][t] = energy.tier(p, tier).sellMicrosPerKwh().orElse(0L);
            }
        }
        final TierBasis basis = isDaily(shared) ? TierBasis.DAILY :
            onePeriodPerCounter(energy, false) ? TierBasis.BILLING_PERIOD : TierBasis.BILLING_PERIOD_ALL_PERIODS;
        return new TierTable(basis, upToWh, importRates, exportRates);
    }

    /**
     * The first period with the most tiers: a period with fewer is the one missing tiers, so it is the one named.
     */
    private static int referencePeriod(final List<List<UrdbEnergyTier>> periods)
    {
        int reference = 0;
        for (int p = 1; p < periods.size(); p++)
        {
            if (periods.get(p).size() > periods.get(reference).size())
            {
                reference = p;
            }
        }
        return reference;
    }

    private static void checkSameLimits(
        final int period,
        final List<UrdbEnergyTier> tiers,
        final int reference,
        final List<UrdbEnergyTier> shared,
        final UrdbProblemLog log)
    {
        for (int t = 0; t < tiers.size() - 1; t++)
        {
            final String path = FIELD + "[" + period + "][" + t + "]";
            final String referencePath = FIELD + "[" + reference + "][" + t + "]";
            final UrdbEnergyTier tier = tiers.get(t);
            final UrdbEnergyTier sharedTier = shared.get(t);
            if (tier.maxWh().getAsLong() != sharedTier.maxWh().getAsLong())
            {
                log.add(path + ".max", kwh(tier.maxWh().getAsLong()) + " where " + referencePath + ".max is " +
                    kwh(sharedTier.maxWh().getAsLong()) + ": TierTable needs the same tier limits in every period");
            }
            if (tier.daily() != sharedTier.daily())
            {
                log.add(path + ".unit", unit(tier) + " where " + referencePath + ".unit is " + unit(sharedTier) +
                    ": TierTable counts every period over the same basis, month or day");
            }
        }
    }

    private static void checkLastTierUnbounded(
        final int period, final List<UrdbEnergyTier> tiers, final UrdbProblemLog log)
    {
        final int last = tiers.size() - 1;
        final OptionalLong max = tiers.get(last).maxWh();
        if (max.isPresent())
        {
            log.add(FIELD + "[" + period + "][" + last + "].max", "the last tier is bounded at " +
                kwh(max.getAsLong()) + " and URDB does not say what is charged beyond it; TierTable's last tier is " +
                "unlimited");
        }
    }

    private static boolean onePeriodPerCounter(final UrdbTouEnergy energy, final boolean daily)
    {
        return mixedMonths(energy, daily).isEmpty();
    }

    private static void checkOnePeriodPerCounter(
        final UrdbTouEnergy energy, final boolean daily, final UrdbProblemLog log)
    {
        final List<Month> mixed = mixedMonths(energy, daily);
        if (!mixed.isEmpty())
        {
            log.add(FIELD, "tiered, with more than one period in a day of " + mixed + ": URDB's daily tier limits " +
                "count all of a day's energy across periods, and TierTable has no daily counter across periods");
        }
    }

    private static List<Month> mixedMonths(final UrdbTouEnergy energy, final boolean daily)
    {
        final List<Month> mixed = new ArrayList<>();
        for (final Month month : Month.values())
        {
            final int weekdayFirst = energy.weekday().periodAt(month, 0);
            final int weekendFirst = energy.weekend().periodAt(month, 0);
            final boolean oneWeekdayPeriod = isOnePeriod(energy.weekday(), month, weekdayFirst);
            final boolean oneWeekendPeriod = isOnePeriod(energy.weekend(), month, weekendFirst);
            final boolean onePerCounter = daily ?
                oneWeekdayPeriod && oneWeekendPeriod :
                oneWeekdayPeriod && oneWeekendPeriod && weekdayFirst == weekendFirst;
            if (!onePerCounter)
            {
                mixed.add(month);
            }
        }
        return mixed;
    }

    private static boolean isOnePeriod(final UrdbSchedule schedule, final Month month, final int period)
    {
        for (int hour = 1; hour < UrdbSchedule.HOURS; hour++)
        {
            if (schedule.periodAt(month, hour) != period)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The parser refuses a period that mixes "kWh" and "kWh daily" bounds, so the first tier says for all of them.
     */
    private static boolean isDaily(final List<UrdbEnergyTier> tiers)
    {
        return tiers.get(0).maxWh().isPresent() && tiers.get(0).daily();
    }

    private static String tierCount(final List<UrdbEnergyTier> tiers)
    {
        return tiers.size() == 1 ? "1 tier" : tiers.size() + " tiers";
    }

    private static String describeLimits(final List<UrdbEnergyTier> tiers)
    {
        final StringBuilder sb = new StringBuilder();
        for (final UrdbEnergyTier tier : tiers)
        {
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(tier.maxWh().isPresent() ? kwh(tier.maxWh().getAsLong()) : "unlimited");
        }
        return sb.toString();
    }

    private static String unit(final UrdbEnergyTier tier)
    {
        return tier.daily() ? "\"kWh daily\"" : "\"kWh\"";
    }

    private static String kwh(final long wattHours)
    {
        return (wattHours % 1000 == 0 ? Long.toString(wattHours / 1000) : MicroUnits.kwhString(wattHours)) + " kWh";
    }
}
