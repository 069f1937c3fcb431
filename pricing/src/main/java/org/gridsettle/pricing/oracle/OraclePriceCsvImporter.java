package org.gridsettle.pricing.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.gridsettle.pricing.importer.CsvLineReader;
import org.gridsettle.pricing.importer.GzipAwareInput;
import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.importer.IntervalSeriesCsv;
import org.gridsettle.pricing.importer.IntervalSeriesRows;

/**
 * Imports oracle (wholesale market) prices from a plain CSV file holding one or more pricing nodes, into one series
 * per node.
 * <p>
 * The header decides the unit, and must be exactly one of:
 * <pre>
 * node,interval_start,interval_seconds,price_per_mwh    currency units per MWh, for example -12.5 or 45.67
 * node,interval_start,interval_seconds,price_per_kwh    currency units per kWh, for example 0.04567
 * </pre>
 * Prices are decimals parsed with {@link BigDecimal} and converted to micro-units per MWh: per MWh times 10^6,
 * per kWh times 10^9 (1,000 kWh per MWh). The result is exact for up to 6 decimals per MWh or 9 per kWh; finer prices
 * are rounded half-even to the micro-unit per MWh, once, here at import, and the rounded value is what gets
 * journalled, so replay never rounds a price again. Negative prices are valid. {@code interval_start} is an ISO-8601
 * instant with offset or whole epoch seconds. Rows of different nodes may interleave, but each node's rows must be in
 * increasing time order without duplicates or overlaps. Blank lines are skipped; NaN, exponents and quotes are refused.
 * <p>
 * At most {@link OraclePriceSeries#MAX_INTERVALS} data rows per file (or the cap given to the constructor) and
 * {@link CsvLineReader#MAX_LINE_CHARS} characters per line. Errors are {@link ImportException}s naming file and line.
 * Everything but the header and the value column is {@link IntervalSeriesCsv}, shared with the carbon CSV importer.
 * A node name must start with a letter or digit and hold no control character: a cell starting with {@code = + - @}, a
 * tab or a carriage return would run as a formula when a report is opened in a spreadsheet
 * ({@link CsvLineReader#parseName}).
 * <p>
 * Stateless and thread-safe; each call has its own reader state.
 */
public final class OraclePriceCsvImporter
{
    /** Header for prices per MWh. */
    public static final String HEADER_PER_MWH = "node,interval_start,interval_seconds,price_per_mwh";
    /** Header for prices per kWh. */
    public static final String HEADER_PER_KWH = "node,interval_start,interval_seconds,price_per_kwh";

