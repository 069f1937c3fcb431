package org.gridsettle.replay;

import org.gridsettle.engine.EngineFixture;
import org.gridsettle.engine.JournalFiles;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.codec.RecordType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replay checks the chains inline for a small journal and on a second thread for a large one. A journal of 19,601
 * inputs takes the second path here when told to, with the check starting after 16,384 inputs as it starts after two
 * million by default: both paths must give the same report, and both must name a corrupt record, before or after the
 * check starts.
 */
class JournalReplayModesTest
{
    private static final int METERS = 200;
    private static final int INTERVALS = 96;

    @TempDir
    static Path written;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeJournal()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(written).build().start())
        {
            EngineFixture.setUp(engine, METERS);
            EngineFixture.submitDay(engine, METERS, INTERVALS);
        }
    }

    private Path copy() throws IOException
    {
        JournalFiles.copyTree(written, dir);
        return dir;
    }

    private static JournalReplay inBackground(final Path journal)
    {
        return new JournalReplay(journal, Long.MAX_VALUE).backgroundCheck(0, ProgressListener.EVERY);
    }

    @Test
    void aReplaySizedForItsMetersUpFrontGivesTheSameReport() throws IOException
    {
        final Path journal = copy();
        final ReplayReport grown = new JournalReplay(journal, Long.MAX_VALUE).run();
        final ReplayReport sized = new JournalReplay(journal, Long.MAX_VALUE).expectedMeters(5 * METERS).run();

        assertThat(sized.identical()).isTrue();
        assertThat(sized.inputs()).isEqualTo(grown.inputs());
        assertThat(sized.replayDigest()).isEqualTo(grown.replayDigest()).isEqualTo(grown.recordedDigest());
        assertThatThrownBy(() -> new JournalReplay(journal, Long.MAX_VALUE).expectedMeters(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("expected meters must not be negative: -1");
    }

    @Test
    void bothPathsReplayAnIntactJournalToTheSameReport() throws IOException
    {
        final Path journal = copy();
        final ReplayReport inline = new JournalReplay(journal, Long.MAX_VALUE).run();
        final ReplayReport background = inBackground(journal).run();
        assertThat(inline.identical()).isTrue();
        assertThat(background.identical()).isTrue();
        assertThat(background.inputs()).isEqualTo(inline.inputs()).isGreaterThan(ProgressListener.EVERY);
        assertThat(background.outputs()).isEqualTo(inline.outputs());
        assertThat(background.recordedDigest()).isEqualTo(inline.recordedDigest());
        assertThat(background.replayDigest()).isEqualTo(inline.replayDigest()).isEqualTo(inline.recordedDigest());
    }

    @Test
    void theBackgroundCheckNamesAnAlteredTickBeforeItStarted() throws IOException
    {
        assertRefused(Journals.input(copy()), RecordType.METER_TICK, JournalFiles.SEQUENCE, 500);
    }

    @Test
    void theBackgroundCheckNamesAnAlteredTickAfterItStarted() throws IOException
    {
        assertRefused(Journals.input(copy()), RecordType.METER_TICK, JournalFiles.SEQUENCE, 18_000);
    }

    @Test
    void theBackgroundCheckNamesAnAlteredTransferAfterItStarted() throws IOException
    {
        assertRefused(Journals.output(copy()), RecordType.TRANSFER, JournalFiles.CAUSE, 18_000);
    }

    private void assertRefused(final Path queue, final RecordType type, final int field, final long value)
        throws IOException
    {
        JournalFiles.flipValue(queue, type, field, value);
        final JournalReplay[] bothPaths = {new JournalReplay(dir, Long.MAX_VALUE), inBackground(dir)};
        for (final JournalReplay replay : bothPaths)
        {
            assertThatThrownBy(replay::run)
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageStartingWith(queue + ": record ")
                .hasMessageContaining("hash chain broken");
        }
    }
}
