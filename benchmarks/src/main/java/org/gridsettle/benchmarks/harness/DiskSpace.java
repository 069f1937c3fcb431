package org.gridsettle.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * States the free space of a folder's file system when it is low. A failure on a full disk often names no disk at
 * all: a write to a mapped journal page faults as "a fault occurred in a recent unsafe memory access operation".
 * <p>
 * Stateless and thread-safe.
 */
final class DiskSpace
{
    /** Below this much usable space a failure is said to be a full disk's. */
    static final long LOW_BYTES = 64L << 20;

    private DiskSpace()
    {
    }

    /**
     * @param dir a folder, or a path under one; the nearest existing parent is measured.
     * @return "" if its file system has at least {@link #LOW_BYTES} usable, else a clause that says how little.
     */
    static String lowSpaceNote(final Path dir)
    {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return "";
        }
        try
        {
            final long free = Files.getFileStore(existing).getUsableSpace();
            return free >= LOW_BYTES ? "" : String.format(Locale.ROOT,
                "; %s is on a file system with %,d KiB free: a full disk", dir, free >> 10);
        }
        catch (final IOException e)
        {
            return "";
        }
    }

    /**
     * @param failure what stopped a phase.
     * @param dir     the folder it was writing, or null.
     * @return a {@link FullDisk} with the failure's message and {@link #lowSpaceNote}, if the folder's disk is
     *     (nearly) full and the failure does not say so already; else null.
     */
    static FullDisk fullDisk(final Throwable failure, final Path dir)
    {
        final String note = dir == null || failure instanceof FullDisk ? "" : lowSpaceNote(dir);
        if (note.isEmpty())
        {
            return null;
        }
        return new FullDisk((failure.getMessage() == null ? failure.toString() : failure.getMessage()) + note,
            failure);
    }

    /**
     * A phase that failed while its disk was (nearly) full.
     */
    static final class FullDisk extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        FullDisk(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }
}
