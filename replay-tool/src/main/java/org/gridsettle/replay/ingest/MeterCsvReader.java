package org.gridsettle.replay.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.pricing.importer.CsvBlanks;

/**
 * Reads interval energy from a CSV file with the header
 * {@code meter_id,interval_start,interval_seconds,import_wh,export_wh} and an optional sixth column
 * {@code channel}, one reading per row, and hands each row to a {@link MeterDataSink}.
 * <p>
 * Rules:
 * <ul>
 *   <li>The file is UTF-8; a byte order mark is tolerated, and CRLF line ends too. A gzipped file is accepted
 *       (recognised by its magic bytes). Blank lines are skipped; they carry no reading.</li>
 *   <li>{@code interval_start} is epoch seconds or an ISO-8601 date-time with an offset, such as
 *       {@code 2026-03-08T10:00:00Z} or {@code 2026-03-08T11:00:00+01:00}, in whole seconds; a local time without
 *       offset is a bad record, being ambiguous around daylight-saving changes.</li>
 *   <li>Numbers are written in the digits 0-9: other Unicode digits, such as Arabic-Indic or fullwidth ones, make a
 *       bad record.</li>
 *   <li>{@code interval_seconds} is a positive int.</li>
 *   <li>{@code import_wh} and {@code export_wh} are whole Wh as a long, and may be negative: the engine journals
 *       and rejects those with a reason code, so they are delivered. Anything not a whole number is a bad
 *       record.</li>
 *   <li>{@code channel} is 0 to 255 and defaults to {@link MeterTickCodec#CHANNEL_MAIN}.</li>
 *   <li>Spaces and tabs around a field are ignored; any other control character, such as a NUL byte, is kept
 *       and makes the field a bad value.</li>
 *   <li>A {@code meter_id} that starts with {@code = + - @} is a bad record: spreadsheets run such cells as
 *       formulas when a report of meter ids is opened later. Control characters are refused too.</li>
 *   <li>A bad row (wrong field count, unparseable value, invalid UTF-8, over-long line) is reported with its line
 *       number and the rest of the file is still read.</li>
 * </ul>
 * A missing or wrong header, or an empty file, throws {@link MeterDataException}.
 * <p>
 * Immutable: one instance may read several files, from several threads at once.
 */
