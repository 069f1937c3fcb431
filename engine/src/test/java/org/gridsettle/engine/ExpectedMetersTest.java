package org.gridsettle.engine;

import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sizing the per-meter state up front ({@code expectedMeters}) changes memory, never results: the same inputs give
 * the same output digest whether the state was reserved, reserved too small (it still grows), or grown from small.
 */
class ExpectedMetersTest
{
    @TempDir
    Path tmp;

    @Test
    void reservingStateForTheFleetGivesTheSameOutputs()
    {
        final long grown = run(tmp.resolve("grown"), 0);
        assertThat(run(tmp.resolve("reserved"), 300)).isEqualTo(grown);
        assertThat(run(tmp.resolve("too-small"), 7)).isEqualTo(grown);
    }

    private static long run(final Path dir, final int expectedMeters)
    {
        final SettlementEngine engine =
            SettlementEngine.builder().journalDir(dir).expectedMeters(expectedMeters).build().start();
        try (engine)
        {
            engine.publishTariff(EngineFixture.tariff());
            for (int m = 1; m <= 250; m++)
            {
                engine.registerAccount(1000 + m);
                engine.enrolMeter(m, 1000 + m, EngineFixture.TARIFF, EngineFixture.START);
            }
            for (int i = 0; i < 4; i++)
            {
                for (int m = 1; m <= 250; m++)
                {
                    engine.submitTick(m, MeterTickCodec.CHANNEL_MAIN, EngineFixture.START + i * 900L, 900,
                        100 + m % 7, m % 3 == 0 ? 50 : 0);
                }
            }
        }
        assertThat(engine.counters().ticksPriced()).isEqualTo(1_000);
        return engine.outputDigest();
    }
}
