package org.gridsettle.engine;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
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

    @Test
    void aSessionWhoseInputsCauseNoOutputStillLeavesAJournalThatVerifies()
    {
        // found by the deterministic simulation: an output journal closed again with nothing appended kept its old
        // close checkpoint, which bound the input journal as it was before this session's enrolment
        final Path dir = tmp.resolve("quiet");
        try (SettlementEngine first = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(first, 1);
            first.submitTick(1, 0, EngineFixture.START, 900, 100, 0);
        }
        try (SettlementEngine second = SettlementEngine.builder().journalDir(dir).build().start())
        {
            second.registerAccount(1002);                                         // accepted: no output
            second.enrolMeter(2, 1002, EngineFixture.TARIFF, EngineFixture.START);   // accepted: no output
        }
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(report.inputRecords()).isEqualTo(6);
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
