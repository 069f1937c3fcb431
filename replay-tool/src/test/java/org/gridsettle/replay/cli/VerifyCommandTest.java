package org.gridsettle.replay.cli;

import org.agrona.MutableDirectBuffer;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void verifyExitsZeroOnAnIntactJournalAndOneNamingTheRecordAfterAByteFlip() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "5", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path journal = tmp.resolve("journal");

        final CliRun intact = CliRun.of("verify", "--journal", journal.toString());
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        // at least 5 meters x 96 ticks + 3 bad ticks + 5 accounts + 5 enrolments; the exact count, read back
        // through a plain JournalReader, must be what verify prints
        final long inputs = countRecords(Journals.input(journal));
        assertThat(inputs).isGreaterThan(5 * 96 + 3 + 10);
        assertThat(intact.out()).contains(String.format("input:  %,d records", inputs)).contains("verify: intact");
        // the seal to keep is the SHA-256 of the output journal's close checkpoint, its last record
        assertThat(intact.out()).containsPattern("\noutput: [0-9,]+ records, digest [0-9a-f]{16}, seal sha256:" +
            lastCheckpointSha256(Journals.output(journal)) + "\n");

        // the tariff is the first input: type id 4, schema 3; flip a byte inside its period table
        final Path file = cycleFile(Journals.input(journal));
        final byte[] bytes = Files.readAllBytes(file);
        int tariffAt = -1;
        for (int i = 0; i < bytes.length - 4 && tariffAt < 0; i++)
        {
            if (bytes[i] == 4 && bytes[i + 1] == 0 && bytes[i + 2] == 3 && bytes[i + 3] == 0)
            {
                tariffAt = i;
            }
        }
        assertThat(tariffAt).isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(tariffAt + 150);
            final int b = raf.read();
            raf.seek(tariffAt + 150);
            raf.write(b ^ 0x10);
        }

        final CliRun broken = CliRun.of("verify", "--journal", journal.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("FAIL").contains("record 0 (sequence 1)").contains("hash chain broken");
        // no digest for a journal read part-way: it would read as the journal's
        assertThat(broken.out()).contains("input:  0 records read, then stopped by the problem below\n");
        // replay finds the same, and says so the same way: exit 1, a verification's finding, not bad usage
        final CliRun replay = CliRun.of("replay", "--journal", journal.toString());
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.err().lines()).singleElement().asString()
            .startsWith("settle replay: ").contains("record 0 (sequence 1)").contains("hash chain broken");
    }

    // Was an operator's finding: verify run while an engine or settle ingest appends (a monitoring job, an auditor's
    // check during the day's load) reported both journals FAIL, "records were removed from the end, or the engine
    // stopped without closing (restart it to recover and seal the journal)", exit 1: an alarm, and advice to start a
    // second writer. Every record read is checked; only the end cannot be, until the writer closes the journal
    @Test
    void aJournalBeingWrittenVerifiesIntactSoFarNamingTheLiveWriter() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "2", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path journal = tmp.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.registerAccount(999_999);
            // what the engine has journalled so far is read back with the writer open
            engine.queryBalance(999_999, TokenSymbol.pack("USD")).join();

            final CliRun live = CliRun.of("verify", "--journal", journal.toString());

            assertThat(live.exitCode()).as(live.out()).isZero();
            assertThat(live.out()).doesNotContain("FAIL")
                .contains("note: " + Journals.input(journal) + ": ends at record ")
                .contains("without a close checkpoint while a writer holds it (writer.lock): it is being written, " +
                    "and its end is checked once the writer has closed it")
                .endsWith("verify: intact so far: a writer is appending; run verify again once it has closed the " +
                    "journal\n".translateEscapes());
        }
        final CliRun closed = CliRun.of("verify", "--journal", journal.toString());
        assertThat(closed.exitCode()).isZero();
        assertThat(closed.out()).doesNotContain("note:").endsWith("verify: intact\n".translateEscapes());
    }

    // FORMAT.md section 8, "Limits": a journal whose checksums and checkpoints an editor recomputed is found only by a
    // seal kept from before; the auditor keeps verify's output as printed and gives it back with --kept
    @Test
    void sealsKeptFromAnEarlierVerifyAreComparedAfterTheJournalGrew() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "2", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path journal = tmp.resolve("journal");
        final CliRun first = CliRun.of("verify", "--journal", journal.toString());
        assertThat(first.exitCode()).isZero();
        final Path kept = Files.writeString(tmp.resolve("kept.txt"), first.out());
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.registerAccount(999_999);
        }

        final CliRun later = CliRun.of("verify", "--journal", journal.toString(), "--kept", kept.toString());

        assertThat(later.exitCode()).as(later.out() + later.err()).isZero();
        assertThat(later.out()).isNotEqualTo(first.out())
            .contains("kept: " + Journals.input(journal) + ": its first ")
            .contains("data records end on the seal kept in " + kept + ":1, sha256:")
            .contains("kept: " + Journals.output(journal) + ": its first ")
            .endsWith("verify: intact; 2 of 2 kept seals match\n".translateEscapes());

        // one hex digit of the kept output seal changed: as if the journal had been re-sealed since
        final String[] lines = first.out().split("\n", -1);
        final int last = lines[1].length() - 1;
        lines[1] = lines[1].substring(0, last) + (lines[1].charAt(last) == '0' ? '1' : '0');
        final Path other = Files.writeString(tmp.resolve("other.txt"), String.join("\n", lines));

        final CliRun differs = CliRun.of("verify", "--journal", journal.toString(), "--kept", other.toString());

        assertThat(differs.exitCode()).isEqualTo(1);
        assertThat(differs.out()).contains("FAIL " + Journals.output(journal) + ": data record ")
            .contains(": the seal kept in " + other + ":2 for the first ")
            .endsWith("verify: 1 problem(s); 1 of 2 kept seals match\n".translateEscapes());

        // a year of daily verify outputs appended to one file (600 outputs of two seals each: 1,200): the verdict's
        // counts are grouped as record counts are
        final Path year = Files.writeString(tmp.resolve("year.txt"), first.out().repeat(600));
        final CliRun many = CliRun.of("verify", "--journal", journal.toString(), "--kept", year.toString());
        assertThat(many.exitCode()).as(many.out() + many.err()).isZero();
        assertThat(many.out()).endsWith("verify: intact; 1,200 of 1,200 kept seals match\n".translateEscapes());

        final Path notKept = Files.writeString(tmp.resolve("notes.txt"), "verify: intact\n");
        final CliRun refused = CliRun.of("verify", "--journal", journal.toString(), "--kept", notKept.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().lines()).singleElement().asString()
            .startsWith("settle verify: " + notKept + ": holds no seal that settle verify printed");
    }

    // Was an audit finding: an archive made as FORMAT.md section 12 says, of the closed cycle files of a journal that
    // went on, could never be checked: its last cycle files end with the end-of-cycle marker their writer wrote as it
    // moved on to the next day, which verify reports as cycle files removed, exit 1
    @Test
    void anArchiveOfClosedCycleFilesVerifiesAsAnArchiveAndIsStillCheckedRecordByRecord() throws IOException
    {
        final Path journal = journalOfTwoDays();
        final Path archive = tmp.resolve("archive");
        for (final String queue : new String[] {"input", "output"})
        {
            Files.createDirectories(archive.resolve(queue));
            // the closed day's cycle file, with the queue's table store of the same moment (section 12)
            for (final String file : new String[] {closedDay, "metadata.cq4t"})
            {
                Files.copy(journal.resolve(queue).resolve(file), archive.resolve(queue).resolve(file));
            }
        }

        final CliRun whole = CliRun.of("verify", "--journal", archive.toString());
        assertThat(whole.exitCode()).isEqualTo(1);
        assertThat(whole.out()).contains("FAIL " + Journals.input(archive) + ": the last cycle file, " + closedDay +
            ", ends with Chronicle's end-of-cycle marker");

        final CliRun run = CliRun.of("verify", "--archive", "--journal", archive.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("FAIL")
            .contains("note: " + Journals.input(archive) + ": the last cycle file, " + closedDay + ", ends with " +
                "Chronicle's end-of-cycle marker: the journal went on in a later cycle file, which the archive does " +
                "not hold\n")
            .contains("note: " + Journals.output(archive) + ": the last cycle file, " + closedDay)
            .contains("verify: intact as an archive");

        // and it replays: every recorded output is compared, none left over
        final CliRun replay = CliRun.of("replay", "--archive", "--journal", archive.toString());
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("replay: identical as an archive");
        assertThat(CliRun.of("replay", "--journal", archive.toString()).exitCode()).isEqualTo(1);
        // and dumped: every record, then without --archive the end named as cycle files removed (exit 1)
        final CliRun dumped = CliRun.of("dump", "--journal", archive.toString());
        assertThat(dumped.exitCode()).isEqualTo(1);
        assertThat(dumped.err()).contains("ends with Chronicle's end-of-cycle marker");
        final CliRun dumpedArchive = CliRun.of("dump", "--archive", "--journal", archive.toString());
        assertThat(dumpedArchive.exitCode()).as(dumpedArchive.err()).isZero();
        assertThat(dumpedArchive.out()).isEqualTo(dumped.out());
        // and it is audited: the report of a whole journal, written only as an archive
        final Path report = tmp.resolve("archive.csv");
        final String[] audit =
            {"audit", "--journal", archive.toString(), "--format", "csv", "--out", report.toString()};
        assertThat(CliRun.of(audit).exitCode()).isEqualTo(1);
        assertThat(report).doesNotExist();
        final CliRun audited =
            CliRun.of(Stream.concat(Stream.of(audit), Stream.of("--archive")).toArray(String[]::new));
        assertThat(audited.exitCode()).as(audited.err()).isZero();
        assertThat(Files.readString(report)).contains(",ENERGY_CHARGE,");

        // every record it holds is still checked: a byte changed in the closed day is named
        final Path file = archive.resolve("input").resolve(closedDay);
        final byte[] bytes = Files.readAllBytes(file);
        final int record = indexOfTick(bytes);
        bytes[record + 40] ^= 1;
        Files.write(file, bytes);
        final CliRun altered = CliRun.of("verify", "--archive", "--journal", archive.toString());
        assertThat(altered.exitCode()).isEqualTo(1);
        assertThat(altered.out()).contains("FAIL " + Journals.input(archive) + ": record ")
            .contains("hash chain broken");
    }

    // an archive's output journal may end before the outputs of its last inputs, which its writer put in the next
    // day's file: a replay of it regenerates them beyond the recorded end, and says how many
    @Test
    void anArchiveWhoseOutputsEndBeforeItsInputsReplaysWhatItHoldsAndCountsTheRest() throws IOException
    {
        final Path journal = journalOfTwoDays();
        final Path archive = tmp.resolve("archive");
        Files.createDirectories(archive.resolve("output"));
        AuditCommandTest.copyTree(journal.resolve("input"), archive.resolve("input"));
        for (final String file : new String[] {closedDay, "metadata.cq4t"})
        {
            Files.copy(journal.resolve("output").resolve(file), archive.resolve("output").resolve(file));
        }
        final CliRun whole = CliRun.of("replay", "--journal", archive.toString());
        assertThat(whole.out()).contains("replay: DIFFERENT - the recorded output journal ends after ");

        final CliRun replay = CliRun.of("replay", "--archive", "--journal", archive.toString());

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        // the redemption of the second day is rejected (nothing to redeem): one output beyond the archive's
        assertThat(replay.out()).contains("replay: identical as an archive; the replay produced 1 more output " +
            "after the recorded ones, which the archive's output journal does not hold");
    }

    /** The day the archived cycle files are named for: 2 days before the demo's, as in CycleFileTamperTest. */
    private String closedDay;

    /**
     * A demo journal whose cycle files are renamed to an earlier day, as if written then, and one more input appended
     * by an engine: each writer rolls from that day's file to today's, writing the end-of-cycle marker into it.
     */
    private Path journalOfTwoDays() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "2", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path journal = tmp.resolve("journal");
        final String written = cycleFile(Journals.input(journal)).getFileName().toString();
        closedDay = LocalDate.parse(written.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE).minusDays(2)
            .format(DateTimeFormatter.BASIC_ISO_DATE) + "F.cq4";
        for (final Path queue : new Path[] {Journals.input(journal), Journals.output(journal)})
        {
            Files.move(cycleFile(queue), queue.resolve(closedDay));
            // Chronicle's table store remembers the cycles it saw; a writer's open rebuilds it from the directory
            Files.delete(queue.resolve("metadata.cq4t"));
        }
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            engine.registerAccount(999_999);
            // refused, having nothing to redeem: an output of the second day
            engine.redeem(1, 999_999, TokenSymbol.pack("USD"), 1);
        }
        try (Stream<Path> files = Files.list(Journals.input(journal)))
        {
            assertThat(files.filter(p -> p.toString().endsWith(".cq4"))).hasSize(2);
        }
        return journal;
    }

    /** @return the offset of the first METER_TICK record (type 1, schema 1, length 72) in a cycle file's bytes. */
    private static int indexOfTick(final byte[] bytes)
    {
        for (int i = 4; i < bytes.length - 8; i++)
        {
            if (bytes[i] == 1 && bytes[i + 1] == 0 && bytes[i + 2] == 1 && bytes[i + 3] == 0 && bytes[i + 4] == 72 &&
                bytes[i + 5] == 0 && bytes[i + 6] == 0 && bytes[i + 7] == 0)
            {
                return i;
            }
        }
        throw new AssertionError("no tick");
    }

    // Was an audit finding: with the input journal's cycle files gone, verify took the directory for no journal at
    // all and exited 2, as for bad usage, though the output journal was there
    @Test
    void aJournalWhoseInputCycleFilesAreGoneFailsVerificationWithExitOne() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "2", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final Path journal = tmp.resolve("journal");
        try (Stream<Path> files = Files.list(Journals.input(journal)))
        {
            for (final Path file : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".cq4"))::iterator)
            {
                Files.delete(file);
            }
        }

        final CliRun run = CliRun.of("verify", "--journal", journal.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("input:  0 records read, then stopped by the problem below\n")
            .contains("FAIL " + Journals.input(journal) + ": has no cycle file (.cq4): every record of this " +
                "journal is missing\n");
    }

    // an auditor's sweep: with one half gone, verify exited 1 and the others 2, as for bad usage (replay and audit
    // with input/ gone, audit and rerate with output/ gone), though the README's exit 1 is for "a journal that fails
    // its checks, whichever command read it"
    @Test
    void aJournalWithEitherHalfGoneFailsItsChecksInEveryCommandThatReadsBoth() throws IOException
    {
        assertThat(CliRun.of("demo", "--meters", "2", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        for (final String half : new String[] {"input", "output"})
        {
            final Path journal = tmp.resolve("without-" + half);
            Files.createDirectories(journal);
            AuditCommandTest.copyTree(tmp.resolve("journal"), journal);
            try (Stream<Path> files = Files.walk(journal.resolve(half)))
            {
                for (final Path file : files.sorted(java.util.Comparator.reverseOrder()).toList())
                {
                    Files.delete(file);
                }
            }
            for (final String[] args : new String[][] {{"verify"}, {"replay"},
                {"dump", half.equals("input") ? "--input" : "--output"},
                {"audit", "--out", tmp.resolve("a.html").toString()},
                {"rerate", "--tariff", TestResources.path(TestResources.HAND_TARIFF), "--out",
                    tmp.resolve("r.csv").toString()}})
            {
                final String[] line = Stream.concat(Stream.of(args),
                    Stream.of("--journal", journal.toString())).toArray(String[]::new);

                final CliRun run = CliRun.of(line);

                assertThat(run.exitCode()).as("%s without %s: %s", args[0], half, run.err()).isEqualTo(1);
                assertThat(run.out() + run.err()).as(args[0]).contains("no journal at " + journal.resolve(half))
                    .doesNotContain("Exception");
            }
        }
        assertThat(tmp.resolve("a.html")).doesNotExist();
        assertThat(tmp.resolve("r.csv")).doesNotExist();
        // what is left of damaged evidence can still be read: dump prints the half that is there
        final CliRun outputLeft = CliRun.of("dump", "--journal", tmp.resolve("without-input").toString());
        assertThat(outputLeft.exitCode()).as(outputLeft.err()).isZero();
        assertThat(outputLeft.out()).contains("\"type\":\"transfer\"");
        final CliRun inputLeft = CliRun.of("dump", "--journal", tmp.resolve("without-output").toString(), "--input");
        assertThat(inputLeft.exitCode()).as(inputLeft.err()).isZero();
        assertThat(inputLeft.out()).contains("\"type\":\"meter_tick\"");
        // neither half: no journal at all, bad usage
        final CliRun neither = CliRun.of("dump", "--journal", tmp.resolve("without-input").resolve("output").toString());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("no gridsettle journal at");
        // an operator's slip: the queue given for the journal (was only "expected .../output/input and
        // .../output/output with .cq4 files")
        final Path queue = tmp.resolve("without-input").resolve("output");
        assertThat(neither.err().lines()).containsExactly("settle dump: no gridsettle journal at " + queue + ": it " +
            "is a queue of one (its output/ or input/, holding cycle files); give the journal directory that holds " +
            "it, " + queue.getParent());
    }

    private static String lastCheckpointSha256(final Path queueDir)
    {
        final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
        try (org.gridsettle.journal.JournalReader reader =
            new org.gridsettle.journal.JournalReader(queueDir).includeCheckpoints(true))
        {
            while (reader.next((b, o, l, p) ->
            {
                if (RecordFlyweight.typeIdAt(b, o) == RecordType.CHECKPOINT.id())
                {
                    new CheckpointCodec().<CheckpointCodec>wrap((MutableDirectBuffer)b, o).sha256(sha);
                }
            }))
            {
                // the last checkpoint's SHA-256 is kept
            }
        }
        return HexFormat.of().formatHex(sha);
    }

    private static long countRecords(final Path queueDir)
    {
        try (org.gridsettle.journal.JournalReader reader = new org.gridsettle.journal.JournalReader(queueDir))
        {
            long n = 0;
            while (reader.next((b, o, l, p) ->
            {
            }))
            {
                n++;
            }
            return n;
        }
    }

    private static Path cycleFile(final Path queueDir) throws IOException
    {
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }
}
