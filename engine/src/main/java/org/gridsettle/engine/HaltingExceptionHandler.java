package org.gridsettle.engine;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import org.gridsettle.engine.pipeline.BalanceQuery;
import org.gridsettle.engine.pipeline.InputSlot;
import org.gridsettle.journal.JournalWriteException;

import java.nio.file.Path;

/**
 * Halts the engine on any failure of the business-logic thread: it records the failure as the engine's fatal error
 * ({@link SubmissionGate#fatal(Throwable)}), which submissions, {@code close()} and {@code fatalError()} then report,
 * answers the balance queries that thread will never reach, and stops the thread.
 * <p>
 * Threading: the Disruptor calls it on the business-logic thread only. The fatal error is volatile in the gate, so
 * producers and the closing thread see it as soon as it is set.
 */
final class HaltingExceptionHandler implements ExceptionHandler<InputSlot>
{
    private final SubmissionGate gate;
    private final EngineThreads threads;
    private final Path journalDir;

    /**
     * @param gate       the submission gate, which holds the fatal error.
     * @param threads    the engine's threads, whose ring holds the waiting queries.
     * @param journalDir the journal directory, named by a fault in a journal's mapped file.
     */
    HaltingExceptionHandler(final SubmissionGate gate, final EngineThreads threads, final Path journalDir)
    {
        this.gate = gate;
        this.threads = threads;
        this.journalDir = journalDir;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final InputSlot event)
    {
        gate.fatal(inWords(ex));
        failWaitingQueries(sequence);
        // thrown to stop the business-logic thread, which a handler that returns would not; it reaches that
        // thread's uncaught-exception handler, which stays quiet: the halt is reported through the API
        throw new IllegalStateException("gridsettle halted at ring sequence " + sequence, gate.fatal());
    }

    /**
     * Answers every balance query already in the ring with the halt, since this thread will not answer them; a
     * query published after the fatal error was set answers itself ({@code SettlementEngine.queryBalance}). A slot
     * of an earlier lap may still hold its answered query: completing that again does nothing.
     */
    private void failWaitingQueries(final long from)
    {
        final RingBuffer<InputSlot> slots = threads.ringBuffer();
        final IllegalStateException halt = SubmissionGate.halted(gate.fatal());
        for (long s = from, last = slots.getCursor(); s <= last; s++)
        {
            final BalanceQuery query = slots.get(s).query();
            if (query != null)
            {
                query.answer().completeExceptionally(halt);
            }
        }
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        gate.fatal(inWords(ex));
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        gate.fatal(inWords(ex));
    }

    /**
     * A fault in a journal's mapped file that surfaced outside the writer: the JVM reports one met in compiled
     * code at the thread's next safepoint poll, which may be after the write returned (in the logic, or in the
     * idle pretoucher's work). It is the same failure as the writer's own, and is worded the same.
     */
    private Throwable inWords(final Throwable ex)
    {
        if (JournalWriteException.find(ex) == null && JournalWriteException.isMappedFault(ex))
        {
            return JournalWriteException.of(journalDir, ex);
        }
        return ex;
    }
}
