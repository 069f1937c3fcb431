package org.gridsettle.pricing.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an input file for reading, gunzipping it when it starts with the gzip magic bytes {@code 1f 8b}. Files are
 * recognised by content, not by name, because exports are often renamed; and since neither byte can begin UTF-8 JSON
 * or CSV text, a plain file is never mistaken for a gzipped one.
 * <p>
 * Stateless; safe from any thread.
 */
public final class GzipAwareInput
{
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int GZIP_MAGIC_0 = 0x1F;
    private static final int GZIP_MAGIC_1 = 0x8B;

    private GzipAwareInput()
    {
    }

    /**
     * A gzipped file is gunzipped to its end once before the stream is returned ({@link #checkGzipData}), so that a
     * reader never parses the garbage of a file damaged in the middle: it meets the damage as this method's
     * exception, worded as the gzip damage it is, not as the first syntax error the garbage makes (a carbon CSV
     * refused for "line 19981: expected 4 comma-separated fields" that the file never held).
     *
     * @param file the file, plain or gzipped.
     * @return a buffered stream of its (decompressed) bytes; the caller closes it.
     * @throws IOException if the file cannot be opened, or its gzip data is damaged, ends early or is followed by
     *                     bytes that are not another member.
     */
    public static BufferedInputStream open(final Path file) throws IOException
    {
        checkGzipData(file);
        final InputStream raw = Files.newInputStream(file);
        try
        {
            final BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
            if (!isGzip(buffered))
            {
                return buffered;
            }
            return gunzip(buffered);
        }
        catch (final IOException | RuntimeException ex)
        {
            try
            {
                raw.close();
            }
            catch (final IOException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }
    }

    /**
     * Gunzips a gzipped file to its end, keeping nothing, which checks every member's CRC-32 and length. Gzip proves
     * a member whole only at its end, so a reader that parses as it gunzips meets the garbage of a file damaged in
     * the middle first, and reports it (as bad rows, or as a syntax error the file never held) before the damage is
     * found; a reader that checks first says only that the file is damaged.
     *
     * @param file the file; a plain one (without the gzip magic) is not read past its first two bytes.
     * @throws IOException if the file cannot be read, or its gzip data is damaged, ends early or is followed by bytes
     *                     that are not another member, worded as {@link #gunzip} words it.
     */
    public static void checkGzipData(final Path file) throws IOException
    {
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES))
        {
            if (isGzip(in))
            {
                gunzip(in).transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * @param gzipped a stream at the start of gzip data ({@link #isGzip}).
     * @return a buffered stream of the decompressed bytes of every gzip member in it, read as one (as {@code gunzip}
     *         does for {@code cat a.gz b.gz}). Reading it fails with an {@link IOException} that says so in words,
     *         naming the byte, when the gzip data ends early (a file cut short by a partial download or copy), is
     *         damaged, or is followed by bytes that are not another gzip member.
     * @throws IOException if the gzip header cannot be read.
     */
    public static BufferedInputStream gunzip(final InputStream gzipped) throws IOException
    {
        return new BufferedInputStream(new StrictGzipInputStream(gzipped), BUFFER_BYTES);
    }

    /**
     * @param in a stream that supports mark and reset, at the start of a file; left where it was.
     * @return true when the next two bytes are the gzip magic.
     * @throws IOException if the stream cannot be read.
     */
    public static boolean isGzip(final BufferedInputStream in) throws IOException
    {
        in.mark(2);
        final boolean gzipped = in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        in.reset();
        return gzipped;
    }
}
