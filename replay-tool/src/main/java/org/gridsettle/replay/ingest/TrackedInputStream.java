package org.gridsettle.replay.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers the first I/O failure of the stream it wraps. The JDK's XML parser reports some read failures, such as
 * a gzip stream cut short, as a plain "premature end of file"; keeping the real cause lets the error message say
 * the compressed data is broken rather than the XML.
 * <p>
 * Not thread-safe: used by the one thread reading the stream.
 */
final class TrackedInputStream extends FilterInputStream
{
    private final boolean gzipped;
    private IOException failure;

    /**
     * @param in      the stream to wrap.
     * @param gzipped whether its bytes are gunzipped from the file's.
     */
    TrackedInputStream(final InputStream in, final boolean gzipped)
    {
        super(in);
        this.gzipped = gzipped;
    }

    /**
     * @return true when the bytes are gunzipped from the file's.
     */
    boolean gzipped()
    {
        return gzipped;
    }

    /**
     * @return the first failure seen while reading, or null.
     */
    IOException failure()
    {
        return failure;
    }

    @Override
    public int read() throws IOException
    {
        try
        {
            return super.read();
        }
        catch (final IOException ex)
        {
            throw remember(ex);
        }
    }

    @Override
    public int read(final byte[] bytes, final int offset, final int length) throws IOException
    {
        try
        {
            return super.read(bytes, offset, length);
        }
        catch (final IOException ex)
        {
            throw remember(ex);
        }
    }

    @Override
    public long skip(final long count) throws IOException
    {
        try
        {
            return super.skip(count);
        }
        catch (final IOException ex)
        {
            throw remember(ex);
        }
    }

    private IOException remember(final IOException ex)
    {
        if (null == failure)
        {
            failure = ex;
        }
        return ex;
    }
}
