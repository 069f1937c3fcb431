package org.gridsettle.replay.audit;

import java.io.PrintWriter;

/**
 * Writes a report in one format an account group at a time, so that no more than one group's days are ever held:
 * {@link #begin} writes what is said of every selected account (heading, charts, totals as the format places them),
 * {@link #accounts} each group's accounts in ascending order, {@link #end} the rest. The bytes do not depend on how
 * the accounts were grouped.
 * <p>
 * Not thread-safe; one report per instance, its calls in that order from one thread.
 */
public interface AuditWriter
{
    /**
     * @param format {@code html}, {@code csv} or {@code json}.
     * @param out    destination; flushed at the end, not closed.
     * @return the writer of that format.
     * @throws IllegalArgumentException for another format.
     */
    static AuditWriter of(final String format, final PrintWriter out)
    {
        return switch (format)
        {
            case "csv" -> new AuditCsvWriter(out);
            case "json" -> new AuditJsonWriter(out);
            case "html" -> new AuditHtmlWriter(out);
            default -> throw new IllegalArgumentException("--format " + format + ": expected html, csv or json");
        };
    }

    /**
     * @param report the report of the first group; only its fleet-wide parts are written.
     */
    void begin(AuditReport report);

    /**
     * @param group the report of one group, whose accounts follow the previous group's.
     */
    void accounts(AuditReport group);

    /**
     * @param report the report of any group; only its fleet-wide parts are written. Flushes the destination.
     */
    void end(AuditReport report);
}
