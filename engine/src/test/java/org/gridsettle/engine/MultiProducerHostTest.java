package org.gridsettle.engine;

import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host with a meter-feed thread per account on a {@code multiProducer(true)} engine, each asking for its account's
 * balance after every tick it submits: the queryBalance Javadoc says the answer reflects every input submitted before
 * the query, so each answer is exactly the charges of the ticks that thread has submitted, whatever the other
 * threads are doing; and the answers' sequences never go back.
 */
class MultiProducerHostTest
{
    private static final int FEEDS = 3;
    private static final int TICKS = 96;
    private static final long USD = TokenSymbol.pack("USD");

    @TempDir
    Path dir;

    @Test
    void eachFeedsBalanceReflectsEveryTickItSubmittedBeforeAsking() throws Exception
    {
        final SettlementEngine engine =
            SettlementEngine.builder().journalDir(dir).multiProducer(true).ringSize(64).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, FEEDS);                         // meters 1..3 on accounts 1001..1003
            final CountDownLatch go = new CountDownLatch(1);
            final List<CompletableFuture<Void>> feeds = new ArrayList<>();
            for (int f = 1; f <= FEEDS; f++)
            {
                final int meter = f;
                feeds.add(CompletableFuture.runAsync(() -> feed(engine, meter, go)));
            }
            go.countDown();
            CompletableFuture.allOf(feeds.toArray(new CompletableFuture[0])).get();
            assertThat(engine.fatalError()).isNull();
        }
    }

    private static void feed(final SettlementEngine engine, final int meter, final CountDownLatch go)
    {
        try
        {
            go.await();
            long charged = 0;
            long lastSequence = 0;
            for (int i = 0; i < TICKS; i++)
            {
                engine.submitTick(meter, 0, EngineFixture.START + 900L * i, 900, 100 * meter, 0);
                // the fixture tariff: 16:00-21:00 local is peak; 0.1 kWh x meter at 0.30 or 0.50 per kWh
                final int hour = i / 4;
                final long rate = hour >= 16 && hour < 21 ? EngineFixture.PEAK_IMPORT : EngineFixture.OFF_PEAK_IMPORT;
                charged += rate * 100 * meter / 1000;
                final Balance balance = engine.queryBalance(1000 + meter, USD).get();
                assertThat(balance.micros()).as("meter %d after tick %d", meter, i).isEqualTo(-charged);
                assertThat(balance.asOfSequence()).isGreaterThan(lastSequence);
                lastSequence = balance.asOfSequence();
            }
        }
        catch (final Exception e)
        {
            throw new AssertionError(e);
        }
    }
}
