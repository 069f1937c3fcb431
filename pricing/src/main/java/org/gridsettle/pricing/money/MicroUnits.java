package org.gridsettle.pricing.money;

/**
 * Fixed-point arithmetic for every value that is posted or journalled.
 * <p>
 * Energy is whole watt-hours, rates are micro-units of a token per kWh, amounts are micro-units of a token.
 * The one rounding rule of the system lives here: {@link #amountFor(long, long)} multiplies exactly and then
 * divides by 1,000 (Wh to kWh) rounding half-even to the micro-unit. Nothing else in gridsettle rounds money.
 * Overflow throws {@link ArithmeticException}; it never wraps.
 * <p>
 * Stateless and thread-safe.
 */
public final class MicroUnits
{
    /** Micro-units in one whole token. */
    public static final long MICROS_PER_UNIT = 1_000_000L;
    /** Watt-hours in one kilowatt-hour. */
    public static final long WH_PER_KWH = 1_000L;

    private MicroUnits()
    {
    }

    /**
     * Amount for an energy at a rate: {@code wattHours * microsPerKwh / 1000}, rounded half-even once.
     *
     * @param wattHours    energy in Wh, may be negative.
     * @param microsPerKwh rate in micro-units per kWh, may be negative.
     * @return amount in micro-units.
     * @throws ArithmeticException if the exact product does not fit in a long.
     */
    public static long amountFor(final long wattHours, final long microsPerKwh)
    {
        return divideHalfEven(Math.multiplyExact(wattHours, microsPerKwh), WH_PER_KWH);
    }

    /**
     * Carbon amount for an energy at a grid intensity and a carbon price:
     * {@code wattHours * mgPerKwh * microsPerKg / 10^9} (Wh x mg/kWh = mg x 1000; mg / 10^6 = kg), rounded half-even
     * once, like every other amount.
     *
     * @param wattHours   energy in Wh.
     * @param mgPerKwh    carbon intensity, mg CO2 per kWh.
     * @param microsPerKg price, micro-units per kg CO2.
     * @return amount in micro-units.
     * @throws ArithmeticException if the exact product does not fit in a long.
     */
    public static long carbonAmountFor(final long wattHours, final long mgPerKwh, final long microsPerKg)
    {
        return divideHalfEven(Math.multiplyExact(Math.multiplyExact(wattHours, mgPerKwh), microsPerKg),
            1_000_000_000L);
    }

    /**
     * Amount for an energy at an oracle (wholesale) price given per MWh:
     * {@code wattHours * microsPerMwh / 10^6} (Wh x micro-units/MWh = micro-units x 10^6), rounded half-even once,
     * like every other amount.
     *
     * @param wattHours    energy in Wh.
     * @param microsPerMwh price in micro-units per MWh, may be negative.
     * @return amount in micro-units, negative for a negative price.
     * @throws ArithmeticException if the exact product does not fit in a long.
     */
    public static long oracleAmountFor(final long wattHours, final long microsPerMwh)
    {
        return divideHalfEven(Math.multiplyExact(wattHours, microsPerMwh), 1_000_000L);
    }

    /**
     * The amount of a share of a tier part: {@code shareWh / wholeWh} of {@code partWh} at {@code microsPerKwh},
     * that is {@code shareWh * partWh * microsPerKwh / (wholeWh * 1000)}, rounded half-even once. For tiers counted
     * over several TOU periods, whose parts are shared among the periods in proportion to their energy.
     *
     * @param shareWh      the period's energy.
     * @param partWh       the energy of the whole in the tier.
     * @param wholeWh      the whole energy, positive.
     * @param microsPerKwh the period's rate in the tier.
     * @return amount in micro-units.
     */
    public static long proRataAmountFor(
        final long shareWh, final long partWh, final long wholeWh, final long microsPerKwh)
    {
        try
        {
            return divideHalfEven(Math.multiplyExact(Math.multiplyExact(shareWh, partWh), microsPerKwh),
                Math.multiplyExact(wholeWh, 1000L));
        }
        catch (final ArithmeticException tooLargeForALong)
        {
            // a very large customer's month: the same quotient in exact decimal arithmetic, at period close only
            return java.math.BigDecimal.valueOf(shareWh).multiply(java.math.BigDecimal.valueOf(partWh))
                .multiply(java.math.BigDecimal.valueOf(microsPerKwh))
                .divide(java.math.BigDecimal.valueOf(wholeWh).multiply(java.math.BigDecimal.valueOf(1000L)), 0,
                    java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
        }
    }

    /**
     * A fraction of an amount: {@code micros * numerator / denominator}, rounded half-even once. For handing back
     * a share of an hour's charges or credits, where the share is at most the whole, so the result fits in a long
     * whenever {@code |numerator| <= denominator} even if the product does not.
     *
     * @param micros      amount in micro-units.
     * @param numerator   share, for example the energy netted.
     * @param denominator whole, strictly positive.
     * @return the amount's share in micro-units.
     * @throws ArithmeticException if the result does not fit in a long.
     */
    public static long scaleHalfEven(final long micros, final long numerator, final long denominator)
    {
        final long high = Math.multiplyHigh(micros, numerator);
        final long low = micros * numerator;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return divideHalfEven(low, denominator);
        }
        // products beyond 2^63 only for shares of amounts near the ledger's limits: exact decimal arithmetic, rare
        return java.math.BigDecimal.valueOf(micros).multiply(java.math.BigDecimal.valueOf(numerator))
            .divide(java.math.BigDecimal.valueOf(denominator), 0, java.math.RoundingMode.HALF_EVEN)
            .longValueExact();
    }

    /**
     * Divides rounding half-even (banker's rounding), the single rounding mode of gridsettle.
     *
     * @param dividend any long.
     * @param divisor  strictly positive.
     * @return the quotient rounded half to even.
     */
    public static long divideHalfEven(final long dividend, final long divisor)
    {
        if (divisor <= 0)
        {
            throw new ArithmeticException("divisor must be positive: " + divisor);
        }
        final long quotient = Math.floorDiv(dividend, divisor);
        final long remainder = dividend - quotient * divisor; // 0 <= remainder < divisor
        final long toNext = divisor - remainder; // 0 < toNext <= divisor; no overflow, unlike remainder * 2
        if (remainder > toNext || (remainder == toNext && (quotient & 1L) != 0))
        {
            return quotient + 1;
        }
        return quotient;
    }

    /**
     * Renders micro-units as a decimal string with six places, for reports and dumps only.
     *
     * @param micros amount in micro-units.
     * @return for example {@code "-12.345600"}.
     */
    public static String toDecimalString(final long micros)
    {
        final StringBuilder sb = new StringBuilder(24);
        if (micros < 0)
        {
            sb.append('-');
        }
        final long abs = Math.abs(micros);
        if (abs < 0)
        {
            return "-9223372036854.775808";
        }
        sb.append(abs / MICROS_PER_UNIT).append('.');
        final String frac = Long.toString(abs % MICROS_PER_UNIT);
        for (int i = frac.length(); i < 6; i++)
        {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    /**
     * Renders watt-hours as kWh with three decimals, for reports and dumps only.
     *
     * @param wattHours energy in Wh.
     * @return for example {@code "1.250"}.
     */
    public static String kwhString(final long wattHours)
    {
        // Divide before taking the absolute value: Math.abs(Long.MIN_VALUE) is negative.
        final String frac = Long.toString(Math.abs(wattHours % 1000));
        return (wattHours < 0 ? "-" : "") + Math.abs(wattHours / 1000) + "." + "000".substring(frac.length()) + frac;
    }
}
