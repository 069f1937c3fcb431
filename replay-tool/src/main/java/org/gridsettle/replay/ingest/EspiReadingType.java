package org.gridsettle.replay.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.gridsettle.journal.codec.MeterTickCodec;

/**
 * What an ESPI ReadingType says about the IntervalReading values linked to it: the unit (only Wh is accepted), the
 * power-of-ten multiplier, and the flow direction. Converts a raw value to whole watt-hours with exact arithmetic.
 * <p>
 * Immutable; safe from any thread.
 */
final class EspiReadingType
{
    /** ESPI UnitSymbolKind for watt-hours. */
    static final int UOM_WATT_HOURS = 72;
    /** ESPI FlowDirectionKind "forward": energy delivered to the customer. */
    static final int FLOW_FORWARD = 1;
    /** ESPI FlowDirectionKind "reverse": energy received from the customer. */
    static final int FLOW_REVERSE = 19;
    /** Channel for reverse-flow readings, so they never share a tick identity with forward readings. */
    static final int CHANNEL_REVERSE = 1;

    /** Used when a feed carries no ReadingType at all. */
    static final EspiReadingType DEFAULT =
        new EspiReadingType("(default: Wh, multiplier 0, forward)", 0, FLOW_FORWARD, null);

    // ESPI's UnitMultiplierKind spans -12..12; beyond +-18 no non-zero long survives the scaling anyway.
    private static final int MAX_MULTIPLIER = 18;

    private final String href;
    private final int powerOfTenMultiplier;
    private final int flowDirection;
    private final String problem;

    private EspiReadingType(
        final String href, final int powerOfTenMultiplier, final int flowDirection, final String problem)
    {
        this.href = href;
        this.powerOfTenMultiplier = powerOfTenMultiplier;
        this.flowDirection = flowDirection;
        this.problem = problem;
    }

    /**
     * Validates the fields read from a ReadingType element. A missing multiplier means 0 and a missing flow
     * direction means forward, as ESPI makes both optional; a missing unit is a problem because the values could
     * be anything.
     *
     * @param href           the ReadingType's self link, for messages.
     * @param uomText        text of {@code uom}, or null if absent.
     * @param multiplierText text of {@code powerOfTenMultiplier}, or null if absent.
     * @param flowText       text of {@code flowDirection}, or null if absent.
     * @return the reading type; check {@link #problem()} before use.
     */
    static EspiReadingType parse(
        final String href, final String uomText, final String multiplierText, final String flowText)
    {
        final String prefix = "ReadingType " + href + " ";
        if (null == uomText)
        {
            return invalid(href, prefix + "has no uom, expected uom 72 (Wh)");
        }
        final Integer uom = parseIntOrNull(uomText);
        if (null == uom || UOM_WATT_HOURS != uom)
        {
            return invalid(href, prefix + "has uom " + DisplayText.quote(uomText) + ", only 72 (Wh) is accepted");
        }

        final Integer multiplier = null == multiplierText ? Integer.valueOf(0) : parseIntOrNull(multiplierText);
        if (null == multiplier || multiplier < -MAX_MULTIPLIER || multiplier > MAX_MULTIPLIER)
        {
            return invalid(href, prefix + "has powerOfTenMultiplier " + DisplayText.quote(multiplierText) +
                ", expected a whole number from -" + MAX_MULTIPLIER + " to " + MAX_MULTIPLIER);
        }

        final Integer flow = null == flowText ? Integer.valueOf(FLOW_FORWARD) : parseIntOrNull(flowText);
        if (null == flow || (FLOW_FORWARD != flow && FLOW_REVERSE != flow))
        {
            return invalid(href, prefix + "has flowDirection " + DisplayText.quote(flowText) +
                ", expected 1 (forward, delivered) or 19 (reverse, received)");
        }

        return new EspiReadingType(href, multiplier, flow, null);
    }

    /**
     * @param href    the ReadingType's self link.
     * @param problem why its readings cannot be delivered, naming it.
     * @return a reading type whose readings are each reported as bad with that problem.
     */
    static EspiReadingType refused(final String href, final String problem)
    {
        return invalid(href, problem);
    }

    /**
     * @return why readings of this type cannot be delivered, or null if they can.
     */
    String problem()
    {
        return problem;
    }

    /**
     * @return the ReadingType's self link, or a description of the default.
     */
    String href()
    {
        return href;
    }

    /**
     * @return true for reverse flow (export), false for forward flow (import).
     */
    boolean isReverse()
    {
        return FLOW_REVERSE == flowDirection;
    }

    /**
     * @return register channel: {@link MeterTickCodec#CHANNEL_MAIN} for forward flow, {@link #CHANNEL_REVERSE} for
     * reverse flow.
     */
    int channel()
    {
        return isReverse() ? CHANNEL_REVERSE : MeterTickCodec.CHANNEL_MAIN;
    }

    /**
     * value × 10^powerOfTenMultiplier, exactly. A negative multiplier that leaves a fraction is rounded half-even
     * to whole Wh, the one rounding rule of the engine.
     *
     * @param value raw IntervalReading value.
     * @return whole watt-hours.
     * @throws ArithmeticException if the result does not fit a long.
     */
    long toWattHours(final long value)
    {
        if (0 == powerOfTenMultiplier)
        {
            return value;
        }
        return BigDecimal.valueOf(value)
            .scaleByPowerOfTen(powerOfTenMultiplier)
            .setScale(0, RoundingMode.HALF_EVEN)
            .longValueExact();
    }

    /**
     * @return the multiplier, for messages.
     */
    int powerOfTenMultiplier()
    {
        return powerOfTenMultiplier;
    }

    private static EspiReadingType invalid(final String href, final String problem)
    {
        return new EspiReadingType(href, 0, FLOW_FORWARD, problem);
    }

    private static Integer parseIntOrNull(final String text)
    {
        try
        {
            return Integer.valueOf(PlainNumbers.parseInt(text));
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
