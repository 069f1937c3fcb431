package org.gridsettle.benchmarks.harness;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import org.gridsettle.engine.pipeline.IdleWorkWaitStrategy;

import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * The engine's threading without the engine: the paced producer hands each tick over a Disruptor configured like the
 * engine's (ring size, single producer, {@link SleepingWaitStrategy}) to a consumer thread that appends the tick's
 * two records to bare Chronicle queues, with the engine's pretouch mode ({@code --pretouch}): in mode {@code idle}
 * the consumer waits with the engine's {@link IdleWorkWaitStrategy} and prepares pages ahead meanwhile. No pricing,
 * ledger or hash chain.
 * <p>
 * Why: next to {@code raw-append} (the same appends on the producer's own thread) it shows what the hand-off and a
 * second busy thread cost in latency on this machine, so the engine's tail can be attributed to its structure or to
 * its work.
 * <p>
 * The calling thread is the producer; the consumer runs on a daemon thread, stopped before returning.
 */
final class HandoffAppendLatency
{
    private HandoffAppendLatency()
    {
    }

    static LatencyResult run(final HarnessConfig config, final long rate, final Path dir)
    {
        try (RawTickAppender appender = new RawTickAppender(dir, config.pretouch()))
        {
            return run(config, rate, appender::append, appender::pretouchIdle);
        }
    }

    /**
     * @param config   sizes, durations and the pretouch mode.
     * @param rate     offered ticks per second.
     * @param append   appends a tick's records, on the consumer thread.
     * @param idleWork the consumer's work while it waits, in pretouch modes that use idle time.
     * @return the latency at that rate.
     */
    static LatencyResult run(
        final HarnessConfig config, final long rate, final LongConsumer append, final IntSupplier idleWork)
    {
        final long warmup = OfferedRateRun.warmupTicks(config, rate);
        final long total = warmup + OfferedRateRun.measuredTicks(config, rate);
        final LatencyRecorder recorder = new LatencyRecorder(total, warmup);
        final long windowStart;
        final WaitStrategy waitStrategy =
            config.pretouch().usesIdleTime() ? new IdleWorkWaitStrategy(idleWork) : new SleepingWaitStrategy();
        final Disruptor<DisruptorHandoffRun.LongSlot> disruptor = new Disruptor<>(
            DisruptorHandoffRun.LongSlot::new, config.ringSize(),
            r ->
            {
                final Thread t = new Thread(r, "handoff-append-consumer");
                t.setDaemon(true);
                return t;
            },
            ProducerType.SINGLE, waitStrategy);
        // the Disruptor's default handler ends the consumer on an exception, after which the producer waits for room
        // in the ring, and the shutdown for it to drain, for ever: this one keeps the first failure, and the consumer
        // then skips the rest of the ticks (another append into a mapping that faulted can crash the JVM), so that
        // both return and the phase fails with it
        final ConsumerFailure failure = new ConsumerFailure();
        final EventHandler<DisruptorHandoffRun.LongSlot> consumer = (slot, sequence, endOfBatch) ->
        {
            if (failure.failed())
            {
                return;
            }
            append.accept(slot.value);
            recorder.done(slot.value, System.nanoTime());
        };
        disruptor.setDefaultExceptionHandler(failure);
        disruptor.handleEventsWith(consumer);
        final RingBuffer<DisruptorHandoffRun.LongSlot> ring = disruptor.start();
        try
        {
            windowStart = OfferedRateRun.pace(rate, total, warmup, recorder, tick ->
            {
                failure.throwIfFailed();
                final long seq = ring.next();
                ring.get(seq).value = tick;
                ring.publish(seq);
            });
        }
        finally
        {
            // drains the ring: every tick is appended and recorded before the queues close
            disruptor.shutdown();
        }
        failure.throwIfFailed();
        return OfferedRateRun.result("handoff-append", rate, total - warmup, windowStart, recorder);
    }

    /**
     * Keeps the consumer's first failure. Written on the consumer thread, read on the producer's.
     */
    private static final class ConsumerFailure implements ExceptionHandler<DisruptorHandoffRun.LongSlot>
    {
        private volatile Throwable first;

        @Override
        public void handleEventException(
            final Throwable ex, final long sequence, final DisruptorHandoffRun.LongSlot event)
        {
            if (first == null)
            {
                first = ex;
            }
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            handleEventException(ex, -1, null);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            handleEventException(ex, -1, null);
        }

        boolean failed()
        {
            return first != null;
        }

        void throwIfFailed()
        {
            final Throwable f = first;
            if (f != null)
            {
                throw new IllegalStateException("the hand-off consumer's append failed: " + f.getMessage(), f);
            }
        }
    }
}
