package org.gridsettle.pricing.importer.urdb;

import java.util.List;
import java.util.Objects;

/**
 * The time-of-use demand charges of a URDB rate: periods of tiers ({@code demandratestructure}) and the weekday and
 * weekend schedules choosing a period by month and hour.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param periods tiers of each period, in URDB order; every period has at least one tier.
 * @param weekday {@code demandweekdayschedule}.
 * @param weekend {@code demandweekendschedule}.
 */
public record UrdbTouDemand(List<List<UrdbDemandTier>> periods, UrdbSchedule weekday, UrdbSchedule weekend)
{
    /**
     * Validates and freezes the charges.
     */
    public UrdbTouDemand
    {
        periods = periods.stream().map(List::copyOf).toList();
        Objects.requireNonNull(weekday, "weekday");
        Objects.requireNonNull(weekend, "weekend");
        UrdbSchedule.requireWithin("demand", periods.size(), weekday, weekend);
    }

    /**
     * @param period a period index.
     * @param tier   a tier index within the period.
     * @return the tier.
     */
    public UrdbDemandTier tier(final int period, final int tier)
    {
        return periods.get(period).get(tier);
    }
}
