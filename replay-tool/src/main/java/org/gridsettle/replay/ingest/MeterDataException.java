package org.gridsettle.replay.ingest;

/**
 * A meter-data file cannot be read at all: it is empty, not the expected format, truncated, or refused for safety.
 * Nothing from the file should be trusted once this is thrown. The message is one line, ready for a terminal:
 * {@code source: location: problem}.
 * <p>
 * Immutable, so safe to pass between threads.
 */
public final class MeterDataException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;
    private final String problem;

    /**
     * @param source   file name.
     * @param location where in the file, e.g. {@code line 3, column 14}.
     * @param problem  what was found and what was expected.
     */
    public MeterDataException(final String source, final String location, final String problem)
    {
        this(source, location, problem, null);
    }

    /**
     * @param source   file name.
     * @param location where in the file, e.g. {@code line 3, column 14}.
     * @param problem  what was found and what was expected.
     * @param cause    the parser or I/O failure underneath, kept for debugging.
     */
    public MeterDataException(final String source, final String location, final String problem, final Throwable cause)
    {
        super(oneLine(source + ": " + location + ": " + problem), cause);
        this.source = source;
        this.location = location;
        this.problem = problem;
    }

    /**
     * @return file name.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return where in the file.
     */
    public String location()
    {
        return location;
    }

    /**
     * @return what was found and what was expected.
     */
    public String problem()
    {
        return problem;
    }

    // Parser messages carry line breaks; a CLI prints this message as one line and logs grep it by file name.
    private static String oneLine(final String text)
    {
        final StringBuilder builder = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            builder.append(Character.isISOControl(c) ? ' ' : c);
        }
        return builder.toString();
    }
}
