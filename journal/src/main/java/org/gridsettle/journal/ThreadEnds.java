package org.gridsettle.journal;

/**
 * Waits for a thread to end, for a caller about to close what the thread used and which promises that the thread does
 * not outlive it: a thread told to stop (a Disruptor's, an executor's, a {@link SideTask}'s) has signalled its last
 * work a moment before it is gone.
 * <p>
 * Threading: call from the closing thread, never from the thread awaited.
 */
public final class ThreadEnds
{
    private ThreadEnds()
    {
    }

    /**
     * Joins the thread without giving up on an interrupt, which is kept for the caller: what the thread used is
     * about to be closed.
     *
     * @param thread the thread, already told to stop; null for none, which returns at once.
     */
    public static void awaitEnd(final Thread thread)
    {
        boolean interrupted = false;
        while (thread != null)
        {
            try
            {
                thread.join();
                break;
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
