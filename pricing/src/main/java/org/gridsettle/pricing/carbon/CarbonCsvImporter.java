package org.gridsettle.pricing.carbon;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.gridsettle.pricing.importer.CsvLineReader;
import org.gridsettle.pricing.importer.GzipAwareInput;
import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.importer.IntervalSeriesCsv;
import org.gridsettle.pricing.importer.IntervalSeriesRows;

/**
 * Imports carbon intensity from a plain CSV file holding one or more regions, into one series per region.
 * <p>
 * The header decides the unit, and must be exactly one of:
 * <pre>
 * region,interval_start,interval_seconds,mg_per_kwh     whole milligrams CO2 per kWh
 * region,interval_start,interval_seconds,g_per_kwh      grams, at most 3 decimals, for example 123.456
 * </pre>
 * Grams are converted to milligrams exactly with {@link BigDecimal}; a value that would need rounding (a non-zero
 * fourth decimal) is refused, since nothing in gridsettle rounds a carbon figure. {@code interval_start} is an ISO-8601
 * instant with offset or whole epoch seconds. Rows of different regions may interleave, but each region's rows must
 * be in increasing time order without duplicates or overlaps. Blank lines are skipped; negative values, NaN,
 * exponents and quotes are refused. Every value is flagged {@link IntensitySource#MEASURED}.
 * <p>
 * At most {@link CarbonIntensitySeries#MAX_INTERVALS} data rows per file (or the cap given to the constructor) and
 * {@link CsvLineReader#MAX_LINE_CHARS} characters per line. Errors are {@link ImportException}s naming file and line.
 * Everything but the header and the value column is {@link IntervalSeriesCsv}, shared with the oracle price importer.
 * A region name must start with a letter or digit and hold no control character: a cell starting with
 * {@code = + - @}, a tab or a carriage return would run as a formula when a report is opened in a spreadsheet
 * ({@link CsvLineReader#parseName}).
 * <p>
 * Stateless and thread-safe; each call has its own reader state.
 */
public final class CarbonCsvImporter
{
    /** Header for whole milligrams. */
    public static final String HEADER_MG = "region,interval_start,interval_seconds,mg_per_kwh";
    /** Header for decimal grams. */
    public static final String HEADER_G = "region,interval_start,interval_seconds,g_per_kwh";

    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}(\\.[0-9]{1,19})?");

    private final IntervalSeriesCsv csv;

    /**
     * Importer capped at {@link CarbonIntensitySeries#MAX_INTERVALS} data rows.
     */
    public CarbonCsvImporter()
    {
        this(CarbonIntensitySeries.MAX_INTERVALS);
    }

    /**
     * @param maxRows most data rows accepted, from 1 to {@link CarbonIntensitySeries#MAX_INTERVALS}.
     */
    public CarbonCsvImporter(final int maxRows)
    {
        this.csv = new IntervalSeriesCsv("region", maxRows);
    }

    /**
     * @param file a UTF-8 CSV file.
     * @return series by region, in region order.
     * @throws IOException     if the file cannot be read.
     * @throws ImportException if the content is invalid, naming the file and line.
     */
    public NavigableMap<String, CarbonIntensitySeries> importFile(final Path file) throws IOException
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
     * @return series by region, in region order (a {@link TreeMap}, so iteration is deterministic), unmodifiable.
     * @throws IOException     if the stream fails.
     * @throws ImportException if the content is invalid, naming the source and line.
     */
    public NavigableMap<String, CarbonIntensitySeries> parse(final InputStream in, final String source)
        throws IOException
    {
        return parse(new CsvLineReader(in, source), source);
    }

    /**
     * Parses text. A decoding reader decodes ahead, so invalid UTF-8 it meets may be reported at an earlier line than
     * its own; give bytes to {@link #parse(InputStream, String)} for the exact line.
     *
     * @param reader the CSV text; not closed.
     * @param source short name of the input for messages, usually the file name.
     * @return series by region, in region order (a {@link TreeMap}, so iteration is deterministic), unmodifiable.
     * @throws IOException     if the reader fails.
     * @throws ImportException if the content is invalid, naming the source and line.
     */
    public NavigableMap<String, CarbonIntensitySeries> parse(final Reader reader, final String source)
        throws IOException
    {
        return parse(new CsvLineReader(reader, source), source);
    }

    private NavigableMap<String, CarbonIntensitySeries> parse(final CsvLineReader lines, final String source)
        throws IOException
    {
        final IntervalSeriesCsv.ValueColumn mg = lines.readHeader(HEADER_MG, HEADER_G) == 1 ?
            CarbonCsvImporter::gramsToMg : CarbonCsvImporter::parseMg;
        return csv.read(lines, source, mg, null, CarbonCsvImporter::measured);
    }

    private static CarbonIntensitySeries measured(final String region, final IntervalSeriesRows rows)
    {
        final byte[] sources = new byte[rows.size()];
        Arrays.fill(sources, IntensitySource.MEASURED);
        return new CarbonIntensitySeries(region, rows.starts(), rows.seconds(), rows.values(), sources);
    }

    /**
     * Converts decimal grams to whole milligrams, exactly or not at all.
     *
     * @param text   non-negative decimal such as {@code 123.456}.
     * @param source input name for errors.
     * @param where  location for errors.
     * @return milligrams, {@code 123456} for the example.
     */
    static long gramsToMg(final String text, final String source, final String where)
    {
        if (!DECIMAL.matcher(text).matches())
        {
            throw new ImportException(source, where, "expected g_per_kwh as a non-negative decimal such as 123.456, " +
                "found " + ImportException.quote(text));
        }
        final BigDecimal mg = new BigDecimal(text).movePointRight(3);
        if (mg.stripTrailingZeros().scale() > 0)
        {
            throw new ImportException(source, where, "expected g_per_kwh with at most 3 decimals (whole mg), found " +
                ImportException.quote(text));
        }
        try
        {
            return mg.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new ImportException(source, where, "expected g_per_kwh small enough for a long of mg, found " +
                ImportException.quote(text), ex);
        }
    }

    private static long parseMg(final String text, final String source, final String where)
    {
        if (WHOLE.matcher(text).matches())
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ignore)
            {
                // falls through to the located error below
            }
        }
        throw new ImportException(source, where, "expected mg_per_kwh as a non-negative whole number, found " +
            ImportException.quote(text));
    }
}
