package org.gridsettle.replay.tariff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The tariff file formats the command line knows, and how to tell them apart by content.
 * <p>
 * Only {@link #URDB} has a reader today; {@link #GRIDSETTLE} is named so that asking for it gets a clear refusal
 * rather than a picocli "invalid value" error.
 * <p>
 * Stateless; safe from any thread.
 */
public enum TariffFormat
{
    /** OpenEI Utility Rate Database JSON: one rate object, or {@code {"items": [...]}}. */
    URDB,
    /** gridsettle's own tariff format: no reader exists yet. */
    GRIDSETTLE;

    private static final int UTF8_BOM = 0xFEFF;
    private static final int SNIFF_BYTES = 4096;

    /**
     * @return the name used on the command line.
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Guesses the format of a tariff file from its first bytes: a JSON document is taken as URDB, since URDB is the
     * only JSON tariff format read.
     *
     * @param file a tariff file.
     * @return the format.
     * @throws IllegalArgumentException when the file is empty, unreadable or not JSON; the message is one line.
     */
    public static TariffFormat detect(final Path file)
    {
        final int first = firstSignificantChar(file);
        if (first == '{' || first == '[')
        {
            return URDB;
        }
        throw new IllegalArgumentException(file.getFileName() + ": " +
            (first < 0 ? "empty tariff file" : "cannot tell the tariff format: not JSON") +
            "; only OpenEI URDB JSON (--tariff-format urdb) can be read today");
    }

    private static int firstSignificantChar(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] head = in.readNBytes(SNIFF_BYTES);
            final String text = new String(head, StandardCharsets.UTF_8);
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
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(file.getFileName() + ": cannot read the tariff file: " + ex, ex);
        }
    }
}
