package org.gridsettle.pricing.importer;

/**
 * Bad input found by an importer, located so that a person can fix the file without a debugger.
 * <p>
 * The message is always one line: {@code <file name>: <location>: <what was expected>}, where the location is a line
 * ({@code line 7}) or a JSON path ({@code data[3].intensity.actual (line 42, column 23)}). Control characters in any
 * part are replaced so a hostile file cannot forge extra log lines.
 * <p>
 * Immutable and safe to share between threads.
 */
public final class ImportException extends RuntimeException
{
    private static final int MAX_QUOTED_CHARS = 60;

    private final String source;
    private final String location;
    private final String expected;

    /**
     * @param source   file name (not the full path) or other short name of the input.
     * @param location line or JSON path of the offending value.
     * @param expected what was expected there, and ideally what was found.
     */
    public ImportException(final String source, final String location, final String expected)
    {
        this(source, location, expected, null);
    }

    /**
     * @param source   file name (not the full path) or other short name of the input.
     * @param location line or JSON path of the offending value.
     * @param expected what was expected there, and ideally what was found.
     * @param cause    lower-level failure, kept for debugging only.
     */
    public ImportException(final String source, final String location, final String expected, final Throwable cause)
    {
        super(oneLine(source) + ": " + oneLine(location) + ": " + oneLine(expected), cause);
        this.source = source;
        this.location = location;
        this.expected = expected;
    }

    /**
     * @return file name or short name of the input.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return line or JSON path of the offending value.
     */
    public String location()
    {
        return location;
    }

    /**
     * @return what was expected at the location.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * Quotes a piece of offending input for a message, shortened so a multi-megabyte token cannot bloat the log.
     *
     * @param text raw input text, may be null.
     * @return the text in double quotes, cut to 60 characters with "..." when longer, control characters escaped.
     */
    public static String quote(final String text)
    {
        return quote(text, MAX_QUOTED_CHARS);
    }

    /**
     * Quotes a piece of offending input for a one-line message. A control character is shown as its backslash-u
     * escape: a NUL printed raw reaches the terminal, and one turned into a space looks like a blank that CSV trims.
     *
     * @param text     raw input text, may be null.
     * @param maxChars characters shown before "...".
     * @return the text in double quotes, or "nothing" for null.
     */
    public static String quote(final String text, final int maxChars)
    {
        if (null == text)
        {
            return "nothing";
        }
        final int length = Math.min(text.length(), maxChars);
        final StringBuilder sb = new StringBuilder(length + 8).append('"');
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (Character.isISOControl(c))
            {
                sb.append(String.format("\\u%04X", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append(text.length() > maxChars ? "...\"" : "\"").toString();
    }

    private static String oneLine(final String text)
    {
        if (null == text)
        {
            return "?";
        }
        final StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
