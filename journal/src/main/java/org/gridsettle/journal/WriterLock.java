package org.gridsettle.journal;

import java.nio.file.Path;

/**
 * The one-writer hold of a journal: an exclusive lock on {@value #FILE} in its queue directory, taken by a
 * {@link JournalWriter} before it reads where the journal ends and kept until it closes.
 * <p>
 * Chronicle Queue lets two processes append to one queue, record by record, and each writer chains its records onto
 * the last one it read when it opened. Two writers at once (two engines embedded on one directory, or a host's engine
 * and a {@code settle ingest}) would interleave two hash chains: both would report success, and the journal would
 * fail verification for good. So the second writer is refused before it appends anything. Readers take no lock: an
 * auditor needs no write access to a journal.
 * <p>
 * The operating system drops the lock when the process ends, however it ends, so a killed engine leaves no stale
 * lock; the empty file stays, and Chronicle ignores it (its cycles are the {@code .cq4} files). Stateless.
 */
public final class WriterLock
{
    /** Name of the lock file inside a queue directory. */
    public static final String FILE = "writer.lock";

    private WriterLock()
    {
    }

    /**
     * Takes the lock without waiting, creating the queue directory if it does not exist yet.
     *
     * @param queueDir the journal's queue directory, for example {@code DIR/input}.
     * @return the lock, to close once the writer has closed the queue.
     * @throws IllegalStateException if another writer, in this process or another, holds it.
     * @throws java.io.UncheckedIOException if the directory or the lock file cannot be created or locked.
     */
    public static ExclusiveFileLock acquire(final Path queueDir)
    {
        final ExclusiveFileLock lock = ExclusiveFileLock.tryLock(queueDir.resolve(FILE));
        if (lock == null)
        {
            throw new IllegalStateException(queueDir + " is being written by another journal writer (it holds " +
                FILE + "): a journal takes one writer at a time, so nothing was appended; close the other engine " +
                "or wait for the other settle command to finish");
        }
        return lock;
    }
}
