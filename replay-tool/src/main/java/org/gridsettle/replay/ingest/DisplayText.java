package org.gridsettle.replay.ingest;

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
        final StringBuilder builder = new StringBuilder(MAX_CHARS + 8).append('"');
        final int length = Math.min(value.length(), MAX_CHARS);
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (Character.isISOControl(c))
            {
                builder.append(String.format("\\u%04X", (int)c));
            }
            else
            {
                builder.append(c);
            }
        }
        if (value.length() > MAX_CHARS)
        {
            builder.append("...");
        }
        return builder.append('"').toString();
    }
}
