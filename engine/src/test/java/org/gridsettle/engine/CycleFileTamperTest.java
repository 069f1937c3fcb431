package org.gridsettle.engine;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.replay.JournalReplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole cycle files removed, swapped or copied in a journal written over three days, as an editor with a file manager
 * would. The journal: three sessions, each closed cleanly, each in a cycle file of its own: the first sets up 2 meters
 * (5 inputs) and each submits 8 intervals of ticks for both (16 inputs, 16 outputs). The sessions run on one day, so
 * after each of the first two its cycle files are renamed to an earlier day's name, as if the session had run then;
 * the next session's writer then rolls from that file, writing Chronicle's end-of-cycle marker into it, as on a
 * real day change.
 */
class CycleFileTamperTest
{
    private static final int METERS = 2;
    private static final int SESSIONS = 3;
    private static final int INTERVALS = 8;

    @TempDir
    Path tmp;

    private Path dir;

    /** The cycle files of each queue, oldest first. */
    private final String[] days = new String[SESSIONS];

    @BeforeEach
    void writeThreeDays() throws IOException
    {
        dir = tmp.resolve("journal");
        for (int session = 0; session < SESSIONS; session++)
        {
            try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
            {
                if (session == 0)
                {
                    EngineFixture.setUp(engine, METERS);
                }
                for (int i = session * INTERVALS; i < (session + 1) * INTERVALS; i++)
                {
                    for (int m = 1; m <= METERS; m++)
                    {
                        engine.submitTick(m, MeterTickCodec.CHANNEL_MAIN, EngineFixture.START + i * 900L, 900,
                            100 + i + m, 0);
                    }
                }
            }
            final String written = cycleFiles(Journals.input(dir)).get(session);
            days[session] = written;
            if (session < SESSIONS - 1)
            {
                // days before the one the sessions ran on, so the next session's file sorts after it
                final LocalDate day = LocalDate.parse(written.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
                days[session] = day.minusDays(SESSIONS - session).format(DateTimeFormatter.BASIC_ISO_DATE) + "F.cq4";
                for (final Path queue : queues())
                {
                    Files.move(queue.resolve(written), queue.resolve(days[session]));
                    // Chronicle's table store remembers the cycles it saw; it rebuilds it from the directory
                    Files.delete(queue.resolve("metadata.cq4t"));
                }
            }
        }
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(report.inputRecords()).isEqualTo(1 + 2 * METERS + SESSIONS * INTERVALS * METERS);
        assertThat(cycleFiles(Journals.input(dir))).containsExactly(days);
        assertThat(cycleFiles(Journals.output(dir))).containsExactly(days);
    }

    // Was an audit finding: every session ends with a close checkpoint, so a journal cut back to an earlier day's end
    // verified intact and replayed identical
    @Test
    void removingTheLastDaysCycleFilesFromBothJournalsIsFound() throws IOException
    {
        for (final Path queue : queues())
        {
            Files.delete(queue.resolve(days[SESSIONS - 1]));
        }

        final List<String> problems = JournalVerifier.verify(dir).problems();

        assertThat(problems).hasSize(2);
        for (int i = 0; i < 2; i++)
        {
            assertThat(problems.get(i)).isEqualTo(queues()[i] + ": the last cycle file, " + days[SESSIONS - 2] +
                ", ends with Chronicle's end-of-cycle marker, which a writer adds only as it begins a later day's " +
                "cycle file, and there is none: the cycle files after it were removed");
        }
        // what is left replays to the same outputs: only the marker tells a replay that days were removed
        assertThatThrownBy(() -> new JournalReplay(dir, Long.MAX_VALUE).run())
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageStartingWith(Journals.input(dir) + ": the last cycle file, " + days[SESSIONS - 2]);
    }

    // Was an audit finding: with the last day's files removed and the table store that still lists them kept, a seek
    // by sequence (settle dump --from, and the audit's event time of a duplicate acknowledgement) failed with
    // Chronicle's "'file not found' for the upperCycle", exit 2, instead of reading on to name the removed files
    @ParameterizedTest(name = "seek to sequence {0}")
    @ValueSource(longs = {3, 30, 10_000})
    void aSeekInAJournalWhoseLastDaysFilesWereRemovedReadsOnToNameThem(final long sequence) throws IOException
    {
        for (final Path queue : queues())
        {
            Files.delete(queue.resolve(days[SESSIONS - 1]));
        }

        for (final Path queue : queues())
        {
            try (JournalReader reader = JournalReader.readOnly(queue))
            {
                reader.seekToSequence(sequence);
                while (reader.next((buffer, offset, length, position) ->
                {
                }))
                {
                    // read to the end
                }
                assertThat(reader.removedCycleFilesProblem()).startsWith(queue + ": the last cycle file, " +
                    days[SESSIONS - 2] + ", ends with Chronicle's end-of-cycle marker");
            }
        }
    }

    // Was an audit finding: a reader goes on to the next cycle file only past the end-of-cycle marker, so a first file
    // replaced by one of a journal that never rolled (closed cleanly, bound to its own input) hid every later file:
    // verify said intact and replay identical, over that other journal
    @Test
    void aCycleFileReplacedByOneOfAnotherJournalThatNeverRolledHidesNothing() throws IOException
    {
        final Path other = tmp.resolve("other");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(other).build().start())
        {
            EngineFixture.setUp(engine, METERS);
        }
        for (final Path queue : queues())
        {
            final Path otherQueue = other.resolve(queue.getFileName().toString());
            Files.copy(otherQueue.resolve(cycleFiles(otherQueue).get(0)), queue.resolve(days[0]),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        final List<String> problems = JournalVerifier.verify(dir).problems();

        assertThat(problems).hasSize(2);
        for (int i = 0; i < 2; i++)
        {
            assertThat(problems.get(i)).startsWith(queues()[i] + ": record ")
                .contains(" of " + days[0] + ", whose header reads as unwritten")
                .contains("the file was replaced or cut, hiding the records from here on");
        }
        assertThatThrownBy(() -> new JournalReplay(dir, Long.MAX_VALUE).run())
            .isInstanceOf(JournalCorruptException.class).hasMessageStartingWith(Journals.input(dir) + ": record ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the middle day's files removed", "the first two days' files swapped",
        "the first day's files copied under the middle day's name"})
    void removingReorderingOrCopyingCycleFilesBreaksTheChainAtTheNextRecord(final String edit) throws IOException
    {
        for (final Path queue : queues())
        {
            final Path first = queue.resolve(days[0]);
            final Path middle = queue.resolve(days[1]);
            if (edit.contains("removed"))
            {
                Files.delete(middle);
            }
            else if (edit.contains("swapped"))
            {
                final Path aside = queue.resolve("aside");
                Files.move(first, aside);
                Files.move(middle, first);
                Files.move(aside, middle);
            }
            else
            {
                Files.copy(first, middle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        final List<String> problems = JournalVerifier.verify(dir).problems();

        assertThat(problems).hasSize(2);
        for (int i = 0; i < 2; i++)
        {
            assertThat(problems.get(i)).startsWith(queues()[i] + ": record ").contains("hash chain broken");
        }
        if (edit.contains("removed"))
        {
            // Was an audit finding: the message named the record only, leaving the auditor to find which cycle file
            // it opens and that the one before it is gone
            for (int i = 0; i < 2; i++)
            {
                assertThat(problems.get(i)).endsWith("it is the first record of " + days[2] + ": the cycle file " +
                    "before it may have been removed, swapped or replaced");
            }
        }
    }

    private Path[] queues()
    {
        return new Path[] {Journals.input(dir), Journals.output(dir)};
    }

    private static List<String> cycleFiles(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }
}
