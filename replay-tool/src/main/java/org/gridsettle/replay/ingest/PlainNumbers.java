package org.gridsettle.replay.ingest;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Parses the numbers of meter-data and enrolment files: ASCII digits only, with an optional sign (and, for a decimal,
 * one decimal point). {@link Long#parseLong}, {@link Integer#parseInt} and {@link BigDecimal#BigDecimal(String)} take
 * any Unicode digit, so a field of Arabic-Indic ({@code ١٢٣}) or fullwidth ({@code １２３}) digits was read as 123,
 * where a spreadsheet or a database import sees text: a meter reading or an account number is read the same way
 * by every tool, or is refused. {@code BigDecimal} would also take an exponent ({@code 1e3}).
 * <p>
 * Stateless; safe from any thread.
 */
final class PlainNumbers
{
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");

    private PlainNumbers()
    {
    }

    /**
     * @param text a field, trimmed.
     * @return true when it is an optional {@code +} or {@code -} and one or more of the digits 0 to 9.
     */
    static boolean isWholeNumber(final String text)
    {
        final int from = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (text.length() == from)
        {
            return false;
        }
        for (int i = from; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param text a field, trimmed.
     * @return its value.
     * @throws NumberFormatException if it is not {@linkplain #isWholeNumber a whole number} or does not fit a long.
     */
    static long parseLong(final String text)
    {
        if (!isWholeNumber(text))
        {
            throw new NumberFormatException("not a whole number in the digits 0-9: " + text);
        }
        return Long.parseLong(text);
    }

    /**
     * @param text a field, trimmed.
     * @return its value.
     * @throws NumberFormatException if it is not {@linkplain #isWholeNumber a whole number} or does not fit an int.
     */
    static int parseInt(final String text)
    {
        if (!isWholeNumber(text))
        {
            throw new NumberFormatException("not a whole number in the digits 0-9: " + text);
        }
        return Integer.parseInt(text);
    }

    /**
     * @param text a field, trimmed.
     * @return its value.
     * @throws NumberFormatException if it is not an optional sign and digits 0 to 9 with at most one decimal point,
     *                               such as {@code 7.6}: no exponent, no other digits.
     */
    static BigDecimal parseDecimal(final String text)
    {
        if (!PLAIN_DECIMAL.matcher(text).matches())
        {
            throw new NumberFormatException("not a plain decimal in the digits 0-9: " + text);
        }
        return new BigDecimal(text);
    }

    /**
     * @param text a field refused as a number.
     * @return a clause to add to the refusal when the text holds digits other than 0 to 9, which the reader would
     *         otherwise be left to wonder about ("١٢٣ is a number"); else the empty string.
     */
    static String otherDigitsNote(final String text)
    {
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1))
        {
            final int c = text.codePointAt(i);
            if (Character.isDigit(c) && (c < '0' || c > '9'))
            {
                return " (only the digits 0-9 are read)";
            }
        }
        return "";
    }
}
