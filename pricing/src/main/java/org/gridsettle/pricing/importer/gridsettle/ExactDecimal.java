package org.gridsettle.pricing.importer.gridsettle;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Turns the decimal strings of a tariff file into gridsettle's integers exactly: currency to micro-units (at most 6
 * decimals) and kWh to Wh (at most 3). A value that would need rounding is refused, never rounded: the one rounding
 * rule of gridsettle lives in {@link org.gridsettle.pricing.money.MicroUnits} and a tariff must not add another.
 * <p>
 * Stateless and thread-safe.
 */
final class ExactDecimal
{
    /** Plain unsigned decimals only: no sign, exponent, spaces or thousands separators to misread. */
    private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private ExactDecimal()
    {
    }

    /**
     * @param source file name for messages.
     * @param value  a string such as {@code "0.3620"}.
     * @param what   what the value is, for messages, for example "import rate in currency per kWh".
     * @return the value times 1,000,000.
     */
    static long micros(final String source, final LocatedNode value, final String what)
    {
        return scaled(source, value, 6, what);
    }

    /**
     * @return the kWh value times 1,000, in Wh.
     */
    static long wattHours(final String source, final LocatedNode value, final String what)
    {
        return scaled(source, value, 3, what);
    }

    private static long scaled(final String source, final LocatedNode value, final int places, final String what)
    {
        final String example = places == 6 ? "\"0.3620\"" : "\"1000\" or \"12.5\"";
        if (value.kind() != LocatedNode.Kind.STRING)
        {
            // a JSON number would be exact here too, but strings keep every consumer (and spreadsheet) from
            // turning it into a binary double on the way
            throw Fields.error(source, value, "expected " + what + " as a decimal string such as " + example +
                ", found " + value.describe());
        }
        if (!PLAIN.matcher(value.text()).matches())
        {
            throw Fields.error(source, value, "expected " + what + " as a plain non-negative decimal such as " +
                example + ", found " + value.describe());
        }
        final BigDecimal scaled = new BigDecimal(value.text()).movePointRight(places);
        if (scaled.stripTrailingZeros().scale() > 0)
        {
            throw Fields.error(source, value, "expected " + what + " with at most " + places + " decimals (exact " +
                (places == 6 ? "to a micro-unit" : "to a Wh") + ", never rounded), found " + value.text());
        }
        try
        {
            return scaled.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw Fields.error(source, value, "expected " + what + " small enough for a 64-bit count of " +
                (places == 6 ? "micro-units" : "Wh") + ", found " + value.text());
        }
    }
}
