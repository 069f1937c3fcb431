package org.gridsettle.pricing.importer.urdb;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact conversions from URDB decimals to gridsettle's integer units. The only place the importer rounds.
 * <p>
 * Callers pass values already bounded by {@link #isWithinReadRange(BigDecimal)}, so no conversion here can build a
 * huge intermediate number. Stateless and thread-safe.
 */
final class UrdbNumbers
{
    /** Decimal places of a micro-unit. */
    static final int MICRO_PLACES = 6;
    /** Decimal places of a milli-unit: Wh per kWh, W per kW. */
    static final int MILLI_PLACES = 3;
    /** More decimals than any tariff uses; beyond it a number is refused rather than carried. */
    static final int MAX_SCALE = 64;
    /** Integer digits that still fit a long once scaled to micro-units. */
    static final int MAX_INTEGER_DIGITS = 12;

    private UrdbNumbers()
    {
    }

    /**
     * An exponent such as {@code 1e-999999999} is a few characters of JSON but a gigabyte once aligned for addition.
     *
     * @param value a decimal from the document.
     * @return true when it has at most {@link #MAX_SCALE} decimals and {@link #MAX_INTEGER_DIGITS} integer digits.
     */
    static boolean isWithinReadRange(final BigDecimal value)
    {
        // in long: 1e2147483647 has precision 1 and scale -2147483647, whose difference overflows an int to a
        // negative number of integer digits, so it passed for small and failed later as a bare "Underflow"
        return value.signum() == 0 ||
            (value.scale() <= MAX_SCALE && (long)value.precision() - value.scale() <= MAX_INTEGER_DIGITS);
    }

    /**
     * @param number the number as the document or the parser gives it.
     * @return why it is refused, in the same words wherever it is found.
     */
    static String outsideReadRange(final String number)
    {
        return "number " + number + " is outside the supported range (at most " + MAX_INTEGER_DIGITS +
            " integer digits and " + MAX_SCALE + " decimals)";
    }

    /**
     * @param value a decimal within read range.
     * @return the value in micro-units, rounded half-even once.
     */
    static long toMicrosHalfEven(final BigDecimal value)
    {
        return value.scaleByPowerOfTen(MICRO_PLACES).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * @param value a decimal within read range.
     * @return true when it has no more than six significant decimals, so converts to micro-units exactly.
     */
    static boolean isWholeMicros(final BigDecimal value)
    {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= MICRO_PLACES;
    }

    /**
     * @param value a decimal within read range.
     * @return the value times 1000, exactly.
     * @throws ArithmeticException when the result is not a whole number.
     */
    static long toMillisExact(final BigDecimal value)
    {
        return value.scaleByPowerOfTen(MILLI_PLACES).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }
}
