package org.gridsettle.pricing.importer.urdb;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One tier of a URDB energy rate period, in integer units.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param microsPerKwh     import charge, URDB {@code rate + adj}, in micro-dollars per kWh; may be negative (a credit).
 * @param sellMicrosPerKwh export credit, URDB {@code sell}, in micro-dollars per kWh, when the tier has one.
 * @param maxWh            URDB {@code max}: the cumulative consumption, in Wh, up to which this tier applies; empty
 *                         for an unbounded tier.
 * @param daily            true when URDB gave the unit "kWh daily": {@code maxWh} then bounds each day's consumption
 *                         rather than the billing month's. Meaningful only with a {@code maxWh}.
 */
public record UrdbEnergyTier(long microsPerKwh, OptionalLong sellMicrosPerKwh, OptionalLong maxWh, boolean daily)
{
    /**
     * Validates the tier.
     */
    public UrdbEnergyTier
    {
        Objects.requireNonNull(sellMicrosPerKwh, "sellMicrosPerKwh");
        Objects.requireNonNull(maxWh, "maxWh");
    }
}
