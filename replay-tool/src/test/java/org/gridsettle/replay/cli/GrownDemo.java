package org.gridsettle.replay.cli;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.replay.demo.DemoTariff;
import org.gridsettle.replay.demo.SyntheticFleet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of a demo journal, verified, then appended to by an engine as a writer that starts after a verification
 * would: an account of its own, and an import of the demo's first household in the quarter hour after its end. For
 * the tests of the commands that read only the records a verification checked.
 *
 * @param journal         the copy.
 * @param beforeTheAppend its verification before the append.
 * @param afterTheAppend  its verification after the append.
 */
record GrownDemo(Path journal, VerificationReport beforeTheAppend, VerificationReport afterTheAppend)
{
    /**
     * @param demo   the journal of a {@code settle demo} with the default seed and start.
     * @param meters its {@code --meters}.
     * @param days   its {@code --days}.
     * @param copy   where to copy it, replacing what is there.
     * @return the copy, appended to, with its verifications before and after.
     */
    static GrownDemo of(final Path demo, final int meters, final int days, final Path copy) throws IOException
    {
        AuditCommandTest.copyTree(demo, copy);
        final VerificationReport before = JournalVerifier.verify(copy);
        final long end = new SyntheticFleet(meters, days, 42, LocalDate.parse("2026-03-02"), DemoTariff.ZONE)
            .endEpochSecond();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(copy).build().start())
        {
            engine.registerAccount(999_999);
            engine.submitTick(SyntheticFleet.FIRST_METER, MeterTickCodec.CHANNEL_MAIN, end + 900, 900, 500, 0);
        }
        final VerificationReport after = JournalVerifier.verify(copy);
        assertThat(after.inputRecords()).isEqualTo(before.inputRecords() + 2);
        assertThat(after.outputRecords()).isGreaterThan(before.outputRecords());
        return new GrownDemo(copy, before, after);
    }
}
