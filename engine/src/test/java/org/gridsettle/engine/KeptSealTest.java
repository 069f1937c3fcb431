package org.gridsettle.engine;

import org.gridsettle.engine.snapshot.SnapshotWriteException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.JournalSeal;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.KeptSeal;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seals kept from an earlier {@code settle verify} ({@link KeptSeal}), compared by a later one: the only check that
 * finds a journal whose every checksum and checkpoint an editor recomputed (FORMAT.md section 8, "Limits"), and it
 * must hold however much the journal grew since the seal was kept.
 */
class KeptSealTest
{
    private static final int METERS = 4;
    private static final int INTERVALS = 96;

    @TempDir
    Path dir;

    @BeforeEach
    void writeJournal()
    {
        EngineFixture.writeJournal(dir, METERS, INTERVALS);
    }

    @Test
    void sealsKeptBeforeTheJournalGrewStillMatch()
    {
        final List<KeptSeal> kept = kept(JournalVerifier.verify(dir));
        nextDay(1);

        final VerificationReport report = verify(kept);

        assertThat(report.problems()).isEmpty();
        // the journal went on: its own seals moved, and its first records still end on the kept ones
        assertThat(report.inputSeal()).isNotEqualTo(kept.get(0).sha256());
        assertThat(report.outputSeal()).isNotEqualTo(kept.get(1).sha256());
        assertThat(report.keptSeals()).containsExactly(
            Journals.input(dir) + ": its first " + (1 + 2 * METERS + METERS * INTERVALS) + " data records end on " +
                "the seal kept in check 1, sha256:" + kept.get(0).sha256(),
            Journals.output(dir) + ": its first " + METERS * INTERVALS + " data records end on the seal kept in " +
                "check 2, sha256:" + kept.get(1).sha256());
    }

    @Test
    void aSealKeptWhileAWriterAppendedMatchesOnceTheJournalIsClosed()
    {
        final List<KeptSeal> kept;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            submitDay(engine, 1);
            // every input of the first two days applied, so the read stops mid-journal, on no checkpoint
            final long inputs = 1 + 2 * METERS + 2L * METERS * INTERVALS;
            final long giveUp = System.nanoTime() + 60_000_000_000L;
            while (engine.appliedSequence() < inputs && System.nanoTime() < giveUp)
            {
                Thread.onSpinWait();
            }
            assertThat(engine.appliedSequence()).isEqualTo(inputs);
            final VerificationReport open = JournalVerifier.verify(dir);
            assertThat(open.beingWritten()).isTrue();
            kept = kept(open);
            submitDay(engine, 2);
        }

        final VerificationReport report = verify(kept);

