package org.gridsettle.benchmarks.harness;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

/**
 * The ceiling of the engine's hand-off: a single-producer, single-consumer Disruptor with the engine's ring size
 * and its default wait strategy ({@link SleepingWaitStrategy}), moving one long per event and doing no work.
 * <p>
 * The calling thread is the producer; the consumer runs on its own daemon thread, stopped before returning.
 */
public final class DisruptorHandoffRun
{
    private DisruptorHandoffRun()
    {
    }

    /**
     * @param config sizes: {@link HarnessConfig#handoffEvents()} events, the warm-up share first.
     * @return events per second.
     */
    public static ThroughputResult run(final HarnessConfig config)
    {
        final long events = config.handoffEvents();
        final long warmup = (long)(events * config.warmupFraction());
        final Disruptor<LongSlot> disruptor = new Disruptor<>(LongSlot::new, config.ringSize(),
            r ->
            {
                final Thread t = new Thread(r, "handoff-consumer");
                t.setDaemon(true);
                return t;
            },
            ProducerType.SINGLE, new SleepingWaitStrategy());
        final Consumer consumer = new Consumer();
        disruptor.handleEventsWith(consumer);
        final RingBuffer<LongSlot> ring = disruptor.start();
        try
        {
            publish(ring, 0, warmup);
            Await.reach(consumer::consumed, warmup, () -> null);
            final long start = System.nanoTime();
            publish(ring, warmup, events);
            final long end = Await.reach(consumer::consumed, events, () -> null);
            return new ThroughputResult(events - warmup, end - start, -1);
        }
        finally
        {
            disruptor.shutdown();
        }
    }

    private static void publish(final RingBuffer<LongSlot> ring, final long from, final long to)
    {
        for (long i = from; i < to; i++)
        {
            final long seq = ring.next();
            ring.get(seq).value = i;
            ring.publish(seq);
        }
    }

    /**
     * A ring entry holding one long.
     */
    static final class LongSlot
    {
        long value;
    }

    private static final class Consumer implements EventHandler<LongSlot>
    {
        private long sum;
        private volatile long consumed;

        @Override
        public void onEvent(final LongSlot event, final long sequence, final boolean endOfBatch)
        {
            sum += event.value;
            if (endOfBatch)
            {
                consumed = sequence + 1;
            }
        }

        long consumed()
        {
            return consumed;
        }
    }
}
