package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.DrEventCodec;

import java.util.List;

/**
 * Which OpenADR events to settle of an ingest are published to the engine: every one, except a modification older
 * than the one the journal holds of the same event (DR_EVENT schema 2, {@link JournalledCalendar#drEventModification}),
 * such as an archive fed again. Such a copy is skipped as superseded ({@link #superseded}) and nothing is journalled
 * for it: published, the engine would acknowledge it as a duplicate if its settling fields were the same, or reject
 * it CONFLICTING_DUPLICATE if they changed, and neither says what happened. A copy at the journalled modification or
 * a higher one is published as before: a duplicate when it says the same, CONFLICTING_DUPLICATE when its settling
 * fields changed, since a journalled event cannot change, only be withdrawn. An event journalled without a number
 * (schema 1, a journal written before format version 6) cannot be compared, and every copy of it is published.
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
        return files.events().stream().filter((e) -> !isOlder(e, journalled)).toList();
    }

    /**
     * @param files      the run's OpenADR events.
     * @param journalled what the journal held before the run.
     * @return the events skipped because the journal holds a later modification of them, in start order.
     */
    static List<DrEventFiles.Older> superseded(final DrEventFiles files, final JournalledCalendar journalled)
    {
        return files.events().stream().filter((e) -> isOlder(e, journalled))
            .map((e) -> new DrEventFiles.Older(e, journalled.drEventModification(e.engineId())))
            .toList();
    }

    private static boolean isOlder(final DrEventFiles.Mapped e, final JournalledCalendar journalled)
    {
        final long held = journalled.drEventModification(e.engineId());
        return held != DrEventCodec.UNKNOWN_MODIFICATION && e.event().modificationNumber() < held;
    }
}
