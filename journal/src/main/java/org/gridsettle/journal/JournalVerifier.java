package org.gridsettle.journal;

import org.agrona.DirectBuffer;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks both journals of a directory end to end, as an auditor would before trusting them:
 * <ul>
 *   <li>every record's structure, its XXH64 chain link and every SHA-256 checkpoint (see {@link JournalReader});</li>
 *   <li>each journal ends with a close checkpoint, so records removed from the end are noticed, and its last cycle
 *       file was not closed by a roll to a later one, so removed cycle files are noticed;</li>
 *   <li>the output journal's close checkpoint names the input journal's record count and chain head, so the two
 *       journals cannot be truncated or swapped independently;</li>
 *   <li>no output claims a cause beyond the last input;</li>
 *   <li>sequences run 1, 2, 3... in each journal, and outputs follow the order of their causes;</li>
 *   <li>given seals kept from earlier checks ({@link KeptSeal}), that each journal's first records still end on the
 *       seal kept for them, which no edit that recomputes the journal's own values can keep.</li>
 * </ul>
 * The two journals are scanned at once, the input journal on a thread each call starts; problems are listed input
 * journal first, as they would be found one after the other. Stateless; each call opens and closes its own readers.
 * Thread-safe.
 */
public final class JournalVerifier
{
    /** Reads of a journal that a writer keeps appending to while they find problems; see {@link #verify}. */
    static final int READS = 3;

    private JournalVerifier()
    {
    }

    /**
     * @param journalDir a journal directory with {@code input/} and {@code output/}.
     * @return what was found.
     */
    public static VerificationReport verify(final Path journalDir)
    {
        return verify(journalDir, ProgressListener.NONE);
    }

    /**
     * @param journalDir a journal directory with {@code input/} and {@code output/}.
     * @param progress   told how many records of both journals have been checked, against their indexed count.
     * @return what was found.
     */
    public static VerificationReport verify(final Path journalDir, final ProgressListener progress)
    {
        return verify(journalDir, progress, false);
    }

    /**
     * Verifies a journal directory, or an archive of one: the closed cycle files of a journal that went on being
     * written (FORMAT.md section 12). An archive's last cycle file ends with the end-of-cycle marker its writer wrote
     * as it moved on, and, unless the engine was closed just then, without a close checkpoint, so the output journal's
     * binding to the input journal is not checked: both are listed as notes, not problems. Every record the archive
     * holds is checked as in a whole journal; only a record count or seal kept from when it was made shows that
     * nothing was removed from its end.
     *
     * @param journalDir a journal directory with {@code input/} and {@code output/}.
     * @param progress   told how many records of both journals have been checked, against their indexed count.
     * @param archive    true to verify it as an archive.
     * @return what was found.
     */
    public static VerificationReport verify(final Path journalDir, final ProgressListener progress,
        final boolean archive)
    {
        return verify(journalDir, progress, archive, List.of(), null);
    }

    /**
     * Verifies as {@link #verify(Path, ProgressListener, boolean)} does, and compares seals kept from earlier checks:
     * each journal's first {@link KeptSeal#records()} data records must end on the seal kept for them (the seal a
     * checkpoint after the last of them holds, or would hold), whatever was appended since. One that does not, and a
     * journal with fewer data records than a seal was kept for, is a problem; one that matches is listed in
     * {@link VerificationReport#keptSeals()}; one the read did not reach, stopped by a damaged record before it, is a
     * note.
     *
     * @param journalDir a journal directory with {@code input/} and {@code output/}.
     * @param progress   told how many records of both journals have been checked, against their indexed count.
     * @param archive    true to verify it as an archive.
     * @param kept       seals kept from earlier checks of either journal, in any order; empty for none.
     * @return what was found.
     */
    public static VerificationReport verify(final Path journalDir, final ProgressListener progress,
        final boolean archive, final List<KeptSeal> kept)
    {
        return verify(journalDir, progress, archive, List.copyOf(kept), null);
    }