        // kept with no checkpoint after their last record: the seal one written there would hold
        assertThat(report.problems()).isEmpty();
        assertThat(report.keptSeals()).hasSize(2);
    }

    // Review of 2026-11-29: a verify of the journal as it stood at any count printed the seal a read ending there
    // holds, before or after a periodic checkpoint (every 4,096th data record) and at none; kept from a killed
    // engine's journal, they all still match once an engine has recovered it and later sessions have appended
    @Test
    void sealsKeptAtEveryKindOfEndMatchAfterRecoveryFromAKill() throws IOException
    {
        final Path journal = dir.resolve("killed");
        EngineFixture.writeJournal(journal, 50, 200);
        // the output writer killed after its 8,192nd output: no close checkpoint, the last outputs lost
        JournalFiles.rewriteAsKilled(Journals.output(journal), 8192);
        final VerificationReport killed = JournalVerifier.verify(journal);
        assertThat(killed.problems()).singleElement().asString().contains("without a close checkpoint");
        final List<KeptSeal> kept = new ArrayList<>(kept(killed));
        for (final long records : new long[] {0, 1, 4095, 4096, 4097, 8192})
        {
            kept.addAll(sealsOfReadsEndingAt(Journals.input(journal), false, records));
            kept.addAll(sealsOfReadsEndingAt(Journals.output(journal), true, records));
        }
        EngineFixture.appendSession(journal, 7001);
        EngineFixture.appendSession(journal, 7002);

        final VerificationReport report = JournalVerifier.verify(journal, ProgressListener.NONE, false, kept);

        assertThat(report.problems()).isEmpty();
        // 2 from the killed journal's verify; per count and journal, a read ending on the data record, and at 4,096
        // and 8,192 one ending on the periodic checkpoint after it too
        assertThat(kept).hasSize(2 + 2 * 6 + 2 * 2);
        assertThat(report.keptSeals()).hasSize(kept.size());
    }

    // An output journal whose writer's last session took no output ends on two close checkpoints: the second seals
    // an empty block, so the seal printed then is not the first one's, and both follow the same data records
    @Test
    void anOutputJournalsSealKeptAtASecondCloseCheckpointMatches()
    {
        final String firstCloseSeal = JournalVerifier.verify(dir).outputSeal();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.registerAccount(2001);
        }
        final VerificationReport ended = JournalVerifier.verify(dir);
        final List<KeptSeal> kept = kept(ended);
        nextDay(1);

        final VerificationReport report = verify(kept);

        assertThat(ended.outputSeal()).isNotEqualTo(firstCloseSeal);
        assertThat(report.problems()).isEmpty();
        assertThat(report.keptSeals()).hasSize(2);
        // and the seal printed before that session, the first close checkpoint's, matches the same records too
        final VerificationReport firstClose = verify(List.of(new KeptSeal(true, ended.outputRecords(),
            firstCloseSeal, "first close")));
        assertThat(firstClose.problems()).isEmpty();
        assertThat(firstClose.keptSeals()).singleElement().asString().contains("first close");
    }

    // FORMAT.md section 8, "Limits": a transfer's amount changed, with the chain, the checkpoints and even the XXH64
    // digest recomputed, verifies intact on its own; only a seal kept from before finds it
    @Test
    void aJournalChangedAndResealedFailsTheSealKeptBeforeIt() throws IOException
    {
        final List<KeptSeal> kept = kept(JournalVerifier.verify(dir));
        final Path file = JournalFiles.cycleFile(Journals.output(dir));
        JournalFiles.flip(file, JournalFiles.findRecord(file, 101, JournalFiles.CAUSE, 200L) + 40, 0x01);
        JournalFiles.reseal(file, true, true);
        final VerificationReport resealed = JournalVerifier.verify(dir);
        assertThat(resealed.problems()).isEmpty();

        final VerificationReport report = verify(kept);

        assertThat(report.problems()).containsExactly(Journals.output(dir) + ": data record " + METERS * INTERVALS +
            ": the seal kept in check 2 for the first " + METERS * INTERVALS + " data records is sha256:" +
            kept.get(1).sha256() + ", but they end on sha256:" + resealed.outputSeal() + ": one of them was " +
            "changed and the journal re-sealed, or this is another journal, or the last of them were lost in a " +
            "power failure before they reached the disk and others were appended since");
        // the input journal was not touched: its kept seal still matches
        assertThat(report.keptSeals()).singleElement().asString().startsWith(Journals.input(dir) + ": ");
    }

    @Test
    void aJournalWithFewerRecordsThanASealWasKeptForFails()
    {
        final VerificationReport now = JournalVerifier.verify(dir);
        final KeptSeal later = new KeptSeal(false, now.inputRecords() + 10, now.inputSeal(), "kept.txt:7");

        final VerificationReport report = verify(List.of(later));

        assertThat(report.problems()).containsExactly(Journals.input(dir) + ": holds " + now.inputRecords() +
            " data records, fewer than the " + (now.inputRecords() + 10) + " the seal kept in kept.txt:7 is for: " +
            "records were removed from its end, or this is another journal, or the last of them were lost in a " +
            "power failure before they reached the disk");
        assertThat(report.keptSeals()).isEmpty();
    }

    // Was a review finding: an archive is the journal cut where its writer rolled to a later day, so a seal kept from
    // the journal after that (the live journal's verify at archiving time, or a later month's check appended to the
    // same file) is for records it never held; the problem named only removal or another journal
    @Test
    void aSealAnArchiveHasTooFewRecordsForSaysItMayHaveBeenKeptAfterTheArchiveWasMade()
    {
        final VerificationReport now = JournalVerifier.verify(dir);
        final KeptSeal later = new KeptSeal(false, now.inputRecords() + 10, now.inputSeal(), "kept.txt:7");

        final VerificationReport report = JournalVerifier.verify(dir, ProgressListener.NONE, true, List.of(later));

        assertThat(report.problems()).containsExactly(Journals.input(dir) + ": holds " + now.inputRecords() +
            " data records, fewer than the " + (now.inputRecords() + 10) + " the seal kept in kept.txt:7 is for: " +
            "records were removed from its end, or this is another journal, or the seal was kept from the journal " +
            "after this archive was made (compare those settle verify --archive printed of the archive as made)");
    }

    @Test
    void aSealTheReadStopsBeforeIsANoteBesideTheProblemThatStoppedIt() throws IOException
    {
        final List<KeptSeal> kept = kept(JournalVerifier.verify(dir));
        final Path file = JournalFiles.cycleFile(Journals.output(dir));
        JournalFiles.flip(file, JournalFiles.findRecord(file, 101, JournalFiles.CAUSE, 200L) + 40, 0x01);

        final VerificationReport report = verify(kept);

        assertThat(report.problems()).singleElement().asString().contains("hash chain broken");
        assertThat(report.notes()).containsExactly(Journals.output(dir) + ": the seal kept in check 2 for the " +
            "first " + METERS * INTERVALS + " data records was not compared: the read stopped at the problem above, " +
            "before data record " + METERS * INTERVALS);
        assertThat(report.keptSeals()).singleElement().asString().startsWith(Journals.input(dir) + ": ");
    }

    // a host keeps what the engine answers at close, without reading the journal again; it must be what verify prints
    @Test
    void anEnginesSealsAtCloseAreTheOnesVerifyPrints()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        engine.registerAccount(2001);
        assertThat(engine.outputSeal()).as("not sealed before close").isNull();
        engine.close();

        final VerificationReport report = JournalVerifier.verify(dir);

        // a session with an input and no output: the output journal ends on a second close checkpoint
        assertThat(engine.inputSeal()).isEqualTo(
            new JournalSeal(report.inputRecords(), report.inputDigest(), report.inputSeal()));
        assertThat(engine.outputSeal()).isEqualTo(
            new JournalSeal(report.outputRecords(), report.outputDigest(), report.outputSeal()));
    }

    // Review of 2026-11-29: what the engine answers at close is what verify prints right after, whatever the session
    // did: appended nothing (both close checkpoints kept), recovered the outputs a killed engine lost, found its input
    // journal killed with every output there (the output's close checkpoint kept), sealed on a background thread
    @Test
    void anEnginesSealsAreVerifysAfterEveryKindOfSession() throws IOException
    {
        final VerificationReport before = JournalVerifier.verify(dir);
        final SettlementEngine idle = SettlementEngine.builder().journalDir(dir).build().start();
        idle.close();
        assertSealsAreVerifys(idle);
        assertThat(idle.outputSeal().sha256()).isEqualTo(before.outputSeal());
        assertThat(idle.inputSeal().sha256()).isEqualTo(before.inputSeal());

        JournalFiles.rewriteAsKilled(Journals.output(dir), 100);
        final SettlementEngine recovering = SettlementEngine.builder().journalDir(dir).build().start();
        assertThat(recovering.recoveryNotes()).isNotEmpty();
        recovering.close();
        assertSealsAreVerifys(recovering);

        final VerificationReport recovered = JournalVerifier.verify(dir);
        JournalFiles.rewriteAsKilled(Journals.input(dir), (int) recovered.inputRecords());
        final SettlementEngine inputKilled = SettlementEngine.builder().journalDir(dir).build().start();
        inputKilled.close();
        assertSealsAreVerifys(inputKilled);
        assertThat(inputKilled.outputSeal().sha256()).isEqualTo(recovered.outputSeal());

        final SettlementEngine background =
            SettlementEngine.builder().journalDir(dir).sealing(Sealing.BACKGROUND).build().start();
        submitDay(background, 1);
        background.close();
        assertSealsAreVerifys(background);
    }

    // the closing snapshot is written after the journals are sealed: its failure leaves the seals to keep
    @Test
    void anEngineWhoseClosingSnapshotFailedAnswersTheSealsItClosedWith() throws IOException
    {
        final Path snapshots = dir.resolve("snapshots");
        JournalFiles.deleteTree(snapshots);
        Files.writeString(snapshots, "not a folder");
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        submitDay(engine, 1);

        assertThatThrownBy(engine::close)
            .isInstanceOf(SnapshotWriteException.class);

        assertSealsAreVerifys(engine);
    }

    private void assertSealsAreVerifys(final SettlementEngine engine)
    {
        final VerificationReport report = JournalVerifier.verify(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(engine.inputSeal()).isEqualTo(
            new JournalSeal(report.inputRecords(), report.inputDigest(), report.inputSeal()));
        assertThat(engine.outputSeal()).isEqualTo(
            new JournalSeal(report.outputRecords(), report.outputDigest(), report.outputSeal()));
    }

    private VerificationReport verify(final List<KeptSeal> kept)
    {
        return JournalVerifier.verify(dir, ProgressListener.NONE, false, kept);
    }

    /** The seals a verify printed, as an auditor keeps them: "check 1" for the input journal's, "check 2" output's. */
    private static List<KeptSeal> kept(final VerificationReport report)
    {
        return List.of(new KeptSeal(false, report.inputRecords(), report.inputSeal(), "check 1"),
            new KeptSeal(true, report.outputRecords(), report.outputSeal(), "check 2"));
    }

    /**
     * The seals a verify of the journal printed had it ended after {@code records} data records: on the last of them,
     * and on each checkpoint right after it.
     */
    private static List<KeptSeal> sealsOfReadsEndingAt(final Path queue, final boolean output, final long records)
    {
        final List<KeptSeal> seals = new ArrayList<>();
        try (JournalReader reader = JournalReader.readOnly(queue))
        {
            reader.includeCheckpoints(true);
            boolean more = true;
            while (more && reader.dataRecords() <= records)
            {
                if (reader.dataRecords() == records)
                {
                    seals.add(new KeptSeal(output, records, HexFormat.of().formatHex(reader.seal()),
                        "a read ending at record " + reader.position()));
                }
                more = reader.next((buffer, offset, length, at) ->
                {
                });
            }
        }
        return seals;
    }

    /** One more writer session, ticking the fixture's meters through day {@code day} after the first. */
    private void nextDay(final int day)
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            submitDay(engine, day);
        }
    }

    private static void submitDay(final SettlementEngine engine, final int day)
    {
        for (int i = 0; i < INTERVALS; i++)
        {
            for (int m = 1; m <= METERS; m++)
            {
                engine.submitTick(m, MeterTickCodec.CHANNEL_MAIN, EngineFixture.START + day * 86_400L + i * 900L,
                    900, 100 + m, 0);
            }
        }
    }
}
