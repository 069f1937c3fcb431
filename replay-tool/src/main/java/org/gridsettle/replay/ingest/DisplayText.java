package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.importer.ImportException;

/**
 * Quotes a value taken from an input file for use in a one-line problem message.
 * <p>
 * Stateless; safe from any thread.
 */
final class DisplayText
{
    private static final int MAX_CHARS = 40;

    private DisplayText()
    {
    }

    /**
     * @param value text from the file, possibly hostile: long, or holding control characters.
     * @return the value in double quotes, at most {@value #MAX_CHARS} characters, control characters escaped.
     */
    static String quote(final String value)
    {
        return ImportException.quote(value, MAX_CHARS);
    }
}
