package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.importer.GzipAwareInput;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Imports OpenEI URDB tariff JSON, as the URDB API serves it (one rate object, or {@code {"items": [...]}}), into
 * {@link UrdbRate}s. Faithful or nothing: when any rate has a field that cannot be priced exactly, nothing is
 * returned and the {@link UrdbImportException} names every such field with its rate's label.
 * <p>
 * Reads files or streams only; never the network. Limits on nesting, length, token count and number size (see
 * {@code UrdbJsonReader}) bound the memory a document can take. Thread-safe: one instance can serve many threads.
 */
public final class UrdbImporter
{
    private final UrdbJsonReader jsonReader = new UrdbJsonReader();

    /**
     * @param file a URDB JSON file; its file name is the source named in errors.
     * @return the rates, in document order.
     * @throws UrdbImportException when the file cannot be read, or any rate in it imported faithfully.
     */
    public List<UrdbRate> read(final Path file)
    {
        final Path fileName = file.getFileName();
        final String source = fileName == null ? file.toString() : fileName.toString();
        try (InputStream in = GzipAwareInput.open(file))
        {
            return read(source, in);
        }
        catch (final IOException ex)
        {
            throw new UrdbImportException(source, new UrdbProblem("", "(document)", "cannot read: " +
                UrdbJsonReader.words(ex)), -1, -1);
        }
    }

    /**
     * @param source name of the document, for errors: normally its file name.
     * @param json   the document text.
     * @return the rates, in document order.
     * @throws UrdbImportException when any rate cannot be imported faithfully.
     */
    public List<UrdbRate> read(final String source, final String json)
    {
        return read(source, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param source name of the document, for errors: normally its file name.
     * @param json   the document, UTF-8; not closed.
     * @return the rates, in document order.
     * @throws UrdbImportException when the document cannot be read, or any rate in it imported faithfully.
     */
    public List<UrdbRate> read(final String source, final InputStream json)
    {
        final JsonNode root = jsonReader.read(source, json);
        final List<UrdbProblem> problems = new ArrayList<>();
        final List<UrdbRate> rates = new ArrayList<>();
        if (!root.isObject())
        {
            problems.add(new UrdbProblem("", "(document root)", "expected a URDB rate object or {\"items\": [...]}, " +
                "got " + UrdbValueReader.describe(root)));
        }
        else if (root.has("items"))
        {
            readItems(root, source, rates, problems);
        }
        else if (UrdbFieldPolicy.notARate(root) != null)
        {
            problems.add(new UrdbProblem("", "(document root)", UrdbFieldPolicy.notARate(root)));
        }
        else
        {
            UrdbRateParser.parse(root, source, "", problems).ifPresent(rates::add);
        }
        if (!problems.isEmpty())
        {
            throw new UrdbImportException(source, problems);
        }
        return List.copyOf(rates);
    }

    private static void readItems(
        final JsonNode root, final String source, final List<UrdbRate> rates, final List<UrdbProblem> problems)
    {
        for (final Iterator<String> names = root.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!"items".equals(name))
            {
                problems.add(new UrdbProblem("", UrdbValueReader.fieldName(name),
                    "unexpected beside \"items\" in a URDB response; cannot tell what it means"));
            }
        }
        final JsonNode items = root.get("items");
        if (!items.isArray() || items.isEmpty())
        {
            problems.add(new UrdbProblem("", "items", "expected a non-empty array of rates, got " +
                UrdbValueReader.describe(items)));
            return;
        }
        for (int i = 0; i < items.size(); i++)
        {
            final JsonNode item = items.get(i);
            final String path = "items[" + i + "]";
            if (!item.isObject())
            {
                problems.add(new UrdbProblem("", path, "expected a rate object, got " +
                    UrdbValueReader.describe(item)));
                continue;
            }
            final Optional<UrdbRate> rate = UrdbRateParser.parse(
                item, items.size() == 1 ? source : source + " " + path, path + ".", problems);
            rate.ifPresent(rates::add);
        }
    }
}
