package org.gridsettle.engine.snapshot;

/**
 * A snapshot that could not be written: its folder unwritable, missing or not a folder, or its disk full. It is no
 * part of the journal, which keeps every input: a host or command line tells it from a journal's failure by this
 * type, and once the folder is usable again the same work goes on (a start re-applies the inputs after the newest
 * snapshot it finds).
 * <p>
 * Immutable; thrown on the thread that waited for the snapshot ({@code close()}, or the business-logic thread, which
 * it halts).
 */
public final class SnapshotWriteException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the folder and the file.
     * @param cause   the file system's failure.
     */
    public SnapshotWriteException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
