package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;

import java.util.List;
import java.util.Set;

/**
 * Typed, located access to the fields of one JSON object of a tariff file. Names outside the allowed set are refused
 * on construction, so a typo such as {@code "per_mnth"} fails at its own line instead of being silently ignored.
 * <p>
 * Confined to the reading thread.
 */
final class Fields
{
    private final String source;
    private final LocatedNode node;

    /**
     * @param source  file name for messages.
     * @param node    the value that must be an object.
     * @param allowed every field name the object may have, in the order the reference documents them.
     */
    Fields(final String source, final LocatedNode node, final List<String> allowed)
    {
        this.source = source;
        this.node = node;
        if (node.kind() != LocatedNode.Kind.OBJECT)
        {
            throw error(source, node, "expected an object with fields " + allowed + ", found " + node.describe());
        }
        final Set<String> known = Set.copyOf(allowed);
        for (final java.util.Map.Entry<String, LocatedNode> field : node.fields().entrySet())
        {
            final String name = field.getKey();
            if (!known.contains(name))
            {
                throw error(source, field.getValue(), "unknown field " + ImportException.quote(name) + "; expected one of " +
                    allowed);
            }
        }
    }

    static ImportException error(final String source, final LocatedNode at, final String expected)
    {
        return new ImportException(source, at.location(), expected);
    }

    ImportException error(final LocatedNode at, final String expected)
    {
        return error(source, at, expected);
    }

    String source()
    {
        return source;
    }

    LocatedNode node()
    {
        return node;
    }

    /**
     * @return the field's value, or null when absent.
     */
    LocatedNode optional(final String name)
    {
        return node.fields().get(name);
    }

    LocatedNode required(final String name, final String expected)
    {
        final LocatedNode value = node.fields().get(name);
        if (value == null)
        {
            throw error(node, "missing field " + ImportException.quote(name) + ": expected " + expected);
        }
        return value;
    }

    String string(final String name, final String expected)
    {
        return stringOf(required(name, expected), expected);
    }

    String stringOf(final LocatedNode value, final String expected)
    {
        if (value.kind() != LocatedNode.Kind.STRING || value.text().isEmpty())
        {
            throw error(value, "expected " + expected + ", found " + value.describe());
        }
        return value.text();
    }

    List<LocatedNode> array(final LocatedNode value, final String expected)
    {
        if (value.kind() != LocatedNode.Kind.ARRAY)
        {
            throw error(value, "expected an array of " + expected + ", found " + value.describe());
        }
        return value.elements();
    }

    long integerOf(final LocatedNode value, final long min, final long max, final String what)
    {
        if (value.kind() != LocatedNode.Kind.INTEGER)
        {
            throw error(value, "expected " + what + ", an integer " + min + ".." + max + ", found " + value.describe());
        }
        try
        {
            final long v = Long.parseLong(value.text());
            if (v >= min && v <= max)
            {
                return v;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // too long for a long: reported below like any other out-of-range value
        }
        throw error(value, "expected " + what + ", an integer " + min + ".." + max + ", found " + value.text());
    }

    long integer(final String name, final long min, final long max, final long absent, final String what)
    {
        final LocatedNode value = optional(name);
        return value == null ? absent : integerOf(value, min, max, what);
    }

    /**
     * @return the decimal string field in micro-units, or {@code absent} when the field is not there.
     */
    long micros(final String name, final long absent, final String what)
    {
        final LocatedNode value = optional(name);
        return value == null ? absent : ExactDecimal.micros(source, value, what);
    }
}
