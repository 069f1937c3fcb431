package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sustained overload through {@link SettlementEngine#trySubmitTick}: {@value #PRODUCERS} host threads each push
 * {@value #INTERVALS} ticks as fast as they can into a multi-producer engine with a ring of {@value #RING} slots,
 * retrying a refused tick at once with a new value (the attempt number is in its import), so the producers outrun the
 * one business-logic thread for the whole run. The journal must hold, for each interval, exactly the one attempt
 * that was accepted: every accepted tick journalled and priced once, no refused attempt anywhere (a refused value
 * that reached the journal would show as an extra input and a conflicting-duplicate rejection), the ledger exact to
 * the micro-unit against prices computed here independently, and the heap no bigger afterwards than a generous bound.
 * <p>
 * The first transfer is held on the business-logic thread until every producer has been refused at least once, so
 * overload is certain rather than a matter of timing. No assertion depends on timing.
 */
class BackPressureTest
{
    private static final int PRODUCERS = 4;
    /** 15-minute intervals per meter: 41 days from 2026-03-02, so within two open billing periods (March, April). */
    private static final int INTERVALS = 4_000;
    private static final int RING = 1024;
    /** Generous: refused attempts (typically millions here) must not pile up anywhere on the heap. */
    private static final long HEAP_GROWTH_BOUND = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void everyAcceptedTickIsJournalledAndPricedOnceAndEveryRefusedOneWasReportedAsRefused() throws Exception
    {
        final CountDownLatch everyProducerRefused = new CountDownLatch(PRODUCERS);
        final PostingListener gate = new PostingListener()
        {
            private boolean opened;

            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                if (!opened)
                {
                    opened = true;
                    await(everyProducerRefused);
                }
            }
        };
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).ringSize(RING)
            .multiProducer(true).snapshots(false).listener(gate).build().start();
        final int[][] acceptedAttempt = new int[PRODUCERS][INTERVALS];
        final long[] refused = new long[PRODUCERS];
        final long heapBefore;
        final long heapAfter;
        try (engine)
        {
            EngineFixture.setUp(engine, PRODUCERS);
            heapBefore = usedHeapAfterGc();
            final Thread[] producers = new Thread[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producer = p;
                producers[p] = new Thread(() ->
                {
                    boolean told = false;
                    for (int k = 0; k < INTERVALS; k++)
                    {
                        int attempt = 0;
                        while (!engine.trySubmitTick(producer + 1, MeterTickCodec.CHANNEL_MAIN, start(k), 900,
                            importWh(producer, k, attempt), 0))
                        {
                            attempt++;
                            refused[producer]++;
                            if (!told)
                            {
                                told = true;
                                everyProducerRefused.countDown();
                            }
                        }
                        acceptedAttempt[producer][k] = attempt;
                    }
                }, "producer-" + p);
                producers[p].start();
            }
            for (final Thread producer : producers)
            {
                producer.join(TimeUnit.MINUTES.toMillis(5));
                assertThat(producer.isAlive()).as(producer.getName() + " finished").isFalse();
            }
            heapAfter = usedHeapAfterGc();
        }

        final long acceptedCount = (long)PRODUCERS * INTERVALS;
        long refusedCount = 0;
        long expectedPosted = 0;
        final long[] expectedByMeter = new long[PRODUCERS + 1];
        for (int p = 0; p < PRODUCERS; p++)
        {
            assertThat(refused[p]).as("producer %d was refused (the gate guarantees it)", p).isPositive();
            refusedCount += refused[p];
            long retries = 0;
            for (int k = 0; k < INTERVALS; k++)
            {
                retries += acceptedAttempt[p][k];
                final long charge = importWh(p, k, acceptedAttempt[p][k]) * rateMicrosPerKwh(start(k)) / 1000;
                expectedByMeter[p + 1] += charge;
                expectedPosted += charge;
            }
            assertThat(retries).as("producer %d: refusals are the retries", p).isEqualTo(refused[p]);
        }
        final long setUp = 1 + 2L * PRODUCERS;
        final EngineCounters counters = engine.counters();
        assertThat(counters.inputs()).isEqualTo(setUp + acceptedCount);
        assertThat(counters.ticksPriced()).isEqualTo(acceptedCount);
        assertThat(counters.rejections()).isZero();
        assertThat(counters.outputs()).isEqualTo(acceptedCount);

        final int[][] journalled = journalledAttempts();
        for (int p = 0; p < PRODUCERS; p++)
        {
            assertThat(journalled[p]).as("attempt journalled per interval, producer %d", p)
                .isEqualTo(acceptedAttempt[p]);
        }

        final Ledger ledger = engine.ledger();
        ledger.checkBalanced();
        final int usd = ledger.findToken(TokenSymbol.pack("USD"));
        assertThat(ledger.totalPosted(usd)).isEqualTo(expectedPosted);
        for (int m = 1; m <= PRODUCERS; m++)
        {
            assertThat(ledger.balance(1000 + m, usd)).as("account %d", 1000 + m).isEqualTo(-expectedByMeter[m]);
        }
        assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes (before %d, after %d)", heapBefore,
            heapAfter).isLessThan(HEAP_GROWTH_BOUND);
        System.out.printf("back-pressure: %d offered, %d accepted, %d refused, heap after GC %d -> %d bytes%n",
            acceptedCount + refusedCount, acceptedCount, refusedCount, heapBefore, heapAfter);
    }

    /**
     * @return for each producer and interval, the attempt number found in the journalled tick, or -1 if none.
     */
    private int[][] journalledAttempts()
    {
        final int[][] journalled = new int[PRODUCERS][INTERVALS];
        for (final int[] row : journalled)
        {
            java.util.Arrays.fill(row, -1);
        }
        final MeterTickCodec tick = new MeterTickCodec();
        final org.agrona.concurrent.UnsafeBuffer copy = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        try (JournalReader reader = new JournalReader(Journals.input(tmp)))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.METER_TICK.id())
                {
                    buffer.getBytes(offset, copy, 0, length);
                    tick.wrap(copy, 0);
                    final int producer = (int)tick.meterId() - 1;
                    final int k = (int)((tick.intervalStart() - EngineFixture.START) / 900);
                    assertThat(journalled[producer][k]).as("interval %d of producer %d journalled twice", k,
                        producer).isEqualTo(-1);
                    journalled[producer][k] = attemptOf(producer, k, tick.importWh());
                }
            }))
            {
                // reading
            }
        }
        return journalled;
    }

    private static long start(final int k)
    {
        return EngineFixture.START + 900L * k;
    }

    /**
     * Multiples of 10 Wh, so every charge is a whole number of micro-units and no rounding is involved; the attempt
     * number is recoverable from the value.
     */
    private static long importWh(final int producer, final int k, final int attempt)
    {
        return 10L * (1 + (k * 7 + producer) % 50) + 1_000L * attempt;
    }

    private static int attemptOf(final int producer, final int k, final long importWh)
    {
        return (int)((importWh - importWh(producer, k, 0)) / 1_000L);
    }

    /** The fixture tariff, restated: 16:00-21:00 Los Angeles time is peak, every day. */
    private static long rateMicrosPerKwh(final long start)
    {
        final int hour = Instant.ofEpochSecond(start).atZone(EngineFixture.ZONE).getHour();
        return hour >= 16 && hour < 21 ? EngineFixture.PEAK_IMPORT : EngineFixture.OFF_PEAK_IMPORT;
    }

    private static long usedHeapAfterGc()
    {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            if (!latch.await(5, TimeUnit.MINUTES))
            {
                throw new IllegalStateException("producers were never refused");
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
