package org.gridsettle.engine;

import org.gridsettle.journal.ExclusiveFileLock;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.WriterLock;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.replay.JournalReplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits the bytes of real cycle files the way an attacker or a failing disk would, and checks that verification
 * fails and names the place. Records are located by a value written into them, so the edit lands inside a record.
 */
class JournalTamperTest
{
    private static final int METERS = 4;
    private static final int INTERVALS = 96;

    @TempDir
    Path dir;

    @BeforeEach
    void writeJournal()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, METERS);
            EngineFixture.submitDay(engine, METERS, INTERVALS);
        }
    }

    @Test
    void anUntouchedJournalVerifies()
    {
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(report.inputRecords()).isEqualTo(1 + 2 * METERS + METERS * INTERVALS);
        assertThat(report.outputRecords()).isEqualTo(METERS * INTERVALS);
    }

    @Test
    void aFlippedByteInTheMiddleOfTheOutputCycleFileIsFoundAndNamed() throws IOException
    {
        // the transfer caused by input 200 sits in the middle of the 384 outputs; its cause field is at offset 16
        final long at = findRecord(cycleFile(Journals.output(dir)), 16, 200L);
        flip(cycleFile(Journals.output(dir)), at + 40); // inside the amount field
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("output") && p.contains("hash chain broken"));
        assertThat(String.join("\n", report.problems())).containsPattern("record \\d+ \\(sequence \\d+\\)");
    }

    @Test
    void aFlippedByteInTheMiddleOfTheInputCycleFileIsFoundAndNamed() throws IOException
    {
        // input 200 is a tick; its sequence field is at offset 8
        final long at = findRecord(cycleFile(Journals.input(dir)), 8, 200L);
        flip(cycleFile(Journals.input(dir)), at + 40); // inside importWh
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).anyMatch(p -> p.contains("input") && p.contains("record 199 (sequence 200)"));
    }

    @Test
    void whenBothJournalsAreDamagedTheInputJournalsProblemIsListedFirst() throws IOException
    {
        // the two journals are scanned on two threads; the report must not depend on which finishes first
        JournalFiles.flipValue(Journals.output(dir), RecordType.TRANSFER, JournalFiles.CAUSE, 200L);
        JournalFiles.flipValue(Journals.input(dir), RecordType.METER_TICK, JournalFiles.SEQUENCE, 200L);
        final List<String> problems = JournalVerifier.verify(dir).problems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(Journals.input(dir) + ": record 199 (sequence 200)");
        assertThat(problems.get(1)).startsWith(Journals.output(dir) + ": record ");
    }

    @Test
    void progressCountsBothJournalsAndNeverGoesBack()
    {
        final List<long[]> calls = new ArrayList<>();
        final VerificationReport report =
            JournalVerifier.verify(dir, (done, total) -> calls.add(new long[] {done, total}));
        assertThat(calls).isNotEmpty();
        for (int i = 1; i < calls.size(); i++)
        {
            assertThat(calls.get(i)[0]).as("call %d", i).isGreaterThanOrEqualTo(calls.get(i - 1)[0]);
        }
        final long[] last = calls.get(calls.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]);
        // every data record of both journals, plus their checkpoints
        assertThat(last[0]).isGreaterThan(report.inputRecords() + report.outputRecords());
    }

    @Test
    void deletingTheLastRecordsIsDetected() throws IOException
    {
        // zero the last three output records (two transfers and the close checkpoint), headers included, which is
        // what a reader sees of a cycle file whose last pages were wiped: Chronicle still counts the documents, so the
        // reader names the first record it cannot read
        final Path file = cycleFile(Journals.output(dir));
        final long firstOfLast = findRecord(file, 16, (long)(1 + 2 * METERS + METERS * INTERVALS - 1));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(firstOfLast - 4);
            raf.write(new byte[4 + 120 + 4 + 120 + 4 + 104]);
        }
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).anyMatch(p -> p.startsWith(Journals.output(dir) + ": record 382 (after " +
            "sequence 382): reading stops at document 382 of ") && p.contains("were wiped"));
    }

    // Was an audit finding: the message named only the checkpoint (its sequence is 0), not the records it seals
    @Test
    void anAmountChangedWithTheChainRecomputedIsFoundByTheSha256CheckpointNamingItsBlock() throws IOException
    {
        final Path file = cycleFile(Journals.output(dir));
        flip(file, findRecord(file, 16, 200L) + 40); // the amount of the transfer input 200 caused
        JournalFiles.resealChain(file);

        final VerificationReport report = JournalVerifier.verify(dir);

        // the journal's only block: the 384 outputs, sealed by the close checkpoint after them
        assertThat(report.problems()).containsExactly(Journals.output(dir) + ": record 384 (sequence 0): SHA-256 " +
            "checkpoint does not match its block, records 0 to 383 (sequences 1 to 384): one of them was altered " +
            "and the chain values after it recomputed, or the checkpoint was altered");
    }

    // Was an audit finding: the XXH64 digest was the only value settle verify printed and the one FORMAT.md said to
    // keep, yet an editor can change a record and keep it
    @Test
    void anEditorWhoRecomputesEverythingCanKeepTheDigestButNotTheSeal() throws IOException
    {
        final VerificationReport before = JournalVerifier.verify(dir);
        final Path file = cycleFile(Journals.output(dir));
        flip(file, findRecord(file, 16, 200L) + 40); // the amount of the transfer input 200 caused
        JournalFiles.reseal(file, true, true);

        final VerificationReport after = JournalVerifier.verify(dir);

        assertThat(after.problems()).isEmpty();
        assertThat(after.outputDigest()).isEqualTo(before.outputDigest());
        assertThat(after.outputSeal()).isNotEqualTo(before.outputSeal());
        // the outputs no longer follow from the inputs
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).run().identical()).isFalse();
    }

    // Was an audit finding: in a journal without a close checkpoint nothing binds the input journal, so an input
    // removed with the chain and checkpoints recomputed verified intact
    @Test
    void anInputRemovedFromAKilledJournalWithEverythingRecomputedLeavesAGapInTheSequences() throws IOException
    {
        final List<byte[]> inputs = new ArrayList<>(EngineFixture.readAll(Journals.input(dir)));
        inputs.remove(199); // input 200
        JournalFiles.writeAsKilled(Journals.input(dir), inputs);
        JournalFiles.rewriteAsKilled(Journals.output(dir), METERS * INTERVALS);

        final List<String> problems = JournalVerifier.verify(dir).problems();

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).isEqualTo(Journals.input(dir) + ": record 199 (sequence 201): the data record " +
            "numbered 200 has sequence 201: sequences run 1, 2, 3..., so records were removed, inserted or " +
            "reordered before it");
        assertThat(problems.get(1)).startsWith(Journals.input(dir) + ": ends at record 392 (sequence 393) without a " +
            "close checkpoint");
        assertThat(problems.get(2)).startsWith(Journals.output(dir) + ": ends at record 384 (sequence 384) without " +
            "a close checkpoint");
    }

    // Was a review finding: since 5933f4b an input journal without a close checkpoint whose writer.lock is held is
    // "being written", and the output journal's binding was then not checked at all, so the input journal's last
    // records removed, with anything holding its writer.lock, verified intact (settle verify: "intact so far", exit
    // 0) beside an output journal whose close checkpoint binds them. A writer only appends: an input journal read
    // after the output's close checkpoint that holds fewer records than it binds, or others, lost some
    @Test
    void inputsRemovedFromTheEndWhileSomethingHoldsTheInputWriterLockAreFoundByTheOutputsBinding() throws IOException
    {
        final long chain = JournalVerifier.verify(dir).inputDigest();
        JournalFiles.rewriteAsKilled(Journals.input(dir), METERS * INTERVALS);

        final VerificationReport report;
        try (ExclusiveFileLock held = WriterLock.acquire(Journals.input(dir)))
        {
            report = JournalVerifier.verify(dir);
        }

        assertThat(report.problems()).containsExactly(Journals.output(dir) + ": close checkpoint binds " +
            (1 + 2 * METERS + METERS * INTERVALS) + " input records with chain " + HashChain.toHex(chain) +
            ", but the input journal, read after it, has only " + METERS * INTERVALS + ": records were removed from " +
            "the end of the input journal (a writer only appends)");
    }

    // Was a review finding: 65c7b2d checked only the count, so the input journal's last tick replaced by another (its
    // importWh changed, the chain and checkpoints recomputed, no close checkpoint), with anything holding its
    // writer.lock, still verified "intact so far" beside an output journal whose close checkpoint binds the original
    @Test
    void inputsReplacedAtTheEndWhileSomethingHoldsTheInputWriterLockAreFoundByTheOutputsBinding() throws IOException
    {
        final long chain = JournalVerifier.verify(dir).inputDigest();
        final int all = 1 + 2 * METERS + METERS * INTERVALS;
        final List<byte[]> inputs = EngineFixture.readAll(Journals.input(dir));
        inputs.get(all - 1)[40] ^= 0x01; // inside the last tick's importWh
        JournalFiles.writeAsKilled(Journals.input(dir), inputs);

        final VerificationReport report;
        try (ExclusiveFileLock held = WriterLock.acquire(Journals.input(dir)))
        {
            report = JournalVerifier.verify(dir);
        }

        assertThat(report.problems()).singleElement().asString().startsWith(Journals.output(dir) + ": close " +
            "checkpoint binds " + all + " input records with chain " + HashChain.toHex(chain) + ", but the input " +
            "journal's first " + all + ", read after it, end on chain ").endsWith(": they are not the records it " +
            "bound");
    }

    @Test
    void outputsReorderedAndRenumberedWithEverythingRecomputedAreFound() throws IOException
    {
        final List<byte[]> outputs = new ArrayList<>(EngineFixture.readAll(Journals.output(dir)));
        // outputs 100 and 200 (caused by inputs 109 and 209) change places, each taking the other's sequence
        Collections.swap(outputs, 99, 199);
        ByteBuffer.wrap(outputs.get(99)).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 100);
        ByteBuffer.wrap(outputs.get(199)).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 200);
        JournalFiles.writeAsKilled(Journals.output(dir), outputs);

        final List<String> problems = JournalVerifier.verify(dir).problems();

        assertThat(problems.get(0)).isEqualTo(Journals.output(dir) + ": record 100 (sequence 101): caused by input " +
            "110, but the output before it by input 209: outputs follow the inputs' order, so outputs were reordered");
    }

    @Test
    void swappingTwoRecordsIsDetected() throws IOException
    {
        final Path file = cycleFile(Journals.output(dir));
        final long a = findRecord(file, 16, 100L);
        final long b = findRecord(file, 16, 101L);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] ra = new byte[120];
            final byte[] rb = new byte[120];
            raf.seek(a);
            raf.readFully(ra);
            raf.seek(b);
            raf.readFully(rb);
            raf.seek(a);
            raf.write(rb);
            raf.seek(b);
            raf.write(ra);
        }
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).anyMatch(p -> p.contains("hash chain broken"));
    }

    private static Path cycleFile(final Path queueDir) throws IOException
    {
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /**
     * @return file offset of the first record whose little-endian long at {@code fieldOffset} equals {@code value}
     * and whose type id is that of a tick (1) or a transfer (101).
     */
    private static long findRecord(final Path file, final int fieldOffset, final long value) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 4; i + 128 < bytes.length; i++)
        {
            final int type = bb.getShort(i) & 0xFFFF;
            if ((type == 1 || type == 101) && bb.getShort(i + 2) == 1 && bb.getLong(i + fieldOffset) == value)
            {
                return i;
            }
        }
        throw new AssertionError("no record with " + value + " at offset " + fieldOffset + " in " + file);
    }

    private static void flip(final Path file, final long at) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at);
            final int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }
}
