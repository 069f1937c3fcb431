package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads typed values out of URDB JSON nodes for one rate, logging a problem for each value of the wrong type or
 * range and noting every rounding, so parsers never coerce silently.
 * <p>
 * Not thread-safe: one per rate being parsed.
 */
final class UrdbValueReader
{
    private static final int MAX_QUOTED_CHARS = 40;

    private final UrdbProblemLog log;
    private final List<String> roundings;

    /**
     * @param log       receives problems.
     * @param roundings receives one line per value rounded to a micro-unit.
     */
    UrdbValueReader(final UrdbProblemLog log, final List<String> roundings)
    {
        this.log = log;
        this.roundings = roundings;
    }

    UrdbProblemLog log()
    {
        return log;
    }

    /**
     * @return the exact decimal, or null after logging a problem when the node is not a number in read range.
     */
    BigDecimal decimal(final JsonNode node, final String field)
    {
        if (!node.isNumber())
        {
            log.add(field, "expected a number, got " + describe(node));
            return null;
        }
        if (node.isFloatingPointNumber() && !node.isBigDecimal())
        {
            // Unreachable while the reader uses USE_BIG_DECIMAL_FOR_FLOATS; refuse rather than let a double through.
            log.add(field, "read as binary floating point; refusing to price it");
            return null;
        }
        final BigDecimal value = node.decimalValue();
        if (!UrdbNumbers.isWithinReadRange(value))
        {
            log.add(field, UrdbNumbers.outsideReadRange(value.toString()));
            return null;
        }
        return value;
    }

    /**
     * @param value an amount in whole units (dollars) per {@code unit}.
     * @return micro-units, rounded half-even once with a note when the value has more than six decimals; empty after
     * logging a problem when it does not fit a long.
     */
    OptionalLong micros(final BigDecimal value, final String field, final String what, final String unit)
    {
        final long micros;
        try
        {
            micros = UrdbNumbers.toMicrosHalfEven(value);
        }
        catch (final ArithmeticException ex)
        {
            log.add(field, what + " " + value + " " + unit + " does not fit in micro-units");
            return OptionalLong.empty();
        }
        if (!UrdbNumbers.isWholeMicros(value))
        {
            roundings.add(log.pathPrefix() + field + ": " + what + " " + value + " " + unit +
                " rounded half-even to " + micros + " micro-" + unit);
        }
        return OptionalLong.of(micros);
    }

    /**
     * @param value a tier bound in kWh or kW.
     * @return the bound in Wh or W, exactly; empty after logging a problem when it is not a positive whole number of
     * them, because a bound moved by rounding would change which tier applies.
     */
    OptionalLong positiveMillis(final BigDecimal value, final String field, final String unit, final String milliUnit)
    {
        if (value.signum() <= 0)
        {
            log.add(field, "tier bound " + value + " " + unit + " must be positive");
            return OptionalLong.empty();
        }
        try
        {
            return OptionalLong.of(UrdbNumbers.toMillisExact(value));
        }
        catch (final ArithmeticException ex)
        {
            log.add(field, "tier bound " + value + " " + unit + " is not a whole number of " + milliUnit);
            return OptionalLong.empty();
        }
    }

    /**
     * @return the text, or empty after logging a problem when the node is not a string.
     */
    Optional<String> text(final JsonNode node, final String field)
    {
        if (!node.isTextual())
        {
            log.add(field, "expected a string, got " + describe(node));
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /**
     * @return the whole number, or empty after logging a problem when the node is not one that fits a long.
     */
    OptionalLong wholeNumber(final JsonNode node, final String field)
    {
        if (!node.isIntegralNumber() || !node.canConvertToLong())
        {
            log.add(field, "expected a whole number, got " + describe(node));
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.longValue());
    }

    /**
     * @return true when the node is absent or JSON null: URDB omits what a rate does not have.
     */
    static boolean isAbsent(final JsonNode node)
    {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /**
     * @return a short, single-line, quoted description of a node for an error message.
     */
    static String describe(final JsonNode node)
    {
        if (node.isTextual())
        {
            return "string " + quote(node.textValue());
        }
        if (node.isNumber())
        {
            // BigDecimal.toString stays short even for a huge exponent, where toPlainString would not.
            return "number " + (node.isBigDecimal() || node.isIntegralNumber() ?
                node.decimalValue().toString() : node.asText());
        }
        if (node.isBoolean())
        {
            return "boolean " + node.booleanValue();
        }
        if (node.isArray())
        {
            return "array of " + node.size();
        }
        if (node.isObject())
        {
            return "object";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Document text goes into one-line messages: escape what could break the line, and cap the length.
     */
    static String quote(final String text)
    {
        final StringBuilder sb = new StringBuilder(MAX_QUOTED_CHARS + 8).append('"');
        final int shown = Math.min(text.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < shown; i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029')
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        if (text.length() > shown)
        {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /**
     * Field names come from the document: a plain one is shown as is, any other quoted, so that a hostile name can
     * neither pass for another path nor break the line.
     */
    static String fieldName(final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return quote(name);
            }
        }
        return name.isEmpty() ? "\"\"" : name;
    }
}
