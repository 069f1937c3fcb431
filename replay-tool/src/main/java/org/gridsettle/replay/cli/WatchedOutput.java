package org.gridsettle.replay.cli;

import org.gridsettle.journal.FreeSpace;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Standard output that remembers the first failure to write it. {@link java.io.PrintWriter} swallows that failure and
 * keeps only a flag; the reason is what tells a reader that took what it wanted and closed the pipe (as {@code head}
 * does: nothing is wrong) from a full disk (exit 4, as for any file the command could not write).
 * <p>
 * Not thread-safe on its own: it is written under the lock of the {@code PrintWriter} that wraps it.
 */
final class WatchedOutput extends FilterWriter
{
    /** What Linux's EPIPE reads as once the JVM, which ignores SIGPIPE, turns it into an exception. */
    private static final String BROKEN_PIPE = "Broken pipe";

    private IOException failure;

    /**
     * @param out where the output goes.
     */
    WatchedOutput(final Writer out)
    {
        super(out);
    }

    @Override
    public void write(final int c) throws IOException
    {
        try
        {
            super.write(c);
        }
        catch (final IOException e)
        {
            throw keep(e);
        }
    }

    @Override
    public void write(final char[] buffer, final int offset, final int length) throws IOException
    {
        try
        {
            super.write(buffer, offset, length);
        }
        catch (final IOException e)
        {
            throw keep(e);
        }
    }

    @Override
    public void write(final String text, final int offset, final int length) throws IOException
    {
        try
        {
            super.write(text, offset, length);
        }
        catch (final IOException e)
        {
            throw keep(e);
        }
    }

    @Override
    public void flush() throws IOException
    {
        try
        {
            super.flush();
        }
        catch (final IOException e)
        {
            throw keep(e);
        }
    }

    /**
     * @return true if writing failed because the reader closed the pipe.
     */
    boolean readerClosed()
    {
        return failure != null && failure.getMessage() != null && failure.getMessage().contains(BROKEN_PIPE);
    }

    /**
     * @return true if writing failed for want of space.
     */
    boolean noSpaceLeft()
    {
        return failure != null && FreeSpace.noSpaceLeft(failure);
    }

    /**
     * @return the file system's reason for the first failure, or null if there was none or it gave none.
     */
    String reason()
    {
        return failure == null ? null : failure.getMessage();
    }

    private IOException keep(final IOException e)
    {
        if (failure == null)
        {
            failure = e;
        }
        return e;
    }
}
