package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * FPL RS-1 (ingest/, copied unchanged from /work/shared/data) read in Europe/Berlin, east of UTC. Its startdate
 * 1433116800 is 2015-06-01T00:00:00Z, the way URDB stores the date 2015-06-01, and 02:00 on June 1 in Berlin (CEST,
 * UTC+2), whose June 1 begins at 2015-05-31T22:00:00Z. Ingest started a new journal at the first local midnight at or
 * after the stored instant, June 2, so the readings of June 1, the day the rate names, were refused UNKNOWN_METER; and
 * bill, ingest and rerate each refused a reading, a --from or a recorded start in those first two hours as before
 * the rate. Readings are hand-made; the rate's tier 1 is 0.07531 + adj 0.0119 = 0.08721 $/kWh and its
 * fixedmonthlycharge 7.57 $.
 */
class UrdbStartdateEastOfUtcTest
{
    private static final String FPL = "ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";

    @TempDir
    Path tmp;

    @Test
    void inBerlinANewJournalStartsOnJuneFirstAndPricesItsDay() throws IOException
    {
        // 1 kWh an hour from 2015-05-31 23:00 to 2015-07-01 01:00 Berlin time: 1 + 30 x 24 + 1 = 722 readings; the
        // first is the day before the rate's and is refused as before its enrolment, the other 721 are priced
        final List<String> rows = new ArrayList<>();
        for (ZonedDateTime t = LocalDate.of(2015, 5, 31).atTime(23, 0).atZone(BERLIN);
            t.isBefore(LocalDate.of(2015, 7, 1).atTime(1, 0).atZone(BERLIN)); t = t.plusHours(1))
        {
            rows.add("M-1," + t.toInstant() + ",3600,1000,0");
        }
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, String.join("\n", rows));

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 2015-06-01 00:00+02:00; before, 2015-06-01T22:00:00Z (June 2), and June 1's 24 readings were refused too
        assertThat(run.out()).contains("effective from 2015-05-31T22:00:00Z")
            .contains("readings: 722 submitted, 721 accepted, 1 rejected by the engine")
            .contains("engine rejections: UNKNOWN_METER=1");
        // June's one customer charge at its close, 2015-07-01 00:00+02:00 = 2015-06-30T22:00Z
        assertThat(CliRun.of("dump", "--journal", journal.toString()).out().lines()
            .filter((l) -> l.contains("\"reason\":\"FIXED_CHARGE\"")).toList()).singleElement().asString()
            .contains("\"amount\":\"7.570000\"", "\"intervalStart\":\"2015-06-30T22:00:00Z\"");

        // and re-rating that journal with the rate it was ingested with: its tariff starts at 22:00Z, two hours
        // before the stored startdate, which rerate refused as "its URDB startdate ... is after" the journal's start
        final Path csv = tmp.resolve("r.csv");
        final CliRun rerate = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", path(FPL),
            "--out", csv.toString());

        assertThat(rerate.exitCode()).as(rerate.err()).isZero();
        assertThat(rerate.out()).contains("rerate: tariff 1, 1 version(s) replaced, 1 accounts compared");
        assertThat(Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size()))
            .isNotEmpty().allSatisfy((r) -> assertThat(r.split(",")[5]).isEqualTo("0.000000"));
    }

    @Test
    void aReadingAtHalfPastMidnightOnTheStartdatesDayIsTheRatesAndOneBeforeItIsNot() throws IOException
    {
        // 00:30+02:00 on June 1 is 2015-05-31T22:30Z, before the stored startdate: refused as "after every reading"
        final CliRun ok = ingest(tmp.resolve("ok"), "M-1,2015-06-01T00:30:00+02:00,1800,500,0");
        // 23:30+02:00 on May 31 is the day before, in Berlin as in URDB
        final CliRun before = ingest(tmp.resolve("before"), "M-1,2015-05-31T23:30:00+02:00,1800,500,0");

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("readings: 1 submitted, 1 accepted, 0 rejected by the engine");
        assertThat(before.exitCode()).isEqualTo(2);
        assertThat(before.err().lines()).last().isEqualTo("settle ingest: the tariff takes effect on " +
            "2015-06-01T00:00:00Z (its URDB startdate, whose day begins at 2015-05-31T22:00:00Z in Europe/Berlin), " +
            "after every reading (the last starts at 2015-05-31T21:30:00Z): no reading could be settled; nothing " +
            "was journalled");
        assertThat(tmp.resolve("before")).doesNotExist();
    }

    @Test
    void aBillFromTheStartdatesDayIsBilledAndOneFromTheDayBeforeNamesIt() throws IOException
    {
        final Path usage = Files.writeString(tmp.resolve("june.csv"),
            HEADER + "M-1,2015-06-01T00:30:00+02:00,1800,500,0\n");

        // --from 2015-06-01 starts at 2015-05-31T22:00Z, refused before as "before the tariff's URDB startdate"
        final CliRun june = bill(usage, "2015-06-01");
        final CliRun may = bill(usage, "2015-05-31");

        assertThat(june.exitCode()).as(june.err()).isZero();
        // 0.5 kWh x 0.08721 $/kWh = 0.043605 $
        assertThat(june.out()).contains("0.043605");
        assertThat(may.exitCode()).isEqualTo(2);
        assertThat(may.err().lines()).last().isEqualTo("settle bill: --from 2015-05-31 is before the tariff's URDB " +
            "startdate 2015-06-01T00:00:00Z: the rate prices nothing before it starts; bill with this rate from " +
            "--from 2015-06-01 on and the days before with the rate it replaced");
    }

    private CliRun ingest(final Path journal, final String rows) throws IOException
    {
        return CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(FPL), "--zone", BERLIN.getId(),
            "--meters", Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", Files.writeString(tmp.resolve(journal.getFileName() + ".csv"), HEADER + rows + "\n")
                .toString());
    }

    private static CliRun bill(final Path usage, final String from)
    {
        return CliRun.of("bill", "--tariff", path(FPL), "--usage", usage.toString(), "--zone", BERLIN.getId(),
            "--from", from, "--to", "2015-06-02");
    }
}
