package org.gridsettle.pricing.importer;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.gridsettle.pricing.interval.IntervalIndex;

/**
 * The CSV layout the carbon and oracle price importers share: after a header, rows
 * {@code name,interval_start,interval_seconds,value} of one or more named series, which may interleave, each series
 * in increasing time order without duplicates or overlaps. Blank lines are skipped. Every error is a located one-line
 * {@link ImportException}, worded the same for both importers but for the name column ({@code region},
 * {@code node}). The importer reads the header and parses the value column, since that is where the units and the
 * meaning differ, and turns each series' rows into its own series type.
 * <p>
 * Immutable and thread-safe; each read has its own {@link CsvLineReader} and rows.
 */
public final class IntervalSeriesCsv
{
    /**
     * Parses the value column of the row being read.
     */
    @FunctionalInterface
    public interface ValueColumn
    {
        /**
         * @param text     the trimmed field.
         * @param source   input name for errors.
         * @param location the row for errors, such as {@code line 7}.
         * @return the value.
         * @throws ImportException naming the location if the field is not a valid value.
         */
        long parse(String text, String source, String location);
    }

    private static final int MAX_NAME_CHARS = 64;

    private final String nameColumn;
    private final int maxRows;

    /**
     * @param nameColumn what the first column names, for errors: {@code region} or {@code node}.
     * @param maxRows    most data rows accepted, from 1 to {@link IntervalIndex#MAX_INTERVALS}.
     * @throws IllegalArgumentException if {@code maxRows} is out of range.
     */
    public IntervalSeriesCsv(final String nameColumn, final int maxRows)
    {
        if (maxRows < 1 || maxRows > IntervalIndex.MAX_INTERVALS)
        {
            throw new IllegalArgumentException("maxRows out of 1.." + IntervalIndex.MAX_INTERVALS + ": " + maxRows);
        }
        this.nameColumn = nameColumn;
        this.maxRows = maxRows;
    }

    /**
     * Reads the data rows after the header.
     *
     * @param lines    the reader, past the header.
     * @param source   input name for errors.
     * @param value    parses the value column.
     * @param badRow   receives each bad row's error, in file order, and the row is skipped; null to stop at the
     *                 first. A line too long to read, the row cap and a file without a good row stop the read either
     *                 way.
     * @param toSeries turns a name and its rows into a series.
     * @param <S>      the series type.
     * @return series by name, in name order (a {@link TreeMap}, so iteration is deterministic), unmodifiable.
     * @throws IOException     if the reader fails.
     * @throws ImportException if the content is invalid, naming the source and line.
     */
    public <S> NavigableMap<String, S> read(
        final CsvLineReader lines,
        final String source,
        final ValueColumn value,
        final Consumer<ImportException> badRow,
        final BiFunction<String, IntervalSeriesRows, S> toSeries) throws IOException
    {
        final TreeMap<String, IntervalSeriesRows> rowsByName = new TreeMap<>();
        int rows = 0;
        int skipped = 0;
        String line;
        while (null != (line = lines.next()))
        {
            if (line.isBlank())
            {
                continue;
            }
            final String location = lines.location();
            if (rows == maxRows)
            {
                throw new ImportException(source, location, "expected at most " + maxRows + " data rows");
            }
            try
            {
                row(lines, line, source, location, value, rowsByName);
            }
            catch (final ImportException ex)
            {
                if (null == badRow)
                {
                    throw ex;
                }
                badRow.accept(ex);
                skipped++;
                continue;
            }
            rows++;
        }
        if (rows == 0)
        {
            // "after the header" alone would send someone who sees rows in the file looking for a missing one
            throw new ImportException(source, "end of input", skipped == 0 ?
                "expected at least one data row after the header" : "expected at least one good data row, found " +
                skipped + (skipped == 1 ? " bad one" : " bad ones") + " (each reported): nothing to publish");
        }
        final TreeMap<String, S> result = new TreeMap<>();
        for (final Map.Entry<String, IntervalSeriesRows> entry : rowsByName.entrySet())
        {
            result.put(entry.getKey(), toSeries.apply(entry.getKey(), entry.getValue()));
        }
        return Collections.unmodifiableNavigableMap(result);
    }

    private void row(
        final CsvLineReader lines,
        final String line,
        final String source,
        final String location,
        final ValueColumn value,
        final TreeMap<String, IntervalSeriesRows> rowsByName)
    {
        final String[] fields = lines.split(line, 4);
        final String name = lines.parseName(fields[0], nameColumn, MAX_NAME_CHARS);
        final long start = InstantText.parseIsoOrEpoch(fields[1], source, location);
        final int seconds = lines.parseIntervalSeconds(fields[2]);
        final long parsed = value.parse(fields[3], source, location);
        rowsByName.computeIfAbsent(name, (key) -> new IntervalSeriesRows(source, nameColumn + " " + key))
            .add(start, seconds, parsed, location);
    }
}
