package org.gridsettle.replay.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reports each bad row as one line, {@code file: location: problem}, and counts bad rows by kind of problem.
 * <p>
 * The kind is the problem text with quoted values and numbers elided, so that 500 rows with different unparseable
 * values count as one kind rather than 500.
 * <p>
 * Not thread-safe: used by the one thread that reads the files.
 */
public final class BadRowTally
{
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"(\\.\\.\\.)?");
    // only a number standing alone as a word: digits inside dates, URLs or "64-bit" are part of the kind
    private static final Pattern NUMBER = Pattern.compile("(?<!\\S)-?\\d+(?![^\\s,;)])");

    private final Consumer<String> reporter;
    private final Map<String, Long> byKind = new TreeMap<>();
    private long count;

    /**
     * @param reporter receives one line per bad row, in file order.
     */
    public BadRowTally(final Consumer<String> reporter)
    {
        this.reporter = reporter;
    }

    /**
     * @param source   file name.
     * @param location where in the file.
     * @param problem  what is wrong.
     */
    public void record(final String source, final String location, final String problem)
    {
        count++;
        byKind.merge(kindOf(problem), 1L, Long::sum);
        reporter.accept(source + ": " + location + ": " + problem);
    }

    /**
     * @param problem a problem text.
     * @return its kind: quoted values become {@code "..."} and numbers standing alone {@code N}.
     */
    static String kindOf(final String problem)
    {
        final String unquoted = QUOTED.matcher(problem).replaceAll("\"...\"");
        return NUMBER.matcher(unquoted).replaceAll("N");
    }

    /**
     * @return bad rows seen.
     */
    public long count()
    {
        return count;
    }

    /**
     * @return bad rows by kind of problem, sorted by kind.
     */
    public Map<String, Long> byKind()
    {
        return new TreeMap<>(byKind);
    }
}
