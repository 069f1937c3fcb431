package org.gridsettle.replay;

import org.agrona.DirectBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.journal.BackgroundChainCheck;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.RecordFlyweight;

import java.nio.file.Path;

/**
 * Re-runs a journal's inputs through a fresh {@link SettlementLogic} and compares what it emits with the recorded
 * output journal, record by record. This is the auditor's proof that every posting follows from the recorded inputs.
 * <p>
 * Stops at the first divergence. Both journals' XXH64 chains are verified as the records are read or, for a journal
 * of four million inputs or more, on a second thread while this one replays (from the two millionth input on); then
 * the report is returned only once every record read is verified. Not thread-safe; one replay per instance.
 */
public final class JournalReplay
{
    /**
     * Inputs replayed before the chain check starts on the other core. Started at once, it took that core from the
     * JIT compiler while the replay warmed up, and a fresh JVM's replay of 4,200,001 inputs ran at 1.20-1.43M
     * inputs/s against 1.48-1.58M with the check inline; started here, 1.42-1.60M. The check reads several times
     * faster than the replay, so it still catches up long before the end. A multiple of
     * {@link ProgressListener#EVERY}, where the loop looks.
     */
    static final long CHECK_AFTER = 1 << 21;
    /**
     * Input journals smaller than this (by Chronicle's index) have their chains checked inline, as they are read:
     * checked at the end instead, as the delayed start left them, the 1,534,117 inputs of the demo journal replayed
     * in 2.14-2.65 s instead of 1.81-1.98 s, since the check then reads both journals a second time on its own.
     */
    static final long BACKGROUND_FROM = 2 * CHECK_AFTER;

    private final Path journalDir;
    private final long toSequence;
    private long backgroundFrom = BACKGROUND_FROM;
    private long checkAfter = CHECK_AFTER;
    private SettlementLogic logic;
    private OutputComparer comparer;
    private boolean diverged;
    private ProgressListener progress = ProgressListener.NONE;
    private int expectedMeters;
    private int correctionWindow = TickWindow.DEFAULT_SLOTS;
    private boolean archive;

    /**
     * @param journalDir journal directory holding {@code input/} and {@code output/}.
     * @param toSequence replay inputs up to and including this sequence; {@link Long#MAX_VALUE} for all.
     */
    public JournalReplay(final Path journalDir, final long toSequence)
    {
        this.journalDir = journalDir;
        this.toSequence = toSequence;
    }

    /**
     * @param listener told how many inputs have been replayed, against the input journal's indexed record count.
     * @return this.
     */
    public JournalReplay progress(final ProgressListener listener)
    {
        this.progress = listener;
        return this;
    }

    /**
     * Sizes the replaying state machine's per-meter state for this many meters at once, as
     * {@code SettlementEngine.Builder.expectedMeters} sizes an engine's, instead of growing it as the journal's meters
     * enrol. Growing doubles arrays of hundreds of MB for a large fleet, with old and new alive at once: in a 2 GiB
     * heap, repeated replays of a 1,000,000-meter journal in one JVM twice ran out of heap there (not reproduced
     * since: four replays of 4,000,001 inputs in one such JVM passed either way). The replay's result is the same
     * either way.
     *
     * @param meters meters expected; 0, the default, to grow as they enrol.
     * @return this.
     */
    public JournalReplay expectedMeters(final int meters)
    {
        if (meters < 0)
        {
            throw new IllegalArgumentException("expected meters must not be negative: " + meters);
        }
        this.expectedMeters = meters;
        return this;
    }

    /**
     * Replays with the correction window the journal's writer ran with ({@code SettlementEngine.Builder
     * .correctionWindow}): the journal does not record it, and whether a late tick is refused
     * OUTSIDE_CORRECTION_WINDOW depends on it.
     *
     * @param slots ticks remembered per meter; {@link TickWindow#DEFAULT_SLOTS} by default.
     * @return this.
     * @throws IllegalArgumentException naming the value, if it is below 1 or above
     *                                  {@link TickWindow#MAX_TOTAL_SLOTS}.
     */
    public JournalReplay correctionWindow(final int slots)
    {
        if (slots < 1 || slots > TickWindow.MAX_TOTAL_SLOTS)
        {
            throw new IllegalArgumentException("correction window must be 1 to " + TickWindow.MAX_TOTAL_SLOTS +
                " ticks: " + slots);
        }
        this.correctionWindow = slots;
        return this;
    }

    /**
     * Replays an archive of closed cycle files (FORMAT.md section 12): its journals end where their writers moved on
     * to a later day, so the end-of-cycle marker of each last cycle file is not taken for removed files, and the
     * outputs regenerated after the recorded output journal's end are counted, not compared
     * ({@link OutputComparer#archive()}). Every recorded output is still compared, and one left over is still a
     * difference.
     *
     * @return this.
     */
    public JournalReplay archive()
    {
        this.archive = true;
        return this;
    }

