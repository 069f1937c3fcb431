package org.gridsettle.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Sets aside a queue's {@code metadata.cq4t} that a process killed while creating it left half-written, so that
 * Chronicle can rebuild it (FORMAT.md section 1).
 * <p>
 * Why: Chronicle writes the table store's first header as "not complete", then its content, then completes it, all
 * under an OS file lock on the byte region {@code [Long.MAX_VALUE - 1, Long.MAX_VALUE)} of the file. A kill -9
 * between those steps releases the lock (the kernel drops a dead process's locks) but leaves the header not complete
 * forever; every later open then waits for it for {@code chronicle.table.store.timeoutMS} (10 s) and fails with
 * "Unable to claim exclusive lock on file .../metadata.cq4t", whatever it retries. The table store holds nothing a
 * journal needs (the cycle listing, which Chronicle rebuilds from the directory, and lock and replication words), so
 * the file can be rebuilt. It is renamed to {@code metadata.cq4t.incomplete}, kept as evidence, not deleted.
 * <p>
 * Never the file of a live process: it is touched only while this process holds Chronicle's own exclusive lock
 * region on it, which a live process creating it would hold; if the lock is held (by another process, or by this
 * JVM) the file is left as it is. Stateless and thread-safe.
 */
final class TableStoreRepair
{
    /** Name of the table store in a queue directory. */
    static final String TABLE_STORE = "metadata.cq4t";
    /** What an abandoned table store is renamed to. */
    static final String SET_ASIDE = TABLE_STORE + ".incomplete";

    /** Set in the first header word while Chronicle writes the header. */
    static final int NOT_COMPLETE = 0x80000000;
    // SingleTableStore's "exclusive" lock: one byte at Long.MAX_VALUE - 1 (Chronicle-Queue PR #841)
    static final long EXCLUSIVE_REGION = Long.MAX_VALUE - 1;

    private TableStoreRepair()
    {
    }

    /**
     * @param queueDir a queue directory.
     * @return true if an abandoned table store was set aside.
     */
    static boolean setAsideIfAbandoned(final Path queueDir)
    {
        final Path file = queueDir.resolve(TABLE_STORE);
        if (!Files.isRegularFile(file))
        {
            return false;
        }
        try
        {
            // read-only first: a sound table store (the usual case) is not opened for writing here
            try (FileChannel reading = FileChannel.open(file, StandardOpenOption.READ))
            {
                if (!headerNotComplete(reading))
                {
                    return false;
                }
            }
            return setAside(queueDir, file);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot check " + file, e);
        }
    }

    private static boolean setAside(final Path queueDir, final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final FileLock lock = tryExclusive(channel);
            if (lock == null)
            {
                // a live process holds the region: it may be creating the file right now
                return false;
            }
            try (lock)
            {
                // read again under the lock: a creator that finished just before we locked completed the header
                if (!headerNotComplete(channel))
                {
                    return false;
                }
                Files.move(file, queueDir.resolve(SET_ASIDE), StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
        }
    }

    private static boolean headerNotComplete(final FileChannel channel) throws IOException
    {
        return (firstHeader(channel) & NOT_COMPLETE) != 0;
    }

    /**
     * @param channel the table store, open for reading.
     * @return its first header word: its length once complete, with {@link #NOT_COMPLETE} set while it is being
     *         written, 0 if it was never begun (or the file is shorter than a word).
     */
    static int firstHeader(final FileChannel channel) throws IOException
    {
        final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        while (word.hasRemaining() && channel.read(word, word.position()) >= 0)
        {
            // a positional read of a regular file returns every byte asked for below its size
        }
        return word.hasRemaining() ? 0 : word.getInt(0);
    }

    private static FileLock tryExclusive(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock(EXCLUSIVE_REGION, 1, false);
        }
        catch (final OverlappingFileLockException e)
        {
            // held by this JVM, through another channel: live by definition
            return null;
        }
    }
}
