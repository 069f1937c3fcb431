package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning of a DR meter's event or adjustment-window hour the engine takes as unread, on the 25-hour day of a
 * fall-back change: Sunday 2026-11-01 in Los Angeles, where 01:00-02:00 comes twice. The engine keys its hours by the
 * local clock, so that hour sums both occurrences' readings, 7,200 s, and is unread (bf466d6, DrFallBackDayTest): an
 * event at 05:00 with the day-of adjustment, whose window is 01:00-04:00, pays the meter nothing.
 */
class DrPartialHoursTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final DrProgram PROGRAM =
        new DrProgram("DR", 500_000, BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);

    // Was a review finding: the warning keyed the window's hours by instant and counted only the first 01:00's
    // readings, 3,600 s, so the settlement's DR_BASELINE_UNAVAILABLE came unannounced
    @Test
    void theRepeatedHourOfAFallBackDayInTheAdjustmentWindowIsSaid()
    {
        final Enrolment meter = new Enrolment("M-1", 1, 1001, MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE);
        final ReadingBuffer readings = readings(meter);
        final long midnight = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, LA).toEpochSecond();
        final long eventStart = ZonedDateTime.of(2026, 11, 1, 5, 0, 0, 0, LA).toEpochSecond();
        // every quarter hour of the day up to the event's end: 6 local hours, 7 of them elapsed
        for (long at = midnight; at < eventStart + 3_600; at += 900)
        {
            readings.onReading("M-1", 0, at, 900, 250, 0);
        }
        final DrEventFiles.Mapped event = new DrEventFiles.Mapped("fall-back.xml", anEvent(), 7, "test", eventStart,
            eventStart + 3_600, 0);

        final List<String> lines = DrPartialHours.of(readings, List.of(meter), List.of(event), true, LA);

        assertThat(lines).singleElement().asString().startsWith("DR meter M-1's readings starting in the hour from " +
            "2026-11-01T01:00-07:00[America/Los_Angeles], in the day-of adjustment window of \"Event_939393\", " +
            "cover 7,200 s, more than its 3,600");
    }

    @Test
    void aMissingReadingIsAskedForOnlyWhileTheEngineCanStillTakeIt()
    {
        final long eventStart = ZonedDateTime.of(2026, 4, 29, 17, 0, 0, 0, LA).toEpochSecond();
        // 17:15 missing; the run ends 11 readings after the hour (18:00 to 20:30), then 12 (to 20:45)
        assertThat(missingQuarterHour(eventStart, eventStart + 3_600 + 11 * 900)).singleElement().asString()
            .endsWith("so the meter is paid nothing for the event; send the missing readings before the event's " +
                "day ends");
        assertThat(missingQuarterHour(eventStart, eventStart + 3_600 + 12 * 900)).singleElement().asString()
            .endsWith("so the meter is paid nothing for the event; the missing readings can no longer be sent: the " +
                "engine takes a late reading only while it is among the last 12 intervals it keeps for the meter " +
                "(OUTSIDE_CORRECTION_WINDOW), and this run has 12 later ones");
    }

    private static List<String> missingQuarterHour(final long eventStart, final long readUntil)
    {
        final Enrolment meter = new Enrolment("M-1", 1, 1001, MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE);
        final ReadingBuffer readings = readings(meter);
        for (long at = eventStart - 3_600; at < readUntil; at += 900)
        {
            if (at != eventStart + 900)
            {
                readings.onReading("M-1", 0, at, 900, 250, 0);
            }
        }
        final DrEventFiles.Mapped event = new DrEventFiles.Mapped("weekday.xml", anEvent(), 7, "test", eventStart,
            eventStart + 3_600, 0);
        return DrPartialHours.of(readings, List.of(meter), List.of(event), false, LA);
    }

    private static ReadingBuffer readings(final Enrolment meter)
    {
        return new ReadingBuffer(new MeterIdMap(List.of(meter)), new BadRowTally((s) ->
        {
        }), EnrolmentStart.of(Optional.empty(), LA));
    }

    private static OpenAdrEvent anEvent()
    {
        return DrEventFiles.read(List.of(RecordingSink.resource("openadr_weekday_afternoon_2026-04-29.xml")), PROGRAM,
            LA).events().get(0).event();
    }
}
