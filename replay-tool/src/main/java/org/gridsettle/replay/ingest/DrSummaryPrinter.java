package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.stream.Collectors;

/**
 * Prints the demand-response lines of the {@code settle ingest} summary, in the style of {@link IngestReportPrinter}:
 * a line for the files and program (with how many events were withdrawn), one per event journalled (its OpenADR
 * eventID, the engine id it maps to and how, its local hours and what it paid), one per cancelled event withdrawn,
 * one per copy older than the modification the journal holds (a stale cancellation or a superseded event), one per
 * event to settle that an earlier run withdrew (skipped, not journalled), one for
 * the events skipped and one for the engine's DR rejections.
 * <p>
 * Stateless; safe from any thread, given a writer per thread.
 */
final class DrSummaryPrinter
{
    private DrSummaryPrinter()
    {
    }

    /**
     * @param out     where to print.
     * @param summary the DR part of the run.
     */
    static void print(final PrintWriter out, final DrSummary summary)
    {
        final DrProgram program = summary.program();
        out.printf("dr events: %,d journalled from %s (%s baseline, %s %s per kWh reduced); %,d withdrawn, %,d " +
            "skipped, %,d superseded by a later modification%s%n", summary.events().size(),
            String.join(", ", summary.files()), program.methodName(),
            MicroUnits.toDecimalString(program.incentiveMicros()), program.token(), withdrawn(summary),
            summary.skipped().size(), summary.superseded(), (summary.older().isEmpty() ? "" :
            String.format(", %,d older than the journal's modification", summary.older().size())) +
            (summary.withdrawnEarlier().isEmpty() ? "" :
            String.format(", %,d withdrawn by an earlier run", summary.withdrawnEarlier().size())));
        for (final DrSummary.Event event : summary.events())
        {
            final DrEventFiles.Mapped e = event.mapped();
            out.printf("dr event %s (modification %d, %s) -> engine id %d (%s): %s: %s%n",
                DisplayText.quote(e.event().eventId()), e.event().modificationNumber(), e.event().status(),
                e.engineId(), e.idRule(), hours(summary, e), outcome(summary, event, program));
        }
        for (final DrSummary.Withdrawal w : summary.withdrawn())
        {
            final DrEventFiles.Cancelled c = w.cancelled();
            out.printf("dr event %s (modification %d, %s) -> engine id %d (%s): %s%n",
                DisplayText.quote(c.event().eventId()), c.event().modificationNumber(), c.event().status(),
                c.engineId(), c.idRule(), withdrawalOutcome(w));
        }
        for (final DrEventFiles.Older o : summary.older())
        {
            final DrEventFiles.Identified e = o.older();
            final boolean cancellation = e instanceof DrEventFiles.Cancelled;
            out.printf("dr event %s (modification %d, %s) -> engine id %d (%s): %s: the journal holds modification " +
                "%d of the event, %s%n", DisplayText.quote(e.event().eventId()), e.event().modificationNumber(),
                e.event().status(), e.engineId(), e.idRule(), cancellation ? "stale, not withdrawn" :
                "superseded, not journalled", o.journalledModification(), cancellation ?
                "and a cancellation takes back only an older one" : "which an older one does not change");
        }
        for (final DrEventFiles.Older o : summary.withdrawnEarlier())
        {
            final DrEventFiles.Identified e = o.older();
            out.printf("dr event %s (modification %d, %s) -> engine id %d (%s): skipped: withdrawn by an earlier " +
                "run, %s; not journalled%n", DisplayText.quote(e.event().eventId()), e.event().modificationNumber(),
                e.event().status(), e.engineId(), e.idRule(),
                o.journalledModification() == DrEventCodec.UNKNOWN_MODIFICATION ? "which journalled it without a " +
                "modification number (before format version 6), so whether this copy is newer could not be " +
                "checked; the engine settles nothing under a withdrawn id, so a re-issue must come under a new " +
                "eventID" : "at modification " + o.journalledModification() + ", and this copy is not newer");
        }
        if (!summary.skipped().isEmpty())
        {
            out.printf("dr skipped: %s%n", summary.skipped().stream()
                .map((s) -> DisplayText.quote(s.event().eventId()) + " " + s.reason())
                .collect(Collectors.joining("; ")));
        }
        out.printf("dr rejections: %s%n", summary.rejectionsByReason().isEmpty() ? "none" :
            summary.rejectionsByReason().entrySet().stream().map((r) -> r.getKey() + "=" + r.getValue())
                .collect(Collectors.joining(", ")));
    }

