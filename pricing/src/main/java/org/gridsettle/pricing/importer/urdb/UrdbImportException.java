package org.gridsettle.pricing.importer.urdb;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a URDB document cannot be read, or a rate in it cannot be priced faithfully. Never a partial result:
 * the exception lists every problem found, each with its field and the tariff's label, in a single-line message that
 * starts with the source file name.
 * <p>
 * Immutable once thrown; safe to hand between threads.
 */
public final class UrdbImportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    /** Problems spelled out in the message; {@link #problems()} always has them all. */
    static final int MAX_PROBLEMS_IN_MESSAGE = 100;

    private final String source;
    private final transient List<UrdbProblem> problems;
    private final int line;
    private final int column;

    /**
     * A rate that was read but cannot be priced faithfully.
     *
     * @param source   file name or other source of the document.
     * @param problems at least one problem.
     */
    UrdbImportException(final String source, final List<UrdbProblem> problems)
    {
        super(singleLine(refusalMessage(source, problems)));
        this.source = source;
        this.problems = List.copyOf(problems);
        this.line = -1;
        this.column = -1;
    }

    /**
     * A document that is not well-formed JSON or breaks a reading limit.
     *
     * @param source  file name or other source of the document.
     * @param problem the one problem, its field being the JSON path reached.
     * @param line    1-based line of the error, or -1 when unknown.
     * @param column  1-based column of the error, or -1 when unknown.
     */
    UrdbImportException(final String source, final UrdbProblem problem, final int line, final int column)
    {
        super(singleLine(source + (line < 0 ? "" : ":" + line + ":" + column) + ": unreadable URDB JSON at " +
            problem.field() + ": " + problem.reason()));
        this.source = source;
        this.problems = List.of(problem);
        this.line = line;
        this.column = column;
    }

    /**
     * @return file name or other source of the document.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return every problem found, in document order.
     */
    public List<UrdbProblem> problems()
    {
        return problems;
    }

    /**
     * @return the field of each problem, in document order: what a caller fixes or asks a maintainer about.
     */
    public List<String> fields()
    {
        return problems.stream().map(UrdbProblem::field).toList();
    }

    /**
     * @return 1-based line of a syntax error, or -1 when the document was read.
     */
    public int line()
    {
        return line;
    }

    /**
     * @return 1-based column of a syntax error, or -1 when the document was read.
     */
    public int column()
    {
        return column;
    }

    private static String refusalMessage(final String source, final List<UrdbProblem> problems)
    {
        if (problems.isEmpty())
        {
            throw new IllegalArgumentException("a refusal needs at least one problem");
        }
        final StringBuilder sb = new StringBuilder(128).append(Objects.requireNonNull(source, "source"))
            .append(": URDB tariff refused");
        String label = null;
        final int listed = Math.min(problems.size(), MAX_PROBLEMS_IN_MESSAGE);
        for (int i = 0; i < listed; i++)
        {
            final UrdbProblem problem = problems.get(i);
            if (!problem.label().equals(label))
            {
                label = problem.label();
                sb.append(i == 0 ? ": " : "; ").append("label ").append(label.isEmpty() ? "(none)" : label)
                    .append(": ");
            }
            else
            {
                sb.append("; ");
            }
            sb.append(problem.field()).append(" (").append(problem.reason()).append(')');
        }
        if (problems.size() > listed)
        {
            sb.append("; and ").append(problems.size() - listed).append(" more");
        }
        return sb.toString();
    }

    /**
     * Log lines and terminals must not be split or spoofed by text taken from the document.
     */
    static String singleLine(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }
}
