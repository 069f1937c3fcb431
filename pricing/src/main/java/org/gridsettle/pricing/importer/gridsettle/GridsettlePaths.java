package org.gridsettle.pricing.importer.gridsettle;

import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Spells JSON paths the way refusals show them, for example {@code schedule.seasons[0].weekday.windows[1].from}.
 * <p>
 * Stateless and thread-safe.
 */
final class GridsettlePaths
{
    private GridsettlePaths()
    {
    }

    static String field(final String parent, final String name)
    {
        return "(root)".equals(parent) ? name : parent + "." + name;
    }

    /**
     * @param context where a streaming parser stopped.
     * @return the path it had reached, for syntax errors.
     */
    static String of(final JsonStreamContext context)
    {
        final Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent())
        {
            if (c.inArray())
            {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
            else if (c.getCurrentName() != null)
            {
                parts.push((c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return parts.isEmpty() ? "(root)" : String.join("", parts);
    }
}
