package org.gridsettle.pricing.carbon;

import org.gridsettle.pricing.importer.CsvLineReader;
import org.gridsettle.pricing.importer.GzipAwareInput;
import org.gridsettle.pricing.importer.InstantText;
import org.gridsettle.pricing.importer.JsonErrorText;
import org.gridsettle.pricing.importer.Utf8Only;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.gridsettle.pricing.importer.ImportException;

/**
 * Imports a response of the UK National Grid (NESO) Carbon Intensity API, such as {@code /intensity/{from}/pt24h},
 * into a {@link CarbonIntensitySeries}.
 * <p>
 * Reads {@code data[].from}, {@code data[].to} and {@code data[].intensity.actual|forecast}, integers in gCO2/kWh,
 * multiplied exactly by 1,000 to mg. {@code actual} is preferred; when it is null or absent {@code forecast} is used and
 * flagged {@link IntensitySource#FORECAST}; when both are, the interval is kept as {@link IntensitySource#MISSING},
 * never zero. Other fields ({@code index}, {@code generationmix}, ...) are skipped.
 * <p>
 * Limits, each failing with a located {@link ImportException}: at most {@link CarbonIntensitySeries#MAX_INTERVALS}
 * intervals (or the cap given to the constructor), nesting at most {@link #MAX_NESTING_DEPTH} deep, numbers of at most
 * {@link #MAX_NUMBER_CHARS} digits, strings of at most {@link #MAX_STRING_CHARS} characters, no duplicate keys and no
 * NaN or Infinity. Uses the Jackson streaming parser only, on a stream or file the caller supplies: there is no
 * data binding, no type resolution and no URL source, so nothing here can reach the network.
 * <p>
 * Thread-safe after construction; the parser factory is shared and each call has its own parser.
 */
public final class UkCarbonIntensityJsonImporter
{
    /** Deepest JSON nesting accepted; the API needs 4 (root, data, interval, intensity). */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_CHARS = 32;
    /** Longest string accepted, in characters. */
    public static final int MAX_STRING_CHARS = 65_536;

    private static final long MG_PER_G = 1_000L;

    private final JsonFactory jsonFactory;
    private final int maxIntervals;

    /**
     * Importer capped at {@link CarbonIntensitySeries#MAX_INTERVALS}.
     */
    public UkCarbonIntensityJsonImporter()
    {
        this(CarbonIntensitySeries.MAX_INTERVALS);
    }

