package org.gridsettle.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The Disruptor's {@link SleepingWaitStrategy} with a duty cycle: while no input is available, the consumer first
 * runs a piece of idle work, and only when that reports none done does it spin, then yield, then park, exactly as
 * {@link SleepingWaitStrategy} does (200 retries, 100 ns park). The engine gives it the
 * {@link org.gridsettle.journal.pretouch.IdlePretoucher} of its journals and the copying of a pending snapshot
 * capture ({@link SettlementHandler#copyCaptureWhileIdle}), so the business-logic thread prepares its own next pages
 * and completes its captures in the time it would otherwise spin away.
 * <p>
 * Why a wait strategy: it is the only place the consumer's thread is known to be between events, so the idle work
 * runs on the thread that owns the journals and the state, with no third thread competing for a 2-core machine.
 * <p>
 * The idle work must be short (it delays an input that arrives meanwhile by as much) and must report 0 cheaply
 * when it has nothing to do, as it is then called on every retry.
 * <p>
 * Threading: one consumer thread per instance, as the idle work belongs to that thread; never blocks, so
 * {@link #signalAllWhenBlocking()} does nothing.
 */
public final class IdleWorkWaitStrategy implements WaitStrategy
{
    private static final int RETRIES = 200;
    private static final int SPINS_BEFORE_YIELD = 100;
    private static final long PARK_NANOS = 100;

    private final IntSupplier idleWork;

    /**
     * @param idleWork called while waiting; returns how much work it did, 0 when it had none.
     */
    public IdleWorkWaitStrategy(final IntSupplier idleWork)
    {
        this.idleWork = idleWork;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        final IntSupplier idleWork = this.idleWork;
        long available;
        int counter = RETRIES;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (idleWork.getAsInt() > 0)
            {
                // work was found: the next wait starts afresh, with spins, rather than in a park
                counter = RETRIES;
            }
            else if (counter > SPINS_BEFORE_YIELD)
            {
                counter--;
            }
            else if (counter > 0)
            {
                counter--;
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
    }
}
