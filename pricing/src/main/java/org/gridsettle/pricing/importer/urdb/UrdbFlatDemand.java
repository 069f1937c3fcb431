package org.gridsettle.pricing.importer.urdb;

import java.time.Month;
import java.util.List;

/**
 * The flat (all hours) demand charges of a URDB rate: periods of tiers ({@code flatdemandstructure}) and the period
 * in force in each month ({@code flatdemandmonths}).
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param periods      tiers of each period, in URDB order; every period has at least one tier.
 * @param monthPeriods 12 period indexes, January first.
 */
public record UrdbFlatDemand(List<List<UrdbDemandTier>> periods, List<Integer> monthPeriods)
{
    /**
     * Validates and freezes the charges.
     */
    public UrdbFlatDemand
    {
        periods = periods.stream().map(List::copyOf).toList();
        monthPeriods = List.copyOf(monthPeriods);
        if (monthPeriods.size() != 12)
        {
            throw new IllegalArgumentException("flat demand needs 12 months, got " + monthPeriods.size());
        }
        for (final int period : monthPeriods)
        {
            if (period < 0 || period >= periods.size())
            {
                throw new IllegalArgumentException("flat demand month names unknown period " + period);
            }
        }
    }

    /**
     * @param month the month.
     * @return index of the flat demand period in force that month.
     */
    public int periodFor(final Month month)
    {
        return monthPeriods.get(month.getValue() - 1);
    }
}
