package org.gridsettle.replay.ingest;

import org.gridsettle.journal.ProgressListener;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How far an ingest has read its usage files, in bytes of the files as they lie on disk (gzipped ones before they are
 * gunzipped), so that a progress bar moves while hundreds of megabytes of Green Button XML are parsed, long before the
 * first reading is submitted. A reader that reads a file twice (a Green Button feed: its index, then its readings)
 * counts it twice: the total is each file's size times its format's {@link UsageFormat#readPasses()}. The pass that
 * checks a gzipped file's data whole before it is parsed ({@link MeterFileInput}) is not counted; the bar waits through
 * it.
 * <p>
 * The listener is told every {@link #EVERY_BYTES} bytes and once at the end with the total. Not thread-safe: one
 * ingest, on the thread reading its files.
 */
final class ReadProgress
{
    /** Bytes between calls: a smooth bar on a file of megabytes, nothing to notice per buffer refill. */
    static final long EVERY_BYTES = 1L << 20;

    /** Counts nothing and wraps no stream. */
    static final ReadProgress NONE = new ReadProgress(ProgressListener.NONE, 0);

    private final ProgressListener listener;
    private final long total;
    private long done;
    private long told;

    private ReadProgress(final ProgressListener listener, final long total)
    {
        this.listener = listener;
        this.total = total;
    }

    /**
     * @param listener told the bytes read against the total.
     * @param files    the usage files the ingest reads, in order.
     * @return the progress of reading them; {@link #NONE} for a listener that ignores progress.
     * @throws MeterDataException when a file's size cannot be read.
     */
    static ReadProgress of(final ProgressListener listener, final List<UsageFile> files)
    {
        if (listener == ProgressListener.NONE)
        {
            return NONE;
        }
        long total = 0;
        for (final UsageFile file : files)
        {
            total += size(file.path(), file.name()) * file.format().readPasses();
        }
        return new ReadProgress(listener, total);
    }

    /**
     * @param in a file's own bytes, before any gunzip or buffer.
     * @return the stream, counting what is read through it.
     */
    InputStream counting(final InputStream in)
    {
        return this == NONE ? in : new Counting(in);
    }

    /**
     * Tells the listener the files are read whole: the last call, with the total.
     */
    void finish()
    {
        if (this != NONE)
        {
            done = total;
            listener.progress(total, total);
        }
    }

    /**
     * @return the bytes counted so far.
     */
    long done()
    {
        return done;
    }

    /**
     * @return the bytes the files hold, times their formats' passes.
     */
    long total()
    {
        return total;
    }

    private void add(final long bytes)
    {
        done += bytes;
        if (done - told >= EVERY_BYTES)
        {
            told = done;
            // a file grown since its size was taken must not take the bar past its end
            listener.progress(Math.min(done, total), total);
        }
    }

    private static long size(final Path file, final String source)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(source, "start of file", "cannot read its size: " + IoErrorText.of(ex), ex);
        }
    }

    /** Counts the bytes read and skipped through it; mark and reset are left to the buffer above it. */
    private final class Counting extends FilterInputStream
    {
        Counting(final InputStream in)
        {
            super(in);
        }

        @Override
        public int read() throws IOException
        {
            final int b = super.read();
            if (b >= 0)
            {
                add(1);
            }
            return b;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int length) throws IOException
        {
            final int n = super.read(bytes, offset, length);
            if (n > 0)
            {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(final long count) throws IOException
        {
            final long n = super.skip(count);
            if (n > 0)
            {
                add(n);
            }
            return n;
        }

        @Override
        public boolean markSupported()
        {
            return false;
        }
    }
}
