package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The demand-response program parameters an OpenADR payload does not carry: the token the incentive is minted in, the
 * incentive per kWh reduced, and the baseline method. One run settles the events of one program.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param token           program token symbol, e.g. {@code DR}.
 * @param incentiveMicros micro-units of the token per kWh reduced.
 * @param method          the baseline method.
 */
public record DrProgram(String token, long incentiveMicros, BaselineMethod method)
{
    /** Incentives are micro-units: six decimals at most. */
    private static final int MAX_DECIMALS = 6;
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    /**
     * Checks the fields.
     */
    public DrProgram
    {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(method, "method");
        TokenSymbol.pack(token);
        if (incentiveMicros < 0)
        {
            throw new IllegalArgumentException("a negative incentive: " + incentiveMicros);
        }
    }

    /**
     * Parses the command-line values, each refused with one line naming its option.
     *
     * @param token     {@code --dr-token}.
     * @param incentive {@code --dr-incentive}: a plain decimal, at most six decimals, parsed exactly.
     * @param baseline  {@code --dr-baseline}: {@code 10in10}, {@code 10in10-adjusted} or {@code declared}.
     * @return the program.
     * @throws IllegalArgumentException naming the option and what it accepts.
     */
    public static DrProgram parse(final String token, final String incentive, final String baseline)
    {
        try
        {
            TokenSymbol.pack(token);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--dr-token " + token + ": " + ex.getMessage(), ex);
        }
        return new DrProgram(token, incentiveMicros(incentive), method(baseline));
    }

    /**
     * @param value {@code --dr-incentive}.
     * @return micro-units per kWh, exactly.
     */
    static long incentiveMicros(final String value)
    {
        if (!PLAIN_DECIMAL.matcher(value).matches())
        {
            throw new IllegalArgumentException("--dr-incentive " + value + ": not a plain decimal >= 0 such as 0.50 " +
                "(token per kWh reduced)");
        }
        final int point = value.indexOf('.');
        final int decimals = point < 0 ? 0 : value.length() - point - 1;
        if (decimals > MAX_DECIMALS)
        {
            throw new IllegalArgumentException("--dr-incentive " + value + ": " + decimals + " decimals; amounts " +
                "are micro-units, so at most " + MAX_DECIMALS + " decimals are kept and none is rounded away");
        }
        try
        {
            return new BigDecimal(value).movePointRight(MAX_DECIMALS).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("--dr-incentive " + value + ": too large for micro-units in a long", ex);
        }
    }

    /**
     * @param value {@code --dr-baseline}.
     * @return the method.
     */
    static BaselineMethod method(final String value)
    {
        return switch (value.toLowerCase(Locale.ROOT))
        {
            case "10in10" -> BaselineMethod.TEN_IN_TEN;
            case "10in10-adjusted" -> BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT;
            case "declared" -> BaselineMethod.DECLARED;
            default -> throw new IllegalArgumentException("--dr-baseline " + value + ": expected 10in10, " +
                "10in10-adjusted or declared");
        };
    }

    /**
     * @return the method as {@code --dr-baseline} names it.
     */
    public String methodName()
    {
        return switch (method)
        {
            case TEN_IN_TEN -> "10in10";
            case TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT -> "10in10-adjusted";
            case DECLARED -> "declared";
        };
    }
}
