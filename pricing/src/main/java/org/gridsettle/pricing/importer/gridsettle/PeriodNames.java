package org.gridsettle.pricing.importer.gridsettle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the period names a tariff file uses in its schedule, tiers and demand blocks to period indexes.
 * <p>
 * Immutable after construction; confined to the reading thread.
 */
final class PeriodNames
{
    private final String source;
    private final String definedIn;
    private final Map<String, Integer> indexes = new LinkedHashMap<>();

    PeriodNames(final String source, final List<String> names)
    {
        this(source, names, "\"periods\"");
    }

    /**
     * @param definedIn where the names are defined, for messages: {@code "periods"} or {@code "demand.periods"}.
     */
    PeriodNames(final String source, final List<String> names, final String definedIn)
    {
        this.source = source;
        this.definedIn = definedIn;
        for (int i = 0; i < names.size(); i++)
        {
            indexes.put(names.get(i), i);
        }
    }

    int count()
    {
        return indexes.size();
    }

    List<String> names()
    {
        return List.copyOf(indexes.keySet());
    }

    /**
     * @param node a string naming a period.
     * @return its index.
     */
    int indexOf(final LocatedNode node)
    {
        final Integer index = node.kind() == LocatedNode.Kind.STRING ? indexes.get(node.text()) : null;
        if (index == null)
        {
            throw Fields.error(source, node, "expected the name of a period defined in " + definedIn + ", one of " +
                indexes.keySet() + ", found " + node.describe());
        }
        return index;
    }
}
