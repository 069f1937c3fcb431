package org.gridsettle.pricing.importer.gridsettle;

import java.util.regex.Pattern;

/**
 * Parses the {@code "HH:MM"} window boundaries of a schedule into minutes after local midnight. {@code "24:00"} is
 * the end of the day and is accepted only as a window's {@code "to"}.
 * <p>
 * Stateless and thread-safe.
 */
final class TimeOfDay
{
    /** Minutes in a local day of the schedule: DST days are still priced by wall-clock slot. */
    static final int MINUTES_PER_DAY = 1440;

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private TimeOfDay()
    {
    }

    static int minutes(final String source, final LocatedNode node, final boolean endOfDayAllowed)
    {
        if (node.kind() == LocatedNode.Kind.STRING)
        {
            final String text = node.text();
            if (HH_MM.matcher(text).matches())
            {
                return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
            }
            if (endOfDayAllowed && "24:00".equals(text))
            {
                return MINUTES_PER_DAY;
            }
        }
        throw Fields.error(source, node, "expected a local time \"HH:MM\" from \"00:00\" to " +
            (endOfDayAllowed ? "\"24:00\"" : "\"23:59\"") + ", found " + node.describe());
    }

    static String format(final int minutes)
    {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }
}
