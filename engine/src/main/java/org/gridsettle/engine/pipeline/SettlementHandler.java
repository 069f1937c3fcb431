package org.gridsettle.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.PostingListener;
import org.gridsettle.engine.SnapshotStalls;
import org.gridsettle.engine.logic.OutputSink;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.engine.snapshot.SnapshotInfo;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.engine.snapshot.SnapshotWriter;
import org.gridsettle.replay.OutputComparer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Disruptor consumer: for each input it assigns the next input sequence, appends the record to the input journal
 * and only then applies it to the {@link SettlementLogic}, whose outputs go to the output journal and listeners.
 * <p>
 * On start it recovers: it loads the newest valid snapshot, then every input journalled after it is re-applied;
 * outputs the output journal already holds are checked byte for byte, and outputs lost in a crash (input journalled,
 * outputs not yet) are appended. So after a {@code kill -9} no input is lost and no posting doubled.
 * <p>
 * Runs on the single business-logic thread; {@link #appliedSequence()} may be read from any thread.
 */
public final class SettlementHandler implements EventHandler<InputSlot>, OutputSink
{
    /**
     * A meter's share of a snapshot besides its correction window, rounded up: 697 B measured with 100,000 meters
     * on a flat TOU tariff (1,369 B per meter with the default 12-slot window). Only sizes a buffer ahead of time.
     */
    private static final long SNAPSHOT_BYTES_PER_METER_BESIDES_WINDOW = 768;
    /**
     * Meters of a periodic capture copied after each input; see {@link SnapshotWriter#step}. One, so that an input
     * costs at most two meters' copies while a capture is pending (this one and its own meter's, copied before it
     * changes): at 100,000 meters a meter's copy takes about 0.5 µs, and eight per input held the logic thread above
     * 100% busy at 200,000 ticks/s offered for the whole capture, queueing the ticks behind it by milliseconds.
     * One still completes a capture within an input per meter, a tenth of the default snapshot spacing; the wait
     * strategy's idle work ({@link #copyCaptureWhileIdle}) usually completes it much sooner.
     */
    static final int CAPTURE_METERS_PER_INPUT = 1;
    /** Meters of a periodic capture copied per call of the idle work: about a microsecond, which an input may wait. */
    static final int CAPTURE_METERS_PER_IDLE_CALL = 2;

    private final JournalWriter input;
    private final JournalWriter output;
    private final OutputDispatcher dispatcher;
    private SettlementLogic logic;
    private final int correctionWindow;
    private final SnapshotStore snapshots;
    private final SnapshotWriter snapshotWriter;
    private final long snapshotInterval;
    private final long snapshotInputsPerMeter;
    private volatile SnapshotStalls snapshotStalls = SnapshotStalls.NONE;
    /** Input sequence of the last snapshot taken or loaded. */
    private long lastSnapshotInput;
    private final List<String> recoveryNotes = new ArrayList<>();
    private final Path outputDir;
    private OutputComparer recoveryComparer;
    private long recoveryRecorded;
    private long recoveryGenerated;
    private long inputSequence;
    private long skipUpTo;
    private volatile long appliedSequence;
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param input     input journal writer.
     * @param output    output journal writer.
     * @param outputDir output journal directory, read during recovery.
     * @param listeners host listeners.
     * @param correctionWindow ticks remembered per meter.
     * @param snapshots        where snapshots go, or null for none.
     * @param snapshotInterval inputs between periodic snapshots, 0 for only at clean shutdown.
     * @param snapshotInputsPerMeter periodic snapshots also wait for this many inputs per enrolled meter since the
     *                               last one, so that their cost per input does not grow with the fleet; 0 for none.
     */
    public SettlementHandler(
        final JournalWriter input,
        final JournalWriter output,
        final Path outputDir,
        final PostingListener[] listeners,
        final int correctionWindow,
        final SnapshotStore snapshots,
        final long snapshotInterval,
        final long snapshotInputsPerMeter)
    {
        this.snapshotInputsPerMeter = snapshotInputsPerMeter;
        this.correctionWindow = correctionWindow;
        this.snapshots = snapshots;
        this.snapshotWriter = snapshots == null ? null : new SnapshotWriter(snapshots);
        this.snapshotInterval = snapshotInterval;
        this.input = input;
        this.output = output;
        this.outputDir = outputDir;
        this.dispatcher = new OutputDispatcher(output, listeners);
        this.logic = new SettlementLogic(this, correctionWindow);
    }

    /**
     * Re-applies the inputs already journalled. Call once, before the Disruptor starts.
     *
     * @param inputDir input journal directory.
     * @return the number of inputs journalled, the last input sequence recovered: a snapshot's and those re-applied.
     */
    public long recover(final Path inputDir)
    {
        final String setAside = setAsideNote();
        if (setAside.isEmpty())
        {
            return recoverJournalled(inputDir);
        }
        recoveryNotes.add(setAside);
        try
        {
            return recoverJournalled(inputDir);
        }
        catch (final JournalCorruptException e)
        {
            // the file is put back as the engine is abandoned; say why the journal still is not sound without it
            throw new JournalCorruptException(e.getMessage() + " (" + setAside + "; it is put back, since the " +
                "journal is not sound without it either)");
        }
    }

    /**
     * @return the cycle files, by their names in the journals, that the writers set aside when they opened, as a
     *         writer killed while creating them left them ({@link JournalWriter#setAsideCycleFile()}); usually none.
     */
    public List<Path> setAsideCycleFiles()
    {
        final List<Path> files = new ArrayList<>(2);
        for (final JournalWriter writer : new JournalWriter[] {input, output})
        {
            final Path file = writer.setAsideCycleFile();
            if (file != null)
            {
                files.add(file);
            }
        }
        return List.copyOf(files);
    }

    /** @return one line naming the cycle files set aside when the writers opened, or "" if none was. */
    private String setAsideNote()
    {
        final StringBuilder line = new StringBuilder();
        for (final Path file : setAsideCycleFiles())
        {
            line.append(line.length() == 0 ? "" : "; ").append(file).append(" was left without Chronicle's header " +
                "by a writer killed as it created the file, and holds no record: set aside as ")
                .append(file.getFileName()).append(JournalWriter.ABANDONED_SUFFIX);
        }
        return line.toString();
    }

    private long recoverJournalled(final Path inputDir)
    {
        if (input.dataRecords() == 0)
        {
            if (output.dataRecords() != 0)
            {
                throw new JournalCorruptException(outputDir + ": output journal has " + output.dataRecords() +
                    " records but the input journal is empty");
            }
            return 0;
        }
        recoveryRecorded = output.dataRecords();
        final SnapshotInfo snapshot = loadSnapshot(input.dataRecords(), inputDir);
        if (snapshot != null)
        {
            // the next snapshot will be about this size: size the buffer now, off this thread
            snapshotWriter.reserve(snapshotSize(snapshot.file()) * 5 / 4);
        }
        try (JournalReader inputs = new JournalReader(inputDir);
            JournalReader outputs = new JournalReader(outputDir))
        {
            // both journals were verified end to end, chains and checkpoints, when this engine's writers opened
            // them, and nothing has been appended since: checking each link again would be a second pass over the
            // same bytes, a fifth of the recovery's work
            inputs.checkpointVerification(false).chainVerification(false);
            outputs.checkpointVerification(false).chainVerification(false);
            recoveryComparer = new OutputComparer(outputs);
            if (snapshot != null)
            {
                if (!recoveryComparer.skip(snapshot.outputRecords(), snapshot.outputChainHead()))
                {
                    throw new JournalCorruptException("snapshot " + snapshot.file() + " does not match the output " +
                        "journal " + outputDir + " (record count or chain differ); move the snapshot away and " +
                        "restart for a full replay");
                }
                recoveryGenerated = snapshot.outputRecords();
                skipUpTo = snapshot.inputSequence();
                lastSnapshotInput = skipUpTo;
                // both journals were verified end to end when their writers opened them: the inputs the snapshot
                // covers need not be read again, so the reader starts after them (binary search on the sequence)
                inputs.seekToSequence(skipUpTo + 1);
                inputSequence = skipUpTo;
            }
            while (inputs.next(this::reapply))
            {
                inputSequence++;
            }
        }
        finally
        {
            recoveryComparer = null;
        }
        if (recoveryGenerated < recoveryRecorded)
        {
            throw new JournalCorruptException(outputDir + ": output journal has " + recoveryRecorded +
                " records but its inputs produce only " + recoveryGenerated + ": inputs the recorded outputs follow " +
                "from are missing after input " + inputSequence + ", the input journal's last (its last cycle files " +
                "removed or lost, or it is an older copy than the output journal): restore them");
        }
        if (recoveryGenerated > recoveryRecorded)
        {
            // routine after a kill, but also what a lost or deleted output cycle file looks like: worth a word
            recoveryNotes.add("appended " + (recoveryGenerated - recoveryRecorded) + " outputs of journalled inputs " +
                "that the output journal did not hold (an engine stopped before journalling them, or output cycle " +
                "files removed or lost)");
        }
        appliedSequence = inputSequence;
        return inputSequence;
    }

    private SnapshotInfo loadSnapshot(final long lastInput, final Path inputDir)
    {
        if (snapshots == null)
        {
            return null;
        }
        for (final Path file : snapshots.newestFirst())
        {
            try
            {
                final SnapshotInfo info = SnapshotStore.verify(file);
                if (info.inputSequence() > lastInput || info.outputRecords() > output.dataRecords())
                {
                    // of a later state of the journal (restored from a backup under it) or of another: kept under its
                    // name it would stay one of the newest two, and each snapshot taken would become a spare at once;
                    // as a spare it would be overwritten, though no replay of these journals gives it again
                    recoveryNotes.add("snapshot " + file.getFileName() + " is ahead of the journals; " +
                        setAsideAhead(file) + "skipped");
                    continue;
                }
                final SettlementLogic candidate = new SettlementLogic(this, correctionWindow);
                SnapshotStore.load(file, candidate);
                completeLegacyWindow(candidate, info, inputDir);
                if (candidate.interestApysUnknown())
                {
                    throw new java.io.IOException("it predates the APYs of the interest accruals, and a day was " +
                        "accrued: only a replay tells whether a repeat of that day names its APY");
                }
                if (candidate.drCoverageUnknown())
                {
                    throw new java.io.IOException("it predates the covered seconds of DR meters' hours: only a " +
                        "replay tells a partly read hour from a read one");
                }
                if (candidate.drModificationsUnknown())
                {
                    throw new java.io.IOException("it predates the modification numbers of DR events, and an event " +
                        "is pending: only a replay tells whether a modification replaces it");
                }
                logic = candidate;
                recoveryNotes.add("loaded snapshot " + file.getFileName() + " (input " + info.inputSequence() +
                    "), replaying the tail");
                return info;
            }
            catch (final java.io.IOException | RuntimeException e)
            {
                // kept under its name it would stay one of the newest two, and the next snapshot would turn the older
                // sound one into the spare it overwrites
                recoveryNotes.add("snapshot " + file.getFileName() + " is unusable (" + e.getMessage() + "); " +
                    setAside(file) + "falling back to an older snapshot or a full replay");
            }
        }
        return null;
    }

    private String setAsideAhead(final Path snapshot)
    {
        try
        {
            return "set aside as " + snapshots.setAsideAhead(snapshot).getFileName() + ", which no start reads or " +
                "overwrites: it holds a state the journals no longer reach (rename it back if they are put back to " +
                "it); ";
        }
        catch (final java.io.UncheckedIOException e)
        {
            // left where it is, it is skipped again at the next start: nothing is lost
            return "";
        }
    }

    private String setAside(final Path snapshot)
    {
        try
        {
            return "set aside as " + snapshots.setAside(snapshot).getFileName() + ", for a later snapshot to " +
                "overwrite; ";
        }
        catch (final java.io.UncheckedIOException e)
        {
            // left where it is, it is skipped again at the next start: nothing is lost
            return "";
        }
    }

    /**
     * Completes, from the input journal, the correction window of a snapshot written by an earlier build, in one pass
     * over its ticks up to the snapshot; a snapshot it cannot complete is not used, because recovery from it and a
     * full replay of the same journal would part.
     * <ul>
     *   <li>Interval lengths (formats 02 and 03 did not keep them) are read back from the ticks that caused the
     *       entries. An entry of unknown length would match a tick of its start at any length and overlap only ticks
     *       containing its start, where a replay knows the length and rejects such ticks INTERVAL_OVERLAP.</li>
     *   <li>Eviction watermarks (formats 02 to 04 did not keep them) matter only where some meter's window is full.
     *       A meter whose journalled ticks are all on one channel never has one; otherwise they depend on which ticks
     *       each meter accepted on which channel, which only a replay tells, and without them a tick overlapping an
     *       interval evicted from its channel would be priced where a replay refuses it.</li>
     * </ul>
     */
    private void completeLegacyWindow(final SettlementLogic candidate, final SnapshotInfo info, final Path inputDir)
        throws IOException
    {
        final long unknown = candidate.windowLengthsUnknown();
        final boolean watermarks = candidate.windowWatermarksUnknown();
        if (unknown == 0 && !watermarks)
        {
            return;
        }
        // the watermarks need every tick's channel; the lengths only the ticks from the earliest entry's on
        final long from = watermarks ? 1 : candidate.earliestWindowCauseOfUnknownLength();
        forEachTick(inputDir, from, info.inputSequence(), (sequence, tick) ->
        {
            if (unknown != 0)
            {
                candidate.restoreWindowLength(sequence, tick);
            }
            if (watermarks)
            {
                candidate.noteJournalledTick(tick);
            }
        });
        if (unknown != 0)
        {
            final long left = candidate.windowLengthsUnknown();
            if (left != 0)
            {
                throw new IOException(left + " of its " + unknown + " correction-window entries without an " +
                    "interval length have no tick of theirs in the input journal");
            }
            recoveryNotes.add("snapshot " + info.file().getFileName() + " predates interval lengths in the " +
                "correction window: read " + unknown + " of them back from the input journal");
        }
        if (watermarks)
        {
            final int several = candidate.confirmNoWindowWatermarks();
            if (several != 0)
            {
                throw new IOException("it predates eviction watermarks in the correction window, and " + several +
                    " of its meters with full windows ticked on several channels, whose watermarks only a replay " +
                    "can tell");
            }
            recoveryNotes.add("snapshot " + info.file().getFileName() + " predates eviction watermarks in the " +
                "correction window: each meter with a full window ticked on one channel, so none has one");
        }
    }

    /** What {@link #forEachTick} hands each tick to. */
    @FunctionalInterface
    private interface TickVisitor
    {
        void visit(long sequence, MeterTickCodec tick);
    }

    /**
     * Reads the input journal's ticks from one input sequence to another, inclusive, for the recovery of a snapshot
     * of an earlier build.
     */
    private static void forEachTick(final Path inputDir, final long from, final long to, final TickVisitor visitor)
    {
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final MeterTickCodec tick = new MeterTickCodec();
        final boolean[] past = {false};
        try (JournalReader inputs = new JournalReader(inputDir))
        {
            // verified end to end when the writer opened it
            inputs.checkpointVerification(false).chainVerification(false).seekToSequence(from);
            while (!past[0] && inputs.next((buffer, offset, length, position) ->
            {
                final long sequence = RecordFlyweight.sequenceAt(buffer, offset);
                past[0] = sequence >= to;
                if (sequence <= to && RecordFlyweight.typeIdAt(buffer, offset) == RecordType.METER_TICK.id())
                {
                    view.wrap(buffer, offset, length);
                    tick.wrap(view, 0);
                    visitor.visit(sequence, tick);
                }
            }))
            {
                // the visitor takes each tick
            }
        }
    }

    /**
     * Captures a snapshot of the current state; a thread of the {@link SnapshotWriter}'s writes it and keeps the
     * newest two. Business-logic thread only, or after the Disruptor has stopped.
     */
    public void snapshot()
    {
        if (snapshots == null || inputSequence == 0)
        {
            return;
        }
        logic.ledger().checkBalanced();
        snapshotWriter.take(logic, output.dataRecords(), output.digest());
        lastSnapshotInput = inputSequence;
    }

    /**
     * Idle work for the business-logic thread's wait strategy: copies a few more meters of a periodic capture in
     * progress, so that a capture begun at an offered rate completes in the time the thread would otherwise spin
     * away, not only an input at a time. Its file is then written sooner and the inputs after it no longer pay for
     * copy-on-write.
     * <p>
     * Threading: the business-logic thread only, between inputs.
     *
     * @return 1 if a capture was being copied, 0 if none was: a field read.
     */
    public int copyCaptureWhileIdle()
    {
        final SnapshotWriter writer = snapshotWriter;
        return writer != null && writer.step(CAPTURE_METERS_PER_IDLE_CALL) ? 1 : 0;
    }

    /**
     * Sizes the snapshot buffer for a fleet, on the snapshot thread, so the first capture does not grow it.
     *
     * @param meters meters expected.
     */
    public void reserveSnapshot(final int meters)
    {
        if (snapshotWriter != null && meters > 0)
        {
            final long estimate = (long)meters *
                (TickWindow.BYTES_PER_SLOT * (long)correctionWindow + TickWindow.BYTES_PER_METER +
                SNAPSHOT_BYTES_PER_METER_BESIDES_WINDOW);
            // with the quarter of headroom the writer keeps after a snapshot, so the first one need not grow it
            snapshotWriter.reserve(estimate + estimate / 4);
        }
    }

    private static long snapshotSize(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException e)
        {
            return 0;
        }
    }

    /**
     * Waits for the snapshot being written, if any, and stops the snapshot thread. Call once the business-logic
     * thread has stopped.
     */
    public void closeSnapshots()
    {
        if (snapshotWriter != null)
        {
            snapshotWriter.close();
        }
    }

    /**
     * @return what recovery did about snapshots, one line each.
     */
    public List<String> recoveryNotes()
    {
        return List.copyOf(recoveryNotes);
    }

    private void reapply(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        final long sequence = RecordFlyweight.sequenceAt(buffer, offset);
        if (sequence != inputSequence + 1)
        {
            throw new JournalCorruptException("input record " + position + " has sequence " + sequence +
                ", expected " + (inputSequence + 1));
        }
        if (sequence > skipUpTo)
        {
            logic.apply(buffer, offset, length);
        }
    }

    @Override
    public void onOutput(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final OutputComparer comparer = recoveryComparer;
        if (comparer != null && recoveryGenerated < recoveryRecorded)
        {
            recoveryGenerated++;
            if (!comparer.compareNext(buffer, offset, length))
            {
                throw new JournalCorruptException("recovery: " + comparer.firstDivergence());
            }
            return;
        }
        recoveryGenerated++;
        dispatcher.onOutput(buffer, offset, length);
    }

    @Override
    public void onStart()
    {
        started.countDown();
    }

    /**
     * Waits until the business-logic thread runs. Disruptor's shutdown only drains consumers that are running, so
     * the engine must not hand out the ring before this returns.
     */
    public void awaitStart()
    {
        try
        {
            started.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the business-logic thread", e);
        }
    }

    @Override
    public void onShutdown()
    {
        stopped.countDown();
    }

    /**
     * Waits until the business-logic thread has left its event loop, after the Disruptor was halted. Halting only
     * raises an alert; until the thread sees it, it may still be in its wait strategy's idle work, which writes ahead
     * in the journals' files, so nothing else may append to them before this returns.
     */
    public void awaitStop()
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                stopped.await();
                break;
            }
            catch (final InterruptedException e)
            {
                // the journals are about to be closed: waiting cannot be given up, only remembered
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
    {
        final BalanceQuery query = slot.query();
        if (query != null)
        {
            // an answer covers only inputs whose batch is finished: checked, journalled and acknowledged
            if (appliedSequence != inputSequence)
            {
                finishBatch();
            }
            answer(query);
            slot.clear();
            return;
        }
        final MutableDirectBuffer record = slot.record();
        final int length = slot.recordLength();
        final long inputSeq = ++inputSequence;
        RecordFlyweight.putSequence(record, 0, inputSeq);
        input.append(record, 0, length);
        logic.apply(record, 0, length);
        slot.clear();
        if (endOfBatch)
        {
            finishBatch();
        }
        if (snapshotWriter == null)
        {
            return;
        }
        // a periodic capture in progress copies one more meter per input, and more while the thread waits for input
        snapshotWriter.step(CAPTURE_METERS_PER_INPUT);
        if (snapshotInterval > 0 && inputSeq % snapshotInterval == 0 &&
            inputSeq - lastSnapshotInput >= snapshotInputsPerMeter * logic.meters().meterCount())
        {
            // the clock only measures the stall for operators; nothing it reads reaches the state or the journals
            final long due = System.nanoTime();
            snapshotWriter.awaitWritten();
            final long captureStart = System.nanoTime();
            // the capture proves the ledger balanced as it copies the balances (Ledger.writeStateDeferred)
            snapshotWriter.begin(logic, output.dataRecords(), output.digest());
            lastSnapshotInput = inputSequence;
            // one allocation per snapshot, a million inputs apart: off the per-tick path
            snapshotStalls = snapshotStalls.plus(System.nanoTime() - due, captureStart - due);
        }
    }

    private void finishBatch()
    {
        // fail-stop: a broken ledger halts the engine before anything else is acknowledged
        logic.ledger().checkTotals();
        input.endOfBatch();
        output.endOfBatch();
        appliedSequence = inputSequence;
    }

    private void answer(final BalanceQuery query)
    {
        final org.gridsettle.engine.ledger.Ledger ledger = logic.ledger();
        final int token = ledger.findToken(query.tokenSymbol());
        final long micros = token < 0 ? 0 : ledger.balance(query.accountId(), token);
        query.answer().complete(new org.gridsettle.engine.Balance(query.accountId(),
            org.gridsettle.pricing.money.TokenSymbol.unpack(query.tokenSymbol()), micros, inputSequence));
    }

    /**
     * @return how long the periodic snapshots have held up the business-logic thread; safe from any thread.
     */
    public SnapshotStalls snapshotStalls()
    {
        return snapshotStalls;
    }

    /**
     * @return the last input sequence whose effects are journalled; safe from any thread.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * @return the logic; read only on the business-logic thread or after the engine stopped.
     */
    public SettlementLogic logic()
    {
        return logic;
    }
}
