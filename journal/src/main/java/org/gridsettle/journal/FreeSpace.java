package org.gridsettle.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much room the file system holding a directory has left for this process, asked of the file system
 * ({@code statfs}) each time. Used only once a write has failed or is about to, never per record: each call allocates.
 * <p>
 * Stateless and thread-safe.
 */
public final class FreeSpace
{
    /** Returned when the file system cannot say. */
    public static final long UNKNOWN = -1;
    /** How the JDK words ENOSPC in an {@code IOException}: Linux's own {@code strerror} text. */
    private static final String NO_SPACE = "No space left on device";

    private FreeSpace()
    {
    }

    /**
     * @param dir a directory, or a path below one that does not exist yet (the nearest existing parent is asked).
     * @return bytes this process may still write there ({@code FileStore.getUsableSpace}), or {@link #UNKNOWN}.
     */
    public static long usableBytes(final Path dir)
    {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return UNKNOWN;
        }
        try
        {
            return Files.getFileStore(existing).getUsableSpace();
        }
        catch (final IOException | SecurityException e)
        {
            return UNKNOWN;
        }
    }

    /**
     * @param failure anything a write threw.
     * @return true if it, or a cause of it, is the file system's ENOSPC, as a stream or channel write reports it
     *     (a snapshot, a report); a memory-mapped write reports a full disk otherwise ({@link JournalWriteException}).
     */
    public static boolean noSpaceLeft(final Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            if (t.getMessage() != null && t.getMessage().contains(NO_SPACE))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param bytes a size, or {@link #UNKNOWN}.
     * @return it in whole MiB, rounded down, for a message: {@code "12 MiB free"}, or {@code "free space unknown"}.
     */
    public static String describe(final long bytes)
    {
        return bytes < 0 ? "free space unknown" : (bytes >> 20) + " MiB free";
    }
}
