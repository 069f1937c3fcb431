package org.gridsettle.replay.cli;

import org.gridsettle.replay.ingest.IoErrorText;

import java.io.PrintWriter;

/**
 * What {@code settle} says when a thread other than the command's ends with an uncaught throwable: the JVM's own
 * handler prints {@code Exception in thread "..."} and a stack trace, which {@link OneLineErrors} never sees.
 * <p>
 * A fault inside a mapped journal file (the JVM reports it as an {@link InternalError}, delivered at a safepoint that
 * can fall outside the code that expects it) is left unsaid: it means the file could not be backed, as on a full
 * disk, and the writer mapping the same file fails for itself on the command's thread, whose one line says what to
 * do. Anything else is one line naming the thread. {@code --verbose} prints the stack trace too.
 * <p>
 * Thread-safe: the writer is only printed to, and {@link PrintWriter} locks itself.
 */
final class BackgroundThreadErrors implements Thread.UncaughtExceptionHandler
{
    /** The start of the JVM's message for a fault in a memory-mapped file (SIGBUS). */
    static final String MAPPED_FILE_FAULT = "a fault occurred in a recent unsafe memory access operation";

    private final PrintWriter err;
    private final boolean verbose;

    /**
     * @param err     standard error.
     * @param verbose true to print stack traces as well.
     */
    BackgroundThreadErrors(final PrintWriter err, final boolean verbose)
    {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void uncaughtException(final Thread thread, final Throwable t)
    {
        final boolean mappedFileFault = t instanceof InternalError && String.valueOf(t.getMessage())
            .startsWith(MAPPED_FILE_FAULT);
        if (!mappedFileFault)
        {
            err.println("settle: thread " + thread.getName() + " stopped: " + IoErrorText.of(t));
        }
        if (verbose)
        {
            t.printStackTrace(err);
        }
        err.flush();
    }
}
