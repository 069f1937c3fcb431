package org.gridsettle.pricing.importer.urdb;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One tier of a URDB demand rate period (time-of-use or flat), in integer units.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param microsPerKw charge, URDB {@code rate + adj}, in micro-dollars per kW of peak demand; may be negative.
 * @param maxW        URDB {@code max}: the demand, in W, up to which this tier applies; empty for an unbounded tier.
 */
public record UrdbDemandTier(long microsPerKw, OptionalLong maxW)
{
    /**
     * Validates the tier.
     */
    public UrdbDemandTier
    {
        Objects.requireNonNull(maxW, "maxW");
    }
}
