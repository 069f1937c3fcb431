package org.gridsettle.engine;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.gridsettle.engine.pipeline.IdleWorkWaitStrategy;
import org.gridsettle.engine.pipeline.InputSlot;
import org.gridsettle.engine.pipeline.SettlementHandler;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.pretouch.IdlePretoucher;
import org.gridsettle.journal.pretouch.JournalPretoucher;
import org.gridsettle.journal.pretouch.Pretouch;

import java.nio.file.Path;

/**
 * Starts and stops the engine's threads: the business-logic thread, which a Disruptor runs over the ring, and the
 * journals' pretouchers, on a daemon thread of their own or in the business-logic thread's wait strategy.
 * <p>
 * Threading: {@link #startPretouch} and {@link #startLogicThread} run once each, in that order, on the thread that
 * starts the engine; the stop methods and {@link #pretouchedPages} on the thread that closes it, afterwards. The
 * fields are plain, as they were on the engine: each is written on the starting thread, and the closing thread is
 * that thread (a failed start closes the engine itself) or sees them as it sees the started engine. The
 * business-logic thread also reads {@link #disruptor}, through {@link #ringBuffer}, when an input halts it
 * ({@link HaltingExceptionHandler}): the field is written before the gate is given the ring, so before any input
 * can be published, and the Disruptor's sequences order that write before the thread's read.
 */
final class EngineThreads
{
    private AgentRunner pretouch;
    private IdlePretoucher idlePretouch;
    private Disruptor<InputSlot> disruptor;

    /**
     * Starts the pretouchers the mode asks for and picks the business-logic thread's wait strategy. An optimisation
     * only: a pretoucher that fails gives up on its file and the writers fault for themselves.
     *
     * @param mode       the effective pretouch mode.
     * @param configured the host's wait strategy, or null for the engine's own.
     * @param input      the input journal's writer.
     * @param output     the output journal's writer.
     * @param handler    the business-logic handler, whose pending snapshot capture is copied while it waits.
     * @return the wait strategy for {@link #startLogicThread}.
     */
    WaitStrategy startPretouch(
        final Pretouch mode,
        final WaitStrategy configured,
        final JournalWriter input,
        final JournalWriter output,
        final SettlementHandler handler)
    {
        if (mode.usesThread())
        {
            pretouch = JournalPretoucher.startOnDaemonThread(
                "gridsettle-pretouch", mode.threadIsBackstop(), input.frontier(), output.frontier());
        }
        final WaitStrategy waitStrategy;
        if (mode.usesIdleTime())
        {
            final IdlePretoucher pretoucher =
                new IdlePretoucher(IdlePretoucher.DEFAULT_HEADROOM, input.frontier(), output.frontier());
            idlePretouch = pretoucher;
            // both on the thread that owns them, between inputs: the journals' next pages, then a pending capture
            waitStrategy = new IdleWorkWaitStrategy(() -> pretoucher.doWork() + handler.copyCaptureWhileIdle());
        }
        else if (configured != null)
        {
            waitStrategy = configured;
        }
        else
        {
            // the sleeping wait strategy's duty cycle, with a pending capture copied while it waits
            waitStrategy = new IdleWorkWaitStrategy(handler::copyCaptureWhileIdle);
        }
        return waitStrategy;
    }

    /**
     * Starts the business-logic thread and opens the gate to submissions once it runs.
     *
     * @param waitStrategy how the thread waits for input.
     * @param ringSize     ring entries.
     * @param handler      the business-logic handler.
     * @param gate         the submission gate: told the thread, given the ring once the thread runs, and asked
     *                     whether the ring is multi-producer, so that its producer check always matches the ring.
     * @param journalDir   the journal directory, named by a halt that a journal's mapped file caused.
     */
    void startLogicThread(
        final WaitStrategy waitStrategy,
        final int ringSize,
        final SettlementHandler handler,
        final SubmissionGate gate,
        final Path journalDir)
    {
        final Disruptor<InputSlot> created = new Disruptor<>(
            InputSlot::new,
            ringSize,
            r ->
            {
                final Thread t = new Thread(r, "gridsettle-logic");
                t.setDaemon(true);
                gate.logicThread(t);
                // a halt ends this thread with an exception that fatalError(), submissions and close() report
                t.setUncaughtExceptionHandler((thread, e) ->
                {
                    if (gate.fatal() == null)
                    {
                        // anything else is reported as the JVM would have
                        thread.getThreadGroup().uncaughtException(thread, e);
                    }
                });
                return t;
            },
            gate.multiProducer() ? ProducerType.MULTI : ProducerType.SINGLE,
            waitStrategy);
        created.handleEventsWith(handler);
        created.setDefaultExceptionHandler(new HaltingExceptionHandler(gate, this, journalDir));
        final RingBuffer<InputSlot> started = created.start();
        // only once its thread runs: close() halts a started Disruptor and waits for that thread to leave
        disruptor = created;
        handler.awaitStart();
        gate.open(started);
    }

    /**
     * @return true once the business-logic thread runs: close must then halt or shut it down.
     */
    boolean started()
    {
        return disruptor != null;
    }

    /**
     * @return the started Disruptor's ring, whose waiting balance queries a halt answers.
     */
    RingBuffer<InputSlot> ringBuffer()
    {
        return disruptor.getRingBuffer();
    }

    /** Stops the business-logic thread where it is, for a halted engine: the inputs left in the ring stay there. */
    void halt()
    {
        disruptor.halt();
    }

    /** Stops the business-logic thread once it has applied every input published to the ring. */
    void shutdown()
    {
        disruptor.shutdown();
    }

    /** Stops the pretoucher thread, if any, quietly: it only ever ran ahead of the writers. */
    void closePretouchThread()
    {
        CloseHelper.quietClose(pretouch);
    }

    /** Lets go of the idle pretoucher's mappings, if any, once the journals are closed. */
    void closeIdlePretouch()
    {
        if (idlePretouch != null)
        {
            idlePretouch.close();
        }
    }

    /**
     * @return pages the pretouchers prepared ahead of the writers, 0 with none.
     */
    long pretouchedPages()
    {
        long pages = idlePretouch == null ? 0 : idlePretouch.pagesTouched();
        if (pretouch != null)
        {
            pages += ((JournalPretoucher)pretouch.agent()).pagesTouched();
        }
        return pages;
    }
}
