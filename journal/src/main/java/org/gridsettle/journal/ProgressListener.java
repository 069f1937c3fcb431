package org.gridsettle.journal;

/**
 * Told how far a long pass over a journal has come, so a command line can show a progress bar. Called on the thread
 * doing the work, every {@link #EVERY} records and once at the end; it must be quick and must not touch the
 * journal.
 */
@FunctionalInterface
public interface ProgressListener
{
    /** Records between calls: often enough for a smooth display, rare enough to cost nothing per record. */
    int EVERY = 16_384;

    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * @param done  records handled so far.
     * @param total records expected, or -1 when unknown.
     */
    void progress(long done, long total);
}
