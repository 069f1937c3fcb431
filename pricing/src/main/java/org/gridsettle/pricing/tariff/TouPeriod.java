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
        if (!journalHolds(name))
        {
            throw new IllegalArgumentException(notAscii("period", name));
        }
        if (importMicrosPerKwh < 0 || exportMicrosPerKwh < 0)
        {
            throw new IllegalArgumentException("period '" + name + "' rates must not be negative");
        }
    }

    /**
     * What the tariff file readers ask of a name, so that a bill, a dump or an audit prints it on one line as the
     * file gave it; a host's tariff is held to {@link #journalHolds} only.
     *
     * @param name a period or demand period name.
     * @return true if every character is printable ASCII.
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

    /**
     * Whether the journal's TARIFF_VERSION record holds a name as given: ASCII without NUL, which ends a name there.
     * Looser than {@link #isPrintableAscii}, which the tariff file readers ask: a control character is held as given,
     * and builds before printable names were asked for journalled it, so a tariff version decoded from their journals
     * must still be accepted, as they accepted it (journal/FORMAT.md section 10).
     *
     * @param name a period or demand period name.
     * @return true if every character is 0x01 to 0x7F.
     */
    public static boolean journalHolds(final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c == 0 || c > 0x7F)
            {
                return false;
            }
        }
        return true;
    }

    /** Why a name with another character is refused: journalled, it would read back with '?' in its place. */
    static String notAscii(final String what, final String name)
    {
        return what + " name must be ASCII without NUL, as the journal holds it (an accent or a symbol would read " +
            "back as '?'): '" + name + "'";
    }
}
