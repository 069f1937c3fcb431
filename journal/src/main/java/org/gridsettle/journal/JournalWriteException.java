package org.gridsettle.journal;

import java.nio.file.Path;

/**
 * A journal could not be written: its file system is full, or the memory-mapped cycle file failed under the writer
 * (a file cut short or removed by another process, a failing device). Chronicle Queue writes through memory-mapped
 * files, so a full disk reaches it not as an {@code IOException} but as a SIGBUS, which the JVM turns into an
 * {@link InternalError} ("a fault occurred in ... an unsafe memory access operation"); this exception says that in
 * words, with the directory and the space left.
 * <p>
 * The writer that throws it writes nothing more, and an engine halts on it, so the journal keeps exactly the records
 * completed before the failure: once space is freed, a restart recovers from it as from a kill. The record being
 * written when it failed may or may not be among them, so the input that failed is unacknowledged; submitted again,
 * it is applied once (a duplicate is acknowledged and posts nothing).
 * <p>
 * Immutable; created on the thread that failed to write, readable from any.
 */
public final class JournalWriteException extends RuntimeException
{
    /**
     * A fault with less than this left is taken as a full disk: a writer and its pretoucher claim pages up to 16 MiB
     * ahead of the last record, so less than that can be gone by the time the space is measured.
     */
    public static final long FULL_BELOW = 16L << 20;

    private static final long serialVersionUID = 1L;

    private final transient Path dir;
    private final long usableBytes;
    private final boolean diskFull;

    private JournalWriteException(
        final Path dir, final long usableBytes, final boolean diskFull, final String message, final Throwable cause)
    {
        super(message, cause);
        this.dir = dir;
        this.usableBytes = usableBytes;
        this.diskFull = diskFull;
    }

    /**
     * @param dir   the directory being written (a queue or a whole journal).
     * @param cause the failure: a mapped-memory fault, or an {@code IOException} of the file system.
     * @return the failure in words, with the space left in {@code dir} measured now.
     */
    public static JournalWriteException of(final Path dir, final Throwable cause)
    {
        final long usable = FreeSpace.usableBytes(dir);
        final boolean full = usable >= 0 && usable < FULL_BELOW || FreeSpace.noSpaceLeft(cause);
        final String space = FreeSpace.describe(usable);
        final String message = full ?
            "no space left on device in " + dir + " (" + space + "); the journal keeps every record completed " +
                "before it and nothing after: free space, then start again to recover" :
            "could not write the journal in " + dir + " (" + space + ", so not a full disk: was a cycle file cut " +
                "short or removed by another process, or is the device failing?); the journal keeps every record " +
                "completed before it and nothing after";
        return new JournalWriteException(dir, usable, full, message, cause);
    }

    /**
     * For a start refused before anything is written: checked up front, since once a write faults the record it was
     * writing may or may not be in the journal.
     *
     * @param dir    the journal directory.
     * @param usable bytes left for this process there.
     * @param needed bytes asked for.
     * @return the refusal in words.
     */
    public static JournalWriteException tooLittleSpace(final Path dir, final long usable, final long needed)
    {
        // whole MiB only where they show the shortfall: 1.5 MB against 1.6 MB read "1 MiB free, below the 1 MiB"
        final boolean inMib = (usable >> 20) < (needed >> 20);
        final String shortfall = inMib
            ? FreeSpace.describe(usable) + ", below the " + (needed >> 20) + " MiB needed"
            : usable + " bytes free, below the " + needed + " bytes needed";
        return new JournalWriteException(dir, usable, true, "no space left on device in " + dir + " (" + shortfall +
            " to start); nothing was written: free space, then start again", null);
    }

    /**
     * @param failure anything an engine or a writer threw.
     * @return true if it, or a cause of it, is the JVM's report of a fault in a memory-mapped file.
     */
    public static boolean isMappedFault(final Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            if (t instanceof InternalError && t.getMessage() != null && t.getMessage().contains("unsafe memory access"))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param failure anything an engine or a writer threw.
     * @return the journal write failure it is or holds as a cause, or null if none.
     */
    public static JournalWriteException find(final Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            if (t instanceof JournalWriteException found)
            {
                return found;
            }
        }
        return null;
    }

    /**
     * @return the directory that could not be written.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * @return bytes left for this process in {@link #dir()} when the failure was reported, or
     *     {@link FreeSpace#UNKNOWN}.
     */
    public long usableBytes()
    {
        return usableBytes;
    }

    /**
     * @return true if the file system was full (or nearly: less than {@link #FULL_BELOW} left).
     */
    public boolean diskFull()
    {
        return diskFull;
    }
}