    /**
     * Verifies, and reads again when a read found problems while a writer appended: the journals are read one after
     * the other's start, so a whole writer session (an ingest, an engine started and closed) between the two reads
     * leaves an input journal read before it beside an output journal read after it, whose close checkpoint binds
     * inputs the first read never saw. That is a problem of the read, not of the journal: it is read again, up to
     * {@link #READS} times in all, and what the last read found is reported, with a note of the reads before it. A
     * journal that fails its checks fails every read, so no problem is ever dropped for being found once; only a read
     * whose journals did not grow meanwhile stops the rereading early.
     *
     * @param betweenScans for tests: run once, after the first read of the input journal and before that of the
     *                     output journal (which are then read one after the other), to put a writer session between
     *                     them; null to read them at once.
     */
    static VerificationReport verify(final Path journalDir, final ProgressListener progress, final boolean archive,
        final Runnable betweenScans)
    {
        return verify(journalDir, progress, archive, List.of(), betweenScans);
    }

    private static VerificationReport verify(final Path journalDir, final ProgressListener progress,
        final boolean archive, final List<KeptSeal> kept, final Runnable betweenScans)
    {
        long[] counts = indexedCounts(journalDir);
        VerificationReport report = verifyOnce(journalDir, progress, total(counts, progress), archive, kept,
            betweenScans);
        final List<String> rereads = new ArrayList<>();
        // an archive's writer has moved on: nothing appends to the files it holds
        for (int read = 1; read < READS && !report.intact() && !archive && counts != null; read++)
        {
            final long[] now = indexedCounts(journalDir);
            if (now == null || Arrays.equals(now, counts))
            {
                break;
            }
            rereads.add(journalDir + ": read again (read " + (read + 1) + " of at most " + READS + "): a writer " +
                "appended while read " + read + " ran (input journal " + counts[0] + " to " + now[0] +
                " records, output journal " + counts[1] + " to " + now[1] + "), and that read found: " +
                String.join("; ", report.problems()));
            counts = now;
            report = verifyOnce(journalDir, progress, total(now, progress), archive, kept, null);
        }
        if (rereads.isEmpty())
        {
            return report;
        }
        final List<String> notes = new ArrayList<>(rereads);
        notes.addAll(report.notes());
        return new VerificationReport(report.inputRecords(), report.outputRecords(), report.inputDigest(),
            report.outputDigest(), report.inputSeal(), report.outputSeal(), report.problems(), List.copyOf(notes),
            report.keptSeals(), report.beingWritten());
    }

    /**
     * @return the records Chronicle's indexes count in the input and output journals, or null when either cannot
     *     say: the progress display's total, and how a writer's appends between two reads are told, never a count a
     *     check relies on.
     */
    private static long[] indexedCounts(final Path journalDir)
    {
        final long input = indexed(Journals.input(journalDir));
        final long output = indexed(Journals.output(journalDir));
        return input < 0 || output < 0 ? null : new long[] {input, output};
    }

    /** @return the progress display's total for a read of journals of these counts, or -1 for none. */
    private static long total(final long[] counts, final ProgressListener progress)
    {
        return progress == ProgressListener.NONE || counts == null ? -1 : counts[0] + counts[1];
    }

    private static VerificationReport verifyOnce(final Path journalDir, final ProgressListener progress,
        final long expected, final boolean archive, final List<KeptSeal> kept, final Runnable betweenScans)
    {
        // the two journals are independent until the cross-checks below: the input journal is scanned on a thread
        // of its own, and the progress display, on this thread, adds what that scan has done
        final Scan in = new Scan(Journals.input(journalDir), archive, KeptSealCheck.of(kept, false));
        final AtomicLong inputDone = new AtomicLong();
        final SideTask<Scan> inputScan = SideTask.start("gridsettle-verify-input",
            () -> scan(in, (done, total) -> inputDone.lazySet(done), 0, expected));
        if (betweenScans != null)
        {
            inputScan.join();
            betweenScans.run();
        }
        final Scan output = scan(new Scan(Journals.output(journalDir), archive, KeptSealCheck.of(kept, true)),
            (done, total) -> progress.progress(inputDone.get() + done, total), 0, expected);
        final Scan input = inputScan.join();
        final List<String> problems = new ArrayList<>(input.problems);
        problems.addAll(output.problems);
        final List<String> notes = new ArrayList<>(input.notes);
        notes.addAll(output.notes);
        final List<String> matched = new ArrayList<>();
        input.kept.report(input.dir, archive, matched, problems, notes);
        output.kept.report(output.dir, archive, matched, problems, notes);
        progress.progress(input.position + output.position, input.position + output.position);
        if (input.complete && output.complete)
        {
            if (output.closeBoundRecords != input.dataRecords || output.closeBoundChain != input.digest)
            {
                problems.add(Journals.output(journalDir) + ": close checkpoint binds " + output.closeBoundRecords +
                    " input records with chain " + HashChain.toHex(output.closeBoundChain) + " but the input " +
                    "journal has " + input.dataRecords + " records with chain " + HashChain.toHex(input.digest));
            }
            if (output.maxCause > input.lastSequence)
            {
                problems.add(Journals.output(journalDir) + ": an output is caused by input " + output.maxCause +
                    " but the input journal ends at sequence " + input.lastSequence);
            }
        }
        else if (output.complete && input.beingWritten)
        {
            // rare for a sound journal: a writer that has appended inputs since its start but no output yet
            requireBoundInputs(Journals.input(journalDir), output, problems);
        }
        return new VerificationReport(input.dataRecords, output.dataRecords, input.digest, output.digest, input.seal,
            output.seal, List.copyOf(problems), List.copyOf(notes), List.copyOf(matched),
            input.beingWritten || output.beingWritten);
    }

