package org.gridsettle.pricing.importer.gridsettle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON value of a tariff file with the JSON path and line:column it was read at, so every refusal can point at
 * the exact place to fix. Jackson's own tree model drops locations, hence this small tree.
 * <p>
 * Immutable once the parser has built it; confined to the reading thread.
 */
final class LocatedNode
{
    /** JSON value kinds the format distinguishes. */
    enum Kind
    {
        OBJECT, ARRAY, STRING, INTEGER, DECIMAL, BOOLEAN, NULL
    }

    private final Kind kind;
    private final String path;
    private final int line;
    private final int column;
    private final String text;
    private final Map<String, LocatedNode> fields;
    private final List<LocatedNode> elements;

    LocatedNode(
        final Kind kind,
        final String path,
        final int line,
        final int column,
        final String text,
        final Map<String, LocatedNode> fields,
        final List<LocatedNode> elements)
    {
        this.kind = kind;
        this.path = path;
        this.line = line;
        this.column = column;
        this.text = text;
        this.fields = fields == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.elements = elements == null ? List.of() : List.copyOf(elements);
    }

    Kind kind()
    {
        return kind;
    }

    String path()
    {
        return path;
    }

    /**
     * @return the path with line and column, as {@link org.gridsettle.pricing.importer.ImportException} wants it.
     */
    String location()
    {
        return path + " (line " + line + ", column " + column + ")";
    }

    /**
     * @return the raw text of a scalar: the string's content, or the number exactly as written.
     */
    String text()
    {
        return text;
    }

    Map<String, LocatedNode> fields()
    {
        return fields;
    }

    List<LocatedNode> elements()
    {
        return elements;
    }

    /**
     * @return a short description of what was found, for "expected X, found Y" messages.
     */
    String describe()
    {
        switch (kind)
        {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "the string " + org.gridsettle.pricing.importer.ImportException.quote(text);
            case NULL:
                return "null";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + text;
        }
    }
}
