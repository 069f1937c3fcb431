package org.gridsettle.engine;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator who frees disk by deleting a live journal's oldest cycle files once they are archived, which FORMAT.md
 * section 12 forbids: the journal is all of its cycle files from the first. Verify and an engine start must say
 * that, naming the first file left, rather than only that a chain is broken or a checkpoint count is off.
 */
class RemovedCycleFilesTest
{
    private static final int METERS = 2;
    private static final int INTERVALS = 8;

    @TempDir
    Path tmp;

    // Was an operator's finding: verify said "hash chain broken: this record or one before it was altered, removed or
    // reordered", and settle ingest (an engine start) "output: record 1230 (sequence 0): checkpoint covers 8251
    // records but follows 1230", neither saying that the files before were removed or what to do
    @Test
    void aJournalWhoseFirstCycleFilesWereDeletedIsNamedSoByVerifyAndByAStart() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        EngineFixture.writeJournal(dir, METERS, INTERVALS);
        // the first session as if written two days ago; the second one writes today's file
        final String earlier = JournalFiles.cycleFileOfDay(-2);
        JournalFiles.redate(dir, earlier);
        EngineFixture.appendSession(dir, 999_999);
        // archived, then deleted from the live journal to free disk
        for (final Path queue : new Path[] {Journals.input(dir), Journals.output(dir)})
        {
            Files.delete(queue.resolve(earlier));
            Files.delete(queue.resolve("metadata.cq4t"));
        }

        final String today = JournalFiles.cycleFileOfDay(0);
        final String removed = "; the first cycle file, " + today + ", does not begin the journal (its first " +
            "record is %s): the cycle files before it were removed, and a journal is all of its cycle files from the " +
            "first (FORMAT.md section 12): put them back";
        assertThat(JournalVerifier.verify(dir).problems()).containsExactlyInAnyOrder(
            Journals.input(dir) + ": record 0 (sequence 22): hash chain broken: this record or one before it was " +
                "altered, removed or reordered" + String.format(removed, "numbered 22, not 1"),
            // the second session caused no output: its output file holds only its close checkpoint
            Journals.output(dir) + ": record 0 (sequence 0): hash chain broken: this record or one before it was " +
                "altered, removed or reordered" + String.format(removed, "a checkpoint after 17 records, not 0"));
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).build().start().close())
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("the first cycle file, " + today + ", does not begin the journal");
    }

    // Was an operator's finding: verify and an engine start name the gap well ("it is the first record of ...: the
    // cycle file before it may have been removed"), but settle ingest, which reads the journal with its chain taken on
    // trust before its engine starts, said only "input: record 7384 (sequence 0): checkpoint covers 8910 records but
    // follows 7384"
    @Test
    void aJournalWithACycleFileDeletedFromTheMiddleIsNamedSoByAReaderThatTrustsTheChain() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        EngineFixture.writeJournal(dir, METERS, INTERVALS);
        JournalFiles.redate(dir, JournalFiles.cycleFileOfDay(-2));
        // the second session's day, yesterday, then today's third
        EngineFixture.appendSession(dir, 999_998);
        final String middle = JournalFiles.cycleFileOfDay(-1);
        final Path input = Journals.input(dir);
        Files.move(input.resolve(JournalFiles.cycleFileOfDay(0)), input.resolve(middle));
        Files.move(Journals.output(dir).resolve(JournalFiles.cycleFileOfDay(0)), Journals.output(dir).resolve(middle));
        for (final Path queue : new Path[] {input, Journals.output(dir)})
        {
            Files.delete(queue.resolve("metadata.cq4t"));
        }
        EngineFixture.appendSession(dir, 999_999);
        Files.delete(input.resolve(middle));
        Files.delete(input.resolve("metadata.cq4t"));

        assertThatThrownBy(() ->
        {
            try (JournalReader reader = new JournalReader(input).chainVerification(false))
            {
                reader.verifyToEnd();
            }
        })
            .isInstanceOf(JournalCorruptException.class)
            .hasMessage(input + ": record 23 (sequence 0): checkpoint covers 25 records but follows 23; 2 records " +
                "before it are missing: a cycle file before " + JournalFiles.cycleFileOfDay(0) + " may have been " +
                "removed (settle verify names the first record after the gap)");
    }

    // Was an operator's finding: with the input journal's newest cycle file lost (deleted, or a restore of an older
    // copy) a start said only "output: output journal has 14281 records but its inputs produce only 13034"
    @Test
    void anInputJournalWhoseNewestCycleFileWasDeletedIsNamedSoByAStart() throws IOException
    {
        final Path dir = tmp.resolve("journal");
        EngineFixture.writeJournal(dir, METERS, INTERVALS);
        JournalFiles.redate(dir, JournalFiles.cycleFileOfDay(-1));
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.submitDay(engine, METERS, INTERVALS + 4);
        }
        final Path input = Journals.input(dir);
        Files.delete(input.resolve(JournalFiles.cycleFileOfDay(0)));
        Files.delete(input.resolve("metadata.cq4t"));

        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).build().start().close())
            .isInstanceOf(JournalCorruptException.class)
            .hasMessage(Journals.output(dir) + ": output journal has 40 records but its inputs produce only 16: " +
                "inputs the recorded outputs follow from are missing after input 21, the input journal's last (its " +
                "last cycle files removed or lost, or it is an older copy than the output journal): restore them");
    }
}