    private static final Pattern PRICE = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,19})?");

    private final IntervalSeriesCsv csv;

    /**
     * Importer capped at {@link OraclePriceSeries#MAX_INTERVALS} data rows.
     */
    public OraclePriceCsvImporter()
    {
        this(OraclePriceSeries.MAX_INTERVALS);
    }

    /**
     * @param maxRows most data rows accepted, from 1 to {@link OraclePriceSeries#MAX_INTERVALS}.
     */
    public OraclePriceCsvImporter(final int maxRows)
    {
        this.csv = new IntervalSeriesCsv("node", maxRows);
    }

    /**
     * @param file a UTF-8 CSV file.
     * @return series by node, in node order.
     * @throws IOException     if the file cannot be read.
     * @throws ImportException if the content is invalid, naming the file and line.
     */
    public NavigableMap<String, OraclePriceSeries> importFile(final Path file) throws IOException
    {
        try (InputStream in = GzipAwareInput.open(file))
        {
            return parse(in, String.valueOf(file.getFileName()));
        }
    }

    /**
     * Parses UTF-8 bytes, decoding line by line so that invalid UTF-8 is reported at its own line.
     *
     * @param in     the CSV bytes, UTF-8; not closed.
     * @param source short name of the input for messages, usually the file name.
     * @return series by node, in node order (a {@link TreeMap}, so iteration is deterministic), unmodifiable.
     * @throws IOException     if the stream fails.
     * @throws ImportException if the content is invalid, naming the source and line.
     */
    public NavigableMap<String, OraclePriceSeries> parse(final InputStream in, final String source)
        throws IOException
    {
        return parse(new CsvLineReader(in, source), source, null);
    }

    /**
     * Parses text. A decoding reader decodes ahead, so invalid UTF-8 it meets may be reported at an earlier line than
     * its own; give bytes to {@link #parse(InputStream, String)} for the exact line.
     *
     * @param reader the CSV text; not closed.
     * @param source short name of the input for messages, usually the file name.
     * @return series by node, in node order (a {@link TreeMap}, so iteration is deterministic), unmodifiable.
     * @throws IOException     if the reader fails.
     * @throws ImportException if the content is invalid, naming the source and line.
     */
    public NavigableMap<String, OraclePriceSeries> parse(final Reader reader, final String source) throws IOException
    {
        return parse(new CsvLineReader(reader, source), source, null);
    }

    /**
     * Reads a file row by row and skips bad rows instead of stopping at the first, for loading real data where one
     * bad row should not lose the rest. The header, a line too long to read, the row cap and a file without a single
     * good row still stop the import.
     *
     * @param file   a UTF-8 CSV file.
     * @param badRow receives each skipped row's error (file, line, problem), in file order.
     * @return series by node of the good rows, in node order.
     * @throws IOException     if the file cannot be read.
     * @throws ImportException if the file as a whole is unusable.
     */
    public NavigableMap<String, OraclePriceSeries> importFileSkippingBadRows(
        final Path file, final Consumer<ImportException> badRow) throws IOException
    {
        try (InputStream in = GzipAwareInput.open(file))
        {
            final String source = String.valueOf(file.getFileName());
            return parse(new CsvLineReader(in, source), source, Objects.requireNonNull(badRow, "badRow"));
        }
    }

    private NavigableMap<String, OraclePriceSeries> parse(
        final CsvLineReader lines, final String source, final Consumer<ImportException> badRow) throws IOException
    {
        final boolean perMwh = lines.readHeader(HEADER_PER_MWH, HEADER_PER_KWH) == 0;
        return csv.read(lines, source, (text, from, where) -> toMicrosPerMwh(text, perMwh, from, where), badRow,
            OraclePriceCsvImporter::series);
    }

    private static OraclePriceSeries series(final String node, final IntervalSeriesRows rows)
    {
        return new OraclePriceSeries(node, rows.starts(), rows.seconds(), rows.values());
    }

    /**
     * Converts a decimal price in currency units to micro-units per MWh, rounding half-even once if it is finer than
     * a micro-unit per MWh.
     *
     * @param text   decimal such as {@code 45.67} or {@code -0.0305}.
     * @param perMwh true if the text is per MWh, false if per kWh.
     * @param source input name for errors.
     * @param where  location for errors.
     * @return micro-units per MWh: 45,670,000 for 45.67 per MWh, -30,500,000 for -0.0305 per kWh.
     */
    static long toMicrosPerMwh(final String text, final boolean perMwh, final String source, final String where)
    {
        final String column = perMwh ? "price_per_mwh" : "price_per_kwh";
        if (!PRICE.matcher(text).matches())
        {
            throw new ImportException(source, where, "expected " + column + " as a decimal such as -12.5, found " +
                ImportException.quote(text));
        }
        // Per MWh: x units/MWh = x * 10^6 micro/MWh. Per kWh: x units/kWh = x * 1000 units/MWh = x * 10^9 micro/MWh.
        final BigDecimal micros = new BigDecimal(text).movePointRight(perMwh ? 6 : 9);
        try
        {
            return micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new ImportException(source, where, "expected " + column + " small enough for a long of " +
                "micro-units per MWh, found " + ImportException.quote(text), ex);
        }
    }
}
