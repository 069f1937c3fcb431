package org.gridsettle.replay.ingest;

import java.util.List;
import java.util.Optional;

/**
 * Words the warning for a DR event journalled for every meter in demand response although its eiTarget names what
 * gridsettle does not select meters by: part of the VEN (a group, resource or end device), or, without
 * {@code --ven-id}, the VENs it is addressed to. The venID given as {@code --ven-id} is not named: the event was taken
 * because it is addressed to that VEN.
 * <p>
 * Stateless; safe from any thread.
 */
final class DrTargetWarning
{
    private DrTargetWarning()
    {
    }

    /**
     * @param event an event to publish.
     * @param venId {@code --ven-id}, or null.
     * @return the warning, without the command's prefix, or empty when its targets need none.
     */
    static Optional<String> of(final DrEventFiles.Mapped event, final String venId)
    {
        final OpenAdrEvent e = event.event();
        // an aggregator's file addresses each event to some of its VENs: settled for all, it credits every one's
        final boolean vensUnselected = venId == null && !e.venIds().isEmpty();
        if (!e.targetsPartOfTheVen() && !vensUnselected)
        {
            return Optional.empty();
        }
        final List<String> named = e.targets().stream()
            .filter((t) -> venId == null || !t.equals(OpenAdrEvent.VEN_ID + venId)).toList();
        return Optional.of(event.source() + " line " + e.line() + ": DR event " + DisplayText.quote(e.eventId()) +
            " targets " + String.join(", ", named) + ", which gridsettle does not select meters by: it is settled " +
            "for every meter the enrolment file puts in demand response" + (vensUnselected ?
            "; give --ven-id with your VEN's venID to settle only the events addressed to it" : ""));
    }
}
