package org.gridsettle.replay.tariff;

import org.gridsettle.pricing.importer.GzipAwareInput;
import org.gridsettle.pricing.importer.Utf8Only;
import org.gridsettle.replay.ingest.IoErrorText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tariff file formats the command line knows, and how to tell them apart by content.
 * <p>
 * Both are JSON, plain or gzipped (recognised by content, see {@link GzipAwareInput}); a gridsettle tariff says so in a top-level {@code "format": "gridsettle-tariff/1"} field, which URDB
 * has no field like, so that field in the first 4 KiB (where the reference says to put it: first) picks
 * {@link #GRIDSETTLE} and any other JSON document is taken as {@link #URDB}.
 * <p>
 * Stateless; safe from any thread.
 */
public enum TariffFormat
{
    /** OpenEI Utility Rate Database JSON: one rate object, or {@code {"items": [...]}}. */
    URDB,
    /** gridsettle's own tariff format, {@code "format": "gridsettle-tariff/1"}: see pricing/README.md. */
    GRIDSETTLE;

    private static final int UTF8_BOM = 0xFEFF;
    private static final int SNIFF_BYTES = 4096;
    /** The marker field of a gridsettle tariff; a URDB rate has no "format" field at all. */
    private static final Pattern GRIDSETTLE_MARKER = Pattern.compile("\"format\"\\s*:\\s*\"gridsettle-tariff/");

    /**
     * @return the name used on the command line.
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Guesses the format of a tariff file from its first bytes: a JSON document with a {@code "format":
     * "gridsettle-tariff/..."} field is gridsettle's own format, any other JSON document is taken as URDB.
     *
     * @param file a tariff file.
     * @return the format.
     * @throws IllegalArgumentException when the file is empty, unreadable, in UTF-16 or UTF-32 rather than UTF-8, or
     *                                  not JSON; the message is one line.
     */
    public static TariffFormat detect(final Path file)
    {
        final byte[] bytes = headBytes(file);
        final String encoding = Utf8Only.refusal(bytes, bytes.length);
        if (encoding != null)
        {
            // the URDB reader, which settle rerate calls without this sniff, refuses such a file in the same words
            throw new IllegalArgumentException(file.getFileName() + ": " + encoding);
        }
        final String head = new String(bytes, StandardCharsets.UTF_8);
        final int first = firstSignificantChar(head);
        if (isGridsettle(head))
        {
            return GRIDSETTLE;
        }
        if (first == '{' || first == '[')
        {
            return URDB;
        }
        throw new IllegalArgumentException(file.getFileName() + ": " +
            (first < 0 ? "empty tariff file" : "cannot tell the tariff format: not JSON") +
            "; expected OpenEI URDB JSON (--tariff-format urdb) or a gridsettle tariff (--tariff-format gridsettle)");
    }

    /**
     * Whether a tariff file is in gridsettle's own format, for a command that takes only URDB and must say so rather
     * than have the URDB reader call each of its fields unknown. Unlike {@link #detect}, a file that is empty or not
     * JSON is no error here: the URDB reader names its line and column.
     *
     * @param file a tariff file.
     * @return true for a gridsettle tariff.
     * @throws IllegalArgumentException when the file cannot be read (missing, a directory, no permission); the
     *                                  message is one line.
     */
    public static boolean isGridsettle(final Path file)
    {
        return isGridsettle(head(file));
    }

    private static boolean isGridsettle(final String head)
    {
        return firstSignificantChar(head) == '{' && GRIDSETTLE_MARKER.matcher(head).find();
    }

    private static int firstSignificantChar(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c != UTF8_BOM && !Character.isWhitespace(c))
            {
                return c;
            }
        }
        return -1;
    }

    private static String head(final Path file)
    {
        return new String(headBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] headBytes(final Path file)
    {
        try (InputStream in = GzipAwareInput.open(file))
        {
            return in.readNBytes(SNIFF_BYTES);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(file.getFileName() + ": cannot read the tariff file: " +
                IoErrorText.of(ex), ex);
        }
    }
}