    /**
     * An input journal being written, beside an output journal that ends with its close checkpoint. Read again now,
     * after that checkpoint was read, it holds at least the records the checkpoint binds (a writer only appends, and
     * may have appended after the input's scan: the two journals are scanned at once), and the first of them end on
     * the chain it binds. Fewer were removed from its end, others replaced there, which a held writer.lock would
     * otherwise pass as "being written".
     */
    private static void requireBoundInputs(final Path inputDir, final Scan output, final List<String> problems)
    {
        final long records;
        final long chain;
        try (JournalReader reader = JournalReader.readOnly(inputDir))
        {
            final RecordHandler count = (buffer, offset, length, at) ->
            {
            };
            boolean more = true;
            while (more && reader.dataRecords() < output.closeBoundRecords)
            {
                more = reader.next(count);
            }
            records = reader.dataRecords();
            chain = reader.digest();
        }
        catch (final JournalCorruptException e)
        {
            // a writer appending makes no record read before fail its checks
            problems.add(e.getMessage());
            return;
        }
        catch (final RuntimeException e)
        {
            problems.add(inputDir + ": unreadable when read again after the output journal" +
                JournalReader.chronicleWords(e));
            return;
        }
        if (records < output.closeBoundRecords)
        {
            problems.add(output.dir + ": close checkpoint binds " + output.closeBoundRecords + " input records with " +
                "chain " + HashChain.toHex(output.closeBoundChain) + ", but the input journal, read after it, has " +
                "only " + records + ": records were removed from the end of the input journal (a writer only " +
                "appends)");
        }
        else if (chain != output.closeBoundChain)
        {
            problems.add(output.dir + ": close checkpoint binds " + output.closeBoundRecords + " input records with " +
                "chain " + HashChain.toHex(output.closeBoundChain) + ", but the input journal's first " + records +
                ", read after it, end on chain " + HashChain.toHex(chain) + ": they are not the records it bound");
        }
    }

    /** @return the records Chronicle's index counts in one journal, or -1 when it cannot say. */
    private static long indexed(final Path dir)
    {
        try (JournalReader reader = JournalReader.readOnly(dir))
        {
            return reader.indexedRecords();
        }
        catch (final RuntimeException e)
        {
            // the scan reports what is wrong with the journal; the count just is not known
            return -1;
        }
    }

