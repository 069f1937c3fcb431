package org.gridsettle.replay.ingest;

import org.gridsettle.engine.logic.TickWindow;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a rejection reason means and what to do about it, for the reasons a reason code alone leaves a user guessing
 * at: {@code INTERVAL_SPANS_PERIOD} (hourly readings against a tariff whose peak starts on the half hour are rejected
 * whole, and neither the name nor the count says that the readings, not the tariff, must change) and
 * {@code OUTSIDE_CORRECTION_WINDOW} (an ingest that sends a month again finds most of it refused so, though it was
 * settled the first time) and {@code INTERVAL_OVERLAP} (a feed that carries a meter's readings at two resolutions
 * on one channel) and {@code READING_ABOVE_LIMIT} (which of the enrolment file's columns set the limit) and
 * {@code UNKNOWN_METER} (which also refuses an enrolled meter's reading dated before its enrolment).
 * <p>
 * Stateless; safe from any thread.
 */
public final class RejectionHints
{
    private static final Map<String, String> HINTS = Map.of(
        "INTERVAL_SPANS_PERIOD", "a reading's interval runs past a change of TOU period, billing period, local day " +
            "(under daily tiers) or clock hour (under hourly netting) of the tariff, which prices a reading whole at " +
            "its start; readings short enough to fit its boundaries (e.g. 15-minute ones) are priced",
        // the engine remembers each meter's latest readings only, so a file sent again after later ones is refused
        // rather than acknowledged; nothing is posted twice either way
        "INTERVAL_OVERLAP", "a reading whose interval overlaps one already settled for the meter's channel, " +
            "with another start or length (as a feed's hourly readings overlap its 15-minute ones); the first " +
            "settled is kept, and a correction must repeat its interval",
        "OUTSIDE_CORRECTION_WINDOW", "a reading older than the last " + TickWindow.DEFAULT_SLOTS + " intervals " +
            "the engine keeps per meter, or overlapping one of its channel that has left them (a late 15-minute " +
            "reading inside an hourly one settled before); a reading sent again unchanged was settled when first " +
            "sent, unless it was refused then, and posts nothing now, and a changed one can no longer correct it",
        // a refused reading is sent again into a journal that has gone on: settle ingest closes each billing period
        // its readings pass, and the engine keeps only each meter's latest intervals, so for a file of a month or
        // more nearly every refused reading can no longer settle by the time the limit or the data is fixed
        "READING_ABOVE_LIMIT", "a reading whose energy over its interval is above the meter's import_limit_kw or " +
            "export_limit_kw in the enrolment file; it is kept nowhere and posts nothing: check the meter's data " +
            "(or the limit) and send it again while it can still settle, within the last " +
            TickWindow.DEFAULT_SLOTS + " intervals the engine keeps for the meter and in a billing period still " +
            "open; later it is refused OUTSIDE_CORRECTION_WINDOW or PERIOD_CLOSED and stays unbilled",
        // an enrolled meter's reading from before its enrolment starts is refused under the same name as a meter
        // the enrolment never named, and the summary's "unknown meters" line lists only the latter
        "UNKNOWN_METER", "a reading of a meter not enrolled at its date: a meter the enrolment does not name, or a " +
            "reading dated before the enrolments start (the local midnight that starts a URDB startdate's day, or " +
            "where an appended journal's first run began)");

    private RejectionHints()
    {
    }

    /**
     * @param reasons rejection counts by reason name.
     * @return {@code REASON: hint} for each reason that has a hint, joined by {@code "; "}; empty when none has.
     */
    public static String of(final Map<String, Long> reasons)
    {
        return reasons.keySet().stream().filter(HINTS::containsKey).sorted()
            .map((r) -> r + ": " + HINTS.get(r)).collect(Collectors.joining("; "));
    }
}
