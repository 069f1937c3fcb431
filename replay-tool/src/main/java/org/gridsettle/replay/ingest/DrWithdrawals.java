package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.DrEventCodec;

import java.util.List;

/**
 * Which cancelled OpenADR events of an ingest the engine must withdraw: those whose engine id an earlier run
 * journalled for the tariff and did not withdraw yet, unless the cancellation is stale. A cancelled event never
 * journalled has nothing to take back and is only skipped; one withdrawn already would only be acknowledged as a
 * duplicate. One an end of day has settled is still withdrawn, and the engine refuses it (DR_EVENT_SETTLED), so that
 * the journal records that the VTN called the event off after it was paid; once: a payload fed again finds that
 * refusal journalled and adds no other.
 * <p>
 * <b>Stale cancellations.</b> The journal holds the OpenADR modification number each event was published at (DR_EVENT
 * schema 2, {@link JournalledCalendar#drEventModification}). A cancellation whose modificationNumber is at or below
 * it was sent before the modification the journal holds (an archive fed again, a VTN's resend), so it is not
 * withdrawn: it is reported as stale ({@link #stale}) and nothing is journalled for it, and the event settles as
 * journalled. A journal written before format version 6 holds its events without a number (schema 1): there the
 * comparison is not possible, the cancellation is withdrawn as it always was, and the report says so
 * ({@link #unchecked}).
 * <p>
 * Stateless; safe from any thread.
 */
final class DrWithdrawals
{
    private DrWithdrawals()
    {
    }

    /**
     * @param files      the run's OpenADR events.
     * @param journalled what the journal held before the run.
     * @return the cancelled events to withdraw, in order of first appearance.
     */
    static List<DrEventFiles.Cancelled> due(final DrEventFiles files, final JournalledCalendar journalled)
    {
        return files.cancelled().stream()
            .filter((c) -> takesBack(c, journalled) && !isStale(c, journalled))
            .toList();
    }

    /**
     * @param files      the run's OpenADR events.
     * @param journalled what the journal held before the run.
     * @return the cancellations not withdrawn because the journal holds the event at their modification or a later
     *         one, in order of first appearance.
     */
    static List<DrEventFiles.Older> stale(final DrEventFiles files, final JournalledCalendar journalled)
    {
        return files.cancelled().stream()
            .filter((c) -> takesBack(c, journalled) && isStale(c, journalled))
            .map((c) -> new DrEventFiles.Older(c, journalled.drEventModification(c.engineId())))
            .toList();
    }

    /**
     * @param withdrawn  a cancellation {@link #due} returned.
     * @param journalled what the journal held before the run.
     * @return true if the journal holds the event without a modification number, so the cancellation was withdrawn
     *         without knowing whether it is newer.
     */
    static boolean unchecked(final DrEventFiles.Cancelled withdrawn, final JournalledCalendar journalled)
    {
        return journalled.drEventModification(withdrawn.engineId()) == DrEventCodec.UNKNOWN_MODIFICATION;
    }

    /** @return true if the event is journalled and neither withdrawn nor refused a withdrawal after settling. */
    private static boolean takesBack(final DrEventFiles.Cancelled c, final JournalledCalendar journalled)
    {
        return journalled.holdsDrEvent(c.engineId()) && !journalled.withdrawnDrEvent(c.engineId()) &&
            !journalled.withdrawnAfterSettlement(c.engineId());
    }

    private static boolean isStale(final DrEventFiles.Cancelled c, final JournalledCalendar journalled)
    {
        final long held = journalled.drEventModification(c.engineId());
        // a VTN increments the number with every change: a cancellation at the journalled number is not newer
        return held != DrEventCodec.UNKNOWN_MODIFICATION && c.event().modificationNumber() <= held;
    }
}
