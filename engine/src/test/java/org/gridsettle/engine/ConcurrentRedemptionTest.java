package org.gridsettle.engine;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentRedemptionTest
{
    private static final long SOLAR = TokenSymbol.pack("SOLAR");

    @TempDir
    Path dir;

    @Test
    void redemptionsFromSeveralHostThreadsNeverOverdraw() throws Exception
    {
        final int threads = 4;
        final int perThread = 500;
        final SettlementEngine engine =
            SettlementEngine.builder().journalDir(dir).multiProducer(true).ringSize(256).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);
            // 2 kWh exported at noon at 50,000 µ/kWh = 100,000 µ SOLAR: room for exactly 1,000 redemptions of 100
            engine.submitTick(1, 0, EngineFixture.START + 12 * 3600, 900, 0, 2_000);
            final CountDownLatch go = new CountDownLatch(1);
            final List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                final Thread producer = new Thread(() ->
                {
                    try
                    {
                        go.await();
                    }
                    catch (final InterruptedException e)
                    {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++)
                    {
                        engine.redeem(thread * 1_000_000L + i, 1001, SOLAR, 100);
                    }
                });
                producer.start();
                producers.add(producer);
            }
            go.countDown();
            for (final Thread p : producers)
            {
                p.join();
            }
        }
        final int solar = engine.ledger().findToken(SOLAR);
        assertThat(engine.ledger().balance(1001, solar)).isZero();
        assertThat(engine.ledger().balance(SystemAccounts.ISSUANCE, solar)).isZero();
        final Outputs out = Outputs.of(dir);
        final long burns = out.all().stream().filter(r -> Outputs.type(r) == 101)
            .filter(r -> Outputs.transfer(r).reasonCode() == ReasonCode.REDEMPTION.code()).count();
        final long refused = out.all().stream().filter(r -> Outputs.type(r) == 102)
            .filter(r -> Outputs.rejection(r) == ReasonCode.INSUFFICIENT_BALANCE).count();
        // 2,000 requests of 100 against 100,000: exactly 1,000 succeed, whatever the interleaving
        assertThat(burns).isEqualTo(1_000);
        assertThat(refused).isEqualTo(threads * perThread - 1_000);
    }
}
