package org.gridsettle.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.gridsettle.engine.pipeline.InputSlot;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * The way every submission takes into the ring: it admits a submission only while the engine runs, counts it until
 * its input is published so that a close can wait for it, refuses a second producer thread on a single-producer
 * ring, and claims ring slots without ever waiting for a business-logic thread that will not free one. It also holds
 * the engine's run state that admission checks: the ring once started, the halt, the close, and the business-logic
 * thread.
 * <p>
 * Threading: {@link #enter}, {@link #claim}, {@link #tryAdmitAndClaim}, {@link #slot}, {@link #publish} and
 * {@link #leave} run on producer threads (host threads, or a listener on the business-logic thread), concurrently
 * when the ring is multi-producer. {@link #markClosed} and {@link #awaitSubmissions} run on the one closing thread,
 * under the engine's close lock. {@link #fatal(Throwable)} is called on the business-logic thread when it halts, or
 * on the starting thread when the start fails; {@link #logicThread(Thread)} on the thread that starts the logic
 * thread, {@link #open} once on the starting thread after the logic thread runs, and {@link #recoveringOn(Thread)}
 * on the starting thread around recovery.
 * <p>
 * Ordering: the submission count, the close flag, the fatal error and the logic thread are volatile. A producer
 * increments the count, then reads the close flag; the closing thread sets the flag, then reads the count: being
 * volatile, at least one of the two sees the other, so a submission is either refused or waited for (see
 * {@link #enter}). The ring and the producer thread are plain fields, as they were on the engine: the ring is
 * written once, on the starting thread before {@code start()} returns, and a thread that submits sees it as it sees
 * the started engine, through whatever the host handed the engine over with (a thread start, a lock, a volatile);
 * one that saw no ring would be told the engine is not running. The producer is written under this gate's lock.
 */
final class SubmissionGate
{
    /** What {@link #tryAdmitAndClaim} returns for a full ring: sequences start at 0. */
    static final long RING_FULL = -1;

    private static final AtomicIntegerFieldUpdater<SubmissionGate> SUBMITTING =
        AtomicIntegerFieldUpdater.newUpdater(SubmissionGate.class, "submitting");

    private final boolean multiProducer;
    private RingBuffer<InputSlot> ring;
    private volatile Throwable fatal;
    /** Set once by the engine's close; a submission admitted after it is refused ({@link #enter}). */
    private volatile boolean closed;
    /** Submissions admitted and not yet published or failed; close waits for none to be left. */
    private volatile int submitting;
    /** The thread running {@code start()}'s recovery, which calls listeners before the ring runs; else null. */
    private volatile Thread recoveringOn;
    /** The business-logic thread, on which listeners run: it must not wait for itself ({@link #claim}, close). */
    private volatile Thread logicThread;
    /**
     * The host thread that submits to a single-producer ring, set once by its first submission; read without a lock
     * on the submission path, where a thread sees either itself (it set the field) or a value that sends it to the
     * locked check ({@link #checkProducer}).
     */
    private Thread producer;

    /**
     * @param multiProducer true if several host threads may submit; false to refuse all but the first.
     */
    SubmissionGate(final boolean multiProducer)
    {
        this.multiProducer = multiProducer;
    }

    /**
     * @return true if several host threads may submit: the ring must then be multi-producer.
     */
    boolean multiProducer()
    {
        return multiProducer;
    }

    /**
     * Opens the gate: submissions are admitted from now on.
     *
     * @param started the ring, once its business-logic thread runs.
     */
    void open(final RingBuffer<InputSlot> started)
    {
        ring = started;
    }

    /**
     * @param seq a sequence claimed through this gate.
     * @return its slot, to encode the input into before it is published.
     */
    InputSlot slot(final long seq)
    {
        return ring.get(seq);
    }

    /**
     * @return the error that halted the engine, or null; a volatile read.
     */
    Throwable fatal()
    {
        return fatal;
    }

    /**
     * Records the error that halts the engine: from now on admission and claims refuse, naming it.
     *
     * @param e the error.
     */
    void fatal(final Throwable e)
    {
        fatal = e;
    }

    /**
     * @param thread the thread on which {@code start()} re-applies the journal, giving listeners the outputs it
     *               appends; null once it has.
     */
    void recoveringOn(final Thread thread)
    {
        this.recoveringOn = thread;
    }

    /**
     * @return the thread running {@code start()}'s recovery, or null; a volatile read.
     */
    Thread recoveringOn()
    {
        return recoveringOn;
    }

    /**
     * @return true once the engine's close has begun; a volatile read.
     */
    boolean closed()
    {
        return closed;
    }

    /** Refuses every submission admitted from now on; the caller then {@link #awaitSubmissions waits} for the rest. */
    void markClosed()
    {
        closed = true;
    }

    /**
     * @return the business-logic thread, or null before it is created; a volatile read.
     */
    Thread logicThread()
    {
        return logicThread;
    }

    /**
     * @param thread the business-logic thread, as its factory creates it.
     */
    void logicThread(final Thread thread)
    {
        logicThread = thread;
    }

    /**
     * Claims the next ring slot, waiting while the ring is full as {@code ring.next()} does, but only while the engine
     * runs: a halted business-logic thread frees no slot, so a producer parked in {@code next()} would wait for ever
     * (a full disk halted {@code settle ingest} that way, its reader thread parked with the ring full). No allocation:
     * the Disruptor's capacity exception is a preallocated singleton.
     *
     * @return the claimed sequence.
     * @throws IllegalStateException once the engine has halted, or on the business-logic thread (a listener's
     *                               submission), which would wait for itself.
     */
    long claim()
    {
        while (true)
        {
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException e)
            {
                final Throwable f = fatal;
                if (f != null)
                {
                    throw halted(f);
                }
                if (Thread.currentThread() == logicThread)
                {
                    // only a full ring gets here: a listener's submission that fits costs nothing to check
                    throw new IllegalStateException("a listener submitted to a full ring: only the business-logic " +
                        "thread it runs on frees a slot, so it would wait for ever; submit from a host thread");
                }
                LockSupport.parkNanos(1L);
            }
        }
    }

    /**
     * Publishes a slot claimed with {@link #claim}; the submission stays admitted until its {@link #leave}.
     *
     * @param seq the claimed sequence.
     */
    void publish(final long seq)
    {
        ring.publish(seq);
    }

    static IllegalStateException halted(final Throwable f)
    {
        return new IllegalStateException("engine halted: " + f.getMessage(), f);
    }

    /**
     * Admits a submission, to be paired with {@link #leave}: counted first, then checked, so that close either
     * counts it and waits for its input to be published before it drains the ring, or it sees the engine closed and
     * refuses. Checked first and counted after, a producer could pass the check, be descheduled while close drained
     * the ring and stopped the business-logic thread, then publish an input that nothing would ever journal, its
     * submit returning normally (or, the ring full, park for ever).
     */
    void enter()
    {
        SUBMITTING.getAndIncrement(this);
        try
        {
            final Throwable f = fatal;
            if (f != null)
            {
                throw halted(f);
            }
            if (closed)
            {
                throw new IllegalStateException("engine is not running: it was closed, and nothing of this was " +
                    "submitted; build a new engine on the journal directory to submit more");
            }
            if (ring == null)
            {
                throw new IllegalStateException(Thread.currentThread() == recoveringOn
                    ? "engine is not running yet: a listener submitted while start() recovers the journal and " +
                        "gives it the outputs recovery appends; nothing of it was submitted, and nothing can be " +
                        "until start() returns"
                    : "engine is not running: start() has not returned; call it before submitting");
            }
            if (Thread.currentThread() != producer && !multiProducer)
            {
                checkProducer();
            }
        }
        catch (final RuntimeException | Error e)
        {
            leave();
            throw e;
        }
    }

    void leave()
    {
        SUBMITTING.getAndDecrement(this);
    }

    /**
     * Admits a submission of one fixed-size input and claims its slot; {@link #publishAndLeave} ends it.
     *
     * @return the claimed sequence.
     */
    long admitAndClaim()
    {
        enter();
        try
        {
            return claim();
        }
        catch (final RuntimeException | Error e)
        {
            leave();
            throw e;
        }
    }

    /**
     * Admits a submission of one fixed-size input and claims its slot unless the ring is full, without waiting;
     * {@link #publishAndLeave} ends it.
     *
     * @return the claimed sequence, or {@link #RING_FULL} with the submission not admitted.
     */
    long tryAdmitAndClaim()
    {
        enter();
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException e)
        {
            leave();
            return RING_FULL;
        }
    }

    void publishAndLeave(final long seq)
    {
        try
        {
            ring.publish(seq);
        }
        finally
        {
            leave();
        }
    }

    /**
     * Waits until every submission admitted before {@link #markClosed} has published its input or failed. Each holds
     * a slot already, or waits for one that the business-logic thread, still running, frees, or gives up once the
     * engine has halted; so the wait ends.
     */
    void awaitSubmissions()
    {
        while (submitting != 0)
        {
            LockSupport.parkNanos(1_000L);
        }
    }

    /**
     * Refuses a submission to a single-producer ring from a second thread before it claims a slot: two threads
     * claiming slots of a single-producer ring at once would overwrite each other's inputs, losing some without an
     * error. Always on, at the cost of one reference comparison a submission; until 2026-11-27 it was checked under
     * {@code -ea} only. It stands in for the Disruptor's own check of the same rule, which the build turns off
     * ({@code -da:com.lmax.disruptor...}) because it keeps every single-producer ring it ever checked in a static map,
     * so no closed engine's ring is ever collected (Disruptor 4.0.0's
     * {@code SingleProducerSequencer.ProducerThreadAssertion}); this one forgets the thread with the engine.
     */
    private synchronized void checkProducer()
    {
        final Thread current = Thread.currentThread();
        if (producer == null)
        {
            producer = current;
        }
        else if (producer != current && current == logicThread)
        {
            throw new IllegalStateException("a listener submitted to a single-producer engine: the business-logic " +
                "thread it runs on would be a second producer beside " + producer + ", so nothing of it was " +
                "submitted; build the engine with multiProducer(true) for listeners to submit");
        }
        else if (producer != current)
        {
            throw new IllegalStateException("a single-producer engine was given input from " + current + " after " +
                producer + "; nothing of it was submitted: build the engine with multiProducer(true) to submit " +
                "from several threads");
        }
    }
}
