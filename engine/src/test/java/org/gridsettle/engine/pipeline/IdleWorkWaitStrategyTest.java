package org.gridsettle.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wait strategy runs its idle work on the waiting thread, only while nothing is available, and still returns as
 * soon as an input is, and stops when the consumer is halted. The idle work here publishes the awaited sequence
 * itself after a few calls, so every count is exact and nothing depends on timing. A strategy that never called it
 * would wait for ever: the time-out turns that into a failure.
 */
@Timeout(30)
class IdleWorkWaitStrategyTest
{
    @Test
    void runsTheIdleWorkUntilTheSequenceIsAvailable() throws Exception
    {
        final Sequence dependent = new Sequence(-1);
        final AtomicInteger calls = new AtomicInteger();
        final Thread waiter = Thread.currentThread();
        final IdleWorkWaitStrategy strategy = new IdleWorkWaitStrategy(() ->
        {
            assertThat(Thread.currentThread()).isSameAs(waiter);
            if (calls.incrementAndGet() == 5)
            {
                dependent.set(3);
            }
            return 1;
        });
        final SequenceBarrier barrier = barrier(strategy);

        assertThat(strategy.waitFor(0, dependent, dependent, barrier)).isEqualTo(3);
        assertThat(calls).hasValue(5);

        // available at once: no idle work at all
        assertThat(strategy.waitFor(2, dependent, dependent, barrier)).isEqualTo(3);
        assertThat(calls).hasValue(5);
    }

    @Test
    void goesOnWaitingWhenTheIdleWorkHasNothingToDo() throws Exception
    {
        final Sequence dependent = new Sequence(-1);
        final AtomicInteger calls = new AtomicInteger();
        // past the spins and the yields (200 retries) into the parks, and out again when the input arrives
        final IntSupplier idle = () ->
        {
            if (calls.incrementAndGet() == 500)
            {
                dependent.set(0);
            }
            return 0;
        };
        final IdleWorkWaitStrategy strategy = new IdleWorkWaitStrategy(idle);

        assertThat(strategy.waitFor(0, dependent, dependent, barrier(strategy))).isZero();
        assertThat(calls).hasValue(500);
    }

    @Test
    void stopsWhenTheConsumerIsHalted()
    {
        final Sequence dependent = new Sequence(-1);
        final SequenceBarrier[] barrier = new SequenceBarrier[1];
        final AtomicInteger calls = new AtomicInteger();
        final IdleWorkWaitStrategy strategy = new IdleWorkWaitStrategy(() ->
        {
            if (calls.incrementAndGet() == 3)
            {
                barrier[0].alert();
            }
            return 1;
        });
        barrier[0] = barrier(strategy);

        assertThatThrownBy(() -> strategy.waitFor(0, dependent, dependent, barrier[0]))
            .isInstanceOf(AlertException.class);
        assertThat(calls).hasValue(3);
    }

    private static SequenceBarrier barrier(final IdleWorkWaitStrategy strategy)
    {
        return RingBuffer.createSingleProducer(() -> new long[1], 8, strategy).newBarrier();
    }
}
