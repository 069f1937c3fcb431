package org.gridsettle.pricing.importer.gridsettle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.importer.JsonErrorText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a tariff file into a {@link LocatedNode} tree with the Jackson streaming parser, under limits that keep a
 * broken or hostile file from exhausting memory. Numbers keep their exact text: no double ever holds a rate.
 * <p>
 * Thread-safe after construction: the factory is shared and each call has its own parser.
 */
final class LocatedJsonParser
{
    /** The format nests five deep (root, schedule, seasons, season, day, windows, window); refuse towers. */
    static final int MAX_NESTING_DEPTH = 16;
    /** A hand-written tariff is a few kilobytes. */
    static final long MAX_DOCUMENT_LENGTH = 1024L * 1024;
    /** Rates have a handful of digits. */
    static final int MAX_NUMBER_LENGTH = 32;
    /** Descriptions are the longest strings. */
    static final int MAX_STRING_LENGTH = 64 * 1024;
    /** Field names are short. */
    static final int MAX_NAME_LENGTH = 256;

    private final JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build())
        // a repeated key has no single reading: which "peak" rate would be priced?
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    /**
     * @param source file name for messages.
     * @param json   the whole document.
     * @return the root value.
     * @throws ImportException when the document is empty, not well-formed JSON, or breaks a limit.
     */
    LocatedNode parse(final String source, final String json)
    {
        try (JsonParser parser = factory.createParser(json))
        {
            try
            {
                if (parser.nextToken() == null)
                {
                    throw new ImportException(source, "(document) (line 1, column 1)",
                        "expected a JSON object with \"format\": \"" + GridsettleTariffReader.FORMAT +
                        "\", found an empty file");
                }
                final LocatedNode root = readValue(parser, "(root)");
                if (parser.nextToken() != null)
                {
                    throw new ImportException(source, where("(root)", parser.currentTokenLocation()),
                        "expected end of input after the root object");
                }
                return root;
            }
            catch (final JsonProcessingException ex)
            {
                // truncated input, syntax errors, duplicate keys and broken limits: located where the parser stopped
                final String path = GridsettlePaths.of(parser.getParsingContext());
                throw new ImportException(source, where(path, ex.getLocation()),
                    "expected well-formed JSON within limits: " + JsonErrorText.of(ex.getOriginalMessage()), ex);
            }
        }
        catch (final IOException ex)
        {
            throw new ImportException(source, "(document)", "expected readable text: " + ex.getMessage(), ex);
        }
    }

    private static LocatedNode readValue(final JsonParser parser, final String path) throws IOException
    {
        final JsonLocation at = parser.currentTokenLocation();
        final int line = at.getLineNr();
        final int column = at.getColumnNr();
        final JsonToken token = parser.currentToken();
        switch (token)
        {
            case START_OBJECT:
            {
                final Map<String, LocatedNode> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = parser.currentName();
                    parser.nextToken();
                    fields.put(name, readValue(parser, GridsettlePaths.field(path, name)));
                }
                return new LocatedNode(LocatedNode.Kind.OBJECT, path, line, column, null, fields, null);
            }
            case START_ARRAY:
            {
                final List<LocatedNode> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    elements.add(readValue(parser, path + "[" + elements.size() + "]"));
                }
                return new LocatedNode(LocatedNode.Kind.ARRAY, path, line, column, null, null, elements);
            }
            case VALUE_STRING:
                return new LocatedNode(LocatedNode.Kind.STRING, path, line, column, parser.getText(), null, null);
            case VALUE_NUMBER_INT:
                return new LocatedNode(LocatedNode.Kind.INTEGER, path, line, column, parser.getText(), null, null);
            case VALUE_NUMBER_FLOAT:
                return new LocatedNode(LocatedNode.Kind.DECIMAL, path, line, column, parser.getText(), null, null);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new LocatedNode(LocatedNode.Kind.BOOLEAN, path, line, column, parser.getText(), null, null);
            default:
                return new LocatedNode(LocatedNode.Kind.NULL, path, line, column, "null", null, null);
        }
    }

    private static String where(final String path, final JsonLocation location)
    {
        return location == null ? path : path + " (line " + location.getLineNr() + ", column " +
            location.getColumnNr() + ")";
    }
}
