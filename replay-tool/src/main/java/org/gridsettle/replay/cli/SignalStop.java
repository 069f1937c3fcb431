package org.gridsettle.replay.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or a {@code kill} (SIGINT, SIGTERM, anything that starts the JVM's shutdown) during a command into a
 * request to stop at the next safe point, so that the command can close its engine and leave a journal that ends
 * with its close checkpoint, instead of one that fails {@code settle verify} until the next run recovers it.
 * <p>
 * The JVM runs shutdown hooks while the other threads go on and halts when the hooks return: the hook here asks the
 * command to stop, then waits, at most {@value #WAIT_SECONDS} s, for it to {@link #close} this, that is to have
 * closed its engine and said what it did. A command that takes longer is halted as by {@code kill -9}, which the
 * journal recovers from. The exit status is then the signal's (130 for SIGINT, 143 for SIGTERM), whatever the
 * command returns.
 * <p>
 * Thread-safe: {@link #requested} is read by the command's thread, set by the hook's.
 */
final class SignalStop implements AutoCloseable
{
    /**
     * Exit code of a command that stopped on a signal, as shells give a process that SIGINT ended (128 + 2); the JVM
     * exits with the signal's own status in any case.
     */
    static final int STOPPED = 130;
    /** Longest a signal waits for the command to close its engine. */
    static final int WAIT_SECONDS = 30;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "settle-stop");
    private volatile boolean requested;

    private SignalStop()
    {
    }

    /**
     * @return a stop request that a shutdown of the JVM raises, until it is closed.
     */
    static SignalStop install()
    {
        final SignalStop stop = new SignalStop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /**
     * @return true once the JVM began to shut down: stop submitting, close the engine, report, then {@link #close}.
     */
    boolean requested()
    {
        return requested;
    }

    /** The command is done (its engine closed, its report printed): a shutdown under way may go on. */
    @Override
    public void close()
    {
        closed.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException e)
        {
            // the JVM is shutting down: the hook is running, and returns now that the command is done
        }
    }

    private void stopAndWait()
    {
        requested = true;
        try
        {
            closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
