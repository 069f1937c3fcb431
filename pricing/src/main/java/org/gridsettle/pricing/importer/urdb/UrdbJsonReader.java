package org.gridsettle.pricing.importer.urdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.gridsettle.pricing.importer.JsonErrorText;
import org.gridsettle.pricing.importer.Utf8Only;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses a URDB document into a JSON tree with every number kept as an exact decimal, under limits that keep a
 * hostile or broken document from exhausting memory, and turns any syntax error into a one-line
 * {@link UrdbImportException} giving line, column and JSON path.
 * <p>
 * Thread-safe once constructed: Jackson mappers and factories are.
 */
final class UrdbJsonReader
{
    /** A URDB rate nests six deep (envelope, items, rate, structure, period, tier); leave room, refuse towers. */
    static final int MAX_NESTING_DEPTH = 16;
    /** A URDB API page of 500 rates is well under this. */
    static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;
    /** Bounds tree size, and so memory, whatever the document's shape. */
    static final long MAX_TOKEN_COUNT = 2_000_000L;
    /** Digits of one number; rates have a handful. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Descriptions and comments are the longest strings. */
    static final int MAX_STRING_LENGTH = 1024 * 1024;
    /** URDB field names are short. */
    static final int MAX_NAME_LENGTH = 256;

    private final ObjectMapper mapper;

    UrdbJsonReader()
    {
        final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .maxTokenCount(MAX_TOKEN_COUNT)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build())
            // A repeated key has no single reading: which "rate" would be priced?
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        mapper = JsonMapper.builder(factory)
            // Numbers with a fraction or exponent become BigDecimal: a double must never hold a rate.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    }

    /**
     * @param source name of the document, for messages.
     * @param json   the document; not closed.
     * @return the root of the tree, never null.
     * @throws UrdbImportException when the document is empty, not well-formed JSON, or breaks a limit.
     */
    JsonNode read(final String source, final InputStream json)
    {
        final BufferedInputStream in = new BufferedInputStream(json);
        try
        {
            // Jackson would guess UTF-16 or UTF-32 and read the file, where the tariff sniffer of settle ingest and
            // settle bill, which takes UTF-8, called it "not JSON": refuse it here, the one path every command shares.
            final String refusal = Utf8Only.refusal(in);
            if (refusal != null)
            {
                throw new UrdbImportException(source, new UrdbProblem("", "(document root)", refusal), 1, 1);
            }
        }
        catch (final IOException ex)
        {
            throw new UrdbImportException(source, new UrdbProblem("", "(document)", "cannot read: " + words(ex)), -1, -1);
        }
        try (JsonParser parser = mapper.createParser(in))
        {
            try
            {
                final JsonNode root = mapper.readTree(parser);
                if (root == null || root.isMissingNode())
                {
                    throw syntaxError(source, parser, null, "empty document");
                }
                if (parser.nextToken() != null)
                {
                    throw syntaxError(source, parser, null, "content after the end of the JSON value");
                }
                return root;
            }
            catch (final JsonProcessingException ex)
            {
                throw syntaxError(source, parser, ex.getLocation(), JsonErrorText.of(ex.getOriginalMessage()));
            }
            catch (final NumberFormatException ex)
            {
                // an exponent beyond an int (found by fuzzing) fails inside Jackson's BigDecimal conversion, in
                // words about java.math.BigDecimal; it is out of range as a smaller exponent is, so say it alike
                throw syntaxError(source, parser, parser.currentTokenLocation(),
                    UrdbNumbers.outsideReadRange(numberText(parser)));
            }
        }
        catch (final IOException ex)
        {
            throw new UrdbImportException(source, new UrdbProblem("", "(document)", "cannot read: " + words(ex)), -1, -1);
        }
    }

    private static UrdbImportException syntaxError(
        final String source, final JsonParser parser, final JsonLocation exceptionLocation, final String reason)
    {
        final JsonLocation location = exceptionLocation != null ? exceptionLocation : parser.currentLocation();
        return new UrdbImportException(
            source, new UrdbProblem("", pathOf(parser.getParsingContext()), String.valueOf(reason)),
            location.getLineNr(), location.getColumnNr());
    }

    /**
     * @return the path the parser had reached, in the same form as field paths in refusals, e.g.
     * {@code items[0].energyratestructure[1]}.
     */
    static String pathOf(final JsonStreamContext context)
    {
        final Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent())
        {
            if (c.inArray())
            {
                parts.push("[" + c.getCurrentIndex() + "]");
            }
            else if (c.inObject() && c.getCurrentName() != null)
            {
                parts.push("." + UrdbValueReader.fieldName(c.getCurrentName()));
            }
        }
        final String path = String.join("", parts);
        if (path.isEmpty())
        {
            return "(document root)";
        }
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** @return the text of the number the parser is on, or a stand-in should the parser not give it. */
    private static String numberText(final JsonParser parser)
    {
        try
        {
            final String text = parser.getText();
            return text == null ? "(unreadable)" : text;
        }
        catch (final IOException ex)
        {
            return "(unreadable)";
        }
    }

    /** @return what went wrong, without the exception's class name, which says nothing to a tariff's author. */
    static String words(final IOException ex)
    {
        // the file system's exceptions carry only the path as their message, which the source names already
        if (ex instanceof java.nio.file.NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
