package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a host embeds the engine, in about 30 lines: the example the README points to.
 */
class EmbeddingExampleTest
{
    @TempDir
    Path journal;

    @Test
    void aHostEmbedsTheEngine() throws Exception
    {
        final AtomicLong charged = new AtomicLong();           // listeners run on the engine's thread
        final PostingListener bookkeeper = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec t)
            {
                if (t.debitAccount() == 1001)
                {
                    charged.addAndGet(t.amount());
                }
            }
        };
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).listener(bookkeeper).build()
            .start())
        {
            engine.publishTariff(EngineFixture.tariff());    // off-peak 0.30 per kWh at midnight
            engine.registerAccount(1001);
            engine.enrolMeter(42, 1001, EngineFixture.TARIFF, EngineFixture.START);
            engine.submitTick(42, 0, EngineFixture.START, 900, 400, 0);         // 0.4 kWh: 0.12
            engine.submitCorrection(42, 0, EngineFixture.START, 900, 500, 0);   // actual reading: 0.15
            engine.calendar(CalendarCodec.END_OF_DAY, EngineFixture.START + 86_400, EngineFixture.TARIFF);
            final Balance usd = engine.queryBalance(1001, TokenSymbol.pack("USD")).get();
            assertThat(usd.micros()).isEqualTo(-150_000);    // as of every input before the query
            assertThat(usd.asOfSequence()).isEqualTo(6);
        }
        // 120,000 charged, then 150,000 after the correction's reversal (which credits 1001, not counted here)
        assertThat(charged.get()).isEqualTo(270_000);
    }
}