    /**
     * @param maxIntervals most intervals accepted, from 1 to {@link CarbonIntensitySeries#MAX_INTERVALS}.
     */
    public UkCarbonIntensityJsonImporter(final int maxIntervals)
    {
        if (maxIntervals < 1 || maxIntervals > CarbonIntensitySeries.MAX_INTERVALS)
        {
            throw new IllegalArgumentException("maxIntervals out of 1.." + CarbonIntensitySeries.MAX_INTERVALS + ": " +
                maxIntervals);
        }
        this.maxIntervals = maxIntervals;
        this.jsonFactory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_STRING_CHARS)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    }

    /**
     * @param file   a saved API response.
     * @param region region name to give the series, for example {@code GB} for the national endpoint.
     * @return the series.
     * @throws IOException     if the file cannot be read.
     * @throws ImportException if the content is not a valid response, naming the file and JSON path.
     */
    public CarbonIntensitySeries importFile(final Path file, final String region) throws IOException
    {
        try (InputStream in = GzipAwareInput.open(file))
        {
            return parse(in, String.valueOf(file.getFileName()), region);
        }
    }

    /**
     * @param in     the response body; not closed.
     * @param source short name of the input for messages, usually the file name.
     * @param region region name to give the series.
     * @return the series.
     * @throws IOException     if the stream cannot be read.
     * @throws ImportException if the content is not a valid response, naming the source and JSON path.
     */
    public CarbonIntensitySeries parse(final InputStream in, final String source, final String region)
        throws IOException
    {
        if (null == region || region.isEmpty())
        {
            throw new IllegalArgumentException("region must be non-empty");
        }
        final BufferedInputStream buffered = new BufferedInputStream(in);
        // Jackson would guess UTF-16 or UTF-32; every other input, and every other JSON reader here, takes UTF-8 only
        final String encoding = Utf8Only.refusal(buffered);
        if (encoding != null)
        {
            throw new ImportException(source, "line 1", encoding);
        }
        try (JsonParser parser = jsonFactory.createParser(buffered))
        {
            try
            {
                return readRoot(parser, source, region);
            }
            catch (final JsonProcessingException ex)
            {
                // Syntax errors, NaN, duplicate keys and broken limits: located by where the parser stopped.
                throw new ImportException(source, where(parser, ex.getLocation()),
                    "expected well-formed JSON within limits: " + JsonErrorText.of(ex.getOriginalMessage()), ex);
            }
            catch (final java.io.CharConversionException ex)
            {
                // bad bytes for an encoding Jackson detected (found by fuzzing; Utf8Only now refuses every head that
                // makes it detect one other than UTF-8): one located line, in words, never Jackson's about UCS-4
                throw new ImportException(source, where(parser, parser.currentLocation()),
                    "expected UTF-8 text, found bytes that are not: save the file as UTF-8", ex);
            }
        }
    }

    private CarbonIntensitySeries readRoot(final JsonParser parser, final String source, final String region)
        throws IOException
    {
        if (parser.nextToken() != JsonToken.START_OBJECT)
        {
            throw typeError(parser, source, "a JSON object at the root");
        }
        CarbonIntensitySeries series = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            parser.nextToken();
            if ("data".equals(name))
            {
                series = readData(parser, source, region);
            }
            else
            {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null)
        {
            throw typeError(parser, source, "end of input after the root object");
        }
        if (null == series)
        {
            throw new ImportException(source, "data", "expected a field \"data\" holding an array of intervals");
        }
        return series;
    }

    private CarbonIntensitySeries readData(final JsonParser parser, final String source, final String region)
        throws IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw typeError(parser, source, "an array of intervals");
        }
        final CarbonSeriesBuilder builder = new CarbonSeriesBuilder(source, region);
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY)
        {
            final String location = "data[" + index + "]";
            if (index == maxIntervals)
            {
                throw new ImportException(source, location, "expected at most " + maxIntervals + " intervals");
            }
            if (parser.currentToken() != JsonToken.START_OBJECT)
            {
                throw typeError(parser, source, "an interval object");
            }
            readInterval(parser, source, location, builder);
            index++;
        }
        if (index == 0)
        {
            throw new ImportException(source, "data", "expected at least one interval, found an empty array");
        }
        return builder.build();
    }

    private void readInterval(
        final JsonParser parser,
        final String source,
        final String location,
        final CarbonSeriesBuilder builder) throws IOException
    {
        long from = 0;
        long to = 0;
        boolean hasFrom = false;
        boolean hasTo = false;
        boolean hasIntensity = false;
        long actualG = CarbonIntensitySeries.MISSING;
        long forecastG = CarbonIntensitySeries.MISSING;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            parser.nextToken();
            switch (name)
            {
                case "from":
                    from = readInstant(parser, source);
                    hasFrom = true;
                    break;
                case "to":
                    to = readInstant(parser, source);
                    hasTo = true;
                    break;
                case "intensity":
                    if (parser.currentToken() != JsonToken.START_OBJECT)
                    {
                        throw typeError(parser, source, "an object with actual and forecast");
                    }
                    hasIntensity = true;
                    while (parser.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String field = parser.currentName();
                        parser.nextToken();
                        if ("actual".equals(field))
                        {
                            actualG = readGrams(parser, source);
                        }
                        else if ("forecast".equals(field))
                        {
                            forecastG = readGrams(parser, source);
                        }
                        else
                        {
                            parser.skipChildren();
                        }
                    }
                    break;
                default:
                    parser.skipChildren();
                    break;
            }
        }
        if (!hasFrom || !hasTo || !hasIntensity)
        {
            throw new ImportException(source, location, "expected fields \"from\", \"to\" and \"intensity\", " +
                "missing " + (!hasFrom ? "\"from\"" : !hasTo ? "\"to\"" : "\"intensity\""));
        }
        final long seconds = to - from;
        if (to <= from || seconds > Integer.MAX_VALUE)
        {
            throw new ImportException(source, location + ".to", "expected \"to\" after \"from\" by at most " +
                Integer.MAX_VALUE + " seconds, found " + from + " to " + to);
        }

        final byte flag;
        final long grams;
        if (actualG != CarbonIntensitySeries.MISSING)
        {
            flag = IntensitySource.ACTUAL;
            grams = actualG;
        }
        else if (forecastG != CarbonIntensitySeries.MISSING)
        {
            flag = IntensitySource.FORECAST;
            grams = forecastG;
        }
        else
        {
            flag = IntensitySource.MISSING;
            grams = CarbonIntensitySeries.MISSING;
        }
        // Exact: values were checked to be at most Long.MAX_VALUE / 1000 when read.
        final long mg = flag == IntensitySource.MISSING ? CarbonIntensitySeries.MISSING : grams * MG_PER_G;
        builder.add(from, (int)seconds, mg, flag, location + ".from");
    }

    private static long readInstant(final JsonParser parser, final String source) throws IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_STRING)
        {
            throw typeError(parser, source, "a string holding " + InstantText.ISO_EXPECTED);
        }
        return InstantText.parseIso(parser.getText(), source, where(parser), InstantText.ISO_EXPECTED);
    }

    /**
     * @return whole grams per kWh, or MISSING for a JSON null.
     */
    private static long readGrams(final JsonParser parser, final String source) throws IOException
    {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return CarbonIntensitySeries.MISSING;
        }
        final String expected = "an integer gCO2/kWh from 0 to " + Long.MAX_VALUE / MG_PER_G + " or null";
        if (token != JsonToken.VALUE_NUMBER_INT)
        {
            throw typeError(parser, source, expected);
        }
        final JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.BIG_INTEGER)
        {
            throw new ImportException(source, where(parser), "expected " + expected + ", found " +
                ImportException.quote(parser.getText()));
        }
        final long grams = parser.getLongValue();
        if (grams < 0 || grams > Long.MAX_VALUE / MG_PER_G)
        {
            throw new ImportException(source, where(parser), "expected " + expected + ", found " + grams);
        }
        return grams;
    }

    private static ImportException typeError(final JsonParser parser, final String source, final String expected)
    {
        return new ImportException(source, where(parser), "expected " + expected + ", found " +
            describe(parser.currentToken()));
    }

    private static String describe(final JsonToken token)
    {
        if (null == token)
        {
            return "end of input";
        }
        switch (token)
        {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
                return "an integer";
            case VALUE_NUMBER_FLOAT:
                return "a decimal number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.name();
        }
    }

    /**
     * JSON path of the parser's position, such as {@code data[3].intensity.actual (line 42, column 23)}.
     */
    private static String where(final JsonParser parser)
    {
        return where(parser, parser.currentTokenLocation());
    }

    private static String where(final JsonParser parser, final JsonLocation location)
    {
        final StringBuilder path = new StringBuilder();
        appendPath(path, parser.getParsingContext());
        if (path.length() == 0)
        {
            path.append("$");
        }
        if (null != location && location.getLineNr() > 0)
        {
            path.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                .append(')');
        }
        return path.toString();
    }

    private static void appendPath(final StringBuilder path, final JsonStreamContext context)
    {
        if (null == context || context.inRoot())
        {
            return;
        }
        appendPath(path, context.getParent());
        if (context.inArray())
        {
            // Index -1 means the parser stands on the array's own start, whose path is its parent's.
            if (context.hasCurrentIndex())
            {
                path.append('[').append(context.getCurrentIndex()).append(']');
            }
        }
        else if (null != context.getCurrentName())
        {
            if (path.length() > 0)
            {
                path.append('.');
            }
            path.append(context.getCurrentName());
        }
    }
}
