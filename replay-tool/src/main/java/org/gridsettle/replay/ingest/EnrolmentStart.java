package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.calendar.ZoneOffsetTable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The earliest instant an ingest's enrolments can take effect from, and why: the first local midnight of the years the
 * tariff's zone table covers, or the tariff's earliest start
 * ({@link org.gridsettle.replay.tariff.TariffDocument#earliestStart}: the earlier of its URDB startdate and the local
 * midnight that starts the day it names) when it is earlier still. A new journal's enrolments start at that day's
 * local midnight, else at the local midnight before the earliest reading in those years; an appended journal's where
 * the first run's did. The engine rejects a reading from before its meter's enrolment as UNKNOWN_METER, as if the
 * meter were not in the enrolment file; so a reading of an enrolled meter dated earlier than this can never settle,
 * and is refused as a bad row that says so instead (a year-1 date, a meter clock reset to 1970). Later readings are
 * left to the engine: one before a later startdate is the run's to refuse whole when every reading is (a wrong rate),
 * and on an appended journal the enrolments may start later still, which only the journal tells.
 * <p>
 * Immutable; safe from any thread.
 */
final class EnrolmentStart
{
    private final long earliest;
    private final String why;

    private EnrolmentStart(final long earliest, final String why)
    {
        this.earliest = earliest;
        this.why = why;
    }

    /**
     * @param tariffStart the tariff's earliest start
     *                    ({@link org.gridsettle.replay.tariff.TariffDocument#earliestStart}), if it has a startdate.
     * @param zone        the tariff's time zone.
     * @return the earliest start of this ingest's enrolments.
     */
    static EnrolmentStart of(final Optional<Instant> tariffStart, final ZoneId zone)
    {
        final long firstYear = LocalDate.of(ZoneOffsetTable.FIRST_YEAR, 1, 1).atStartOfDay(zone).toEpochSecond();
        if (tariffStart.isPresent() && tariffStart.get().getEpochSecond() < firstYear)
        {
            return new EnrolmentStart(tariffStart.get().getEpochSecond(),
                "where the tariff's URDB startdate lets it start");
        }
        return new EnrolmentStart(firstYear,
            "the start of " + ZoneOffsetTable.FIRST_YEAR + " in " + zone + ", the first year an ingest settles");
    }

    /**
     * @param intervalStart a reading's interval start, epoch seconds.
     * @return null when a reading starting then may settle; else the rest of a sentence whose subject is the start,
     *         saying why it cannot.
     */
    String refusal(final long intervalStart)
    {
        if (intervalStart >= earliest)
        {
            return null;
        }
        return "is before " + Instant.ofEpochSecond(earliest) + " (" + why + "), before which no meter is enrolled " +
            "on the tariff: a wrong date?";
    }
}