public final class MeterCsvReader
{
    private static final String[] COLUMNS =
        { "meter_id", "interval_start", "interval_seconds", "import_wh", "export_wh", "channel" };
    private static final String HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]";
    private static final String EXPECTED = "a meter CSV file with header " + HEADER;
    private static final int MAX_CHANNEL = 255;

    /**
     * Reads a CSV file, plain or gzipped.
     *
     * @param file the file.
     * @param sink receives readings and bad records, on this thread, in file order.
     * @return number of readings delivered.
     * @throws MeterDataException if the file is empty, unreadable, or its header is not the expected one.
     */
    public long read(final Path file, final MeterDataSink sink)
    {
        return read(file, sink, ReadProgress.NONE);
    }

    /**
     * As {@link #read(Path, MeterDataSink)}, counting the file's bytes as they are read.
     */
    long read(final Path file, final MeterDataSink sink, final ReadProgress progress)
    {
        final String source = String.valueOf(file.getFileName());
        try (InputStream in = MeterFileInput.open(file, source, EXPECTED, progress))
        {
            return read(in, source, sink);
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(source, "on close", "cannot read " + EXPECTED + ": " + IoErrorText.of(ex), ex);
        }
    }

    /**
     * Reads CSV from a stream, which the caller closes.
     *
     * @param in     the bytes.
     * @param source name used in bad records and messages.
     * @param sink   receives readings and bad records, on this thread, in file order.
     * @return number of readings delivered.
     * @throws MeterDataException if the stream is empty, unreadable, or its header is not the expected one.
     */
    public long read(final InputStream in, final String source, final MeterDataSink sink)
    {
        Objects.requireNonNull(sink, "sink");
        final CsvLineSource lines = new CsvLineSource(in);
        final List<String> fields = new ArrayList<>(COLUMNS.length);
        long readingCount = 0;
        boolean offsetStated = false;
        try
        {
            final int columnCount = readHeader(lines, source, fields);
            while (lines.next())
            {
                if (null != lines.problem())
                {
                    sink.onBadRecord(source, location(lines), lines.problem());
                    continue;
                }
                if (lines.text().isBlank())
                {
                    continue;
                }
                final String splitProblem = CsvFieldSplitter.split(lines.text(), fields);
                if (null != splitProblem)
                {
                    sink.onBadRecord(source, location(lines), splitProblem);
                    continue;
                }
                if (fields.size() != columnCount)
                {
                    sink.onBadRecord(source, location(lines), "expected " + columnCount + " fields as in the header, " +
                        "found " + fields.size());
                    continue;
                }
                try
                {
                    final long start = deliver(fields, columnCount, sink);
                    readingCount++;
                    if (!offsetStated)
                    {
                        // the first reading's offset is enough to tell a meter of another zone than the tariff's
                        offsetStated = true;
                        final OptionalInt offset =
                            IntervalStartParser.statedOffsetSeconds(CsvBlanks.trim(fields.get(1)));
                        if (offset.isPresent())
                        {
                            sink.onStatedOffset(source, start, offset.getAsInt());
                        }
                    }
                }
                catch (final BadFieldException ex)
                {
                    sink.onBadRecord(source, location(lines), ex.getMessage());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(
                source, lines.lineNumber() == 0 ? "before line 1" : "after line " + lines.lineNumber(),
                    "cannot read " + EXPECTED + ": " + IoErrorText.of(ex), ex);
        }
        return readingCount;
    }

    /**
     * @return where the current line is, for a bad record: built only for one, not for every line read.
     */
    private static String location(final CsvLineSource lines)
    {
        return "line " + lines.lineNumber();
    }

    private static int readHeader(final CsvLineSource lines, final String source, final List<String> fields)
        throws IOException
    {
        if (!lines.next())
        {
            throw new MeterDataException(source, "line 1", "empty file, expected " + EXPECTED);
        }
        if (null != lines.problem())
        {
            throw new MeterDataException(source, "line 1", lines.problem() + " in the header, expected " + EXPECTED);
        }
        final String header = lines.text();
        final String splitProblem = CsvFieldSplitter.split(header, fields);
        final String problem = null != splitProblem ? "header " + DisplayText.quote(header) + ", expected " + HEADER :
            CsvHeaderCheck.problem(header, fields, COLUMNS, COLUMNS.length - 1, HEADER, MeterCsvReader::unitNote);
        if (null == problem)
        {
            return fields.size();
        }
        throw new MeterDataException(source, "line 1", problem);
    }

    /**
     * @return why a column in kWh is not read as one: the values would be taken as Wh, a thousand times too small.
     */
    private static String unitNote(final int index, final String column)
    {
        return column.endsWith("kwh") ? ": energies are whole Wh, so a kWh column must be multiplied by 1000 (the " +
            "header must be " + HEADER + ")" : "";
    }

    /**
     * @return the reading's interval start.
     */
    private static long deliver(final List<String> fields, final int columnCount, final MeterDataSink sink)
        throws BadFieldException
    {
        final String meterId = meterId(CsvBlanks.trim(fields.get(0)));
        final String startText = CsvBlanks.trim(fields.get(1));
        final long start = IntervalStartParser.parse(startText);
        final long seconds = parseLong("interval_seconds", fields.get(2));
        if (seconds <= 0 || seconds > Integer.MAX_VALUE)
        {
            throw new BadFieldException(
                "interval_seconds " + seconds + ", expected a positive number of seconds that fits an int");
        }
        final long importWh = parseLong("import_wh", fields.get(3));
        final long exportWh = parseLong("export_wh", fields.get(4));
        int channel = MeterTickCodec.CHANNEL_MAIN;
        if (6 == columnCount)
        {
            final long value = parseLong("channel", fields.get(5));
            if (value < 0 || value > MAX_CHANNEL)
            {
                throw new BadFieldException("channel " + value + ", expected 0 to " + MAX_CHANNEL);
            }
            channel = (int)value;
        }
        final String refusal = sink.refusal(meterId, start);
        if (null != refusal)
        {
            throw new BadFieldException("interval_start " + DisplayText.quote(startText) + " " + refusal);
        }
        sink.onReading(meterId, channel, start, (int)seconds, importWh, exportWh);
        return start;
    }

    private static String meterId(final String meterId) throws BadFieldException
    {
        if (meterId.isEmpty())
        {
            throw new BadFieldException("meter_id is empty");
        }
        final char first = meterId.charAt(0);
        if ('=' == first || '+' == first || '-' == first || '@' == first)
        {
            throw new BadFieldException("meter_id " + DisplayText.quote(meterId) + " starts with '" + first +
                "', which spreadsheets run as a formula; expected an id starting with a letter or digit");
        }
        for (int i = 0; i < meterId.length(); i++)
        {
            if (Character.isISOControl(meterId.charAt(i)))
            {
                throw new BadFieldException("meter_id " + DisplayText.quote(meterId) + " holds a control character");
            }
        }
        return meterId;
    }

    private static long parseLong(final String column, final String field) throws BadFieldException
    {
        final String text = CsvBlanks.trim(field);
        try
        {
            return PlainNumbers.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new BadFieldException(column + " " + DisplayText.quote(text) + " is not a whole number" +
                (column.endsWith("_wh") ? " of Wh" : "") + PlainNumbers.otherDigitsNote(text));
        }
    }
}
