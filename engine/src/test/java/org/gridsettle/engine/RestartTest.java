package org.gridsettle.engine;

import org.gridsettle.journal.Journals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RestartTest
{
    @TempDir
    Path tmp;

    @Test
    void anEngineRestartedOnItsJournalRecoversStateAndContinuesTheSameChain()
    {
        final Path once = tmp.resolve("once");
        final SettlementEngine single = SettlementEngine.builder().journalDir(once).build().start();
        try (single)
        {
            EngineFixture.setUp(single, 3);
            EngineFixture.submitDay(single, 3, 96);
        }

        final Path twice = tmp.resolve("twice");
        try (SettlementEngine first = SettlementEngine.builder().journalDir(twice).build().start())
        {
            EngineFixture.setUp(first, 3);
            for (int i = 0; i < 50; i++)
            {
                for (int m = 1; m <= 3; m++)
                {
                    submitFixtureTick(first, m, i);
                }
            }
        }
        final SettlementEngine second = SettlementEngine.builder().journalDir(twice).build().start();
        try (second)
        {
            // meters, tariff and accounts come back from the journal; the tick after the restart is priced
            assertThat(second.recoveredInputs()).isEqualTo(1 + 3 + 3 + 150);
            for (int i = 50; i < 96; i++)
            {
                for (int m = 1; m <= 3; m++)
                {
                    submitFixtureTick(second, m, i);
                }
            }
        }
        assertThat(second.outputDigest()).isEqualTo(single.outputDigest());
        assertThat(EngineFixture.readAll(Journals.output(twice))).hasSize(3 * 96);
        assertThat(second.counters().ticksPriced()).isEqualTo(3 * 96);
    }

    private static void submitFixtureTick(final SettlementEngine engine, final int m, final int i)
    {
        // the same formula as EngineFixture.submitDay, one tick at a time
        final boolean midday = i >= 40 && i < 64;
        final long exportWh = (m % 2 == 0 && midday) ? 150 + m : 0;
        final long importWh = exportWh > 0 ? 0 : 100 + (i * 7 + m * 13) % 400;
        engine.submitTick(m, 0, EngineFixture.START + i * 900L, 900, importWh, exportWh);
    }
}
