package org.gridsettle.replay.cli;

import org.gridsettle.replay.ingest.JournalLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest} through picocli. Usage files: the NIST/EnergyOS Coastal Green Button sample
 * (VerdigrisTech/green-button-data, Apache-2.0), and the hand-written {@code synthetic_net_meter_feed.xml} and
 * {@code meter_readings_bad_row_middle.csv}, whose readings {@code GreenButtonReaderTest} and
 * {@code MeterCsvReaderTest} work out by hand. The tariff is the hand-written URDB rate described in
 * {@link BillCommandTest}.
 */
class IngestCommandTest
{
    private static final String ENROLMENT = "meter_id,account_id,programs\n1,1001,\n7,1002,net_metering\nM-100,1003,\n";

    @TempDir
    Path tmp;

    @Test
    void ingestsGreenButtonAndCsvReportsTheBadRowsAndAppendsOnASecondRun() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        final Path journal = tmp.resolve("journal");

        final CliRun first = ingest(journal, meters, path(TestResources.COASTAL),
            path("ingest/synthetic_net_meter_feed.xml"), path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("journal: " + journal + " (new)")
            .contains("enrolled: 3 meters on 3 accounts")
            .contains("usage: greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz (greenbutton): 8,760 readings, 0 bad")
            .contains("usage: synthetic_net_meter_feed.xml (greenbutton): 6 readings, 6 bad")
            .contains("usage: meter_readings_bad_row_middle.csv (csv): 4 readings, 1 bad")
            // 8760 + 6 + 4 readings; the feed's one negative export (-2 Wh) is the only one the engine rejects
            .contains("readings: 8,770 submitted, 8,769 accepted, 1 rejected by the engine, 0 exact duplicates")
            .contains("engine rejections: NEGATIVE_ENERGY=1")
            .contains("bad rows: 7 (")
            .contains("1 x import_wh \"...\" is not a whole number of Wh")
            .containsPattern("digest: output [0-9a-f]{16}  input [0-9a-f]{16}");
        // Each bad row is one line on stderr naming its file and place; the CSV rows after line 4 are still ingested
        // (4 readings from that file above, two of them after the bad row).
        final List<String> errors = first.err().lines().toList();
        assertThat(errors).hasSize(9)
            .containsOnlyOnce(TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"))
            .containsOnlyOnce(TestResources.netMeteringNotHonoured("7"));
        assertThat(errors).filteredOn((line) -> line.startsWith("settle ingest: bad row: ")).hasSize(7);
        assertThat(errors).contains("settle ingest: bad row: meter_readings_bad_row_middle.csv: line 4: " +
            "import_wh \"twelve\" is not a whole number of Wh");
        assertThat(errors).filteredOn((line) -> line.contains("synthetic_net_meter_feed.xml: feed/entry[")).hasSize(6);

        // USD: Coastal priced hour by hour as the tariff describes (computed from a regex read of the feed, with
        // BigDecimal), plus the feed's 2000 + 5000 Wh and the CSV's 350 + 410 + 300 + 280 Wh, all on Sunday
        // 2026-03-08 so off-peak: 8.340 kWh x 0.10 = 0.834000.
        final BigDecimal coastal = TestResources.coastalByRegex().stream()
            .map((r) -> TestResources.handTariffAmount(r.start(), r.wh(), false))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        final BigDecimal usd = coastal.add(new BigDecimal("0.834000"));
        // SOLAR: exports at the off-peak sell rate 0.05, each rounded on its own: feed 2, 4 and 1 Wh -> 100 + 200 +
        // 50 micro; CSV 12 and 5 Wh -> 600 + 250 micro; 1200 micro in all.
        // each month's close trues the tick postings up to the month's total rounded once: at most half a
        // micro-unit per tick, so under 8,770 x 0.0000005 = 0.004385
        assertThat(first.out()).contains("token USD    energy_charge " + usd.toPlainString() + ", true_up 0.0000")
            .contains("token SOLAR  export_credit 0.001200\n");

        final CliRun verify = CliRun.of("verify", "--journal", journal.toString());
        assertThat(verify.out()).contains("verify: intact");
        // the ingest prints the seal lines verify prints for the journal it closed, to be kept
        final List<String> sealLines = verify.out().lines()
            .filter((line) -> line.startsWith("input:  ") || line.startsWith("output: ")).toList();
        assertThat(sealLines).hasSize(2);
        assertThat(first.out()).contains("seals (keep this output; settle verify --kept FILE compares them with the " +
            "journal later):\n".translateEscapes() + String.join("\n", sealLines) + "\n");
        final Path kept = Files.writeString(tmp.resolve("first-ingest.log"), first.out());

        final CliRun second = ingest(journal, meters, path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(second.exitCode()).as(second.err()).isZero();
        // journalled by the first run: 1 tariff + 3 accounts + 3 enrolments + 8,770 ticks = 8,777 inputs, plus the
        // calendar from the first reading's day (2011-01-01) to the last reading's month start (2026-03-01): an end
        // of day at each of the 5,538 midnights in between and a period close at each of the 182 month starts
        // (python: (date(2026,3,1) - date(2011,1,1)).days == 5538; 15 x 12 + 2 == 182) = 14,497
        assertThat(second.out()).contains("journal: " + journal + " already held a journal: recovered 14,497 " +
            "inputs and appended to it")
            .contains("readings: 0 submitted, 0 accepted, 0 rejected by the engine, 0 exact duplicates")
            .contains("already settled: 4 readings the journal settled before with the same values")
            .contains("set-up rejections: ACCOUNT_REGISTRATION ALREADY_EXISTS=3, TARIFF_VERSION ALREADY_EXISTS=1 " +
                "(expected when appending")
            .contains("transfers: 0 in this run");
        // the first run's log, kept, still matches the journal the second run appended to
        final CliRun checked = CliRun.of("verify", "--journal", journal.toString(), "--kept", kept.toString());
        assertThat(checked.exitCode()).as(checked.out()).isZero();
        assertThat(checked.out()).endsWith("verify: intact; 2 of 2 kept seals match\n".translateEscapes());
    }

    @Test
    void readingsTheEngineRejectsAreJournalledAndCountedByReason() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        // 2026-03-09 is a Monday; 10:00Z is 03:00 PDT, off-peak.
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-09T10:00:00Z,900,100,0\n" +   // priced: 0.100 kWh x 0.10 = 0.010000
            "M-1,2026-03-09T10:15:00Z,900,-3,0\n" +    // NEGATIVE_ENERGY
            "M-9,2026-03-09T10:00:00Z,900,50,0\n" +    // UNKNOWN_METER: not enrolled
            "M-1,2026-03-09T10:00:00Z,900,100,0\n" +   // exact duplicate: acknowledged, posts nothing
            "M-1,2026-03-09T10:00:00Z,900,101,0\n" +   // CONFLICTING_DUPLICATE: same tick, other value
            "M-1,2026-03-09T10:30:00Z,900,200,0\n");   // priced: 0.200 kWh x 0.10 = 0.020000

        final CliRun run = ingest(tmp.resolve("journal"), meters, usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
            .contains("readings: 6 submitted, 2 accepted, 3 rejected by the engine, 1 exact duplicates")
            .contains("engine rejections: NEGATIVE_ENERGY=1, UNKNOWN_METER=1, CONFLICTING_DUPLICATE=1")
            .contains("unknown meters: 1 not in the enrolment file, journalled as meters -1, -2, ...: \"M-9\"")
            .contains("bad rows: 0\n")
            .contains("transfers: 2 in this run")
            .contains("token USD    energy_charge 0.030000\n");
        assertThat(run.err().lines()).containsExactly(TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"));
    }

    @Test
    void aReadingAboveItsMetersLimitIsRejectedAndExplained() throws IOException
    {
        // M-1 has a 48 kW service (12,000 Wh a quarter hour) and a 7.6 kW inverter (1,900 Wh a quarter hour)
        final Path meters = write("meters.csv", "meter_id,account_id,programs,pricing_node,import_limit_kw," +
            "export_limit_kw\nM-1,1001,,,48,7.6\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-09T10:00:00Z,900,12000,0\n" +       // at the import limit: 12 kWh x 0.10 = 1.200000
            "M-1,2026-03-09T10:15:00Z,900,1200000,0\n" +     // READING_ABOVE_LIMIT: a stuck register, 4.8 MW
            "M-1,2026-03-09T10:30:00Z,900,0,1901\n");        // READING_ABOVE_LIMIT: 1 Wh over the inverter

        final CliRun run = ingest(tmp.resolve("journal"), meters, usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
            .contains("readings: 3 submitted, 1 accepted, 2 rejected by the engine")
            .contains("engine rejections: READING_ABOVE_LIMIT=2")
            .contains("READING_ABOVE_LIMIT: a reading whose energy over its interval is above the meter's")
            .contains("token USD    energy_charge 1.200000\n");
    }

    @Test
    void aReadingRefusedAboveItsLimitSettlesOnlyIfSentAgainWhileTheEngineCanStillTakeIt() throws IOException
    {
        // M-1 has a 48 kW service: a stuck register (1,200,000 Wh a quarter hour) on the last day of February, and one
        // on the morning of 2 March followed by 13 plausible quarter hours, more than the engine's 12 kept intervals
        final StringBuilder usage = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n")
            .append("M-1,2026-02-28T18:00:00Z,900,1200000,0\n")
            .append("M-1,2026-03-02T18:00:00Z,900,1200000,0\n");
        for (int quarter = 1; quarter <= 13; quarter++)
        {
            usage.append("M-1,2026-03-02T").append(18 + quarter / 4).append(':').append(quarter % 4 * 15)
                .append(quarter % 4 == 0 ? "0" : "").append(":00Z,900,1000,0\n");
        }
        final Path file = write("usage.csv", usage.toString());
        final Path journal = tmp.resolve("journal");

        final CliRun limited = ingest(journal, write("limited.csv", "meter_id,account_id,programs,pricing_node," +
            "import_limit_kw\nM-1,1001,,,48\n"), file.toString());
        // the limit raised (here: removed) and the same file sent again, as the first run's hint advises
        final CliRun again = ingest(journal, write("unlimited.csv", "meter_id,account_id\nM-1,1001\n"),
            file.toString());

        assertThat(limited.exitCode()).as(limited.err()).isZero();
        assertThat(limited.out()).contains("engine rejections: READING_ABOVE_LIMIT=2");
        assertThat(again.exitCode()).as(again.err()).isZero();
        // February was closed when the readings passed 1 March; the 2 March reading has left the kept intervals
        assertThat(again.out()).contains("readings: 2 submitted, 0 accepted, 2 rejected by the engine")
            .contains("engine rejections: PERIOD_CLOSED=1, OUTSIDE_CORRECTION_WINDOW=1")
            .contains("a reading sent again unchanged was settled when first sent, unless it was refused then,");
        // so the hint must not promise that a refused reading sent again settles: it says when it can
        assertThat(limited.out()).doesNotContain("the same interval is settled when it comes plausible")
            .contains("READING_ABOVE_LIMIT: a reading whose energy over its interval is above the meter's " +
                "import_limit_kw or export_limit_kw in the enrolment file; it is kept nowhere and posts nothing: " +
                "check the meter's data (or the limit) and send it again while it can still settle, within the last " +
                "12 intervals the engine keeps for the meter and in a billing period still open; later it is " +
                "refused OUTSIDE_CORRECTION_WINDOW or PERIOD_CLOSED and stays unbilled");
    }

    @Test
    void aReadingOfAnEnrolledMeterBeforeTheTariffsStartdateIsExplained() throws IOException
    {
        // the hand-written tariff's URDB startdate is 1262304000, 2010-01-01T00:00:00Z: the enrolments start at the
        // next midnight in Los Angeles, 08:00Z, so the engine refuses M-1's reading of the day before as UNKNOWN_METER
        // though the meter is enrolled; the hint must say where the enrolments start, not only "a URDB startdate"
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2009-12-31T08:00:00Z,900,100,0\n" +
            "M-1,2010-01-04T10:00:00Z,900,100,0\n");

        final CliRun run = ingest(tmp.resolve("journal"), meters, usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
            .contains("engine rejections: UNKNOWN_METER=1")
            .contains("UNKNOWN_METER: a reading of a meter not enrolled at its date: a meter the enrolment does " +
                "not name, or a reading dated before the enrolments start (the local midnight that starts a " +
                "URDB startdate's day")
            .doesNotContain("unknown meters:");
    }

    @Test
    void aUsageFileWithoutReadingsIsNamedInAWarning() throws IOException
    {
        // greenbutton_ESPIReadingType.xml (VerdigrisTech/green-button-data, spec/fixtures/, BSD-style) is one
        // ReadingType resource: the wrong file of a download, given where its interval data should be. It settled as
        // "0 readings, 0 bad" in the summary with nothing on stderr; a CSV of a header alone likewise.
        final Path headerOnly = write("header.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n");

        final CliRun run = ingest(tmp.resolve("journal"), write("meters.csv", ENROLMENT),
            path("ingest/greenbutton_ESPIReadingType.xml"), headerOnly.toString(),
            path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).filteredOn((line) -> line.contains("warning")).containsExactly(
            "settle ingest: warning: greenbutton_ESPIReadingType.xml: holds no meter reading (no IntervalBlock: a " +
                "Green Button resource such as a UsagePoint or ReadingType alone?); nothing of it is settled",
            "settle ingest: warning: header.csv: holds no meter reading (a header and no rows); nothing of it is " +
                "settled",
            TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"),
            TestResources.netMeteringNotHonoured("7"));
        // the file with readings settles as ever
        assertThat(run.out()).contains("usage: meter_readings_bad_row_middle.csv (csv): 4 readings, 1 bad");
    }

    @Test
    void aTruncatedXmlFileIsOneLineExitTwoAndNothingIsJournalled() throws IOException
    {
        final byte[] whole = Files.readAllBytes(TestResources.resource("ingest/synthetic_net_meter_feed.xml"));
        final Path truncated = tmp.resolve("truncated.xml");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, write("meters.csv", ENROLMENT), truncated.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: truncated.xml: line ").contains("not well-formed XML");
        assertThat(run.out()).isEmpty();
        assertThat(journal).doesNotExist();
    }

    @Test
    void anEmptyUsageFileIsOneLineExitTwo() throws IOException
    {
        final Path empty = write("empty.csv", "");

        final CliRun run = ingest(tmp.resolve("journal"), write("meters.csv", ENROLMENT),
            path("ingest/meter_readings_bad_row_middle.csv"), empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
            "settle ingest: empty.csv: line 1: empty file, expected Green Button XML or a meter CSV");
        assertThat(tmp.resolve("journal")).as("the good file before it is not journalled either").doesNotExist();
    }

    @Test
    void aBadEnrolmentRowStopsTheRunNamingItsLine() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-100,1003\nM-101,42\n");

        final CliRun run = ingest(tmp.resolve("journal"), meters, path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle ingest: meters.csv: line 3: account_id 42 is outside " +
            "the customer range; customer accounts start at 1000");
    }

    @Test
    void theRealTieredTimeOfUseUrdbSampleIngestsAndAUrdbFileReadAsGridsettleIsRefused() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        final String usage = path("ingest/meter_readings_bad_row_middle.csv");

        // its periods have different tier limits (150 kWh vs 150 and 300 kWh) and share the summer months: the
        // tiers are counted over the whole month and period 0's unlimited rate fills the higher tier
        final CliRun tiered = CliRun.of("ingest", "--journal", tmp.resolve("a").toString(),
            "--tariff", path(TestResources.TIERED_TARIFF), "--meters", meters.toString(), "--usage", usage);
        assertThat(tiered.exitCode()).as(tiered.err()).isZero();
        assertThat(tiered.out()).contains("Sample Tiered Time-of-Use Rate").contains("token USD    energy_charge");

        final CliRun gridsettle = CliRun.of("ingest", "--journal", tmp.resolve("b").toString(),
            "--tariff", path(HAND_TARIFF), "--tariff-format", "gridsettle", "--meters", meters.toString(),
            "--usage", usage);
        assertThat(gridsettle.exitCode()).isEqualTo(2);
        // the gridsettle reader refuses the URDB file at its first field, which the format does not have
        assertThat(gridsettle.err().lines()).singleElement().asString().startsWith("settle ingest: " +
            "urdb_hand_written_untiered_tou.json: label (line 2, column 12): unknown field \"label\"; expected one " +
            "of [format, id, version");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void helpSaysUrdbHasNoZoneAndNamesBothTariffFormats()
    {
        final CliRun run = CliRun.of("ingest", "--help");

        assertThat(run.exitCode()).isZero();
        final String help = run.out().replaceAll("\\s+", " ");
        assertThat(help).contains("URDB carries no time zone")
            .contains("gridsettle's own tariff JSON")
            .contains("the row's position, from 1");
    }

    @Test
    void carbonIntensityIsJournalledAndPricesTheMetersOnItsRegion() throws IOException
    {
        // one flat-rate tariff in GBP with a carbon adder of 0.05 per kg on imports and a credit of 0.04 CARBON per
        // kg on exports
        final Path tariff = write("gb.json", TestResources.gbCarbonTariff());
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        // The real UK national response (shared/data, NESO Carbon Intensity API via
        // nmpowell/carbon-intensity-forecast-tracking) gives 81 g/kWh actual for 01:00-01:30Z on 2023-03-14 and 73
        // g/kWh for 01:30-02:00Z.
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2023-03-14T01:00:00Z,1800,1000,0\n" +
            "M-1,2023-03-14T01:30:00Z,1800,0,500\n");

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(),
            "--tariff", tariff.toString(), "--meters", meters.toString(), "--usage", usage.toString(),
            "--carbon", TestResources.resource("ingest/carbon_uk_national_pt24h_2023-03-15T0101Z.json").toString(),
            "--carbon-region", "GB");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // By hand: 1.000 kWh x 81 g = 0.081 kg x 0.05 = 0.004050 GBP adder;
        // 0.500 kWh x 73 g = 0.0365 kg x 0.04 = 0.001460 CARBON credit.
        assertThat(run.out()).contains("carbon: 48 intervals of grid intensity published; meters enrolled on region GB")
            .contains("carbon_adder 0.004050")
            .contains("token CARBON")
            .contains("carbon_credit 0.001460");
        final CliRun dump = CliRun.of("dump", "--journal", tmp.resolve("journal").toString(), "--input");
        assertThat(dump.out()).contains("\"type\":\"carbon_intensity\"").contains("\"region\":\"GB\"");

        // The audit's carbon mass is each carbon posting's energy x intensity: 1,000 Wh x 81,000 mg/kWh = 0.081 kg
        // emitted; 500 Wh x 73,000 mg/kWh = 0.0365 kg avoided, shown half-even to the gram as 0.036.
        final Path audit = tmp.resolve("audit.json");
        final CliRun auditRun = CliRun.of("audit", "--journal", tmp.resolve("journal").toString(), "--account",
            "1001", "--format", "json", "--out", audit.toString());
        assertThat(auditRun.exitCode()).as(auditRun.err()).isZero();
        final String auditJson = Files.readString(audit);
        assertThat(auditJson).contains("\"carbonEmittedKg\" : \"0.081\"").contains("\"carbonAvoidedKg\" : \"0.036\"");
    }

