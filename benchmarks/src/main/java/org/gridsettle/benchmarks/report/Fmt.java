package org.gridsettle.benchmarks.report;

import java.util.Locale;

/**
 * Number formats of the report, fixed to {@link Locale#ROOT} so reports from different machines compare cleanly.
 * <p>
 * Stateless and thread-safe.
 */
public final class Fmt
{
    private Fmt()
    {
    }

    /**
     * @param perSecond a rate.
     * @return it with thousands separators and no decimals.
     */
    public static String rate(final double perSecond)
    {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /**
     * @param value a figure.
     * @return it with one decimal.
     */
    public static String oneDecimal(final double value)
    {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.1f", value);
    }

    /**
     * @param value a number whose target is a hundredth or less, such as bytes allocated per tick.
     * @return three decimals, or "n/a".
     */
    public static String threeDecimals(final double value)
    {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.3f", value);
    }

    /**
     * @param fraction 0..1 or more.
     * @return a percentage with one decimal, e.g. {@code 42.0%}.
     */
    public static String percent(final double fraction)
    {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100.0);
    }

    /**
     * @param factor a ratio.
     * @return it with two decimals and a multiplication sign.
     */
    public static String times(final double factor)
    {
        return String.format(Locale.ROOT, "%.2f×", factor);
    }
}
