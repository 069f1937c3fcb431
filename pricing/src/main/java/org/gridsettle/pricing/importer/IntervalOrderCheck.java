package org.gridsettle.pricing.importer;

/**
 * Located checks that the series builders of the importers (carbon, oracle prices) apply as each interval arrives,
 * so that an interval whose end overflows, or that is unsorted, a duplicate or an overlap, is reported at its own line
 * or JSON path rather than as an index later.
 * <p>
 * Stateless and thread-safe.
 */
public final class IntervalOrderCheck
{
    private IntervalOrderCheck()
    {
    }

    /**
     * @param source           input name for errors.
     * @param location         location of the new interval for errors.
     * @param startEpochSecond start of the new interval.
     * @param intervalSeconds  length of the new interval.
     * @throws ImportException if the end of the interval does not fit in a long of epoch seconds.
     */
    public static void checkEndFits(
        final String source,
        final String location,
        final long startEpochSecond,
        final int intervalSeconds)
    {
        if (startEpochSecond > Long.MAX_VALUE - intervalSeconds)
        {
            throw new ImportException(source, location, "expected an interval whose end fits in epoch seconds");
        }
    }

    /**
     * @param source           input name for errors.
     * @param location         location of the new interval for errors.
     * @param previousStart    start of the previous interval of the same series.
     * @param previousSeconds  length of the previous interval of the same series.
     * @param startEpochSecond start of the new interval.
     * @param where            the previous interval for errors, such as {@code region GB at line 7}.
     * @throws ImportException if the new interval does not start at or after the end of the previous one.
     */
    public static void checkAfter(
        final String source,
        final String location,
        final long previousStart,
        final int previousSeconds,
        final long startEpochSecond,
        final String where)
    {
        final long previousEnd = previousStart + previousSeconds;
        if (startEpochSecond == previousStart)
        {
            throw new ImportException(source, location, "expected a new interval, found a duplicate of " + where);
        }
        if (startEpochSecond < previousStart)
        {
            throw new ImportException(source, location, "expected intervals in increasing time order, found a start " +
                "before the interval of " + where);
        }
        if (startEpochSecond < previousEnd)
        {
            throw new ImportException(source, location, "expected a start at or after " + previousEnd +
                " (end of the interval of " + where + "), found an overlap starting at " + startEpochSecond);
        }
    }
}
