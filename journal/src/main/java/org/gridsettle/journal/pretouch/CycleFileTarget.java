package org.gridsettle.journal.pretouch;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;

/**
 * One writer's current cycle file as a pretoucher follows it: which file, a channel to it, how far it has been
 * prepared, the file length last seen, and whether it was given up on. A roll to a new cycle file starts all of it
 * afresh, and a file given up on stays so until the writer rolls.
 * <p>
 * Threading: the pretoucher's thread only; the frontier is the writer's.
 */
final class CycleFileTarget
{
    private final AppendFrontier frontier;
    private final OpenOption[] options;
    private File file;
    private FileChannel channel;
    private boolean failed;
    /** Offset up to which the file has been prepared. */
    long touched;
    private long knownSize;
    private long sizedAt = -1;

    CycleFileTarget(final AppendFrontier frontier, final OpenOption... options)
    {
        this.frontier = frontier;
        this.options = options;
    }

    /**
     * Follows the writer to its current file, starting afresh if it rolled.
     *
     * @return the writer's position in its current file, or 0 if there is nothing to prepare: no append yet, or
     *     the file was given up on.
     */
    long position()
    {
        final File current = frontier.file();
        if (current == null)
        {
            return 0;
        }
        if (current != file)
        {
            closeChannel();
            file = current;
            failed = false;
            touched = 0;
            knownSize = 0;
            sizedAt = -1;
        }
        return failed ? 0 : frontier.position();
    }

    /**
     * @return the writer's frontier.
     */
    AppendFrontier frontier()
    {
        return frontier;
    }

    /**
     * @return a channel to the current file, opened on first use.
     * @throws IOException if it cannot be opened.
     */
    FileChannel channel() throws IOException
    {
        if (channel == null)
        {
            channel = FileChannel.open(file.toPath(), options);
        }
        return channel;
    }

    /**
     * The file's length, asked of the file system at most once per writer position and only when it could limit
     * the preparation: a pretoucher may be called far more often than the writer appends.
     *
     * @param position the writer's position, from {@link #position()}.
     * @param limit    how far the pretoucher wants to prepare.
     * @return the file's length as last asked.
     * @throws IOException if it cannot be asked.
     */
    long size(final long position, final long limit) throws IOException
    {
        if (knownSize < limit && sizedAt != position)
        {
            knownSize = channel().size();
            sizedAt = position;
        }
        return knownSize;
    }

    /**
     * Gives up on the current file until the writer rolls to another.
     */
    void giveUp()
    {
        failed = true;
        closeChannel();
    }

    void closeChannel()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // nothing to lose: a pretoucher changes no byte, and closes no mapping of the writer's
            }
            channel = null;
        }
    }
}
