package org.gridsettle.engine;

import org.gridsettle.engine.pipeline.SettlementHandler;
import org.gridsettle.journal.ThreadEnds;
import org.gridsettle.journal.JournalWriter;

/**
 * The engine's close, run once: it refuses new submissions, waits for those admitted to publish, then either drains
 * the ring, checks the ledger, takes the final snapshot and closes both journals with their close checkpoint (a
 * clean shutdown), or, for an engine that never started or has halted, stops where it is and lets go of the journals
 * exactly as they are, for verify and the next start to see what happened.
 * <p>
 * Threading: {@link #close} runs on any host thread, never the business-logic thread; concurrent calls are
 * serialised on a lock, and every call after the first returns once the first has closed the journals. The engine's
 * start holds the same lock ({@link #lock}), so a close waits for a start in progress. The close flag is set under
 * that lock but is volatile in the {@link SubmissionGate}, where producers read it without one.
 */
final class CloseSequence
{
    /** Held by the one {@link #close} that closes; another waits on it. */
    private final Object closeLock = new Object();
    private final SubmissionGate gate;
    private final EngineThreads threads;
    private final SettlementHandler handler;
    private final JournalWriter input;
    private final JournalWriter output;

    /**
     * @param gate    the submission gate, closed first.
     * @param threads the engine's threads, stopped.
     * @param handler the business-logic handler, whose ledger is checked and snapshots closed.
     * @param input   the input journal's writer.
     * @param output  the output journal's writer, whose close checkpoint binds the input journal's final state.
     */
    CloseSequence(
        final SubmissionGate gate,
        final EngineThreads threads,
        final SettlementHandler handler,
        final JournalWriter input,
        final JournalWriter output)
    {
        this.gate = gate;
        this.threads = threads;
        this.handler = handler;
        this.input = input;
        this.output = output;
    }

    /**
     * @return the lock a close runs under; {@code start()} holds it too, so that a close from another thread waits for
     *         a start in progress rather than closing the journals under its recovery.
     */
    Object lock()
    {
        return closeLock;
    }

    /**
     * Closes the engine unless a close already has, as {@code SettlementEngine.close()} documents.
     *
     * @throws IllegalStateException if the engine had halted, or if called from a listener.
     */
    void close()
    {
        if (Thread.currentThread() == gate.logicThread())
        {
            // the drain below waits for the input this listener is called for, which waits for the listener
            throw new IllegalStateException("close() was called on the business-logic thread, from a listener: it " +
                "would wait for that thread for ever; close from a host thread");
        }
        if (Thread.currentThread() == gate.recoveringOn())
        {
            // start() holds the lock on this thread, so nothing would stop this close letting go of the journals
            // under the recovery that called the listener
            throw new IllegalStateException("close() was called from a listener while start() recovers the journal " +
                "and gives it the outputs recovery appends: close once start() has returned");
        }
        // a second caller (a host's shutdown hook, say) waits for the first to finish: it returned at once, before the
        // journals were closed, and had it come a moment sooner the two would have closed the journals together
        synchronized (closeLock)
        {
            if (gate.closed())
            {
                return;
            }
            gate.markClosed();
            closeOnce();
        }
    }

    private void closeOnce()
    {
        // a submission admitted before close() publishes before the ring is drained, or its input would be lost
        gate.awaitSubmissions();
        threads.closePretouchThread();
        if (!threads.started() || gate.fatal() != null)
        {
            // never started, or halted: no ledger check, no snapshot, no close checkpoint; the journals stay as they
            // are so that verify and the next start see exactly what happened
            if (threads.started())
            {
                threads.halt();
                handler.awaitStop();
                // the handler's stop is signalled from the logic thread a moment before it exits, and no engine
                // thread may outlive close
                ThreadEnds.awaitEnd(gate.logicThread());
            }
            try
            {
                // a periodic snapshot already captured is a consistent state: let it reach the disk
                handler.closeSnapshots();
            }
            finally
            {
                releaseJournals();
            }
            if (gate.fatal() != null)
            {
                throw SubmissionGate.halted(gate.fatal());
            }
            return;
        }
        try
        {
            threads.shutdown();
            handler.awaitStop();
            ThreadEnds.awaitEnd(gate.logicThread());
            if (gate.fatal() == null)
            {
                handler.logic().ledger().checkBalanced();
                handler.snapshot();
            }
        }
        finally
        {
            try
            {
                handler.closeSnapshots();
            }
            finally
            {
                releaseJournals();
            }
        }
        if (gate.fatal() != null)
        {
            throw SubmissionGate.halted(gate.fatal());
        }
    }

    /**
     * Closes both journals with their close checkpoints, or, once the engine has halted, abandons them without: a
     * halt the drain ran into leaves the journals as a halt found by close leaves them, so that the bytes of a halted
     * engine's journals do not depend on whether the halt came before close() or during its drain.
     */
    private void releaseJournals()
    {
        final boolean halted = gate.fatal() != null;
        // the output journal is let go even when the input journal's close fails; of two failures the input
        // journal's, the first, is thrown, and the output journal's is not lost: it rides along as a suppressed one
        RuntimeException failed = null;
        try
        {
            if (halted)
            {
                input.abandon();
            }
            else
            {
                input.close();
            }
        }
        catch (final RuntimeException e)
        {
            failed = e;
        }
        try
        {
            if (halted)
            {
                output.abandon();
            }
            else
            {
                // the output journal's close checkpoint binds the input journal's final state
                output.close(input.dataRecords(), input.digest());
            }
        }
        catch (final RuntimeException e)
        {
            if (failed == null)
            {
                failed = e;
            }
            else
            {
                failed.addSuppressed(e);
            }
        }
        finally
        {
            threads.closeIdlePretouch();
        }
        if (failed != null)
        {
            throw failed;
        }
    }
}
