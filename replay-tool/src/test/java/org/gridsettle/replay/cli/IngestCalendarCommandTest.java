package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest} run month by month on one journal: the calendar an earlier run left open is resumed, and
 * every day's and month's fixed charge posts once, for the meters enrolled in it. The tariff is the hand-written URDB
 * rate ({@code bill/urdb_hand_written_untiered_tou.json}) without its startdate, so that it takes effect from the
 * first reading, as a real URDB rate without one does, and with a fixed charge of 10.00 a month; readings are
 * hand-made, 0.5 kWh an hour.
 */
class IngestCalendarCommandTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path tmp;

    @Test
    void monthByMonthChargesJanuarysMonthlyFixedChargeOnceWhenFebruaryClosesIt() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");

        final CliRun january = ingest(journal, meters, month("jan.csv", 1, "M-1"));
        final CliRun february = ingest(journal, meters, month("feb.csv", 2, "M-1"));

        assertThat(january.exitCode()).as(january.err()).isZero();
        assertThat(february.exitCode()).as(february.err()).isZero();
        // the February run closes January: its 10.00 is the one fixed charge so far, to M-1
        assertThat(fixedCharges(journal)).singleElement().asString()
            .contains("\"debitAccount\":1001,", "\"amount\":\"10.000000\"",
                "\"intervalStart\":\"2026-02-01T08:00:00Z\"");
        // the tariff and the meter keep the start the journal gave them: the first run's first reading
        assertThat(february.out()).contains("effective from 2026-01-01T08:00:00Z");
    }

    @Test
    void aMeterAddedInFebruaryIsNotChargedForTheJanuaryTheFebruaryRunCloses() throws IOException
    {
        final Path journal = tmp.resolve("journal");

        ingest(journal, write("one.csv", "meter_id,account_id\nM-1,1001\n"), month("jan.csv", 1, "M-1"));
        final CliRun february = ingest(journal, write("two.csv", "meter_id,account_id\nM-1,1001\nM-2,1002\n"),
            month("feb.csv", 2, "M-1", "M-2"));

        assertThat(february.exitCode()).as(february.err()).isZero();
        assertThat(fixedCharges(journal)).singleElement().asString().contains("\"debitAccount\":1001,");
    }

    @Test
    void aRejectedReadingDatedDecadesAgoNeitherBreaksNorMovesALaterRunsCalendar() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        // a 1970 timestamp (a zero in a meter's clock), a bad row since no enrolment starts before 1990, and an unknown
        // meter's reading of 2015, journalled and rejected by the engine: neither a day any enrolled meter was on the
        // tariff
        final Path january = month("jan.csv", 1, "M-1");
        Files.writeString(january, "M-1,1970-01-01T00:00:00Z,3600,500,0\nX-9,2015-03-01T00:00:00Z,3600,5,0\n",
            java.nio.file.StandardOpenOption.APPEND);

        final CliRun first = ingest(journal, meters, january);
        final CliRun second = ingest(journal, meters, month("feb.csv", 2, "M-1"));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("effective from 2026-01-01T08:00:00Z");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err().lines()).containsExactly(TestResources.zoneAssumed("ingest", "tariff.json"));
        assertThat(fixedCharges(journal)).singleElement().asString()
            .contains("\"intervalStart\":\"2026-02-01T08:00:00Z\"");
    }

    @Test
    void anotherZoneOrRateOnAJournalThatHasItsTariffIsRefusedBeforeAnythingIsJournalled() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        ingest(journal, meters, month("jan.csv", 1, "M-1"));
        final String inputsBefore = CliRun.of("dump", "--journal", journal.toString(), "--input").out();

        // the same URDB rate read in New York: the journal prices in Los Angeles, and the run ended its days and
        // closed February at New York's midnights
        final CliRun zone = CliRun.of("ingest", "--journal", journal.toString(), "--tariff",
            tmp.resolve("tariff.json").toString(), "--zone", "America/New_York", "--meters", meters.toString(),
            "--usage", month("feb.csv", 2, "M-1").toString());
        // a changed rate: the journalled one would go on pricing, while the report named the new one
        final Path doubled = write("doubled.json", Files.readString(tmp.resolve("tariff.json"))
            .replace("\"rate\": 0.10", "\"rate\": 0.20"));
        final CliRun rate = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", doubled.toString(),
            "--meters", meters.toString(), "--usage", tmp.resolve("feb.csv").toString());

        // the changed rate is read without --zone, in the zone assumed, which the run says before it is refused
        assertThat(rate.err().lines().findFirst()).contains(TestResources.zoneAssumed("ingest", "doubled.json"));
        for (final CliRun run : List.of(zone, rate))
        {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().skip(run == rate ? 1 : 0)).singleElement().asString()
                .startsWith("settle ingest: --tariff urdb ")
                .contains("is not the tariff 1 version 1 that " + journal + " already prices with " +
                    "(America/Los_Angeles, from an earlier ingest)")
                .endsWith("nothing was journalled");
        }
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out()).isEqualTo(inputsBefore);
        // the same file and zone again appends
        assertThat(ingest(journal, meters, tmp.resolve("feb.csv")).exitCode()).isZero();
    }

    @Test
    void aTariffBilledFromThe15thClosesItsPeriodOnThe15thAndLeavesTheLastOneOpen() throws IOException
    {
        // periods from the 15th (billing_cycle_day 15), flat 0.10 per kWh and 10.00 a period, hand-chosen; readings
        // on Jan 20, Feb 5 and Feb 20: the period Jan 15 .. Feb 15 closes on Feb 15 with one 10.00, and the one from
        // Feb 15 holds the last reading, so it stays open. A close at Feb 1 (a month start) used to end the first
        // period half-way and the Feb 5 reading was refused BILLING_PERIOD_NOT_OPEN.
        final Path tariff = write("cycle15.json", String.join("\n",
            "{\"format\": \"gridsettle-tariff/1\", \"id\": 47, \"version\": 1, \"effective_from\": \"2026-01-01\",",
            " \"zone\": \"America/Los_Angeles\", \"currency\": \"USD\", \"export_token\": \"USD\",",
            " \"periods\": [{\"name\": \"flat\", \"import\": \"0.10\"}],",
            " \"schedule\": {\"default_period\": \"flat\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
            "   \"weekday\": {}, \"weekend\": {}}]},",
            " \"fixed_charges\": {\"per_month\": \"10.00\"}, \"billing_cycle_day\": 15}"));
        final Path usage = write("cycle15.csv", String.join("\n",
            "meter_id,interval_start,interval_seconds,import_wh,export_wh",
            "M-1,2026-01-20T10:00:00-08:00,3600,1000,0",
            "M-1,2026-02-05T10:00:00-08:00,3600,2000,0",
            "M-1,2026-02-20T10:00:00-08:00,3600,4000,0", ""));

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            tariff.toString(), "--meters", write("meters.csv", "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 accepted, 0 rejected by the engine");
        // the open period's days are not ended either: its charges wait, and the summary says so, since a total of
        // fixed charges for a year's file that lacks its last month's reads as the year's
        assertThat(run.out()).contains("open: the billing period 2026-02-15 to 2026-03-15 holds the last reading: " +
            "its days from 2026-02-15 are not ended and it is not closed, so its daily and monthly charges, demand " +
            "charges and true-ups are not posted; a later ingest whose readings pass its end posts them\n");
        // Feb 15 00:00 PST is 08:00Z
        assertThat(fixedCharges(tmp.resolve("journal"))).singleElement().asString()
            .contains("\"amount\":\"10.000000\"", "\"intervalStart\":\"2026-02-15T08:00:00Z\"");
    }

    @Test
    void aUrdbStartdateAtUtcMidnightStartsTheRateAtTheNextLocalMidnightNotAMonthEarlier() throws IOException
    {
        // FPL RS-1 (ingest/, copied unchanged from /work/shared/data): startdate 1433116800 = 2015-06-01T00:00:00Z,
        // which in Florida (America/New_York, EDT) is 2015-05-31 20:00; fixedmonthlycharge 7.57 $/month. The sheet's
        // rate takes effect on June 1, and a customer billed on it for June pays one customer charge, 7.57, at the
        // close of June (2015-07-01 00:00 EDT = 04:00Z). Readings: 1.000 kWh an hour from 2015-05-31 20:00 EDT to
        // 2015-07-01 00:00 EDT. The ingest enrolled the meter from 20:00 on May 31, priced its last four May hours
        // under RS-1 and charged May a whole month's 7.57 too (at 2015-06-01T04:00Z) for those four hours; they
        // belong to the rate RS-1 replaced, as settle bill, which bills RS-1 from --from 2015-06-01, says.
        final List<String> rows = new ArrayList<>(List.of("meter_id,interval_start,interval_seconds,import_wh," +
            "export_wh"));
        final ZoneId newYork = ZoneId.of("America/New_York");
        for (java.time.ZonedDateTime t = LocalDate.of(2015, 5, 31).atTime(20, 0).atZone(newYork);
            t.isBefore(LocalDate.of(2015, 7, 1).atTime(1, 0).atZone(newYork)); t = t.plusHours(1))
        {
            rows.add("M-1," + t.toInstant() + ",3600,1000,0");
        }
        final Path journal = tmp.resolve("journal");

        final CliRun run = CliRun.of("ingest", "--journal", journal.toString(), "--tariff",
            path("ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json"), "--zone", "America/New_York",
            "--meters", write("meters.csv", "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", write("fpl.csv", String.join("\n", rows) + "\n").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("effective from 2015-06-01T04:00:00Z")
            // the four hours of May 31 are the replaced rate's: before the enrolments start, as any reading before a
            // URDB startdate is
            .contains("readings: 725 submitted, 721 accepted, 4 rejected by the engine")
            .contains("engine rejections: UNKNOWN_METER=4");
        assertThat(fixedCharges(journal)).singleElement().asString()
            .contains("\"amount\":\"7.570000\"", "\"intervalStart\":\"2015-07-01T04:00:00Z\"");
    }

    private static List<String> fixedCharges(final Path journal)
    {
        return CliRun.of("dump", "--journal", journal.toString()).out().lines()
            .filter((l) -> l.contains("\"reason\":\"FIXED_CHARGE\"")).toList();
    }

    private CliRun ingest(final Path journal, final Path meters, final Path usage) throws IOException
    {
        final String tariff = Files.readString(Path.of(path(HAND_TARIFF)))
            .replace("\"startdate\": 1262304000,",
                "\"fixedchargefirstmeter\": 10.0, \"fixedchargeunits\": \"$/month\",");
        return CliRun.of("ingest", "--journal", journal.toString(), "--tariff", write("tariff.json", tariff).toString(),
            "--meters", meters.toString(), "--usage", usage.toString());
    }

    /** Hourly readings of 500 Wh for each meter, every hour of a month of 2026 in Los Angeles. */
    private Path month(final String name, final int month, final String... meters) throws IOException
    {
        final List<String> rows = new ArrayList<>(List.of("meter_id,interval_start,interval_seconds,import_wh," +
            "export_wh"));
        for (LocalDate day = LocalDate.of(2026, month, 1); day.getMonthValue() == month; day = day.plusDays(1))
        {
            for (int hour = 0; hour < 24; hour++)
            {
                for (final String meter : meters)
                {
                    rows.add(meter + "," + day.atTime(hour, 0).atZone(LA).toInstant() + ",3600,500,0");
                }
            }
        }
        return write(name, String.join("\n", rows) + "\n");
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
