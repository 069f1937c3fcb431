package org.gridsettle.pricing.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rounding rule of gridsettle. Expected values are worked by hand in the comments; the properties use
 * {@link BigDecimal} with {@link RoundingMode#HALF_EVEN} as the independent oracle.
 */
class MicroUnitsTest
{
    @ParameterizedTest(name = "{0} Wh at {1} micros/kWh = {2} micros")
    @CsvSource({
        // 1 Wh * 250,000 = 250,000; / 1000 = 250 exactly
        "1, 250000, 250",
        // 3 Wh * 166,667 = 500,001; / 1000 = 500.001 -> 500 (below half)
        "3, 166667, 500",
        // 999 Wh * 1,001 = 999,999; / 1000 = 999.999 -> 1000 (above half)
        "999, 1001, 1000",
        // 7 Wh * 1,000,001 = 7,000,007; / 1000 = 7000.007 -> 7000
        "7, 1000001, 7000",
        // 1 Wh * 500 = 500; / 1000 = 0.5 -> 0 (tie, 0 is even)
        "1, 500, 0",
        // 1 Wh * 1,500 = 1,500; / 1000 = 1.5 -> 2 (tie, 2 is even)
        "1, 1500, 2",
        // 1 Wh * 2,500 = 2,500; / 1000 = 2.5 -> 2 (tie, 2 is even)
        "1, 2500, 2",
        // 700 Wh * 412,345 = 288,641,500; / 1000 = 288,641.5 -> 288,642 (tie, 288,641 is odd)
        "700, 412345, 288642",
        // 250 Wh * 50,002 = 12,500,500; / 1000 = 12,500.5 -> 12,500 (tie, 12,500 is even)
        "250, 50002, 12500",
        // -1 Wh * 500 = -500; / 1000 = -0.5 -> 0 (tie, 0 is even)
        "-1, 500, 0",
        // -1 Wh * 1,500 = -1,500; / 1000 = -1.5 -> -2 (tie, -2 is even)
        "-1, 1500, -2",
        // -3 Wh * 166,667 = -500,001; / 1000 = -500.001 -> -500 (nearest, not floor)
        "-3, 166667, -500",
        // 3 Wh * -166,667 = -500,001 -> -500: a negative rate behaves like a negative energy
        "3, -166667, -500",
        // 0 Wh at any rate is nothing
        "0, 987654321, 0",
        // Long.MAX_VALUE Wh * 1 = 9,223,372,036,854,775,807; / 1000 = 9,223,372,036,854,775.807 -> ...776
        "9223372036854775807, 1, 9223372036854776",
    })
    void amountForHandWorkedCases(final long wattHours, final long microsPerKwh, final long expected)
    {
        assertThat(MicroUnits.amountFor(wattHours, microsPerKwh)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({
        // exact halves, the cases half-even exists for
        "5, 10, 0",     //  0.5 -> 0
        "15, 10, 2",    //  1.5 -> 2
        "25, 10, 2",    //  2.5 -> 2
        "35, 10, 4",    //  3.5 -> 4
        "-5, 10, 0",    // -0.5 -> 0
        "-15, 10, -2",  // -1.5 -> -2
        "-25, 10, -2",  // -2.5 -> -2
        "-35, 10, -4",  // -3.5 -> -4
        // not halves: ordinary nearest
        "14, 10, 1",    //  1.4 -> 1
        "16, 10, 2",    //  1.6 -> 2
        "-14, 10, -1",  // -1.4 -> -1
        "-16, 10, -2",  // -1.6 -> -2
        "7, 1, 7",      // divisor 1 never rounds
        "-7, 1, -7",
        "1, 3, 0",      //  0.333 -> 0
        "2, 3, 1",      //  0.667 -> 1
        "-2, 3, -1",    // -0.667 -> -1
    })
    void divideHalfEvenHandWorkedCases(final long dividend, final long divisor, final long expected)
    {
        assertThat(MicroUnits.divideHalfEven(dividend, divisor)).isEqualTo(expected);
    }

    @Test
    void divideHalfEvenWithDivisorsAbove2To62DoesNotOverflowTheTieCheck()
    {
        // d = Long.MAX_VALUE - 1 = 2 * 4,611,686,018,427,387,903, so d / 2 = 4,611,686,018,427,387,903 = 2^62 - 1.
        final long d = Long.MAX_VALUE - 1;
        final long half = d / 2;
        // (d/2) / d = 0.5 exactly -> 0 (even)
        assertThat(MicroUnits.divideHalfEven(half, d)).isEqualTo(0L);
        // (d/2 + 1) / d is just above a half -> 1; a remainder of 2^62 doubled would wrap negative
        assertThat(MicroUnits.divideHalfEven(half + 1, d)).isEqualTo(1L);
        // (MAX - 1) / MAX = 0.99999... -> 1
        assertThat(MicroUnits.divideHalfEven(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(1L);
        // MAX / MAX = 1, MIN / MAX = -1.0000000000000000001 -> -1
        assertThat(MicroUnits.divideHalfEven(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1L);
        assertThat(MicroUnits.divideHalfEven(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(-1L);
        // MIN / 2 is exact: -4,611,686,018,427,387,904
        assertThat(MicroUnits.divideHalfEven(Long.MIN_VALUE, 2)).isEqualTo(-4_611_686_018_427_387_904L);
    }

    @Test
    void divideHalfEvenRefusesNonPositiveDivisors()
    {
        assertThatThrownBy(() -> MicroUnits.divideHalfEven(10, 0))
            .isInstanceOf(ArithmeticException.class).hasMessageContaining("divisor must be positive: 0");
        assertThatThrownBy(() -> MicroUnits.divideHalfEven(10, -10))
            .isInstanceOf(ArithmeticException.class).hasMessageContaining("-10");
    }

    @Test
    void amountForThrowsOnOverflowInsteadOfWrapping()
    {
        // MAX * 2 does not fit
        assertThatThrownBy(() -> MicroUnits.amountFor(Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
        // 2^32 * 2^31 = 2^63, one more than MAX
        assertThatThrownBy(() -> MicroUnits.amountFor(1L << 32, 1L << 31)).isInstanceOf(ArithmeticException.class);
        // -(MIN) = 2^63 does not fit
        assertThatThrownBy(() -> MicroUnits.amountFor(Long.MIN_VALUE, -1)).isInstanceOf(ArithmeticException.class);
        // 3,037,000,500^2 = 9,223,372,037,000,250,000 > MAX: a plausible-looking pair that overflows
        assertThatThrownBy(() -> MicroUnits.amountFor(3_037_000_500L, 3_037_000_500L))
            .isInstanceOf(ArithmeticException.class);
        // 2^32 * (2^31 - 1) = 2^63 - 2^32 fits: no throw; / 1000 = 9,223,372,032,559,808.512 -> ...809
        assertThat(MicroUnits.amountFor(1L << 32, (1L << 31) - 1)).isEqualTo(9_223_372_032_559_809L);
    }

    @Property(tries = 3000)
    void divideHalfEvenMatchesBigDecimalForAnyLongs(
        @ForAll final long dividend, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long divisor)
    {
        assertThat(MicroUnits.divideHalfEven(dividend, divisor)).isEqualTo(halfEven(dividend, divisor));
    }

    @Property(tries = 3000)
    void scaleHalfEvenMatchesBigDecimalForAnyShareOfAnyAmount(
        @ForAll final long micros,
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long denominator,
        @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) final long numeratorSeed)
    {
        // any share from none to the whole: products far beyond a long, results never
        final long numerator = denominator == Long.MAX_VALUE ? numeratorSeed : numeratorSeed % (denominator + 1);
        final BigInteger product = BigInteger.valueOf(micros).multiply(BigInteger.valueOf(numerator));
        final long expected = new BigDecimal(product)
            .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_EVEN).longValueExact();
        assertThat(MicroUnits.scaleHalfEven(micros, numerator, denominator)).isEqualTo(expected);
    }

    @Test
    void scaleHalfEvenHandsBackAShareOfAnAmountWhoseProductOverflows()
    {
        // hand calculation: 9e15 * 2e8 / 3e8 = 6e15, though 9e15 * 2e8 = 1.8e24 is beyond 2^63 (9.2e18)
        assertThat(MicroUnits.scaleHalfEven(9_000_000_000_000_000L, 200_000_000L, 300_000_000L))
            .isEqualTo(6_000_000_000_000_000L);
        // 5 * 1 / 2 = 2.5 -> 2 and 7 * 1 / 2 = 3.5 -> 4: half-even, like every other rounding
        assertThat(MicroUnits.scaleHalfEven(5, 1, 2)).isEqualTo(2);
        assertThat(MicroUnits.scaleHalfEven(7, 1, 2)).isEqualTo(4);
        assertThat(MicroUnits.scaleHalfEven(-7, 1, 2)).isEqualTo(-4);
    }

    @Property(tries = 3000)
    void divideHalfEvenMatchesBigDecimalForSmallDivisors(
        @ForAll final long dividend, @ForAll @LongRange(min = 1, max = 10_000) final long divisor)
    {
        assertThat(MicroUnits.divideHalfEven(dividend, divisor)).isEqualTo(halfEven(dividend, divisor));
    }

    @Property(tries = 2000)
    void divideHalfEvenMatchesBigDecimalOnExactTies(
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) final long quotient,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long halfDivisor)
    {
        // dividend = quotient * divisor + divisor / 2: always exactly halfway between two integers
        final long divisor = 2 * halfDivisor;
        final long dividend = quotient * divisor + halfDivisor;
        final long expected = halfEven(dividend, divisor);
        assertThat(MicroUnits.divideHalfEven(dividend, divisor)).isEqualTo(expected);
        assertThat(expected & 1L).as("a tie always lands on an even quotient").isZero();
    }

    @Property(tries = 3000)
    void amountForMatchesBigDecimalOrThrowsExactlyWhenTheProductOverflows(
        @ForAll("energies") final long wattHours, @ForAll("rates") final long microsPerKwh)
    {
        final BigInteger product = BigInteger.valueOf(wattHours).multiply(BigInteger.valueOf(microsPerKwh));
        if (product.bitLength() > 63)
        {
            assertThatThrownBy(() -> MicroUnits.amountFor(wattHours, microsPerKwh))
                .isInstanceOf(ArithmeticException.class);
        }
        else
        {
            final long expected = new BigDecimal(product).divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
            assertThat(MicroUnits.amountFor(wattHours, microsPerKwh)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} Wh at {1} micros/MWh = {2} micros")
    @CsvSource({
        // 1,234 Wh x 45,678,910 = 56,367,774,940; / 10^6 = 56,367.77494 -> 56,368
        "1234, 45678910, 56368",
        // 2,001 Wh x -12,500,000 = -25,012,500,000; / 10^6 = -25,012.5 -> -25,012 (tie, even)
        "2001, -12500000, -25012",
        // 1 Wh x 500,000 = 500,000; / 10^6 = 0.5 -> 0 (tie, 0 is even)
        "1, 500000, 0",
        // 3 Wh x 500,000 = 1,500,000; / 10^6 = 1.5 -> 2 (tie, 2 is even)
        "3, 500000, 2",
        // 3,333 Wh x 20 $/MWh = 3,333 x 20,000,000 / 10^6 = 66,660 exactly
        "3333, 20000000, 66660"
    })
    void oracleAmountForHandWorkedCases(final long wattHours, final long microsPerMwh, final long expected)
    {
        assertThat(MicroUnits.oracleAmountFor(wattHours, microsPerMwh)).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void oracleAmountForMatchesBigDecimalOrThrowsExactlyWhenTheProductOverflows(
        @ForAll("energies") final long wattHours, @ForAll("rates") final long microsPerMwh)
    {
        final BigInteger product = BigInteger.valueOf(wattHours).multiply(BigInteger.valueOf(microsPerMwh));
        if (product.bitLength() > 63)
        {
            assertThatThrownBy(() -> MicroUnits.oracleAmountFor(wattHours, microsPerMwh))
                .isInstanceOf(ArithmeticException.class);
            return;
        }
        final long expected = new BigDecimal(product).divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
        assertThat(MicroUnits.oracleAmountFor(wattHours, microsPerMwh)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Long> energies()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-10_000_000L, 10_000_000L), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Long> rates()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-5_000_000L, 5_000_000L), Arbitraries.longs());
    }

    @ParameterizedTest(name = "{0} micros -> {1}")
    @CsvSource({
        "0, 0.000000",
        "1, 0.000001",
        "-1, -0.000001",
        "999999, 0.999999",
        "1000000, 1.000000",
        "12345600, 12.345600",
        "-12345600, -12.345600",
        "-1000001, -1.000001",
        "9223372036854775807, 9223372036854.775807",
        "-9223372036854775808, -9223372036854.775808",
    })
    void toDecimalStringExamples(final long micros, final String expected)
    {
        assertThat(MicroUnits.toDecimalString(micros)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Wh -> {1} kWh")
    @CsvSource({
        "0, 0.000",
        "1, 0.001",
        "-1, -0.001",
        "1250, 1.250",
        "1005, 1.005",
        "-1250, -1.250",
        "999, 0.999",
        "1000, 1.000",
        "9223372036854775807, 9223372036854775.807",
        "-9223372036854775808, -9223372036854775.808",
    })
    void kwhStringExamples(final long wattHours, final String expected)
    {
        assertThat(MicroUnits.kwhString(wattHours)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void toDecimalStringMatchesBigDecimalPlainString(@ForAll final long micros)
    {
        // BigDecimal.valueOf(unscaled, 6) keeps all six places, trailing zeros included
        assertThat(MicroUnits.toDecimalString(micros)).isEqualTo(BigDecimal.valueOf(micros, 6).toPlainString());
    }

    @Property(tries = 2000)
    void kwhStringMatchesBigDecimalPlainString(@ForAll final long wattHours)
    {
        assertThat(MicroUnits.kwhString(wattHours)).isEqualTo(BigDecimal.valueOf(wattHours, 3).toPlainString());
    }

    @Property(tries = 200)
    void smallWholeKwhAreExact(@ForAll @IntRange(min = -1_000_000, max = 1_000_000) final int kwh)
    {
        // a whole number of kWh at 1 token/kWh costs exactly that many tokens: no rounding may happen
        assertThat(MicroUnits.amountFor(kwh * 1000L, MicroUnits.MICROS_PER_UNIT)).isEqualTo(kwh * 1_000_000L);
    }

    private static long halfEven(final long dividend, final long divisor)
    {
        return BigDecimal.valueOf(dividend)
            .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    }
}
