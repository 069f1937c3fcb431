package org.gridsettle.engine;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.replay.JournalReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A machine whose clock is set back between two runs of an engine on one journal (a wrong NTP server, a restored VM,
 * an operator's typo): the cycle files are named by the writer's wall clock, so the journal already holds a file of a
 * later day than the clock says. The engine must not care: what it appends must follow what the journal holds.
 */
class ClockSetBackTest
{
    private static final int METERS = 2;
    private static final int INTERVALS = 8;

    @TempDir
    Path tmp;

    // Was an operator's finding: the second run appended into today's cycle file, which sorts before the later day's
    // file the first run wrote, so every reader met the new records first and stopped at "hash chain broken", and
    // the next start was refused ("checkpoint covers N records but follows M"), with nothing to do but move files
    @Test
    void anEngineStartedWithTheClockBehindTheJournalAppendsAfterItsLastCycleFile() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        EngineFixture.writeJournal(dir, METERS, INTERVALS);
        // the first run as if written two days from now: the clock of the second run is then two days behind it
        final String later = JournalFiles.cycleFileOfDay(2);
        JournalFiles.redate(dir, later);

        EngineFixture.appendSession(dir, 999_999);

        for (final Path queue : new Path[] {Journals.input(dir), Journals.output(dir)})
        {
            try (Stream<Path> files = Files.list(queue))
            {
                assertThat(files.map((p) -> p.getFileName().toString()).filter((n) -> n.endsWith(".cq4")))
                    .as("the second run's records go into the journal's last cycle file, not an earlier day's")
                    .containsExactly(later);
            }
        }
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).run().identical()).isTrue();
        // and the journal goes on being written and started
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveredInputs()).isEqualTo(report.inputRecords());
        }
    }
}
