package org.gridsettle.journal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work run on a daemon thread of its own while the caller does another, such as verifying the input
 * journal while the caller verifies the output journal. Its result is awaited without giving up on an interrupt:
 * the work holds a journal open, and leaving it behind would leak it. The interrupt is kept for the caller.
 * <p>
 * Threading: started and joined by one owning thread.
 *
 * @param <T> the work's result.
 */
public final class SideTask<T>
{
    private final FutureTask<T> task;
    private final Thread thread;

    private SideTask(final Callable<T> work, final String threadName)
    {
        this.task = new FutureTask<>(work);
        this.thread = new Thread(task, threadName);
    }

    /**
     * @param threadName name of the thread, for thread dumps.
     * @param work       must throw nothing checked.
     * @param <T>        its result.
     * @return the running task.
     */
    public static <T> SideTask<T> start(final String threadName, final Callable<T> work)
    {
        final SideTask<T> side = new SideTask<>(work, threadName);
        side.thread.setDaemon(true);
        side.thread.start();
        return side;
    }

    /**
     * Waits for the work to finish and its thread to end: the result is ready a moment before the thread is gone,
     * and a caller that closes what the work used must not find the thread still alive.
     *
     * @return its result.
     * @throws RuntimeException or {@link Error}: what the work threw, as it threw it.
     */
    public T join()
    {
        ThreadEnds.awaitEnd(thread);
        try
        {
            // done: get() returns at once and does not look at the interrupt flag
            return task.get();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading a finished side task's result", e);
        }
        catch (final ExecutionException e)
        {
            final Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            if (cause instanceof Error error)
            {
                throw error;
            }
            throw new IllegalStateException("checked exception from side task", cause);
        }
    }
}
