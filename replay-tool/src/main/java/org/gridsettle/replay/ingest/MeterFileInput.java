package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.importer.GzipAwareInput;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a meter-data file for reading, gunzipping it when it starts with the gzip magic bytes, and refuses an empty
 * file with a clear message. Files are recognised by content, not by name, because exports are often renamed.
 * <p>
 * A gzipped file's data is read to its end once before it is opened for parsing: gzip proves a member whole only at
 * its end (CRC-32 and length), so a file damaged in the middle gave the parser garbage first, and the run printed a
 * bad row for each garbled line (or refused an enrolment row the file never held) before the one line saying the
 * file is damaged. Checked first, a damaged file is that one line and nothing else. The file is read twice, so it
 * must be a regular file, as the command line already requires of every input.
 * <p>
 * Stateless; safe from any thread.
 */
final class MeterFileInput
{
    private static final int BUFFER_BYTES = 64 * 1024;

    private MeterFileInput()
    {
    }

    /**
     * @param file     the file.
     * @param source   name used in messages.
     * @param expected what the file should hold, for the empty-file message.
     * @return a buffered stream of the (decompressed) bytes that remembers any read failure; the caller closes it.
     * @throws MeterDataException if the file cannot be opened, has a broken gzip header, or is empty.
     */
    static TrackedInputStream open(final Path file, final String source, final String expected)
    {
        return open(file, source, expected, ReadProgress.NONE);
    }

    /**
     * As {@link #open(Path, String, String)}, counting the file's bytes as they are read.
     *
     * @param file     the file.
     * @param source   name used in messages.
     * @param expected what the file should hold, for the empty-file message.
     * @param progress counts the bytes of the file the stream reads, not those of the gzip check.
     * @return a buffered stream of the (decompressed) bytes that remembers any read failure; the caller closes it.
     * @throws MeterDataException if the file cannot be opened, has a broken gzip header, or is empty.
     */
    static TrackedInputStream open(
        final Path file, final String source, final String expected, final ReadProgress progress)
    {
        final TrackedInputStream in = openUnchecked(file, source, expected, progress);
        if (in.gzipped())
        {
            try
            {
                checkGzipData(file, source, expected);
            }
            catch (final MeterDataException ex)
            {
                closeQuietly(in, ex);
                throw ex;
            }
        }
        return in;
    }

    /**
     * As {@link #open}, without reading a gzipped file to its end first: for a look at its first bytes only.
     *
     * @param file     the file.
     * @param source   name used in messages.
     * @param expected what the file should hold, for the empty-file message.
     * @return a buffered stream of the (decompressed) bytes that remembers any read failure; the caller closes it.
     * @throws MeterDataException if the file cannot be opened, has a broken gzip header, or is empty.
     */
    static TrackedInputStream openUnchecked(final Path file, final String source, final String expected)
    {
        return openUnchecked(file, source, expected, ReadProgress.NONE);
    }

    private static TrackedInputStream openUnchecked(
        final Path file, final String source, final String expected, final ReadProgress progress)
    {
        InputStream raw = null;
        try
        {
            // under the buffer and the gunzip: the bar counts the file's own bytes, whose total is known up front
            raw = progress.counting(Files.newInputStream(file));
            final BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
            final boolean gzipped = GzipAwareInput.isGzip(buffered);
            final BufferedInputStream content = gzipped ?
                GzipAwareInput.gunzip(buffered) : buffered;
            content.mark(1);
            if (content.read() == -1)
            {
                content.close();
                throw new MeterDataException(
                    source, "line 1", "empty file" + (gzipped ? " after gunzip" : "") + ", expected " + expected);
            }
            content.reset();
            return new TrackedInputStream(content, gzipped);
        }
        catch (final IOException ex)
        {
            closeQuietly(raw, ex);
            throw new MeterDataException(source, "start of file", "cannot read " + expected + ": " +
                IoErrorText.of(ex), ex);
        }
    }

    /**
     * Reads a gzipped file's data to its end, which checks each member's CRC-32 and length, keeping nothing
     * ({@link GzipAwareInput#checkGzipData}).
     *
     * @param file     a gzipped file.
     * @param source   name used in messages.
     * @param expected what the file should hold.
     * @throws MeterDataException naming where the gzip data is damaged, cut short, or followed by other bytes.
     */
    static void checkGzipData(final Path file, final String source, final String expected)
    {
        try
        {
            GzipAwareInput.checkGzipData(file);
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(source, "checking the gzip data before reading", "cannot read " + expected +
                ": " + IoErrorText.of(ex), ex);
        }
    }

    private static void closeQuietly(final InputStream in, final Throwable failure)
    {
        if (null != in)
        {
            try
            {
                in.close();
            }
            catch (final IOException ex)
            {
                failure.addSuppressed(ex);
            }
        }
    }
}
