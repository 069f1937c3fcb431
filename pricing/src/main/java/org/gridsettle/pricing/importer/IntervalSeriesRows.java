package org.gridsettle.pricing.importer;

import java.util.Arrays;

import org.gridsettle.pricing.interval.IntervalIndex;

/**
 * The rows of one interval series (a carbon region, an oracle pricing node) as an importer reads them: start, length
 * and one value per interval, each checked as it arrives so that a length outside 1 second to a day, an end beyond
 * epoch seconds, or an unsorted, duplicate or overlapping interval is reported at its own line or JSON path rather
 * than as an index when the series is built. A refused row leaves the rows as they were, so an importer that skips bad rows keeps the
 * others. What the value means, and any column beside it, is the importer's.
 * <p>
 * Not thread-safe: one per series per import.
 */
public final class IntervalSeriesRows
{
    private static final int INITIAL_CAPACITY = 64;

    private final String source;
    private final String series;
    private long[] starts = new long[INITIAL_CAPACITY];
    private int[] seconds = new int[INITIAL_CAPACITY];
    private long[] values = new long[INITIAL_CAPACITY];
    private int size;
    private String previousLocation;

    /**
     * @param source input name for errors.
     * @param series the series for errors, such as {@code region GB} or {@code node HB_WEST}.
     */
    public IntervalSeriesRows(final String source, final String series)
    {
        this.source = source;
        this.series = series;
    }

    /**
     * Checks a row against the previous one and appends it.
     *
     * @param startEpochSecond start of the interval.
     * @param intervalSeconds  length of the interval.
     * @param value            the value, unchecked.
     * @param location         location of the row for errors, such as {@code line 7} or {@code data[3].from}.
     * @return index of the new row, from 0.
     * @throws ImportException naming the location if the interval is refused; the rows are then unchanged.
     */
    public int add(final long startEpochSecond, final int intervalSeconds, final long value, final String location)
    {
        if (intervalSeconds <= 0)
        {
            throw new ImportException(source, location, "expected an interval of at least 1 second, found " +
                intervalSeconds + " seconds");
        }
        if (intervalSeconds > IntervalIndex.MAX_INTERVAL_SECONDS)
        {
            throw new ImportException(source, location, "expected an interval of at most a day (" +
                IntervalIndex.MAX_INTERVAL_SECONDS + " seconds), found " + intervalSeconds + " seconds (milliseconds " +
                "taken for seconds?)");
        }
        IntervalOrderCheck.checkEndFits(source, location, startEpochSecond, intervalSeconds);
        if (size > 0)
        {
            IntervalOrderCheck.checkAfter(source, location, starts[size - 1], seconds[size - 1], startEpochSecond,
                series + " at " + previousLocation);
        }
        if (size == starts.length)
        {
            // importers refuse a row beyond their cap, at most MAX_INTERVALS, before adding it: growth stops there
            final int capacity = (int)Math.min((long)size * 2, IntervalIndex.MAX_INTERVALS);
            starts = Arrays.copyOf(starts, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        starts[size] = startEpochSecond;
        seconds[size] = intervalSeconds;
        values[size] = value;
        previousLocation = location;
        return size++;
    }

    /**
     * @return number of rows added.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return a new array of the starts, epoch seconds, one per row.
     */
    public long[] starts()
    {
        return Arrays.copyOf(starts, size);
    }

    /**
     * @return a new array of the lengths in seconds, one per row.
     */
    public int[] seconds()
    {
        return Arrays.copyOf(seconds, size);
    }

    /**
     * @return a new array of the values, one per row.
     */
    public long[] values()
    {
        return Arrays.copyOf(values, size);
    }
}
