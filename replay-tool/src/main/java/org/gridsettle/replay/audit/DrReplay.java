package org.gridsettle.replay.audit;

import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.pricing.dr.DrQuote;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Recovers the baselines behind a journal's demand-response credits by replaying its inputs through the engine's own
 * {@link SettlementLogic} with a {@link org.gridsettle.engine.logic.DrSettlementObserver}: the audit shows the
 * figures the credits were computed from, by the same code, not by a second implementation of the 10-in-10 rule.
 * The outputs of this replay are discarded; {@code settle replay} is what compares them with the journal.
 * <p>
 * Not thread-safe; one collection per call.
 */
public final class DrReplay
{
    private DrReplay()
    {
    }

    /**
     * @param journalDir a journal directory.
     * @param meterIds   meters whose figures to keep.
     * @param progress   told how many input records have been replayed.
     * @param verified   the input journal's data records {@code settle verify} checked: replayed, and no more.
     * @return per meter, its settled event days in settlement order.
     * @throws org.gridsettle.journal.JournalCorruptException if the journal no longer holds those records.
     */
    public static Map<Long, List<DrMeterDay>> collect(final Path journalDir, final Set<Long> meterIds,
        final ProgressListener progress, final VerifiedRecords verified)
    {
        final Map<Long, List<DrMeterDay>> byMeter = new TreeMap<>();
        replay(journalDir, meterIds, progress, verified,
            (day) -> byMeter.computeIfAbsent(day.meterId(), (m) -> new ArrayList<>()).add(day));
        return byMeter;
    }

    /**
     * @param journalDir a journal directory.
     * @param meterIds   meters whose figures to keep.
     * @param progress   told how many input records have been replayed.
     * @param verified   the input journal's data records {@code settle verify} checked: replayed, and no more, so
     *                   that an input appended since (by a writer that started after the verification, or to the
     *                   live journal an {@code --archive} audit was given) settles no event day of the report.
     * @param sink       given each settled event day of those meters, in settlement order.
     * @throws org.gridsettle.journal.JournalCorruptException if the journal no longer holds those records.
     */
    public static void replay(final Path journalDir, final Set<Long> meterIds, final ProgressListener progress,
        final VerifiedRecords verified, final Consumer<DrMeterDay> sink)
    {
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) ->
        {
            // outputs are regenerated only to reach the same state; they are not needed here
        });
        logic.drSettlementObserver((sequence, eventId, meterId, localDay, quote) ->
        {
            if (meterIds.contains(meterId))
            {
                sink.accept(copy(sequence, eventId, meterId, localDay, quote));
            }
        });
        try (JournalReader inputs = JournalReader.readOnly(Journals.input(journalDir)))
        {
            final long records = verified.records();
            inputs.checkpointVerification(false)
                .progress(progress, 0, progress == ProgressListener.NONE ? -1 :
                    Math.min(records, inputs.indexedRecords()));
            // the observer collects as events settle
            verified.read(inputs, (buffer, offset, length, position) -> logic.apply(buffer, offset, length));
            progress.progress(inputs.position(), inputs.position());
        }
    }

    private static DrMeterDay copy(
        final long sequence, final long eventId, final long meterId, final long localDay, final DrQuote quote)
    {
        final boolean hasFigures = quote.status == DrQuote.OK;
        return new DrMeterDay(sequence, eventId, meterId, LocalDate.ofEpochDay(localDay), quote.firstHour,
            quote.endHour, quote.baselineWh.clone(), quote.actualWh.clone(), hasFigures ? quote.reductionWh : 0,
            hasFigures ? quote.creditMicros : 0, quote.status, quote.dayCount, quote.ratioPpm);
    }
}
