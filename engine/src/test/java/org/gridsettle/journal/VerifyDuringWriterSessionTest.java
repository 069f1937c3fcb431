package org.gridsettle.journal;

import org.gridsettle.engine.SettlementEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle verify} run while an ingest or a short-lived engine starts, appends and closes: a whole writer session
 * between the reads of the input and the output journal leaves an output close checkpoint that binds inputs the input
 * read never saw. That is the read's problem, not the journal's; it is read again, and an intact journal passes, with
 * a note saying why it was read twice. Before, verify failed it (exit 1, as for a tampered journal).
 * <p>
 * In package {@code org.gridsettle.journal} for {@link JournalVerifier}'s test hook, which puts the session exactly
 * between the two reads; in the engine module because a session needs the engine.
 */
class VerifyDuringWriterSessionTest
{
    @TempDir
    Path dir;

    @Test
    void aWriterSessionBetweenTheReadsIsReadAgainNotFailed()
    {
        session(1001);
        final boolean[] ran = {false};

        final VerificationReport report = JournalVerifier.verify(dir, ProgressListener.NONE, false, () ->
        {
            session(1002);
            ran[0] = true;
        });

        assertThat(ran[0]).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).singleElement().asString()
            .contains("read again (read 2 of at most 3): a writer appended while read 1 ran")
            .contains("close checkpoint binds");
        // what is reported is the second read's, of the whole journal: both sessions' records, digests and seals
        assertThat(report).usingRecursiveComparison().ignoringFields("notes").isEqualTo(JournalVerifier.verify(dir));
        // one account registered by each session: two input records
        assertThat(report.inputRecords()).isEqualTo(2);
    }

    @Test
    void aJournalNoWriterTouchedIsReadOnce()
    {
        session(1001);

        final VerificationReport report = JournalVerifier.verify(dir, ProgressListener.NONE, false, () ->
        {
            // nothing is appended between the reads
        });

        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).isEmpty();
    }

    /** One writer session: start an engine on the journal, register an account, close it (close checkpoints). */
    private void session(final long account)
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.registerAccount(account);
        }
    }
}
