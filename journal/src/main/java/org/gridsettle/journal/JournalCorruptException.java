package org.gridsettle.journal;

/**
 * A journal record is unreadable or its chain does not verify. The engine fails stop on this rather than posting on.
 * The message names the journal, the record index and, where known, the sequence.
 * <p>
 * Threading: immutable; created on the thread that read the record, readable from any.
 */
public final class JournalCorruptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and where.
     */
    public JournalCorruptException(final String message)
    {
        super(message);
    }
}
