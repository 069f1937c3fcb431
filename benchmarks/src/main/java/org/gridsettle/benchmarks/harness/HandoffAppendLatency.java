package org.gridsettle.benchmarks.harness;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import org.gridsettle.engine.pipeline.IdleWorkWaitStrategy;

import java.nio.file.Path;

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
        final long warmup = OfferedRateRun.warmupTicks(config, rate);
        final long total = warmup + OfferedRateRun.measuredTicks(config, rate);
        final LatencyRecorder recorder = new LatencyRecorder(total, warmup);
        final long windowStart;
        try (RawTickAppender appender = new RawTickAppender(dir, config.pretouch()))
        {
            final WaitStrategy waitStrategy =
                config.pretouch().usesIdleTime() ?
                new IdleWorkWaitStrategy(appender::pretouchIdle) : new SleepingWaitStrategy();
            final Disruptor<DisruptorHandoffRun.LongSlot> disruptor = new Disruptor<>(
                DisruptorHandoffRun.LongSlot::new, config.ringSize(),
                r ->
                {
                    final Thread t = new Thread(r, "handoff-append-consumer");
                    t.setDaemon(true);
                    return t;
                },
                ProducerType.SINGLE, waitStrategy);
            final EventHandler<DisruptorHandoffRun.LongSlot> consumer = (slot, sequence, endOfBatch) ->
            {
                appender.append(slot.value);
                recorder.done(slot.value, System.nanoTime());
            };
            disruptor.handleEventsWith(consumer);
            final RingBuffer<DisruptorHandoffRun.LongSlot> ring = disruptor.start();
            try
            {
                windowStart = OfferedRateRun.pace(rate, total, warmup, recorder, tick ->
                {
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
        }
        return OfferedRateRun.result("handoff-append", rate, total - warmup, windowStart, recorder);
    }
}
