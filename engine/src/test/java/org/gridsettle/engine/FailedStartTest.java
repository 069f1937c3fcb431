package org.gridsettle.engine;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal whose recorded outputs do not follow from its inputs (the output journal of another run, each file
 * intact on its own): recovery must stop the start at the first differing output and keep refusing, and nothing the
 * host does after a refused start may make the journal look consistent.
 * <p>
 * Journal A and journal B: fixture set-up for 4 meters and 96 intervals of ticks, B with 7 Wh more import from
 * interval 51 on, so the first differing output is record 204 (caused by input 214). A's snapshots are removed so
 * recovery replays from the start.
 */
class FailedStartTest
{
    private static final String DIFFERS =
        "recovery: output record 204 differs: recorded TRANSFER sequence 205 caused by input 214";

    @TempDir
    Path tmp;

    private Path dir;
    private VerificationReport before;

    @BeforeEach
    void spliceJournals() throws IOException
    {
        dir = tmp.resolve("a");
        final Path other = tmp.resolve("b");
        write(dir, 0);
        write(other, 7);
        JournalFiles.deleteTree(Journals.output(dir));
        JournalFiles.copyTree(Journals.output(other), Journals.output(dir));
        JournalFiles.deleteTree(dir.resolve("snapshots"));
        before = JournalVerifier.verify(dir);
        // each file verifies; only the output journal's close checkpoint, which binds B's inputs, gives it away
        assertThat(before.problems()).singleElement().asString().contains("close checkpoint binds 393 input records");
    }

    @Test
    void aStartWhoseReplayDiffersFromTheRecordedOutputsIsRefusedEveryTime()
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).build().start())
                .isInstanceOf(JournalCorruptException.class).hasMessageStartingWith(DIFFERS);
        }
        assertThat(dir.resolve("snapshots")).doesNotExist();
        assertThat(JournalVerifier.verify(dir)).isEqualTo(before);
    }

    // Found by this suite: close() after a start() refused in recovery used to run the clean-shutdown path, writing a
    // snapshot of the half-recovered state that the next start trusted. Fixed: a refused start marks the engine
    // halted, and close() then abandons the journals without checkpoint or snapshot.
    @Test
    void closingAnEngineWhoseStartWasRefusedWritesNothingAndTheNextStartIsRefusedToo()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build();
        assertThatThrownBy(() ->
        {
            try (engine)
            {
                engine.start();
            }
        }).isInstanceOf(JournalCorruptException.class).hasMessageStartingWith(DIFFERS);

        assertThat(dir.resolve("snapshots")).satisfiesAnyOf(
            d -> assertThat(d).doesNotExist(),
            d -> assertThat(d).isEmptyDirectory());
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).build().start())
            .isInstanceOf(JournalCorruptException.class).hasMessageStartingWith(DIFFERS);
        assertThat(JournalVerifier.verify(dir)).isEqualTo(before);
    }

    private static void write(final Path journal, final int extraWh)
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            EngineFixture.setUp(engine, 4);
            for (int i = 0; i < 96; i++)
            {
                for (int m = 1; m <= 4; m++)
                {
                    engine.submitTick(m, 0, EngineFixture.START + i * 900L, 900, 100 + m + (i > 50 ? extraWh : 0), 0);
                }
            }
        }
        assertThat(Files.exists(journal.resolve("snapshots"))).isTrue();
    }
}
