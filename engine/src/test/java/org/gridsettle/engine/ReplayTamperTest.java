package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An edit that keeps a record well-formed (one bit of an energy or an amount) must be reported by replay as
 * corruption naming the journal and the record, not as a mere divergence: the replay takes matching outputs' chain
 * links from the recorded journal, so it must never give out a result for records whose links were not verified
 * (its second thread verifies them while it replays).
 */
class ReplayTamperTest
{
    @TempDir
    Path dir;

    @BeforeEach
    void writeJournal()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 4);
            EngineFixture.submitDay(engine, 4, 96);
        }
    }

    @Test
    void anUntouchedJournalReplaysIdentically()
    {
        final ReplayReport report = new JournalReplay(dir, Long.MAX_VALUE).run();
        assertThat(report.identical()).isTrue();
        assertThat(report.replayDigest()).isEqualTo(report.recordedDigest());
    }

    @Test
    void aTickWithOneBitOfItsEnergyChangedIsCorruptionInTheInputJournal() throws IOException
    {
        assertReplayRefusesAFlipIn(Journals.input(dir), RecordType.METER_TICK, JournalFiles.SEQUENCE);
    }

    @Test
    void aTransferWithOneBitOfItsAmountChangedIsCorruptionInTheOutputJournal() throws IOException
    {
        assertReplayRefusesAFlipIn(Journals.output(dir), RecordType.TRANSFER, JournalFiles.CAUSE);
    }

    @Test
    void aJournalWhoseEngineDiedBeforeItsLastOutputsSaysSoAndHowToRecover() throws IOException
    {
        // what a kill leaves: the last input's outputs and the close checkpoint were never written. Not zeroed in the
        // file: Chronicle would still count them, as after a power failure, and readers refuse that
        // (CorruptJournalFilesTest)
        final long lastInput = 1 + 2 * 4 + 4 * 96;  // a tariff, 4 accounts and 4 enrolments, then 4 x 96 ticks
        final int beforeLast = (int)EngineFixture.readAll(Journals.output(dir)).stream()
            .filter(r -> RecordFlyweight.causeSequenceAt(new UnsafeBuffer(r), 0) < lastInput).count();
        JournalFiles.rewriteAsKilled(Journals.output(dir), beforeLast);

        final ReplayReport report = new JournalReplay(dir, Long.MAX_VALUE).run();

        assertThat(report.identical()).isFalse();
        assertThat(report.firstDivergence()).contains("replay produced more")
            .contains("no close checkpoint").contains("start an engine on the journal to recover them");
    }

    /** Flips the low bit of the value field of the record whose sequence or cause (at {@code field}) is 200. */
    private void assertReplayRefusesAFlipIn(final Path queue, final RecordType type, final int field)
        throws IOException
    {
        JournalFiles.flipValue(queue, type, field, 200L);
        assertThatThrownBy(() -> new JournalReplay(dir, Long.MAX_VALUE).run())
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageStartingWith(queue + ": record ")
            .hasMessageContaining("hash chain broken");
    }
}
