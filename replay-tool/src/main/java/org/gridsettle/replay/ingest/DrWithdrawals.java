package org.gridsettle.replay.ingest;

import java.util.List;

/**
 * Which cancelled OpenADR events of an ingest the engine must withdraw: those whose engine id an earlier run
 * journalled for the tariff and did not withdraw yet. A cancelled event never journalled has nothing to take back and
 * is only skipped; one withdrawn already would only be acknowledged as a duplicate. One an end of day has settled is
 * still withdrawn, and the engine refuses it (DR_EVENT_SETTLED), so that the journal records that the VTN called the
 * event off after it was paid; once: a payload fed again finds that refusal journalled and adds no other.
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
            .filter((c) -> journalled.holdsDrEvent(c.engineId()) && !journalled.withdrawnDrEvent(c.engineId()) &&
                !journalled.withdrawnAfterSettlement(c.engineId()))
            .toList();
    }
}
