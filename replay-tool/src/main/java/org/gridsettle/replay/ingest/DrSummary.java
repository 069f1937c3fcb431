package org.gridsettle.replay.ingest;

import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demand-response part of an ingest: the events loaded from OpenADR files, those skipped, and what the engine
 * made of them.
 * <p>
 * Immutable; safe to share between threads.
 *
 * @param files              names of the OpenADR files read.
 * @param program            the program's token, incentive and method.
 * @param zone               the tariff's zone, in which the events' hours are shown.
 * @param events             the events journalled, in publication order, with their outcome.
 * @param withdrawn          the cancelled events an earlier run journalled, withdrawn in this run.
 * @param older              copies older than the modification the journal holds of their event, not journalled:
 *                           stale cancellations, then superseded events to settle.
 * @param withdrawnEarlier   events to settle that an earlier run withdrew, not journalled: copies at or below the
 *                           modification the journal holds of them, or of one it holds without a number.
 * @param skipped            events not journalled (cancelled, test, no event pending, another VEN's).
 * @param superseded         event copies set aside for a higher or equal modification of the same eventID.
 * @param rejectionsByReason the engine's DR rejections of this run, by reason.
 */
public record DrSummary(
    List<String> files,
    DrProgram program,
    ZoneId zone,
    List<Event> events,
    List<Withdrawal> withdrawn,
    List<DrEventFiles.Older> older,
    List<DrEventFiles.Older> withdrawnEarlier,
    List<DrEventFiles.Skipped> skipped,
    int superseded,
    Map<String, Long> rejectionsByReason)
{
    /**
     * Freezes the collections.
     */
    public DrSummary
    {
        files = List.copyOf(files);
        events = List.copyOf(events);
        withdrawn = List.copyOf(withdrawn);
        older = List.copyOf(older);
        withdrawnEarlier = List.copyOf(withdrawnEarlier);
        skipped = List.copyOf(skipped);
        rejectionsByReason = Collections.unmodifiableMap(new TreeMap<>(rejectionsByReason));
    }

    /**
     * One journalled event and its outcome. Immutable.
     *
     * @param mapped    the event as journalled.
     * @param rejection      the reason the engine refused it when published, or null.
     * @param settledEarlier true when an earlier ingest journalled and settled it: this run's copy is a duplicate.
     * @param pending        true when no end of day the engine applies after its end was submitted in this run, so
     *                       it is not settled yet.
     * @param credits        what it paid in this run.
     * @param replaces       the modification number of the pending event an earlier run journalled that this one,
     *                       a later modification of it (DR_EVENT schema 3), replaces unless the engine refused it; or
     *                       {@link org.gridsettle.journal.codec.DrEventCodec#UNKNOWN_MODIFICATION} when it is a
     *                       publication.
     */
    public record Event(DrEventFiles.Mapped mapped, String rejection, boolean settledEarlier, boolean pending,
        DrOutcomeTally.Credits credits, long replaces)
    {
        /** @return true if it was published as a modification of an event an earlier run journalled. */
        public boolean modification()
        {
            return replaces >= 0;
        }
    }

    /**
     * A cancelled event an earlier run journalled, and what the engine made of its withdrawal. Immutable.
     *
     * @param cancelled the cancelled event.
     * @param rejection the reason the engine refused the withdrawal (DR_EVENT_SETTLED for an event already paid), or
     *                  null when it was withdrawn.
     * @param unchecked true when the journal holds the event without a modification number (written before format
     *                  version 6), so whether the cancellation is newer could not be checked.
     */
    public record Withdrawal(DrEventFiles.Cancelled cancelled, String rejection, boolean unchecked)
    {
    }
}
