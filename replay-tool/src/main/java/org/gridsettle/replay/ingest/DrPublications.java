package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.DrEventCodec;

import java.util.List;

/**
 * Which OpenADR events to settle of an ingest are published to the engine: every one, except a modification older
 * than the one the journal holds of the same event (DR_EVENT schema 2, {@link JournalledCalendar#drEventModification}),
 * such as an archive fed again. Such a copy is skipped as superseded ({@link #superseded}) and nothing is journalled
 * for it: published, the engine would acknowledge it as a duplicate if its settling fields were the same, or reject
 * it CONFLICTING_DUPLICATE if they changed, and neither says what happened. A copy at the journalled modification is
 * published as before: a duplicate when it says the same, CONFLICTING_DUPLICATE when its settling fields changed;
 * unless the engine holds the event at a lower number, having refused that modification when it was first sent (an
 * overlap since withdrawn). A copy above the number the engine holds an event still pending at is a modification
 * ({@link #modifies}, DR_EVENT schema 3, {@link JournalledCalendar#heldDrEventModification}): the engine
 * replaces the event by it, unless it fails a check a new event gets; of a settled event it is published as before,
 * and the engine answers it as a publication (settlement is final). An event journalled without a number (schema 1,
 * a journal written before format version 6) cannot be compared, and every copy of it is published as a publication.
 * <p>
 * <b>Withdrawn events.</b> An event an earlier run withdrew (a VTN's cancellation, DR_EVENT_WITHDRAWAL) stays
 * withdrawn: the engine rejects any DR_EVENT under its id DR_EVENT_WITHDRAWN, so a copy of it fed again (the active
 * payload from before the cancellation) could only journal a rejection for an auditor to chase. A copy at or below
 * the highest modification the journal holds of it is skipped as withdrawn by an earlier run ({@link
 * #withdrawnEarlier}) and nothing is journalled; so is every copy of one journalled without a number (schema 1):
 * there the ingest cannot tell an old copy from a re-issue, and either way the engine would settle nothing under the
 * withdrawn id. A copy above the journal's modification is a re-issue of the event after its cancellation: it is
 * published, and the engine rejects it DR_EVENT_WITHDRAWN, which the report explains (the VTN must re-issue it under a
 * new eventID to have it settled); its number is then journalled, so the same re-issue fed again is skipped.
 * <p>
 * Stateless; safe from any thread.
 */
final class DrPublications
{
    private DrPublications()
    {
    }

    /**
     * @param files      the run's OpenADR events.
     * @param journalled what the journal held before the run.
     * @return the events to publish, in start order.
     */
    static List<DrEventFiles.Mapped> due(final DrEventFiles files, final JournalledCalendar journalled)
    {
        return files.events().stream().filter((e) -> !isOlder(e, journalled) && !isWithdrawn(e, journalled))
            .toList();
    }

    /**
     * @param files      the run's OpenADR events.
     * @param journalled what the journal held before the run.
     * @return the events skipped because an earlier run withdrew them and they are not newer than the journal's
     *         modification of them, in start order; the modification is
     *         {@link DrEventCodec#UNKNOWN_MODIFICATION} for an event journalled without one.
     */
    static List<DrEventFiles.Older> withdrawnEarlier(final DrEventFiles files, final JournalledCalendar journalled)
    {
        return files.events().stream().filter((e) -> isWithdrawn(e, journalled))
            .map((e) -> new DrEventFiles.Older(e, journalled.drEventModification(e.engineId())))
            .toList();
    }

    /**
     * @param files      the run's OpenADR events.
     * @param journalled what the journal held before the run.
     * @return the events skipped because the journal holds a later modification of them, in start order; one an
     *         earlier run withdrew is in {@link #withdrawnEarlier} instead.
     */
    static List<DrEventFiles.Older> superseded(final DrEventFiles files, final JournalledCalendar journalled)
    {
        return files.events().stream().filter((e) -> isOlder(e, journalled) && !isWithdrawn(e, journalled))
            .map((e) -> new DrEventFiles.Older(e, journalled.drEventModification(e.engineId())))
            .toList();
    }

    /**
     * @param e          one of the run's events to publish.
     * @param journalled what the journal held before the run.
     * @return true if it is a later modification of an event the journal holds pending at a known, lower number than
     *         the engine holds it at (not that of a modification it refused, which this copy may repeat): it is
     *         published as a modification (DR_EVENT schema 3), which replaces that event.
     */
    static boolean modifies(final DrEventFiles.Mapped e, final JournalledCalendar journalled)
    {
        final long held = journalled.heldDrEventModification(e.engineId());
        return journalled.pendingDrEvent(e.engineId()) && held != DrEventCodec.UNKNOWN_MODIFICATION &&
            e.event().modificationNumber() > held;
    }

    /** @return true if an earlier run withdrew the event and this copy is not known to be newer than the journal's. */
    private static boolean isWithdrawn(final DrEventFiles.Mapped e, final JournalledCalendar journalled)
    {
        if (!journalled.withdrawnDrEvent(e.engineId()))
        {
            return false;
        }
        final long held = journalled.drEventModification(e.engineId());
        return held == DrEventCodec.UNKNOWN_MODIFICATION || e.event().modificationNumber() <= held;
    }

    private static boolean isOlder(final DrEventFiles.Mapped e, final JournalledCalendar journalled)
    {
        final long held = journalled.drEventModification(e.engineId());
        return held != DrEventCodec.UNKNOWN_MODIFICATION && e.event().modificationNumber() < held;
    }
}
