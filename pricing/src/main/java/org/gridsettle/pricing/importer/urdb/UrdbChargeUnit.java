package org.gridsettle.pricing.importer.urdb;

import java.util.Optional;

/**
 * The period a URDB fixed or minimum charge is levied per, as URDB spells it in {@code fixedchargeunits} and
 * {@code minchargeunits}. Thread-safe.
 */
public enum UrdbChargeUnit
{
    /** "$/day": levied for every day of the billing period. */
    PER_DAY("$/day"),
    /** "$/month": levied once per billing month. */
    PER_MONTH("$/month"),
    /** "$/year": levied once per year. */
    PER_YEAR("$/year");

    private static final UrdbChargeUnit[] VALUES = values();

    private final String urdbText;

    UrdbChargeUnit(final String urdbText)
    {
        this.urdbText = urdbText;
    }

    /**
     * @return the unit as URDB writes it.
     */
    public String urdbText()
    {
        return urdbText;
    }

    /**
     * @param text a URDB unit, matched exactly.
     * @return the unit, or empty when URDB text is not one this importer knows.
     */
    public static Optional<UrdbChargeUnit> fromUrdb(final String text)
    {
        for (final UrdbChargeUnit unit : VALUES)
        {
            if (unit.urdbText.equals(text))
            {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