    private static String withdrawalOutcome(final DrSummary.Withdrawal w)
    {
        final String outcome = w.rejection() == null ?
            "withdrawn: an earlier ingest journalled it; it will not settle, and pays no incentive" :
            "withdrawal rejected by the engine: " + w.rejection() +
            (ReasonCode.DR_EVENT_SETTLED.name().equals(w.rejection()) ? " (an end of day settled and credited it " +
            "before the cancellation came; settlement is final)" : "");
        return outcome + (w.unchecked() ? " (the journal holds it without a modification number, as written before " +
            "format version 6, so whether this cancellation is newer could not be checked)" : "");
    }

    /** @return the events this run withdrew, not counting withdrawals the engine refused. */
    private static long withdrawn(final DrSummary summary)
    {
        return summary.withdrawn().stream().filter((w) -> w.rejection() == null).count();
    }

    private static String hours(final DrSummary summary, final DrEventFiles.Mapped e)
    {
        return Instant.ofEpochSecond(e.start()).atZone(summary.zone()).toLocalDate() + " " + clock(summary, e) + " " +
            summary.zone() +
            (summary.program().method() == BaselineMethod.DECLARED ?
            ", declared baseline " + e.declaredWhPerHour() + " Wh per hour" : "");
    }

    /** @return the event's local hours, HH:MM-HH:MM. */
    private static String clock(final DrSummary summary, final DrEventFiles.Mapped e)
    {
        final ZonedDateTime start = Instant.ofEpochSecond(e.start()).atZone(summary.zone());
        final ZonedDateTime end = Instant.ofEpochSecond(e.end()).atZone(summary.zone());
        // an event ending at midnight ends at 24:00 of its day
        final String endClock = end.toLocalDate().isAfter(start.toLocalDate()) ? "24:00" : end.toLocalTime().toString();
        return start.toLocalTime() + "-" + endClock;
    }

    private static String outcome(final DrSummary summary, final DrSummary.Event event, final DrProgram program)
    {
        if (ReasonCode.DR_EVENT_WITHDRAWN.name().equals(event.rejection()))
        {
            // only a copy newer than the journal's is published under a withdrawn id (DrPublications)
            return "rejected by the engine: " + event.rejection() + " (an earlier run withdrew this eventID at the " +
                "VTN's cancellation, and this newer modification re-issues it: the engine settles nothing under a " +
                "withdrawn id; the VTN must re-issue the event under a new eventID for it to settle)";
        }
        if (event.modification() && event.rejection() != null)
        {
            // the engine checked the modification as a new event: the version journalled earlier is paid
            return "rejected by the engine: " + event.rejection() + " (a modification of the version an earlier " +
                "ingest journalled at modification " + event.replaces() + ", which stands and settles as journalled)";
        }
        if (ReasonCode.CONFLICTING_DUPLICATE.name().equals(event.rejection()))
        {
            // a VTN's modification the engine cannot take: the customer is paid for the journalled hours
            return "rejected by the engine: " + event.rejection() + " (the journal holds this eventID already, with " +
                "other hours, incentive or baseline, and this copy cannot replace it: it has settled, and " +
                "settlement is final, or it was journalled without a modification number or at this one; the " +
                "journalled version stands)";
        }
        if (event.rejection() != null)
        {
            return "rejected by the engine: " + event.rejection();
        }
        if (event.modification())
        {
            return "modified (replaces modification " + event.replaces() + ", journalled by an earlier ingest), now " +
                clock(summary, event.mapped()) + "; " + outcomeOfAccepted(event, program);
        }
        return outcomeOfAccepted(event, program);
    }

    private static String outcomeOfAccepted(final DrSummary.Event event, final DrProgram program)
    {
        if (event.settledEarlier())
        {
            return "settled by an earlier ingest of this journal, which credited it (settle dump shows the " +
                "DR_INCENTIVE transfers); nothing more in this run";
        }
        if (event.pending())
        {
            return "pending: no end of day after it in this run; a later ingest whose readings pass its day " +
                "settles it";
        }
        final DrOutcomeTally.Credits credits = event.credits();
        return String.format("%,d meters credited in this run for %s kWh reduced: %s %s", credits.meters(),
            MicroUnits.kwhString(credits.reductionWh()), MicroUnits.toDecimalString(credits.micros()),
            program.token());
    }
}
