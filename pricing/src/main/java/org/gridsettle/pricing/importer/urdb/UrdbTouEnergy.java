package org.gridsettle.pricing.importer.urdb;

import java.util.List;
import java.util.Objects;

/**
 * The energy charges of a URDB rate: periods of tiers ({@code energyratestructure}) and the weekday and weekend
 * schedules choosing a period by month and hour.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param periods tiers of each period, in URDB order; every period has at least one tier.
 * @param weekday {@code energyweekdayschedule}.
 * @param weekend {@code energyweekendschedule}.
 */
public record UrdbTouEnergy(List<List<UrdbEnergyTier>> periods, UrdbSchedule weekday, UrdbSchedule weekend)
{
    /**
     * Validates and freezes the charges.
     */
    public UrdbTouEnergy
    {
        periods = periods.stream().map(List::copyOf).toList();
        Objects.requireNonNull(weekday, "weekday");
        Objects.requireNonNull(weekend, "weekend");
        UrdbSchedule.requireWithin("energy", periods.size(), weekday, weekend);
    }

    /**
     * @param period a period index.
     * @param tier   a tier index within the period.
     * @return the tier.
     */
    public UrdbEnergyTier tier(final int period, final int tier)
    {
        return periods.get(period).get(tier);
    }

    /**
     * @return true when some period has more than one tier, or a bounded one.
     */
    public boolean isTiered()
    {
        for (final List<UrdbEnergyTier> tiers : periods)
        {
            if (tiers.size() > 1 || tiers.get(0).maxWh().isPresent())
            {
                return true;
            }
        }
        return false;
    }
}
