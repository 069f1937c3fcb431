package org.gridsettle.replay.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;

/**
 * Parses an interval start given either as epoch seconds or as an ISO-8601 date-time with a UTC offset, such as
 * {@code 2026-03-08T10:00:00Z} or {@code 2026-03-08T11:00:00+01:00}. A local time without an offset is refused:
 * around a daylight-saving change it names two instants or none.
 * <p>
 * Stateless; safe from any thread.
 */
final class IntervalStartParser
{
    private IntervalStartParser()
    {
    }

    /**
     * @param text the field, trimmed.
     * @return epoch seconds.
     * @throws BadFieldException if the text is neither form, or has a fraction of a second.
     */
    static long parse(final String text) throws BadFieldException
    {
        if (isInteger(text))
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new BadFieldException("interval_start " + DisplayText.quote(text) + " is out of range");
            }
        }

        final Instant instant;
        try
        {
            instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        }
        catch (final DateTimeException ex)
        {
            throw new BadFieldException("interval_start " + DisplayText.quote(text) + (isLocalDateTime(text) ?
                " has no UTC offset, expected e.g. 2026-03-08T10:00:00Z or 2026-03-08T11:00:00+01:00" :
                " is neither an ISO-8601 date-time with offset (2026-03-08T10:00:00Z) nor epoch seconds"));
        }
        if (0 != instant.getNano())
        {
            throw new BadFieldException(
                "interval_start " + DisplayText.quote(text) + " has a fraction of a second, expected whole seconds");
        }
        return instant.getEpochSecond();
    }

    /**
     * @param text a field {@link #parse} accepted, trimmed.
     * @return the UTC offset it is written with, in seconds east of UTC, when it is a date-time with an offset other
     *     than zero; empty for epoch seconds and for {@code Z} or {@code +00:00}, which may as well be UTC as a local
     *     time and so say nothing of the meter's zone.
     */
    static OptionalInt statedOffsetSeconds(final String text)
    {
        if (isInteger(text))
        {
            return OptionalInt.empty();
        }
        final int offset = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).getOffset()
            .getTotalSeconds();
        return offset == 0 ? OptionalInt.empty() : OptionalInt.of(offset);
    }

    private static boolean isInteger(final String text)
    {
        // epoch seconds take no plus sign: "+1741428000" is neither form
        return !text.startsWith("+") && PlainNumbers.isWholeNumber(text);
    }

    private static boolean isLocalDateTime(final String text)
    {
        try
        {
            LocalDateTime.parse(text);
            return true;
        }
        catch (final DateTimeException ex)
        {
            return false;
        }
    }
}
