package org.gridsettle.replay.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer hold of a command that appends to a journal directory: an exclusive lock on {@value #FILE} in it,
 * taken before the journal is read for what it settled and kept until the engine has closed both journals.
 * <p>
 * Chronicle Queue lets two processes append to one queue, record by record, and each engine chains its records onto
 * the last one it recovered: two ingests at once into one directory interleave two hash chains, both report success,
 * and the journal then fails {@code settle verify} for good. The second writer is therefore refused before it
 * journals anything. Readers ({@code verify}, {@code dump}, {@code replay}, {@code audit}, {@code rerate}) take no
 * lock, so an auditor needs no write access to a journal.
 * <p>
 * The operating system drops the lock when the process ends, however it ends, so a killed run leaves no stale lock;
 * the empty lock file stays. Not thread-safe: taken and released on the command's thread.
 */
public final class JournalLock implements AutoCloseable
{
    /** Name of the lock file inside a journal directory. */
    public static final String FILE = ".settle-writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the journal directory when it does not exist yet; does not wait.
     *
     * @param journalDir the journal directory.
     * @return the lock, to close once the engine is closed.
     * @throws IllegalStateException when another process (or another command in this JVM) holds it.
     * @throws UncheckedIOException  when the directory or the lock file cannot be created or opened for writing.
     */
    public static JournalLock acquire(final Path journalDir)
    {
        final Path file = journalDir.resolve(FILE);
        final FileChannel channel;
        try
        {
            Files.createDirectories(journalDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(journalDir + ": cannot write to the journal directory: " +
                IoErrorText.reason(e), e);
        }
        FileLock lock = null;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException e)
        {
            // held by this JVM: an embedding host running two commands on one directory
        }
        catch (final IOException e)
        {
            closeQuietly(channel);
            throw new UncheckedIOException(file + ": cannot lock: " + IoErrorText.reason(e), e);
        }
        if (null == lock)
        {
            closeQuietly(channel);
            throw new IllegalStateException(journalDir + " is being written by another settle process (it holds " +
                FILE + "): a journal takes one writer at a time; run again when that one has finished; nothing was " +
                "journalled");
        }
        return new JournalLock(channel, lock);
    }

    /**
     * Releases the lock; the lock file stays.
     */
    @Override
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException e)
        {
            // closing the channel below releases it as well
        }
        finally
        {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            // nothing was written through it; the process's exit releases the lock in any case
        }
    }
}
