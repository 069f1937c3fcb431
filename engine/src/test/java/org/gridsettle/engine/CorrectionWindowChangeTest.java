package org.gridsettle.engine;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host that runs its engine with a correction window other than the default: the journal does not record it, and
 * the outputs depend on it (a tick older than the window is refused OUTSIDE_CORRECTION_WINDOW). A replay or a start
 * with another window then finds a difference; it must say that the window may be why, and a replay must be able to
 * use the writer's.
 */
class CorrectionWindowChangeTest
{
    private static final int WINDOW = 2;

    @TempDir
    Path tmp;

    // Was an operator's finding: the journal of a host with .correctionWindow(2) replayed DIFFERENT (an auditor's sign
    // of tampering) and a restart with the default window was refused with "recovery: output record 8 differs", with
    // no word of the window, and settle replay had no way to replay it with the writer's window
    @Test
    void aJournalWrittenWithAnotherWindowReplaysWithItAndADifferenceWithoutItNamesTheWindow()
    {
        final Path dir = tmp.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).correctionWindow(WINDOW).build()
            .start())
        {
            EngineFixture.setUp(engine, 1);
            EngineFixture.submitDay(engine, 1, 8);
            // the first interval again with other energy: outside a window of 2, a conflicting duplicate in one of 12
            engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, EngineFixture.START, 900, 999, 0);
        }
        final String hint = "a tick refused OUTSIDE_CORRECTION_WINDOW on one side only is what a correction window " +
            "other than the journal's writer's gives: replay and start with the writer's (settle replay " +
            "--correction-window, SettlementEngine.Builder.correctionWindow)";

        final ReplayReport other = new JournalReplay(dir, Long.MAX_VALUE).run();
        assertThat(other.identical()).isFalse();
        assertThat(other.firstDivergence()).endsWith("; " + hint);
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).correctionWindow(WINDOW).run().identical()).isTrue();

        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).build().start().close())
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("OUTSIDE_CORRECTION_WINDOW").hasMessageEndingWith(hint);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).correctionWindow(WINDOW).build()
            .start())
        {
            assertThat(engine.recoveredInputs()).isEqualTo(12);
        }
    }
}