    private static Scan scan(final Scan scan, final ProgressListener progress, final long before, final long expected)
    {
        final Path dir = scan.dir;
        final List<String> problems = scan.problems;
        if (Files.isDirectory(dir) && CycleFileCheck.cycleFiles(dir).isEmpty())
        {
            // Chronicle would read an empty queue (and a writer's open create its table store): a journal with no
            // record at all
            problems.add(dir + ": has no cycle file (.cq4): every record of this journal is missing");
            return scan;
        }
        try (JournalReader reader = JournalReader.readOnly(dir))
        {
            reader.includeCheckpoints(true);
            final KeptSealCheck kept = scan.kept;
            kept.compare(reader);
            while (reader.next(scan::onRecord))
            {
                scan.position = reader.position();
                kept.compare(reader);
                if (scan.position % ProgressListener.EVERY == 0)
                {
                    progress.progress(before + scan.position, expected);
                }
            }
            scan.dataRecords = reader.dataRecords();
            scan.digest = reader.digest();
            scan.lastSequence = reader.lastSequence();
            scan.seal = HexFormat.of().formatHex(reader.seal());
            kept.readToEnd(reader.dataRecords());
            final String removed = reader.removedCycleFilesProblem();
            if (removed != null && scan.archive)
            {
                scan.notes.add(dir + ": the last cycle file, " + reader.cycleFileName() + ", ends with Chronicle's " +
                    "end-of-cycle marker: the journal went on in a later cycle file, which the archive does not hold");
            }
            else if (removed != null)
            {
                problems.add(removed);
            }
            if (!reader.endsWithCloseCheckpoint() && scan.archive)
            {
                scan.notes.add(dir + ": ends at record " + reader.position() + " (sequence " + reader.lastSequence() +
                    ") without a close checkpoint, as an archive of a journal still being written does: the output " +
                    "journal's binding to the input journal is not checked");
            }
            else if (!reader.endsWithCloseCheckpoint() && CycleFileCheck.writerHolds(dir))
            {
                // an engine or settle ingest appending now: its close checkpoint comes when it closes
                scan.beingWritten = true;
                scan.notes.add(dir + ": ends at record " + reader.position() + " (sequence " + reader.lastSequence() +
                    ") without a close checkpoint while a writer holds it (" + WriterLock.FILE + "): it is being " +
                    "written, and its end is checked once the writer has closed it");
            }
            else if (!reader.endsWithCloseCheckpoint())
            {
                problems.add(dir + ": ends at record " + reader.position() + " (sequence " +
                    reader.lastSequence() + ") without a close checkpoint: records were removed from the end, or " +
                    "the engine stopped without closing (restart it to recover and seal the journal)");
            }
            else
            {
                scan.complete = true;
            }
        }
        catch (final JournalCorruptException e)
        {
            problems.add(e.getMessage());
        }
        catch (final RuntimeException e)
        {
            problems.add(dir + ": unreadable after record " + scan.position + ", the cycle file is damaged" +
                JournalReader.chronicleWords(e) + ": restore the journal from a copy");
        }
        return scan;
    }

    private static final class Scan
    {
        private final CheckpointCodec checkpoint = new CheckpointCodec();
        private final Path dir;
        private final boolean archive;
        private final KeptSealCheck kept;
        private final List<String> problems = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private boolean numberingBroken;
        private long lastCause;
        private long position;
        private long dataRecords;
        private long digest;
        private long lastSequence;
        private String seal = "";
        private long maxCause;
        private long closeBoundRecords;
        private long closeBoundChain;
        private boolean complete;
        private boolean beingWritten;

        Scan(final Path dir, final boolean archive, final KeptSealCheck kept)
        {
            this.dir = dir;
            this.archive = archive;
            this.kept = kept;
        }

        void onRecord(final DirectBuffer buffer, final int offset, final int length, final long at)
        {
            if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.CHECKPOINT.id())
            {
                checkpoint.wrap((org.agrona.MutableDirectBuffer)buffer, offset);
                closeBoundRecords = checkpoint.boundRecords();
                closeBoundChain = checkpoint.boundChain();
            }
            else
            {
                // counted here too, so that a journal unreadable part-way says how far it was read
                dataRecords++;
                final long cause = RecordFlyweight.causeSequenceAt(buffer, offset);
                maxCause = Math.max(maxCause, cause);
                checkNumbering(RecordFlyweight.sequenceAt(buffer, offset), cause, at);
            }
        }

        /**
         * Sequences run 1, 2, 3... in each journal, and outputs follow the order of the inputs that caused them. A
         * record removed from the middle, with the chain and checkpoints recomputed after it, leaves a gap that
         * nothing else finds in a journal without a close checkpoint. The first break is reported; the records
         * after it are still checked.
         */
        private void checkNumbering(final long sequence, final long cause, final long at)
        {
            if (numberingBroken)
            {
                return;
            }
            final long expected = dataRecords;
            if (sequence != expected)
            {
                numberingBroken = true;
                problems.add(dir + ": record " + at + " (sequence " + sequence + "): the data record numbered " +
                    expected + " has sequence " + sequence + ": sequences run 1, 2, 3..., so records were removed, " +
                    "inserted or reordered before it");
            }
            else if (cause < lastCause)
            {
                numberingBroken = true;
                problems.add(dir + ": record " + at + " (sequence " + sequence + "): caused by input " + cause +
                    ", but the output before it by input " + lastCause + ": outputs follow the inputs' order, so " +
                    "outputs were reordered");
            }
            lastCause = cause;
        }
    }
}
