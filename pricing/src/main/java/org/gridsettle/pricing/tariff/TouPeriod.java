package org.gridsettle.pricing.tariff;

import java.util.Objects;

/**
 * One time-of-use period of a tariff: a name an auditor recognises and the import and export rates in force during it.
 * <p>
 * Rates are micro-units of the tariff's token per kWh. Immutable.
 *
 * @param name             for example "peak".
 * @param importMicrosPerKwh charge per kWh imported from the grid.
 * @param exportMicrosPerKwh credit per kWh exported to the grid.
 */
public record TouPeriod(String name, long importMicrosPerKwh, long exportMicrosPerKwh)
{
    /**
     * Validates the period.
     */
    public TouPeriod
    {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 32)
        {
            throw new IllegalArgumentException("period name must be 1..32 characters: '" + name + "'");
        }
        if (importMicrosPerKwh < 0 || exportMicrosPerKwh < 0)
        {
            throw new IllegalArgumentException("period '" + name + "' rates must not be negative");
        }
    }
}
