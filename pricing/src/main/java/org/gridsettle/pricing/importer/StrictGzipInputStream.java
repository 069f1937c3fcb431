package org.gridsettle.pricing.importer;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Gunzips a stream of one or more gzip members (RFC 1952), read one after another as one stream as {@code gunzip}
 * and the JDK's {@code GZIPInputStream} do, and refuses anything else after the last member. The JDK's stream stops
 * without a word at the first bytes after a member that do not make a gzip header, so a file with a stray tail (a
 * damaged copy, or a gzip file and a plain one joined) was read as if the tail were not there.
 * <p>
 * Apache Commons Compress's {@link GzipCompressorInputStream}, reading concatenated members, does the reading and
 * every check (headers, CRC-32 and length trailers, data after the last member); this class only words its failures
 * for the author of the file, naming the byte of the compressed file where each was found.
 * <p>
 * Not thread-safe: one reader at a time, like any stream.
 */
final class StrictGzipInputStream extends FilterInputStream
{
    /** Commons Compress 1.28's message for bytes after the last member that do not start another one. */
    private static final String TRAILING_DATA = "Unexpected data after a valid .gz stream";
    /** Commons Compress 1.28's words for a member whose CRC-32 in its trailer does not match its data. */
    private static final String CHECK_FAILED = "(CRC32 error)";
    /** Commons Compress 1.28's words for a member whose length in its trailer does not match its data. */
    private static final String LENGTH_FAILED = "(uncompressed size mismatch)";

    private final GzipCompressorInputStream gzip;

    /**
     * @param in the gzip data from its first byte; closed with this stream.
     * @throws IOException if the first member's header cannot be read or is not a gzip header.
     */
    StrictGzipInputStream(final InputStream in) throws IOException
    {
        this(open(in));
    }

    private StrictGzipInputStream(final GzipCompressorInputStream gzip)
    {
        super(gzip);
        this.gzip = gzip;
    }

    private static GzipCompressorInputStream open(final InputStream in) throws IOException
    {
        try
        {
            return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
        }
        catch (final EOFException ex)
        {
            throw cutShort();
        }
        catch (final IOException ex)
        {
            // the caller saw the gzip magic (GzipAwareInput.isGzip), so a header the library refuses after it is a
            // damaged file to fetch again, not a file of another format
            final ZipException worded = new ZipException("the gzip header at the start of the file is damaged (" +
                withoutFullStop(ex.getMessage()) + "): fetch or copy it again");
            worded.initCause(ex);
            throw worded;
        }
    }

    @Override
    public int read() throws IOException
    {
        try
        {
            return gzip.read();
        }
        catch (final IOException ex)
        {
            throw worded(ex);
        }
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException
    {
        try
        {
            return gzip.read(b, off, len);
        }
        catch (final IOException ex)
        {
            throw worded(ex);
        }
    }

    @Override
    public long skip(final long n) throws IOException
    {
        try
        {
            return gzip.skip(n);
        }
        catch (final IOException ex)
        {
            throw worded(ex);
        }
    }

    private IOException worded(final IOException ex)
    {
        final long consumed = gzip.getCompressedCount();
        if (ex instanceof EOFException)
        {
            return cutShort();
        }
        final String message = String.valueOf(ex.getMessage());
        final IOException worded;
        if (message.startsWith(TRAILING_DATA))
        {
            // the library has read the first byte of the tail when it refuses it
            worded = new ZipException("data follows the end of the gzip data at byte " + Math.max(0, consumed - 1) +
                ": the file is damaged or two files were joined");
        }
        else if (message.contains(CHECK_FAILED) || message.contains(LENGTH_FAILED))
        {
            // the trailer's checks see a member only once it is all gunzipped: the damage may be anywhere in it, and
            // "near" the trailer sent the reader to look at the wrong end of the file
            worded = new ZipException("the gzip data is damaged somewhere before byte " + consumed + " (the " +
                (message.contains(CHECK_FAILED) ? "CRC-32" : "length") + " check at the end of its gzip member " +
                "fails): fetch or copy it again");
        }
        else
        {
            worded = new ZipException("the gzip data is damaged near byte " + consumed + " (" +
                withoutFullStop(message) + "): fetch or copy it again");
        }
        worded.initCause(ex);
        return worded;
    }

    private static String withoutFullStop(final String message)
    {
        return String.valueOf(message).replaceAll("\\.$", "");
    }

    private static EOFException cutShort()
    {
        return new EOFException("the gzip data ends early: the file was cut short (a partial download or copy?); " +
            "fetch or copy it again");
    }
}