    /**
     * Moves the chain check to another thread for smaller journals and earlier than by default, so that tests can
     * take that path with a small journal.
     *
     * @param fromInputs journals of at least this many indexed input records are checked in the background.
     * @param after      inputs replayed before the check starts; a multiple of {@link ProgressListener#EVERY}.
     * @return this.
     */
    JournalReplay backgroundCheck(final long fromInputs, final long after)
    {
        if (after <= 0 || after % ProgressListener.EVERY != 0)
        {
            throw new IllegalArgumentException("start the check at a multiple of " + ProgressListener.EVERY);
        }
        this.backgroundFrom = fromInputs;
        this.checkAfter = after;
        return this;
    }

    /**
     * Runs the replay.
     *
     * @return what it found.
     * @throws org.gridsettle.journal.JournalCorruptException if a record read from either journal fails its integrity
     *         checks, whatever else the replay of an altered record then did.
     */
    public ReplayReport run()
    {
        final Path inputDir = Journals.input(journalDir);
        final Path outputDir = Journals.output(journalDir);
        try (JournalReader inputs = JournalReader.readOnly(inputDir);
            JournalReader outputs = JournalReader.readOnly(outputDir))
        {
            // replay proves determinism; integrity of the SHA-256 checkpoints is settle verify's job. The XXH64 chain
            // of every record is still checked: on the other core for a large journal, where the chains are a fifth
            // of a replay's work, and as the records are read otherwise
            inputs.checkpointVerification(false);
            outputs.checkpointVerification(false);
            final long indexed = inputs.indexedRecords();
            if (indexed >= 0 && indexed < backgroundFrom)
            {
                return replay(inputs, outputs, null, indexed);
            }
            inputs.chainVerification(false);
            outputs.chainVerification(false);
            try (BackgroundChainCheck chainCheck = BackgroundChainCheck.of(inputDir, outputDir))
            {
                final ReplayReport report;
                try
                {
                    report = replay(inputs, outputs, chainCheck, indexed);
                }
                catch (final RuntimeException e)
                {
                    // a record the check finds corrupt explains any failure after it was read: report that instead
                    chainCheck.confirm(inputs.position(), outputs.position());
                    throw e;
                }
                chainCheck.confirm(inputs.position(), outputs.position());
                return report;
            }
        }
    }

    /**
     * @param chainCheck verifies the chains in the background, or null when the readers verify them.
     * @param indexed    the input journal's indexed record count, or -1: the progress display's total.
     */
    private ReplayReport replay(
        final JournalReader inputs, final JournalReader outputs, final BackgroundChainCheck chainCheck,
        final long indexed)
    {
        comparer = archive ? new OutputComparer(outputs).archive() : new OutputComparer(outputs);
        logic = new SettlementLogic((buffer, offset, length) ->
        {
            if (!diverged && !comparer.compareNext(buffer, offset, length))
            {
                diverged = true;
            }
        }, correctionWindow);
        logic.reserveMeters(expectedMeters);
        final ProgressListener progress = this.progress;
        final long expected = progress == ProgressListener.NONE ? -1 : indexed;
        long replayed = 0;
        final boolean[] past = {false};
        final RecordHandler apply = (b, o, l, p) -> applyUpTo(b, o, l, past);
        while (!diverged && !past[0] && inputs.next(apply))
        {
            if (!past[0] && ++replayed % ProgressListener.EVERY == 0)
            {
                progress.progress(replayed, expected);
                if (replayed == checkAfter && chainCheck != null)
                {
                    chainCheck.begin();
                }
            }
        }
        progress.progress(replayed, replayed);
        if (!diverged && toSequence == Long.MAX_VALUE && !comparer.recordedExhausted())
        {
            diverged = true;
        }
        if (!diverged && toSequence == Long.MAX_VALUE && !archive)
        {
            // both journals cut back to an earlier day's close replay identical: only their last files' end-of-cycle
            // markers tell that later days were removed
            refuseRemovedCycleFiles(inputs);
            refuseRemovedCycleFiles(outputs);
        }
        return new ReplayReport(replayed, comparer.compared(), !diverged, comparer.firstDivergence(),
            outputs.digest(), comparer.digest(), logic.ledger(), comparer.beyondRecorded());
    }

    private static void refuseRemovedCycleFiles(final JournalReader reader)
    {
        final String removed = reader.removedCycleFilesProblem();
        if (removed != null)
        {
            throw new JournalCorruptException(removed);
        }
    }

    private void applyUpTo(final DirectBuffer buffer, final int offset, final int length, final boolean[] past)
    {
        if (RecordFlyweight.sequenceAt(buffer, offset) > toSequence)
        {
            past[0] = true;
            return;
        }
        logic.apply(buffer, offset, length);
    }
}
