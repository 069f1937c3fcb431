package org.gridsettle.benchmarks.harness;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a kill or Ctrl-C stop a run between phases and wait for it to end. The JVM runs its shutdown hooks while the
 * run's thread goes on: a hook that only deleted the scratch folder raced the run, whose next phase (or the closing
 * snapshot of the phase in progress) made the folder again after the hook had found it gone. With this, the hook asks
 * the run to stop, no new phase starts, and the run deletes its own scratch folder as it unwinds; the hook waits for
 * that before it makes sure the folder is gone.
 * <p>
 * Thread-safe: requested from a shutdown hook, checked and ended by the run's thread.
 */
final class RunStop
{
    /** For a run no hook stops: the smoke tests and an embedding caller. */
    static final RunStop NEVER = new RunStop();

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean requested;

    /**
     * Thrown at the start of a phase once a stop was requested; not a failure of the run.
     */
    static final class StoppedException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StoppedException()
        {
            super("stopped before the next phase", null, false, false);
        }
    }

    /**
     * Asks the run to start no further phase.
     */
    void request()
    {
        requested = true;
    }

    /**
     * @throws StoppedException if a stop was requested.
     */
    void throwIfRequested()
    {
        if (requested)
        {
            throw new StoppedException();
        }
    }

    /**
     * Called by the run's thread once it has deleted its scratch folder, or left it to be kept.
     */
    void runEnded()
    {
        ended.countDown();
    }

    /**
     * @param seconds the longest to wait: a phase in progress runs to its end first.
     * @return true if the run ended in time.
     */
    boolean awaitRunEnd(final long seconds)
    {
        try
        {
            return ended.await(seconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
