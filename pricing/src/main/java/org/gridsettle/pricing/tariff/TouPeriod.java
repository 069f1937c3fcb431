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
        if (!isPrintableAscii(name))
        {
            throw new IllegalArgumentException(notAscii("period", name));
        }
        if (importMicrosPerKwh < 0 || exportMicrosPerKwh < 0)
        {
            throw new IllegalArgumentException("period '" + name + "' rates must not be negative");
        }
    }

    /**
     * @param name a period or demand period name.
     * @return true if every character is printable ASCII, as the journal's TARIFF_VERSION record holds names.
     */
    public static boolean isPrintableAscii(final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }
        return true;
    }

    /** Why a name with another character is refused: journalled, it would read back with '?' in its place. */
    static String notAscii(final String what, final String name)
    {
        return what + " name must be printable ASCII, as the journal holds it (an accent or a symbol would read " +
            "back as '?'): '" + name + "'";
    }
}
