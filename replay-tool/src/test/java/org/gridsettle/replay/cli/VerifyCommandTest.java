package org.gridsettle.replay.cli;

import org.agrona.MutableDirectBuffer;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
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
