package org.gridsettle.replay;

import org.agrona.DirectBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.BackgroundChainCheck;
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
 * Stops at the first divergence. Both journals' XXH64 chains are verified on a second thread while this one
 * replays (from the two millionth input on; a shorter journal's chains are verified at the end), and the report is
 * returned only once every record read is verified. Not thread-safe; one replay per instance.
 */
public final class JournalReplay
{
    /**
     * Inputs replayed before the chain check starts on the other core. Started at once, it took that core from the
     * JIT compiler while the replay warmed up, and a fresh JVM's replay of 4,200,001 inputs ran at 1.20-1.43M
     * inputs/s against 1.48-1.58M with the check inline; started here, 1.42-1.60M. The check reads several times
     * faster than the replay, so it still catches up long before the end; a shorter journal has its check run
     * at the end, as the inline check did. A multiple of {@link ProgressListener#EVERY}, where the loop looks.
     */
    static final long CHECK_AFTER = 1 << 21;

    private final Path journalDir;
    private final long toSequence;
    private SettlementLogic logic;
    private OutputComparer comparer;
    private boolean diverged;
    private ProgressListener progress = ProgressListener.NONE;

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
        try (JournalReader inputs = new JournalReader(inputDir);
            JournalReader outputs = new JournalReader(outputDir);
            BackgroundChainCheck chainCheck = BackgroundChainCheck.of(inputDir, outputDir))
        {
            // replay proves determinism; integrity of the SHA-256 checkpoints is settle verify's job. The XXH64 chain
            // of every record is still checked, on the other core: the chains are a fifth of a replay's work
            inputs.checkpointVerification(false).chainVerification(false);
            outputs.checkpointVerification(false).chainVerification(false);
            final long replayed;
            try
            {
                replayed = replay(inputs, outputs, chainCheck);
            }
            catch (final RuntimeException e)
            {
                // a record the check finds corrupt explains any failure after it was read: report that instead
                chainCheck.confirm(inputs.position(), outputs.position());
                throw e;
            }
            chainCheck.confirm(inputs.position(), outputs.position());
            return new ReplayReport(replayed, comparer.compared(), !diverged, comparer.firstDivergence(),
                outputs.digest(), comparer.digest(), logic.ledger());
        }
    }

    private long replay(final JournalReader inputs, final JournalReader outputs, final BackgroundChainCheck chainCheck)
    {
        comparer = new OutputComparer(outputs);
        logic = new SettlementLogic((buffer, offset, length) ->
        {
            if (!diverged && !comparer.compareNext(buffer, offset, length))
            {
                diverged = true;
            }
        });
        final ProgressListener progress = this.progress;
        final long expected = progress == ProgressListener.NONE ? -1 : inputs.indexedRecords();
        long replayed = 0;
        final boolean[] past = {false};
        final RecordHandler apply = (b, o, l, p) -> applyUpTo(b, o, l, past);
        while (!diverged && !past[0] && inputs.next(apply))
        {
            if (!past[0] && ++replayed % ProgressListener.EVERY == 0)
            {
                progress.progress(replayed, expected);
                if (replayed == CHECK_AFTER)
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
        return replayed;
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