    @Test
    void aCarbonResponseWithoutARegionIsOneLineAndNothingIsJournalled() throws IOException
    {
        final CliRun run = ingestWithCarbon(
            TestResources.resource("ingest/carbon_uk_national_pt24h_2023-03-15T0101Z.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString()
            .contains("names no region: give --carbon-region");
        assertThat(tmp.resolve("journal")).doesNotExist();
    }

    @Test
    void aTariffGivenAsTheCarbonFileIsRefusedAsNoApiResponseNotAskedForARegion() throws IOException
    {
        // the URDB rate given to --carbon by mistake was answered "a Carbon Intensity API response names no region:
        // give --carbon-region, for example GB", as if it were one; the file is now read before its region is asked
        final CliRun run = ingestWithCarbon(path(HAND_TARIFF));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle ingest: urdb_hand_written_untiered_tou.json: data: " +
            "expected a field \"data\" holding an array of intervals");
        assertThat(tmp.resolve("journal")).doesNotExist();
    }

    /**
     * @return an ingest into tmp/journal of one hand-made reading of 2023-03-14 with the given --carbon file and no
     *         --carbon-region.
     */
    private CliRun ingestWithCarbon(final String carbonFile) throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2023-03-14T01:00:00Z,1800,1000,0\n");
        return CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff", path(HAND_TARIFF),
            "--meters", meters.toString(), "--usage", usage.toString(), "--carbon", carbonFile);
    }

    @Test
    void aSecondRunOverTheSameDaysSubmitsNoReadingAgain() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        // across a month start: the second run resubmits the calendar events between the readings (ends of day and
        // a period close), which the engine acknowledges as duplicates too
        final Path usage = write("two-days.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-100,2026-02-27T10:00:00Z,900,350,0\nM-100,2026-03-02T10:00:00Z,900,410,0\n");
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, usage.toString()).exitCode()).isZero();

        final CliRun second = ingest(journal, meters, usage.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        // the calendar's duplicates are not counted as readings, and the readings are not submitted at all
        assertThat(second.out()).contains("readings: 0 submitted, 0 accepted, 0 rejected by the engine, " +
            "0 exact duplicates").contains("already settled: 2 readings");
    }

    // A kill -9 at the instant a run created a cycle file leaves it empty; the next run sets it aside (FORMAT.md
    // section 8) and must say so, since the kill left no other trace
    @Test
    void aCycleFileAKilledRunLeftEmptyIsSetAsideWithAWarningAndTheNextRunAppends() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        final Path usage = write("day.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-100,2026-02-27T10:00:00Z,900,350,0\n");
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, usage.toString()).exitCode()).isZero();
        final Path empty = journal.resolve("output").resolve("20991231F.cq4");
        Files.createFile(empty);

        final CliRun second = ingest(journal, meters, usage.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("settle ingest: warning: " + empty + " was left without Chronicle's " +
            "header by a run killed as it created the file, and held no record: set aside as 20991231F.cq4.abandoned");
        assertThat(empty).doesNotExist();
        assertThat(CliRun.of("verify", "--journal", journal.toString()).exitCode()).isZero();
    }

    // Was an operator's finding: the engine's meter id is the enrolment row's position, so a second month's ingest with
    // the enrolment file's rows reordered, or one removed, gave a meter the number of another. Its enrolment onto its
    // own account was rejected ALREADY_SETTLED (listed as "expected when appending"), and its readings were settled
    // to the other meter's customer: M-2's month billed to account 1001, exit 0
    @Test
    void anAppendingIngestWhoseEnrolmentRowsNumberAMeterAsAnotherIsRefusedBeforeAnythingIsJournalled()
        throws IOException, java.net.URISyntaxException
    {
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path journal = tmp.resolve("journal");
        final Path both = write("meters.csv", "meter_id,account_id\nM-1,1001\nM-2,1002\n");
        final Path march = write("march.csv", header + "M-1,2026-03-09T10:00:00Z,900,100,0\n" +
            "M-2,2026-03-09T10:00:00Z,900,200,0\n");
        assertThat(ingest(journal, both, march.toString()).exitCode()).isZero();
        final String before = CliRun.of("verify", "--journal", journal.toString()).out();

        // M-1 left the file: M-2 is now its first row, the engine's meter 1, which is M-1's on account 1001
        final Path onlySecond = write("meters-m2.csv", "meter_id,account_id\nM-2,1002\n");
        final Path april = write("april.csv", header + "M-2,2026-04-09T10:00:00Z,900,300,0\n");
        final CliRun refused = ingest(journal, onlySecond, april.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines().toList()).contains("settle ingest: enrolment row 1 (\"M-2\", account " +
            "1002) would be the engine's meter 1, which " + journal + " holds enrolled on account 1001: the engine " +
            "numbers meters by their row, so appending needs the rows of the earlier enrolment file in the same " +
            "order, with new meters after them (a meter cannot move to another account by ingest); nothing was " +
            "journalled");
        assertThat(CliRun.of("verify", "--journal", journal.toString()).out()).isEqualTo(before);

        // the earlier rows in their order, a new meter after them: appended
        final Path grown = write("meters-grown.csv", "meter_id,account_id\nM-1,1001\nM-2,1002\nM-3,1003\n");
        final CliRun again = ingest(journal, grown, april.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("readings: 1 submitted, 1 accepted");
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--account", "1002").out())
            .contains("\"energyWh\":300");

        // a journal another program wrote (golden v1, an engine's: meter 1 on tariff 21): the readings would have been
        // priced by tariff 21, under a summary naming this run's tariff
        final Path golden = GoldenJournals.copy("v1", tmp);
        final CliRun foreign = ingest(golden, both, march.toString());
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err().lines().toList()).contains("settle ingest: enrolment row 1 (\"M-1\", account 1001) " +
            "would be the engine's meter 1, which " + golden + " holds enrolled on tariff 21 (account 1001), not on " +
            "the tariff 1 settle ingest enrols its meters on: its readings would be priced by that tariff; settle " +
            "ingest appends only to a journal whose meters it enrolled; nothing was journalled");
    }

    // Was an operator's finding: with the snapshot folder unwritable (here a file where it goes; on a real host its
    // permissions or a read-only mount), every run settled its readings and sealed the journal, then failed writing
    // its closing snapshot: exit 2 ("bad usage or input"), no summary, and a message that said neither why the snapshot
    // could not be written nor that the readings were settled
    @Test
    void aClosingSnapshotThatCannotBeWrittenIsNamedWithItsCauseAfterTheSummaryAndExits4() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, write("first.csv", header + "M-1,2026-03-09T10:00:00Z,900,100,0\n")
            .toString()).exitCode()).isZero();
        final Path snapshots = journal.resolve("snapshots");
        try (Stream<Path> files = Files.list(snapshots))
        {
            for (final Path file : files.toList())
            {
                Files.delete(file);
            }
        }
        Files.delete(snapshots);
        Files.writeString(snapshots, "not a folder");

        final Path second = write("second.csv", header + "M-1,2026-03-09T10:15:00Z,900,200,0\n");
        final CliRun run = ingest(journal, meters, second.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("readings: 1 submitted, 1 accepted");
        assertThat(run.err().lines().toList()).contains("settle ingest: snapshot failed in " + snapshots + " (" +
            run.err().replaceAll("(?s).* \\((\\d+ MiB free)\\).*", "$1") + "): cannot write snapshot " +
            snapshots.resolve("snapshot-00000000000000000008.gss") + ": " + snapshots + ": already exists; the " +
            "journal is closed and holds every reading of this run: make " + snapshots + " a writable directory " +
            "(or move it away), then run the same command again");
        assertThat(CliRun.of("verify", "--journal", journal.toString()).exitCode()).isZero();
        // once the folder is one again, the same command goes through, the reading already settled
        Files.delete(snapshots);
        final CliRun again = ingest(journal, meters, second.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already settled: 1 reading");
    }

    // Was an operator's finding: a damaged newest snapshot (a bad disk block, a bad copy) was passed over in silence,
    // and kept under its snapshot name as one of the newest two, so the next snapshot turned the older sound one into
    // the spare it overwrites: from then on one usable snapshot was left, and nothing had told anyone about the damage
    @Test
    void aDamagedNewestSnapshotIsWarnedAboutAndSetAsideAsTheSpare() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path journal = tmp.resolve("journal");
        final Path snapshots = journal.resolve("snapshots");
        for (final String row : new String[] {"10:00:00Z,900,100", "10:15:00Z,900,200"})
        {
            final Path usage = write("usage.csv", header + "M-1,2026-03-09T" + row + ",0\n");
            assertThat(ingest(journal, meters, usage.toString()).exitCode()).isZero();
        }
        final Path newest = snapshots.resolve("snapshot-00000000000000000008.gss");
        final Path older = snapshots.resolve("snapshot-00000000000000000004.gss");
        assertThat(newest).exists();
        assertThat(older).exists();
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(newest, bytes);

        final Path third = write("usage.csv", header + "M-1,2026-03-09T10:30:00Z,900,300,0\n");
        final CliRun run = ingest(journal, meters, third.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("readings: 1 submitted, 1 accepted");
        assertThat(run.err().lines().filter((line) -> line.contains("snapshot")).toList()).singleElement()
            .asString().startsWith("settle ingest: warning: snapshot snapshot-00000000000000000008.gss is unusable (")
            .endsWith("); set aside as spare-00000000000000000008.gsp, for a later snapshot to overwrite; falling " +
                "back to an older snapshot or a full replay");
        // the sound older one is kept, beside this run's
        try (Stream<Path> files = Files.list(snapshots))
        {
            assertThat(files.map((p) -> p.getFileName().toString()).filter((n) -> n.endsWith(".gss")))
                .containsExactlyInAnyOrder("snapshot-00000000000000000004.gss", "snapshot-00000000000000000012.gss");
        }
    }

    // Was an operator's finding: with the output journal removed (or its newest cycle file lost), an ingest rebuilt the
    // outputs from the inputs, as FORMAT.md section 8 says it may, but said nothing of it
    @Test
    void outputsAStartAppendsThatTheOutputJournalLackedAreWarnedAbout() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-09T10:00:00Z,900,100,0\nM-1,2026-03-09T10:15:00Z,900,200,0\n");
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, usage.toString()).exitCode()).isZero();
        final String before = CliRun.of("verify", "--journal", journal.toString()).out();
        try (Stream<Path> files = Files.walk(journal.resolve("output")))
        {
            for (final Path file : files.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }

        final CliRun run = ingest(journal, meters, usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().toList()).contains("settle ingest: warning: appended 2 outputs of journalled " +
            "inputs that the output journal did not hold (an engine stopped before journalling them, or output " +
            "cycle files removed or lost)");
        assertThat(CliRun.of("verify", "--journal", journal.toString()).exitCode()).isZero();
        assertThat(before).contains("output: 2 records");
    }

    @Test
    void aSecondIngestWhileAnotherWritesTheJournalIsRefusedAndTheJournalStaysIntact() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path first = write("first.csv", header + "M-1,2026-03-09T10:00:00Z,900,100,0\n");
        final Path second = write("second.csv", header + "M-1,2026-03-09T10:15:00Z,900,200,0\n");
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, first.toString()).exitCode()).isZero();
        final String before = CliRun.of("verify", "--journal", journal.toString()).out();

        // the lock another settle ingest holds while it runs; two writers would interleave their hash chains
        try (FileChannel other = FileChannel.open(journal.resolve(JournalLock.FILE), StandardOpenOption.WRITE);
            FileLock held = other.lock())
        {
            assertThat(held.isValid()).isTrue();
            final CliRun refused = ingest(journal, meters, second.toString());

            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().lines().toList()).containsExactly(TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"),
                "settle ingest: " + journal + " is being " +
                "written by another settle process (it holds " + JournalLock.FILE + "): a journal takes one writer " +
                "at a time; run again when that one has finished; nothing was journalled");
        }
        final CliRun verify = CliRun.of("verify", "--journal", journal.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).isEqualTo(before);

        // once the other writer has finished, the same command goes through
        final CliRun again = ingest(journal, meters, second.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("readings: 1 submitted, 1 accepted");
    }

    @Test
    void aReadingTheEngineRejectedIsSubmittedAgainAndOneChangedIsDecidedByTheEngine() throws IOException
    {
        // 10:00Z on 2026-03-09 is off-peak; a negative reading is rejected NEGATIVE_ENERGY, so never settled
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path first = write("first.csv", header + "M-1,2026-03-09T10:00:00Z,900,100,0\n" +
            "M-1,2026-03-09T10:15:00Z,900,-3,0\n");
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, first.toString()).exitCode()).isZero();

        final Path second = write("second.csv", header + "M-1,2026-03-09T10:00:00Z,900,120,0\n" +
            "M-1,2026-03-09T10:15:00Z,900,-3,0\n");
        final CliRun run = ingest(journal, meters, second.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 10:00 changed: inside the window, not a correction, so CONFLICTING_DUPLICATE; 10:15 rejected again
        assertThat(run.out()).contains("readings: 2 submitted, 0 accepted, 2 rejected by the engine")
            .contains("CONFLICTING_DUPLICATE=1").contains("NEGATIVE_ENERGY=1").doesNotContain("already settled");
    }

    @Test
    void datesThatWouldJournalYearsOfCalendarAreRefusedBeforeAnythingIsJournalled() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path future = write("future.csv", header + "M-100,2026-03-08T10:00:00Z,900,350,0\n" +
            "M-100,2099-12-31T00:00:00Z,3600,5,0\n");
        final Path gap = write("gap.csv", header + "M-100,2011-03-08T10:00:00Z,900,350,0\n" +
            "M-100,2026-03-08T10:00:00Z,900,350,0\n");
        // past the zone tables' years (1990-2100): the future too, where the engine could only say MALFORMED
        final Path farFuture = write("far.csv", header + "M-100,2026-03-08T10:00:00Z,900,350,0\n" +
            "M-100,2150-01-01T00:00:00Z,900,5,0\n");

        final CliRun inFuture = ingest(tmp.resolve("a"), meters, future.toString());
        final CliRun yearsApart = ingest(tmp.resolve("b"), meters, gap.toString());
        final CliRun farInFuture = ingest(tmp.resolve("c"), meters, farFuture.toString());

        assertThat(inFuture.exitCode()).isEqualTo(2);
        assertThat(inFuture.err().lines()).singleElement().asString()
            .contains("2099-12-31T00:00:00Z, in the future").contains("nothing was journalled");
        assertThat(yearsApart.exitCode()).isEqualTo(2);
        assertThat(yearsApart.err().lines()).singleElement().asString()
            .contains("jump from 2011-03-08T10:00:00Z to 2026-03-08T10:00:00Z");
        assertThat(farInFuture.exitCode()).isEqualTo(2);
        assertThat(farInFuture.err().lines()).singleElement().asString()
            .contains("2150-01-01T00:00:00Z, in the future").contains("nothing was journalled");
        assertThat(tmp.resolve("a")).doesNotExist();
        assertThat(tmp.resolve("b")).doesNotExist();
        assertThat(tmp.resolve("c")).doesNotExist();
    }

    @Test
    void aTariffThatStartsAfterEveryReadingIsRefusedBeforeAnythingIsJournalled() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        // the hand-written rate, starting on 2030-01-01 (1893456000) instead
        final Path later = write("later.json", Files.readString(Path.of(path(HAND_TARIFF)))
            .replaceFirst("\"startdate\": *[0-9]+", "\"startdate\": 1893456000"));
        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("c").toString(), "--tariff", later.toString(),
            "--meters", meters.toString(), "--usage", path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).last().asString()
            .contains("takes effect on 2030-01-01T00:00:00Z").contains("after every reading");
        assertThat(tmp.resolve("c")).doesNotExist();

        // the same rate ended on 2026-03-01 (1772323200), a week before the readings
        final Path ended = write("ended.json", Files.readString(Path.of(path(HAND_TARIFF)))
            .replaceFirst("\"startdate\": *([0-9]+),", "\"startdate\": $1, \"enddate\": 1772323200,"));
        final CliRun past = CliRun.of("ingest", "--journal", tmp.resolve("e").toString(), "--tariff", ended.toString(),
            "--meters", meters.toString(), "--usage", path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(past.exitCode()).as(past.err()).isEqualTo(2);
        assertThat(past.err().lines()).last().asString()
            .contains("past the tariff's URDB enddate 2026-03-01T00:00:00Z");
        assertThat(tmp.resolve("e")).doesNotExist();
    }

    @Test
    void usageFilesWithoutAReadingDoNotStartANewJournalAtTheFirstCoveredYear() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final String header = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
        final Path none = write("header-only.csv", header);
        final Path unknown = write("unknown-meter.csv", header + "M-9,2026-03-09T10:00:00Z,900,100,0\n");
        final Path journal = tmp.resolve("journal");
        // the tiered sample has no URDB startdate: the tariff and enrolments start at the earliest reading's day
        final String[] head = {"ingest", "--journal", journal.toString(), "--tariff", path(TestResources.TIERED_TARIFF),
            "--meters", meters.toString(), "--usage"};

        final String refused = "settle ingest: the usage files hold no reading of an enrolled meter dated 1990 to " +
            "2099%s: nothing to settle, and no day to start a new journal's tariff and enrolments from (the rate has " +
            "no URDB startdate); nothing was journalled";
        for (final Path usage : List.of(none, unknown, Path.of(path("ingest/greenbutton_ESPIReadingType.xml"))))
        {
            final CliRun run = CliRun.of(append(head, usage.toString()));

            assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly(String.format(refused, usage == unknown ?
                " (they name only meters not in the enrolment file: \"M-9\")" : ""));
            assertThat(journal).doesNotExist();
        }

        // a journal that exists keeps its tariff's start; a run without readings into it goes through
        final Path day = write("day.csv", header + "M-1,2026-03-09T10:00:00Z,900,100,0\n");
        assertThat(CliRun.of(append(head, day.toString())).exitCode()).isZero();
        final CliRun again = CliRun.of(append(head, none.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("effective from 2026-03-09T07:00:00Z");
    }

    private static String[] append(final String[] head, final String last)
    {
        final String[] args = Arrays.copyOf(head, head.length + 1);
        args[head.length] = last;
        return args;
    }

    @Test
    void aUrdbRateRoundedToAMicroUnitIsNotedOnStderrByIngestAndBill() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        // the hand-written rate with off-peak at 0.1000005 $/kWh: 100000.5 micro-units, half-even to 100000
        final Path rounded = write("rounded.json", Files.readString(Path.of(path(HAND_TARIFF)))
            .replace("\"rate\": 0.10,", "\"rate\": 0.1000005,"));
        final String note = ": note: rounded.json: energyratestructure[0][0]: rate+adj 0.1000005 $/kWh rounded " +
            "half-even to 100000 micro-$/kWh";
        final String usage = path("ingest/meter_readings_bad_row_middle.csv");

        final CliRun ingest = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            rounded.toString(), "--meters", meters.toString(), "--usage", usage);
        final CliRun bill = CliRun.of("bill", "--tariff", rounded.toString(), "--usage", usage, "--meter", "M-100",
            "--from", "2026-03-01", "--to", "2026-04-01");

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.err().lines()).contains("settle ingest" + note,
            TestResources.zoneAssumed("ingest", "rounded.json"));
        assertThat(bill.exitCode()).as(bill.err()).isZero();
        assertThat(bill.err().lines()).contains("settle bill" + note, TestResources.zoneAssumed("bill", "rounded.json"));
    }

    @Test
    void aGreenButtonFeedStatingAnotherZoneThanTheTariffsIsWarnedAbout() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        // the hand-written feed with the LocalTimeParameters entry of an Eastern utility (as in the ESPI sample
        // greenbutton_ESPILocalTimeParameters.xml): tzOffset -18000, UTC-05:00 in standard time
        final Path eastern = write("eastern.xml", Files.readString(Path.of(path("ingest/synthetic_net_meter_feed.xml")))
            .replaceFirst("<entry>", "<entry><id>urn:uuid:1</id><link rel=\"self\" href=\"https://example.invalid/" +
                "espi/1_1/resource/LocalTimeParameters/1\"/><content><LocalTimeParameters " +
                "xmlns=\"http://naesb.org/espi\"><dstOffset>3600</dstOffset><tzOffset>-18000</tzOffset>" +
                "</LocalTimeParameters></content></entry>\n  <entry>"));

        // the hand-written URDB rate records no zone: America/Los_Angeles, UTC-08:00 in standard time
        final CliRun pacific = ingest(tmp.resolve("pacific"), meters, eastern.toString());
        final CliRun bill = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", eastern.toString(),
            "--from", "2026-03-01", "--to", "2026-04-01");
        final CliRun east = CliRun.of("ingest", "--journal", tmp.resolve("east").toString(), "--tariff",
            path(HAND_TARIFF), "--meters", meters.toString(), "--usage", eastern.toString(), "--zone",
            "America/New_York");

        final String warning = ": warning: eastern.xml: its LocalTimeParameters put the meter at UTC-05:00 in " +
            "standard time (tzOffset -18000), but the tariff's zone America/Los_Angeles is at UTC-08:00: its " +
            "time-of-use periods and days are priced in America/Los_Angeles; give the utility's zone with --zone if " +
            "that is not it";
        assertThat(pacific.exitCode()).as(pacific.err()).isZero();
        assertThat(pacific.err().lines()).contains("settle ingest" + warning,
            TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"));
        assertThat(bill.exitCode()).as(bill.err()).isZero();
        assertThat(bill.err().lines()).contains("settle bill" + warning,
            TestResources.zoneAssumed("bill", "urdb_hand_written_untiered_tou.json"));
        assertThat(east.exitCode()).as(east.err()).isZero();
        assertThat(east.err().lines().filter((line) -> line.contains("warning")))
            .containsExactly(TestResources.netMeteringNotHonoured("7"));
    }

    @Test
    void aDirectoryThatHoldsNoJournalButOtherFilesIsRefused() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        final String usage = path("ingest/meter_readings_edge_cases.csv");
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, usage).exitCode()).isZero();

        // one level too deep: the journal's own input queue; this laid a second journal out inside it
        final Path queue = journal.resolve("input");
        final CliRun nested = ingest(queue, meters, usage);

        assertThat(nested.exitCode()).isEqualTo(2);
        assertThat(nested.err().lines()).contains(TestResources.zoneAssumed("ingest", "urdb_hand_written_untiered_tou.json"));
        assertThat(nested.err().lines().filter((l) -> !l.startsWith("settle ingest: bad row: "))
            .filter((l) -> !l.startsWith("settle ingest: warning: ")).toList())
            .singleElement().asString().startsWith("settle ingest: " + queue + " holds no journal but is not empty (")
            .endsWith("): it is a queue inside a journal; give the journal directory, the one holding input/ and " +
                "output/; nothing was journalled");
        assertThat(queue.resolve("input")).doesNotExist();
        assertThat(CliRun.of("verify", "--journal", journal.toString()).exitCode()).isZero();

        final Path documents = Files.createDirectory(tmp.resolve("documents"));
        Files.writeString(documents.resolve("notes.txt"), "mine");
        final CliRun foreign = ingest(documents, meters, usage);
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains(documents + " holds no journal but is not empty (notes.txt): give a new " +
            "or empty directory, or an existing journal's; nothing was journalled");
        assertThat(documents.resolve("input")).doesNotExist();

        final Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(ingest(empty, meters, usage).exitCode()).isZero();
    }

    @Test
    void aTariffTheEngineWouldRefuseStopsTheIngestBeforeAnythingIsJournalled() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        // seven TOU periods, one a window each: the engine keeps true-up and demand state for at most six
        final StringBuilder periods = new StringBuilder();
        final StringBuilder windows = new StringBuilder();
        for (int p = 0; p < 7; p++)
        {
            periods.append(p == 0 ? "" : ", ").append("{\"name\": \"p").append(p).append("\", \"import\": \"0.1")
                .append(p).append("\", \"export\": \"0.05\"}");
            if (p > 0)
            {
                windows.append(p == 1 ? "" : ", ").append("{\"from\": \"").append(String.format("%02d", p + 10))
                    .append(":00\", \"to\": \"").append(String.format("%02d", p + 11)).append(":00\", \"period\": \"p")
                    .append(p).append("\"}");
            }
        }
        final Path seven = write("seven.json", Files.readString(Path.of(path("bill/gridsettle_hand_written_tou.json")))
            .replaceFirst("(?s)\"periods\": \\[.*?\\],", "\"periods\": [" + periods + "],")
            .replace("\"default_period\": \"off-peak\"", "\"default_period\": \"p0\"")
            .replaceFirst("\"windows\": \\[.*?\\]", "\"windows\": [" + windows + "]"));

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("d").toString(), "--tariff", seven.toString(),
            "--meters", meters.toString(), "--usage", path("ingest/meter_readings_bad_row_middle.csv"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).last().asString()
            .isEqualTo("settle ingest: seven.json: the engine cannot settle this tariff faithfully: 7 TOU periods; " +
                "the engine settles at most 6");
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void aMonthIngestedAloneIsClosedByTheIngestOfTheNextMonth() throws IOException
    {
        // a utility ingesting one file a month: each run leaves the month of its last reading open, and before
        // the journal said how far its calendar got, the next run started at its own first reading, so no month
        // was ever ended or closed
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path january = write("january.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-01-05T10:00:00Z,900,100,0\nM-1,2026-01-30T10:00:00Z,900,100,0\n");
        final Path february = write("february.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-02-03T10:00:00Z,900,100,0\n");
        final Path journal = tmp.resolve("journal");

        assertThat(ingest(journal, meters, january.toString()).exitCode()).isZero();
        assertThat(calendarRecords(journal)).isEmpty();
        final CliRun second = ingest(journal, meters, february.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        // 2026-01-05T10:00Z is 02:00 on 5 January in Los Angeles: the midnights from 6 January to 1 February end
        // the 27 days of January the journal holds, and 1 February closes January; February stays open
        final List<String> calendar = calendarRecords(journal);
        assertThat(calendar).filteredOn((line) -> line.contains("\"kind\":\"end_of_day\"")).hasSize(27);
        assertThat(calendar).filteredOn((line) -> line.contains("\"kind\":\"period_close\"")).singleElement()
            .satisfies((line) -> assertThat(line).contains("\"at\":\"2026-02-01T08:00:00Z\""));
        assertThat(CliRun.of("verify", "--journal", journal.toString()).out()).contains("verify: intact");
    }

    @Test
    void readingsSentAgainAreNotSubmittedAgainAndChangedOldOnesAreExplained() throws IOException
    {
        // the engine keeps each meter's latest 12 intervals (TickWindow.DEFAULT_SLOTS): sent again, the 8 older of
        // these 20 readings would be journalled and refused OUTSIDE_CORRECTION_WINDOW though settled the first time
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path usage = write("usage.csv", quarterHours(20, 0));
        final Path journal = tmp.resolve("journal");
        assertThat(ingest(journal, meters, usage.toString()).exitCode()).isZero();
        final String inputsBefore = journalInputs(journal);

        final CliRun again = ingest(journal, meters, usage.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
            .contains("readings: 0 submitted, 0 accepted, 0 rejected by the engine, 0 exact duplicates")
            .contains("already settled: 20 readings the journal settled before with the same values, not " +
                "submitted again")
            .doesNotContain("OUTSIDE_CORRECTION_WINDOW");
        // only the run's set-up (tariff, account, enrolment) was journalled again, no reading
        assertThat(Long.parseLong(journalInputs(journal)) - Long.parseLong(inputsBefore)).isEqualTo(3);

        // the 8 older readings changed: too old to correct, refused and explained; the 12 newer still settled
        final CliRun changed = ingest(journal, meters, write("changed.csv", quarterHours(8, 50) +
            quarterHours(20, 0).lines().skip(9).map(line -> line + "\n").reduce("", String::concat)).toString());

        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out())
            .contains("readings: 8 submitted, 0 accepted, 8 rejected by the engine, 0 exact duplicates")
            .contains("already settled: 12 readings")
            .contains("engine rejections: OUTSIDE_CORRECTION_WINDOW=8")
            .contains("rejections explained: OUTSIDE_CORRECTION_WINDOW: a reading older than the last 12 intervals");
    }

    /** @return a usage CSV of meter M-1's first {@code count} quarter hours from 10:00Z, each 100 + extra Wh. */
    private static String quarterHours(final int count, final int extra)
    {
        final StringBuilder csv = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
        for (int i = 0; i < count; i++)
        {
            csv.append("M-1,2026-03-09T1").append(i / 4).append(':').append(i % 4 * 15 == 0 ? "00" : i % 4 * 15)
                .append(":00Z,900,").append(100 + extra).append(",0\n");
        }
        return csv.toString();
    }

    /** @return the number of input records in the journal, as {@code settle verify} prints it. */
    private static String journalInputs(final Path journal)
    {
        final String out = CliRun.of("verify", "--journal", journal.toString()).out();
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("input: +([0-9,]+) records").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1).replace(",", "");
    }

    @Test
    void anHourlyReadingOverTheQuarterHoursOfItsHourIsRefusedAndExplained() throws IOException
    {
        // one feed with a meter's 15-minute readings and its hourly reading of the same hour, on one channel:
        // settling both would charge the hour's energy twice
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-09T10:00:00Z,900,100,0\nM-1,2026-03-09T10:15:00Z,900,100,0\n" +
            "M-1,2026-03-09T10:30:00Z,900,100,0\nM-1,2026-03-09T10:45:00Z,900,100,0\n" +
            "M-1,2026-03-09T10:00:00Z,3600,400,0\n");
        final CliRun run = ingest(tmp.resolve("journal"), meters, usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
            .contains("readings: 5 submitted, 4 accepted, 1 rejected by the engine")
            .contains("engine rejections: INTERVAL_OVERLAP=1")
            .contains("rejections explained: INTERVAL_OVERLAP: a reading whose interval overlaps one already settled");
    }

    private static List<String> calendarRecords(final Path journal)
    {
        return CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((line) -> line.contains("\"type\":\"calendar\"")).toList();
    }

    // Was a bug: a reading of an enrolled meter dated year 1 was journalled and rejected by the engine as
    // UNKNOWN_METER, since it is before the meter's enrolment (the engine's rule, unchanged): the report said the meter
    // was not enrolled, and not which row. The ingest now refuses it, and any reading before the earliest start its
    // enrolments can have, as a bad row saying why; an unknown meter's reading stays the engine's UNKNOWN_METER.
    @Test
    void aReadingDatedBeforeTheEnrolmentsCanStartIsABadRowNotAnUnknownMeter() throws IOException
    {
        final Path meters = write("meters.csv", ENROLMENT);
        final Path usage = write("year1.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-100,2026-03-08T10:00:00Z,900,350,0\n" +
            "M-100,0001-01-01T00:00:00Z,900,410,0\n" +
            "X-9,0001-01-01T00:00:00Z,900,5,0\n" +
            "M-100,2026-03-08T10:15:00Z,900,300,0\n");

        final CliRun urdb = ingest(tmp.resolve("journal"), meters, usage.toString());

        assertThat(urdb.exitCode()).as(urdb.err()).isZero();
        // the hand-written URDB rate is read in America/Los_Angeles, where 1990 starts at 08:00 UTC; its startdate,
        // 2010, is later, so its meters are enrolled from then, and a reading of 1995 would still be the engine's
        final String before1990 = "is before 1990-01-01T08:00:00Z (the start of 1990 in America/Los_Angeles, the " +
            "first year an ingest settles), before which no meter is enrolled on the tariff: a wrong date?";
        assertThat(urdb.err().lines()).contains("settle ingest: bad row: year1.csv: line 3: interval_start " +
            "\"0001-01-01T00:00:00Z\" " + before1990);
        assertThat(urdb.out()).contains("usage: year1.csv (csv): 3 readings, 1 bad")
            .contains("readings: 3 submitted, 2 accepted, 1 rejected by the engine")
            .contains("engine rejections: UNKNOWN_METER=1\n");

        // the same in a Green Button feed: the first reading of the hand-written feed (meter 1's, enrolled) moved to
        // year 1, -62135596800 epoch seconds
        final String feed = Files.readString(Path.of(path("ingest/synthetic_net_meter_feed.xml")));
        final String first = "<espi:start>1772964000</espi:start></espi:timePeriod>";
        assertThat(feed).contains(first);
        final Path year1 = write("year1.xml", feed.replaceFirst(java.util.regex.Pattern.quote(first),
            "<espi:start>-62135596800</espi:start></espi:timePeriod>"));

        final CliRun greenButton = ingest(tmp.resolve("journal3"), meters, year1.toString());

        assertThat(greenButton.exitCode()).as(greenButton.err()).isZero();
        assertThat(greenButton.err().lines()).contains("settle ingest: bad row: year1.xml: " +
            "feed/entry[1]/content/IntervalBlock/IntervalReading[1] (line 20): IntervalReading start -62135596800 " +
            "(\"0001-01-01T00:00:00Z\") " + before1990);
        assertThat(greenButton.out()).doesNotContain("UNKNOWN_METER");
    }

    private CliRun ingest(final Path journal, final Path meters, final String... usage)
    {
        final String[] head = {"ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--meters", meters.toString(), "--usage"};
        final String[] args = Arrays.copyOf(head, head.length + usage.length);
        System.arraycopy(usage, 0, args, head.length, usage.length);
        return CliRun.of(args);
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
