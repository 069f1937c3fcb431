package org.gridsettle.pricing.importer;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.gridsettle.pricing.importer.ImportException;

/**
 * Turns the text of an interval start or end into whole epoch seconds for the CSV and JSON importers.
 * <p>
 * Accepts an ISO-8601 date-time with an explicit offset, seconds optional (the UK API writes
 * {@code 2023-03-14T01:00Z}), and for CSV also whole epoch seconds. A local time without an offset is refused because
 * its instant depends on a zone nobody stated. Stateless and thread-safe.
 */
public final class InstantText
{
    public static final String ISO_EXPECTED = "an ISO-8601 instant with offset such as 2023-03-14T01:00Z";

    private InstantText()
    {
    }

    /**
     * @param text     an ISO-8601 instant with offset, or whole epoch seconds.
     * @param source   file name, for errors.
     * @param location place in the file, for errors.
     * @return epoch seconds.
     * @throws ImportException naming the place if the text is neither.
     */
    public static long parseIsoOrEpoch(final String text, final String source, final String location)
    {
        if (isInteger(text))
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new ImportException(source, location, "expected interval_start as epoch seconds within " +
                    "range of a long, found " + ImportException.quote(text), ex);
            }
        }
        return parseIso(text, source, location, "interval_start as " + ISO_EXPECTED + " or whole epoch seconds");
    }

    /**
     * @param text     an ISO-8601 instant with offset, on a whole second.
     * @param source   file name, for errors.
     * @param location place in the file, for errors.
     * @param expected what the caller expected, for errors.
     * @return epoch seconds.
     * @throws ImportException naming the place if the text is not such an instant.
     */
    public static long parseIso(final String text, final String source, final String location, final String expected)
    {
        final OffsetDateTime dateTime;
        try
        {
            dateTime = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        catch (final DateTimeException ex)
        {
            throw new ImportException(source, location, "expected " + expected + ", found " +
                ImportException.quote(text), ex);
        }
        if (dateTime.getNano() != 0)
        {
            throw new ImportException(source, location, "expected interval_start on a whole second, found " +
                ImportException.quote(text));
        }
        return dateTime.toEpochSecond();
    }

    private static boolean isInteger(final String text)
    {
        final int length = text.length();
        final int first = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (first == length)
        {
            return false;
        }
        for (int i = first; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }
}
