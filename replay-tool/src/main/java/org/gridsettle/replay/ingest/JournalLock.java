package org.gridsettle.replay.ingest;

import org.gridsettle.journal.ExclusiveFileLock;
import org.gridsettle.journal.IoReason;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one-writer hold of a command that appends to a journal directory: an exclusive lock on {@value #FILE} in it,
 * taken before the journal is read for what it settled and kept until the engine has closed both journals.
 * <p>
 * Each journal's writer holds its own queue's lock ({@link org.gridsettle.journal.WriterLock}) while it is open;
 * this one covers the whole command, so that no other ingest appends between this one's reading what the journal
 * settled and its engine's opening the journal, and the second of two ingests is refused before it reads anything.
 * Readers ({@code verify}, {@code dump}, {@code replay}, {@code audit}, {@code rerate}) take no lock, so an auditor
 * needs no write access to a journal.
 * <p>
 * The operating system drops the lock when the process ends, however it ends, so a killed run leaves no stale lock;
 * the empty lock file stays. Stateless.
 */
public final class JournalLock
{
    /** Name of the lock file inside a journal directory. */
    public static final String FILE = ".settle-writer.lock";

    private JournalLock()
    {
    }

    /**
     * Takes the lock, creating the journal directory when it does not exist yet; does not wait.
     *
     * @param journalDir the journal directory.
     * @return the lock, to close once the engine is closed.
     * @throws IllegalStateException when another process (or another command in this JVM) holds it.
     * @throws UncheckedIOException  when the directory or the lock file cannot be created or opened for writing.
     */
    public static ExclusiveFileLock acquire(final Path journalDir)
    {
        final ExclusiveFileLock lock;
        try
        {
            lock = ExclusiveFileLock.tryLock(journalDir.resolve(FILE));
        }
        catch (final UncheckedIOException e)
        {
            throw new UncheckedIOException(journalDir + ": cannot write to the journal directory: " +
                IoReason.of(e.getCause()), e.getCause());
        }
        if (lock == null)
        {
            throw new IllegalStateException(journalDir + " is being written by another settle process (it holds " +
                FILE + "): a journal takes one writer at a time; run again when that one has finished; nothing was " +
                "journalled");
        }
        return lock;
    }
}
