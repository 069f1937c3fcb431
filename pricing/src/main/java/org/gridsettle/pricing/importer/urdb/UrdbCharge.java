package org.gridsettle.pricing.importer.urdb;

import java.util.Objects;

/**
 * A fixed or minimum charge of a URDB rate, in micro-dollars per {@link UrdbChargeUnit}.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param field  the URDB field it came from, for example {@code fixedmonthlycharge}, so reports can cite it.
 * @param micros the charge in micro-dollars.
 * @param unit   the period it is levied per.
 */
public record UrdbCharge(String field, long micros, UrdbChargeUnit unit)
{
    /**
     * Validates the charge.
     */
    public UrdbCharge
    {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(unit, "unit");
    }
}
