package org.gridsettle.replay.cli;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle replay --correction-window}: a journal written by a host whose engine ran with another correction
 * window than the default, which the journal does not record.
 */
class ReplayCorrectionWindowCommandTest
{
    private static final int WINDOW = 2;

    @TempDir
    Path tmp;

    // Was an operator's finding: such a journal replayed DIFFERENT (exit 1, what an auditor reads as tampering), with
    // nothing in the message about the window, and settle replay could not be given the writer's
    @Test
    void aJournalOfAnotherWindowReplaysIdenticalWithItAndADifferenceWithoutItNamesTheOption() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final CliRun ingest = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--meters", Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", Files.writeString(tmp.resolve("u.csv"), header + "M-1,2026-03-09T10:00:00Z,900,100,0\n" +
                "M-1,2026-03-09T10:15:00Z,900,110,0\nM-1,2026-03-09T10:30:00Z,900,120,0\n").toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        // a host goes on with a window of 2: the first reading sent again with other energy has left it
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).correctionWindow(WINDOW).build()
            .start())
        {
            engine.submitTick(1, MeterTickCodec.CHANNEL_MAIN, Instant.parse("2026-03-09T10:00:00Z").getEpochSecond(),
                900, 999, 0);
        }

        final CliRun other = CliRun.of("replay", "--journal", journal.toString());
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.out()).contains("OUTSIDE_CORRECTION_WINDOW").contains("; a tick refused " +
            "OUTSIDE_CORRECTION_WINDOW on one side only is what a correction window other than the journal's " +
            "writer's gives: replay and start with the writer's (settle replay --correction-window, " +
            "SettlementEngine.Builder.correctionWindow)");

        final CliRun same = CliRun.of("replay", "--journal", journal.toString(), "--correction-window", "2");
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("replay: identical");

        final CliRun none = CliRun.of("replay", "--journal", journal.toString(), "--correction-window", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("settle replay: --correction-window must be 1 to ");
    }
}
