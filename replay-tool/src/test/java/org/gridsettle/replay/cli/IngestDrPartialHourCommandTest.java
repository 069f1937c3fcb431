package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * A DR meter read every 15 minutes whose readings leave part of an event hour uncovered. Hand-worked, a flat 250 Wh a
 * quarter hour (1,000 Wh an hour, so every baseline hour is 1,000 Wh and the day-of ratio is 1) with 17:15 missing on
 * the event day summed 17:00 to 750 Wh, and the engine credited a 250 Wh "reduction", 0.125000 at 0.50 per kWh, for a
 * load that did not change (the M&V recomputation's finding). The engine now takes an hour its ticks do not cover
 * whole as unread, and pays nothing (a DR_BASELINE_UNAVAILABLE rejection); settle ingest says so while the readings can still be sent.
 * The event is {@code ingest/openadr_weekday_afternoon_2026-04-29.xml} (Wednesday 16:00-19:00 PDT).
 */
class IngestDrPartialHourCommandTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path tmp;

    @Test
    void aMissingQuarterHourInAnEventHourIsSaid() throws IOException
    {
        final CliRun run = ingest(LocalDateTime.of(2026, 4, 29, 17, 15));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("settle ingest: warning: DR meter M-1's readings cover 2,700 of the 3,600 s " +
            "of the hour from 2026-04-29T17:00-07:00[America/Los_Angeles], an event hour of \"Event_939393\": the " +
            "engine takes an hour its readings do not cover whole as unread, so the meter is paid nothing for the " +
            "event; the missing readings can no longer be sent: the engine takes a late reading only while it is " +
            "among the last 12 intervals it keeps for the meter (OUTSIDE_CORRECTION_WINDOW), and this run has 24 " +
            "later ones\n");
        // before the engine's fix: "1 meters credited in this run for 0.250 kWh reduced: 0.125000 DR"
        assertThat(run.out()).contains("0 meters credited in this run for 0.000 kWh reduced: 0.000000 DR\n")
            .contains("dr rejections: DR_BASELINE_UNAVAILABLE=1\n");
    }

    // Was a review finding: the warning asked for the missing reading "before the event's day ends" though the run's
    // 24 later readings (to midnight) had already pushed 17:15 out of the 12 intervals the engine keeps for the meter:
    // sent by the next ingest, it was refused OUTSIDE_CORRECTION_WINDOW
    @Test
    void aMissingQuarterHourTheEngineCanNoLongerTakeIsNotAskedFor() throws IOException
    {
        final Path dir = tmp.resolve("late");
        Files.createDirectories(dir);
        final CliRun first = ingest(LocalDateTime.of(2026, 4, 29, 17, 15));
        assertThat(first.err()).contains("the missing readings can no longer be sent");

        final CliRun late = CliRun.of("ingest", "--journal", tmp.resolve("run-17").resolve("j").toString(),
            "--tariff", path(HAND_TARIFF), "--meters", tmp.resolve("run-17").resolve("m.csv").toString(), "--usage",
            Files.writeString(dir.resolve("late.csv"), "meter_id,interval_start,interval_seconds,import_wh," +
            "export_wh\nM-1," + LocalDateTime.of(2026, 4, 29, 17, 15).atZone(LA).toOffsetDateTime() +
            ",900,250,0\n").toString());

        assertThat(late.out()).as(late.err()).contains("engine rejections: OUTSIDE_CORRECTION_WINDOW=1\n");
    }

    @Test
    void aMissingQuarterHourInTheDayOfAdjustmentWindowIsSaidAndOneOutsideTheEventIsNot() throws IOException
    {
        final CliRun window = ingest(LocalDateTime.of(2026, 4, 29, 13, 30));
        final CliRun outside = ingest(LocalDateTime.of(2026, 4, 29, 9, 0));

        assertThat(window.err()).contains("of the hour from 2026-04-29T13:00-07:00[America/Los_Angeles], in the " +
            "day-of adjustment window of \"Event_939393\"");
        assertThat(outside.exitCode()).as(outside.err()).isZero();
        assertThat(outside.err()).doesNotContain("readings cover");
    }

    /**
     * The event day's 18:00 and 19:00 read as one two-hour reading of 2,000 Wh: before the engine took an hour whose
     * readings cover more than it as unread, 18:00 read as 2,000 Wh against its 1,000 Wh baseline and the meter was
     * settled ("dr rejections: none", no reduction from this flat load); now it gets DR_BASELINE_UNAVAILABLE, which
     * the ingest says beforehand.
     */
    @Test
    void aReadingLongerThanAnEventHourIsSaid() throws IOException
    {
        final LocalDateTime from = LocalDateTime.of(2026, 4, 29, 18, 0);
        final CliRun run = ingest(from, 7_200);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("settle ingest: warning: DR meter M-1's readings starting in the hour from " +
            "2026-04-29T18:00-07:00[America/Los_Angeles], an event hour of \"Event_939393\", cover 7,200 s, more " +
            "than its 3,600: the engine takes an hour whose readings hold more than its own load as unread, so the " +
            "meter is paid nothing for the event\n");
        assertThat(run.out()).contains("dr rejections: DR_BASELINE_UNAVAILABLE=1\n");
    }

    private CliRun ingest(final LocalDateTime missing) throws IOException
    {
        return ingest(missing, 0);
    }

    /**
     * @param missing      the quarter hour with no reading, or the first of those one long reading replaces.
     * @param longReading  0, or the seconds of one reading from {@code missing} in place of its quarter hours.
     */
    private CliRun ingest(final LocalDateTime missing, final int longReading) throws IOException
    {
        final StringBuilder rows = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
        final LocalDateTime longEnd = missing.plusSeconds(Math.max(longReading, 900));
        for (LocalDateTime t = LocalDateTime.of(2026, 3, 25, 0, 0); t.isBefore(LocalDateTime.of(2026, 4, 30, 0, 0));
            t = t.plusMinutes(15))
        {
            if (t.isBefore(missing) || !t.isBefore(longEnd))
            {
                rows.append("M-1,").append(t.atZone(LA).toOffsetDateTime()).append(",900,250,0\n");
            }
            else if (t.equals(missing) && longReading > 0)
            {
                rows.append("M-1,").append(t.atZone(LA).toOffsetDateTime()).append(',').append(longReading)
                    .append(',').append(250 * longReading / 900).append(",0\n");
            }
        }
        final Path dir = Files.createDirectories(tmp.resolve("run-" + missing.getHour()));
        final Path meters = Files.writeString(dir.resolve("m.csv"),
            "meter_id,account_id,programs\nM-1,1001,demand_response\n");
        return CliRun.of("ingest", "--journal", dir.resolve("j").toString(), "--tariff", path(HAND_TARIFF),
            "--meters", meters.toString(), "--usage", Files.writeString(dir.resolve("u.csv"), rows).toString(),
            "--dr-events", path("ingest/openadr_weekday_afternoon_2026-04-29.xml"), "--dr-incentive", "0.50");
    }
}
