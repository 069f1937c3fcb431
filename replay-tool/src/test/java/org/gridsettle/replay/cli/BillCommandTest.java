package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle bill} through picocli. The tariff {@code bill/urdb_hand_written_untiered_tou.json} is hand-written
 * with URDB field names (not a real rate): off-peak 0.10 $/kWh (sell 0.05), weekday 16:00-21:00 peak
 * 0.30 + adj 0.023457 = 0.323457 $/kWh (sell 0.08), in America/Los_Angeles. {@code bill/hand_bill_usage.csv} is
 * hand-written too. The Coastal feed is the NIST/EnergyOS Green Button sample (VerdigrisTech/green-button-data,
 * Apache-2.0), and the refused tiered rate is the OpenStudio-HPXML URDB sample copied unchanged; see
 * {@code src/test/resources/bill/README.md} and {@code /work/shared/data/README.md}.
 */
class BillCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Florida Power & Light RS-1's URDB record, copied unchanged from /work/shared/data. */
    private static final String FPL = "ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";

    @TempDir
    Path tmp;

    @Test
    void handWrittenUsageIsBilledToTheHandComputedMicroDollar() throws IOException
    {
        final CliRun run = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", path("bill/hand_bill_usage.csv"),
            "--from", "2011-01-31", "--to", "2011-02-02", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode bill = JSON.readTree(run.out());
        // The CSV's rows, all meter M-1, in PST (-08:00). 2011-01-31 is a Monday, 2011-02-01 a Tuesday.
        //   2011-01-30T23:00  999 Wh          before --from: not billed
        //   2011-01-31T10:00  1500 Wh import  off-peak: 1.500 x 0.10     = 0.150000
        //   2011-01-31T12:00  1234 Wh export  off-peak: 1.234 x 0.05     = 0.061700 credit
        //   2011-01-31T17:00  2345 Wh import  peak:     2.345 x 0.323457 = 0.758506665 -> 0.758507
        //   2011-01-31T18:00  -5 Wh import    rejected by the engine (NEGATIVE_ENERGY): not billed
        //   2011-02-01T00:00  600 Wh import   first hour of February, off-peak: 0.600 x 0.10 = 0.060000
        //   2011-02-01T18:00  500 Wh import   peak: 0.500 x 0.323457 = 0.1617285, a tie: half-even -> 0.161728
        //                     200 Wh export   peak: 0.200 x 0.08 = 0.016000 credit
        //   2011-02-02T01:00  700 Wh          at or after --to (exclusive): not billed
        // January:  import 1500 + 2345 = 3845 Wh, export 1234 Wh, energy 0.150000 + 0.758507 = 0.908507,
        //           credits 0.061700, total 0.908507 - 0.061700 = 0.846807.
        // February: import 600 + 500 = 1100 Wh, export 200 Wh, energy 0.060000 + 0.161728 = 0.221728,
        //           credits 0.016000, total 0.205728.
        // Totals:   import 4945 Wh, export 1434 Wh, energy 1.130235, credits 0.077700, total 1.052535.
        // The URDB mapper refuses fixed charges, so none are in this tariff; demand, carbon, true-up are not posted.
        final JsonNode periods = bill.get("periods");
        assertThat(periods).hasSize(2);
        assertAmounts(periods.get(0), "2011-01-31", "2011-02-01", "3.845", "1.234", "0.908507", "0.061700",
            "0.846807");
        assertAmounts(periods.get(1), "2011-02-01", "2011-02-02", "1.100", "0.200", "0.221728", "0.016000",
            "0.205728");
        assertAmounts(bill.get("totals"), "2011-01-31", "2011-02-02", "4.945", "1.434", "1.130235", "0.077700",
            "1.052535");
        assertThat(bill.get("rejections").get("NEGATIVE_ENERGY").asLong()).isEqualTo(1);
        assertThat(bill.get("readings").asLong()).as("six rows start in [from, to)").isEqualTo(6);
        // what stderr said about the bill is in the JSON too, for a system that reads only the JSON: the hours with
        // no reading and the rejected one, each as its stderr line without the prefix
        final List<String> warnings = new java.util.ArrayList<>();
        bill.get("warnings").forEach((w) -> warnings.add(w.asText()));
        assertThat(warnings).anySatisfy((w) -> assertThat(w).startsWith("the meter has no reading for "))
            .anySatisfy((w) -> assertThat(w).startsWith("the engine rejected NEGATIVE_ENERGY=1"));
        assertThat(run.err().lines().filter((l) -> l.startsWith("settle bill: warning: ")).map((l) ->
            l.substring("settle bill: warning: ".length()))).containsExactlyElementsOf(warnings);

        // lines: one per (kind, TOU period, rate), in the order energy charges then export credits
        final JsonNode january = periods.get(0).get("lines");
        assertThat(january).hasSize(3);
        assertLine(january.get(0), "energy_charge", "urdb period 0", "1.500", "0.100000", "0.150000");
        assertLine(january.get(1), "energy_charge", "urdb period 1", "2.345", "0.323457", "0.758507");
        assertLine(january.get(2), "export_credit", "urdb period 0", "1.234", "0.050000", "0.061700");
        final JsonNode february = periods.get(1).get("lines");
        assertThat(february).hasSize(3);
        assertLine(february.get(0), "energy_charge", "urdb period 0", "0.600", "0.100000", "0.060000");
        assertLine(february.get(1), "energy_charge", "urdb period 1", "0.500", "0.323457", "0.161728");
        assertLine(february.get(2), "export_credit", "urdb period 1", "0.200", "0.080000", "0.016000");

        assertThat(TestResources.besidesGapWarning(run.err())).containsExactly(
            TestResources.zoneAssumed("bill", "urdb_hand_written_untiered_tou.json"),
            "settle bill: warning: the engine rejected NEGATIVE_ENERGY=1; rejected readings are not billed");
    }

    @Test
    void theSameTariffInGridsettleFormatBillsTheSameToTheMicroDollar() throws IOException
    {
        // bill/gridsettle_hand_written_tou.json is HAND_TARIFF rewritten in gridsettle's own format, detected by its
        // "format" field; only the period names differ ("off-peak", "peak" instead of "urdb period 0/1")
        final CliRun run = CliRun.of("bill", "--tariff", path("bill/gridsettle_hand_written_tou.json"),
            "--usage", path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02",
            "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode bill = JSON.readTree(run.out());
        // figures worked in handWrittenUsageIsBilledToTheHandComputedMicroDollar
        final JsonNode periods = bill.get("periods");
        assertThat(periods).hasSize(2);
        assertAmounts(periods.get(0), "2011-01-31", "2011-02-01", "3.845", "1.234", "0.908507", "0.061700",
            "0.846807");
        assertAmounts(periods.get(1), "2011-02-01", "2011-02-02", "1.100", "0.200", "0.221728", "0.016000",
            "0.205728");
        assertAmounts(bill.get("totals"), "2011-01-31", "2011-02-02", "4.945", "1.434", "1.130235", "0.077700",
            "1.052535");
        final JsonNode january = periods.get(0).get("lines");
        assertLine(january.get(0), "energy_charge", "off-peak", "1.500", "0.100000", "0.150000");
        assertLine(january.get(1), "energy_charge", "peak", "2.345", "0.323457", "0.758507");
        assertLine(january.get(2), "export_credit", "off-peak", "1.234", "0.050000", "0.061700");

        final CliRun forced = CliRun.of("bill", "--tariff", path("bill/gridsettle_hand_written_tou.json"),
            "--tariff-format", "gridsettle", "--usage", path("bill/hand_bill_usage.csv"), "--from", "2011-01-31",
            "--to", "2011-02-02", "--format", "json");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).isEqualTo(run.out());
        // the file names its zone, so none is assumed and no zone warning is given
        assertThat(TestResources.besidesGapWarning(run.err())).containsExactly(
            "settle bill: warning: the engine rejected NEGATIVE_ENERGY=1; rejected readings are not billed");
    }

    @Test
    void aGridsettleTariffInAnotherZoneThanZoneIsRefused()
    {
        final CliRun run = CliRun.of("bill", "--tariff", path("bill/gridsettle_hand_written_tou.json"),
            "--usage", path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02",
            "--zone", "America/New_York");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle bill: gridsettle_hand_written_tou.json: the tariff's " +
            "zone is America/Los_Angeles but the job's is America/New_York; give --zone America/Los_Angeles");
    }

    @Test
    void textFormatIsATableWithARowPerPeriodAndATotal()
    {
        final CliRun run = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", path("bill/hand_bill_usage.csv"),
            "--from", "2011-01-31", "--to", "2011-02-02");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // same figures as the JSON test, worked out there
        assertThat(run.out()).containsPattern("(?m)^2011-01-31\\.\\.2011-02-01 +3\\.845 +1\\.234 +0\\.908507 " +
            "+0\\.000000 +0\\.000000 +0\\.061700 +0\\.000000 +0\\.000000 +0\\.846807$");
        assertThat(run.out()).containsPattern("(?m)^total +4\\.945 +1\\.434 +1\\.130235 .* 1\\.052535$");
        assertThat(run.out()).containsPattern("(?m)^  energy_charge +urdb period 1 +0 +0\\.500 +0\\.323457 +1 " +
            "+0\\.161728$");
    }

    @Test
    void periodsTheRangeCutsSayWhatTheyAreChargedInsteadOfLookingLikeWholeMonths() throws IOException
    {
        // the hand bill's range, 2011-01-31 .. 2011-02-02, cuts both of its calendar-month billing periods: January
        // began before --from yet is closed on Feb 1 with a whole month's fixed charge (9.00 here), and February
        // ends after --to, so it is never closed and posts no monthly charge. The figures alone looked like a
        // whole month's charge for one day and a month without its charge.
        final Path tariff = flatTariff("monthly.json", "America/Los_Angeles", "0.10",
            ", \"fixed_charges\": {\"per_month\": \"9.00\"}");

        final CliRun text = CliRun.of("bill", "--tariff", tariff.toString(), "--usage",
            path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02");
        final CliRun json = CliRun.of("bill", "--tariff", tariff.toString(), "--usage",
            path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02", "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("note: 2011-01-31..2011-02-01 is part of the billing period " +
            "2011-01-01..2011-02-01, which began before --from: the engine does not prorate, so the monthly fixed " +
            "charge and the tier limits are a whole period's, applied to the readings from --from\n");
        assertThat(text.out()).contains("note: 2011-02-01..2011-02-02 is part of the billing period " +
            "2011-02-01..2011-03-01, which ends after --to: it is not closed, so no monthly fixed charge, demand " +
            "charge or true-up is posted and its charges are the readings' provisional ones\n");
        assertThat(json.exitCode()).as(json.err()).isZero();
        final JsonNode periods = JSON.readTree(json.out()).get("periods");
        assertThat(periods.get(0).get("fixed_charges").asText()).isEqualTo("9.000000");
        assertThat(periods.get(0).get("billing_period_from").asText()).isEqualTo("2011-01-01");
        assertThat(periods.get(0).get("closed").asBoolean()).isTrue();
        assertThat(periods.get(1).get("fixed_charges").asText()).isEqualTo("0.000000");
        assertThat(periods.get(1).get("billing_period_to").asText()).isEqualTo("2011-03-01");
        assertThat(periods.get(1).get("closed").asBoolean()).isFalse();
    }

    @Test
    void coastalJanuaryImportEqualsTheFilesJanuaryReadingsAndIsPricedAsTheTariffSays() throws IOException
    {
        final CliRun run = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", path(TestResources.COASTAL),
            "--from", "2011-01-01", "--to", "2011-02-01", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Independent of the Green Button reader: a regular expression over the gunzipped XML finds every
        // IntervalReading; January is [local midnight 2011-01-01, local midnight 2011-02-01) in Los Angeles.
        final List<TestResources.HourReading> all = TestResources.coastalByRegex();
        assertThat(all).as("the regex finds every hour of 2011").hasSize(8760);
        final long from = LocalDate.of(2011, 1, 1).atStartOfDay(TestResources.LOS_ANGELES).toEpochSecond();
        final long to = LocalDate.of(2011, 2, 1).atStartOfDay(TestResources.LOS_ANGELES).toEpochSecond();
        final List<TestResources.HourReading> january =
            all.stream().filter((r) -> r.start() >= from && r.start() < to).toList();
        assertThat(january).as("31 days of hours").hasSize(31 * 24);
        final long januaryWh = january.stream().mapToLong(TestResources.HourReading::wh).sum();
        final BigDecimal januaryCharges = january.stream()
            .map((r) -> TestResources.handTariffAmount(r.start(), r.wh(), false))
            .reduce(BigDecimal.ZERO, BigDecimal::add);

        final JsonNode bill = JSON.readTree(run.out());
        assertThat(bill.get("meter").asText()).isEqualTo("1");
        assertThat(bill.get("periods")).hasSize(1);
        final JsonNode totals = bill.get("totals");
        assertThat(new BigDecimal(totals.get("import_kwh").asText()))
            .isEqualByComparingTo(BigDecimal.valueOf(januaryWh, 3));
        assertThat(new BigDecimal(totals.get("energy_charges").asText())).isEqualByComparingTo(januaryCharges);
        assertThat(totals.get("export_kwh").asText()).isEqualTo("0.000");
        assertThat(totals.get("total").asText()).isEqualTo(totals.get("energy_charges").asText());
        assertThat(run.err().lines()).containsExactly(TestResources.zoneAssumed("bill", "urdb_hand_written_untiered_tou.json"));
    }

    @Test
    void unparseableOrEmptyDateRangesAreOneLineErrors()
    {
        final String[][] ranges = {
            {"2011-13-01", "2011-02-01", "settle bill: --from 2011-13-01: not a date; expected YYYY-MM-DD"},
            {"2011-01-01", "Feb 1", "settle bill: --to Feb 1: not a date; expected YYYY-MM-DD"},
            {"2011-02-01", "2011-02-01",
                "settle bill: --from 2011-02-01 must be before --to 2011-02-01 (--to is exclusive)"},
            {"2011-03-01", "2011-02-01",
                "settle bill: --from 2011-03-01 must be before --to 2011-02-01 (--to is exclusive)"},
        };
        for (final String[] range : ranges)
        {
            final CliRun run = CliRun.of("bill", "--tariff", path(HAND_TARIFF),
                "--usage", path("bill/hand_bill_usage.csv"), "--from", range[0], "--to", range[1]);

            assertThat(run.exitCode()).as(range[0] + " " + range[1]).isEqualTo(2);
            assertThat(run.err().lines()).containsExactly(range[2]);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aFileOfSeveralMetersNeedsMeterAndThenBillsOnlyThatMeter() throws IOException
    {
        final Path usage = tmp.resolve("two_meters.csv");
        // 2011-02-07 is a Monday; 10:00 PST is off-peak, so A's bill is 2.000 kWh x 0.10 = 0.200000
        Files.writeString(usage, "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "A,2011-02-07T10:00:00-08:00,3600,2000,0\n" +
            "B,2011-02-07T10:00:00-08:00,3600,9000,0\n");

        final CliRun ambiguous = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(),
            "--from", "2011-02-01", "--to", "2011-03-01");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err().lines()).containsExactly(
            "settle bill: the usage file holds 2 meters (\"A\", \"B\"); choose one with --meter ID");

        final CliRun chosen = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(),
            "--from", "2011-02-01", "--to", "2011-03-01", "--meter", "A", "--format", "json");
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        final JsonNode totals = JSON.readTree(chosen.out()).get("totals");
        assertThat(totals.get("import_kwh").asText()).isEqualTo("2.000");
        assertThat(totals.get("total").asText()).isEqualTo("0.200000");

        final CliRun missing = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(),
            "--from", "2011-02-01", "--to", "2011-03-01", "--meter", "C");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString().contains("--meter C").contains("\"A\", \"B\"");
    }

    @Test
    void theRealTieredTimeOfUseUrdbSampleIsBilledWithItsTiersCountedOverTheMonth() throws IOException
    {
        // OpenStudio-HPXML's sample: winter months are all period 0, 0.06 per kWh up to 150 kWh a month (tiers
        // counted over both periods), and fixedchargefirstmeter 9 $/month. The usage file's priced readings: on
        // 2011-01-31 1,500 + 2,345 Wh (the 23:00 reading of the 30th is before --from, the -5 Wh one is rejected),
        // on 2011-02-01 600 + 500 Wh: far below 150 kWh, so all at 0.06.
        final CliRun run = CliRun.of("bill", "--tariff", path(TestResources.TIERED_TARIFF),
            "--usage", path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02",
            "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode totals = JSON.readTree(run.out()).get("totals");
        assertThat(totals.get("import_kwh").asText()).isEqualTo("4.945");
        // 4,945 Wh x 0.06 = 0.296700; January's period closes inside the range and posts its 9.00
        assertThat(totals.get("energy_charges").asText()).isEqualTo("0.296700");
        assertThat(totals.get("fixed_charges").asText()).isEqualTo("9.000000");
        assertThat(totals.get("total").asText()).isEqualTo("9.296700");
    }

    @Test
    void aTieredDemandChargeIsBilledEvenWhenTheBillStartsInsideTheBillingPeriod() throws IOException
    {
        // demand up to 2 kW at 10.00 per kW and above at 15.00; the hand usage's January peak is its 17:00 hour on
        // 2011-01-31, 2,345 Wh in an hour = 2.345 kW: 2 kW x 10.00 + 0.345 kW x 15.00 = 20.00 + 5.175 = 25.175.
        // The charge is dated at the billing period's start (January 1), before --from: it is the bill's first
        // period's.
        final Path tariff = flatTariff("demand_tiers.json", "America/Los_Angeles", "0.10",
            ", \"demand\": {\"tiers\": {\"limits_kw\": [\"2\"], \"flat_per_kw\": [\"10\", \"15\"]}}");

        final CliRun run = CliRun.of("bill", "--tariff", tariff.toString(), "--usage", path("bill/hand_bill_usage.csv"),
            "--from", "2011-01-31", "--to", "2011-02-02", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode first = JSON.readTree(run.out()).get("periods").get(0);
        assertThat(first.get("demand_charges").asText()).isEqualTo("25.175000");
        assertThat(first.get("lines").toString()).contains("\"period\":\"all periods\",\"tier\":1");
    }

    @Test
    void aTariffBilledFromThe15thIsClosedOnThe15thNotAtMonthStarts() throws IOException
    {
        // A utility billing cycle: periods run from the 15th to the 15th (pricing/README.md, billing_cycle_day).
        // Flat 0.10 per kWh and 10.00 a period, hand-chosen. Readings (PST, -08:00):
        //   2011-01-20 10:00  1,000 Wh  period Jan 15 .. Feb 15: 0.100000
        //   2011-02-05 10:00  2,000 Wh  period Jan 15 .. Feb 15: 0.200000
        //   2011-02-20 10:00  4,000 Wh  period Feb 15 .. Mar 15: 0.400000
        // Both periods end inside [2011-01-15, 2011-03-15], so each posts its 10.00: 10.300000 and 10.400000.
        // The bill used to close at the 1st of each month: the close of Feb 1 closed the period Jan 15 .. Feb 15
        // half-way, and the reading of Feb 5 was refused BILLING_PERIOD_NOT_OPEN.
        final Path tariff = flatTariff("cycle15.json", "America/Los_Angeles", "0.10",
            ", \"fixed_charges\": {\"per_month\": \"10.00\"}, \"billing_cycle_day\": 15");
        final Path usage = meterCsv("cycle15.csv",
            "M-1,2011-01-20T10:00:00-08:00,3600,1000,0",
            "M-1,2011-02-05T10:00:00-08:00,3600,2000,0",
            "M-1,2011-02-20T10:00:00-08:00,3600,4000,0");

        final CliRun run = CliRun.of("bill", "--tariff", tariff.toString(), "--usage", usage.toString(),
            "--from", "2011-01-15", "--to", "2011-03-15", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestResources.besidesGapWarning(run.err())).as("no reading is refused").isEmpty();
        final JsonNode bill = JSON.readTree(run.out());
        assertThat(bill.get("rejections").size()).isZero();
        final JsonNode periods = bill.get("periods");
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).get("from").asText()).isEqualTo("2011-01-15");
        assertThat(periods.get(0).get("to").asText()).isEqualTo("2011-02-15");
        assertThat(periods.get(0).get("energy_charges").asText()).isEqualTo("0.300000");
        assertThat(periods.get(0).get("fixed_charges").asText()).isEqualTo("10.000000");
        assertThat(periods.get(1).get("from").asText()).isEqualTo("2011-02-15");
        assertThat(periods.get(1).get("to").asText()).isEqualTo("2011-03-15");
        assertThat(periods.get(1).get("energy_charges").asText()).isEqualTo("0.400000");
        assertThat(periods.get(1).get("fixed_charges").asText()).isEqualTo("10.000000");
        assertThat(bill.get("totals").get("total").asText()).isEqualTo("20.700000");
    }

    @Test
    void anUntieredChargeIsRoundedOncePerBillingPeriodAndTouPeriodByTheClosesTrueUp() throws IOException
    {
        // FPL RS-1's first-block rate from the URDB record (/work/shared/data, rate 0.07531 + adj 0.0119 = 0.08721
        // $/kWh), as a flat tariff without tiers. Three 1 Wh readings: each tick posts halfEven(87.21) = 87
        // micro-units, 261 in all; the close of February brings the period to halfEven(3 x 87.21 = 261.63) = 262,
        // a TRUE_UP of 1 micro-unit (pricing/README.md, "Per billing period"). The readings are 2011-02-01..03.
        final Path tariff = flatTariff("fpl_flat.json", "America/New_York", "0.08721", "");
        final Path usage = meterCsv("three.csv",
            "M-1,2011-02-01T10:00:00-05:00,3600,1,0",
            "M-1,2011-02-02T10:00:00-05:00,3600,1,0",
            "M-1,2011-02-03T10:00:00-05:00,3600,1,0");

        final CliRun run = CliRun.of("bill", "--tariff", tariff.toString(), "--usage", usage.toString(),
            "--from", "2011-02-01", "--to", "2011-03-01", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode february = JSON.readTree(run.out()).get("periods").get(0);
        assertThat(february.get("energy_charges").asText()).isEqualTo("0.000261");
        assertThat(february.get("true_up").asText()).isEqualTo("0.000001");
        assertThat(february.get("total").asText()).isEqualTo("0.000262");
    }

    @Test
    void readingsLongerThanTheRatesDemandWindowAreNamedBecauseTheDemandChargeIsNotTheTariffs() throws IOException
    {
        // the hand-written URDB rate with a flat demand charge of 5 $/kW over URDB's "demandwindow" of 15 minutes;
        // the hand usage is hourly, so its demand is each hour's average (2.345 kW at 17:00 on 2011-01-31), not the
        // highest 15 minutes the rate bills, which hourly readings cannot tell. Before, the bill printed the hourly
        // figure as the demand charge without a word.
        final String demand = "\"flatdemandstructure\": [[{\"rate\": 5, \"unit\": \"kW\"}]], " +
            "\"flatdemandmonths\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], \"demandwindow\": ";
        final String rate = Files.readString(Path.of(path(HAND_TARIFF)));
        final Path window15 = Files.writeString(tmp.resolve("w15.json"),
            rate.replace("\"dgrules\":", demand + "15, \"dgrules\":"));
        final Path window60 = Files.writeString(tmp.resolve("w60.json"),
            rate.replace("\"dgrules\":", demand + "60, \"dgrules\":"));

        final CliRun hourlyAgainst15 = CliRun.of("bill", "--tariff", window15.toString(), "--usage",
            path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02");
        final CliRun hourlyAgainst60 = CliRun.of("bill", "--tariff", window60.toString(), "--usage",
            path("bill/hand_bill_usage.csv"), "--from", "2011-01-31", "--to", "2011-02-02");

        assertThat(hourlyAgainst15.exitCode()).as(hourlyAgainst15.err()).isZero();
        // six rows start in the range (one the engine then rejects): all hourly
        assertThat(hourlyAgainst15.err().lines()).contains("settle bill: warning: the rate bills demand over a " +
            "15-minute window (demandwindow) but 6 readings are of other lengths (6 of 3600 s): their demand is " +
            "their average over their own interval, so the demand charges are not the tariff's; send 900-second " +
            "readings");
        assertThat(hourlyAgainst15.out()).contains("demand_charge");
        assertThat(hourlyAgainst60.exitCode()).as(hourlyAgainst60.err()).isZero();
        assertThat(hourlyAgainst60.err()).doesNotContain("demandwindow");
    }

    @Test
    void aUrdbRateBilledWithoutZoneSaysOnceWhichZoneItAssumedAndHowToSetIt() throws IOException
    {
        // FPL RS-1's URDB record (ingest/, copied from /work/shared/data) is a Florida rate, and URDB records no
        // zone: without --zone it was priced in America/Los_Angeles, three hours off the utility's day, without a
        // word. The reading is hand-made and written in UTC, so no other warning applies.
        final Path usage = meterCsv("june.csv", "M-1,2015-06-02T14:00:00Z,3600,1000,0");
        final String fpl = path(FPL);

        final CliRun forgotten = CliRun.of("bill", "--tariff", fpl, "--usage", usage.toString(),
            "--from", "2015-06-01", "--to", "2015-06-05");
        final CliRun losAngeles = CliRun.of("bill", "--tariff", fpl, "--usage", usage.toString(),
            "--zone", "America/Los_Angeles", "--from", "2015-06-01", "--to", "2015-06-05");
        final CliRun newYork = CliRun.of("bill", "--tariff", fpl, "--usage", usage.toString(),
            "--zone", "America/New_York", "--from", "2015-06-01", "--to", "2015-06-05");

        assertThat(forgotten.exitCode()).as(forgotten.err()).isZero();
        assertThat(TestResources.besidesGapWarning(forgotten.err())).containsExactly(
            TestResources.fplCommentNote("bill"),
            TestResources.zoneAssumed("bill", "urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json"));
        assertThat(forgotten.out()).as("stdout is the bill, as with the zone given").isEqualTo(losAngeles.out())
            .contains("America/Los_Angeles");
        assertThat(TestResources.besidesGapWarning(losAngeles.err())).as("a zone given is not assumed")
            .containsExactly(TestResources.fplCommentNote("bill"));
        assertThat(newYork.exitCode()).as(newYork.err()).isZero();
        assertThat(TestResources.besidesGapWarning(newYork.err()))
            .containsExactly(TestResources.fplCommentNote("bill"));
        assertThat(newYork.out()).contains("America/New_York");
    }

    // an auditor's sweep: a range the usage file has no reading in (a wrong year) was billed with exit 0 as a month
    // of no use, its fixed charge alone
    @Test
    void aRangeWithNoReadingOfTheMeterIsRefusedNamingTheDaysTheFileHas() throws IOException
    {
        // two hand-made readings on 2011-01-20 and 2011-02-05, Los Angeles time; the bill asks for 2015
        final Path usage = meterCsv("jan.csv",
            "M-1,2011-01-20T10:00:00-08:00,3600,1000,0",
            "M-1,2011-02-05T10:00:00-08:00,3600,2000,0");

        final CliRun run = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(), "--zone",
            "America/Los_Angeles", "--from", "2015-01-01", "--to", "2015-02-01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("settle bill: no reading of meter M-1 from 2015-01-01 to " +
            "2015-02-01 (exclusive) in America/Los_Angeles: the usage file's readings of it are on local days " +
            "2011-01-20 to 2011-02-05; a bill of no reading would be its fixed charges alone");
    }

    @Test
    void readingsAfterTheRatesUrdbEnddateAreRefusedAsIngestRefusesThem() throws IOException
    {
        // FPL RS-1's URDB record (ingest/, copied from /work/shared/data) ends at 2015-08-30T23:00:00Z. A reading of
        // Aug 31 was billed at the ended rate without a word; settle ingest refuses it. Both readings hand-made.
        final Path usage = meterCsv("aug.csv",
            "M-1,2015-08-29T10:00:00-04:00,3600,1000,0",
            "M-1,2015-08-31T10:00:00-04:00,3600,1000,0");
        // The same month with no reading after the enddate was billed a whole August at the ended rate: its period
        // closed at 2015-09-01 with RS-1's 7.57 monthly charge, which the rate that replaced it sets for August.
        final Path beforeTheEnd = meterCsv("aug29.csv", "M-1,2015-08-29T10:00:00-04:00,3600,1000,0");
        final String fpl = path(FPL);

        final CliRun past = CliRun.of("bill", "--tariff", fpl, "--usage", usage.toString(), "--zone",
            "America/New_York", "--from", "2015-08-01", "--to", "2015-09-01");
        final CliRun wholeMonth = CliRun.of("bill", "--tariff", fpl, "--usage", beforeTheEnd.toString(), "--zone",
            "America/New_York", "--from", "2015-08-01", "--to", "2015-09-01");
        final CliRun before = CliRun.of("bill", "--tariff", fpl, "--usage", usage.toString(), "--zone",
            "America/New_York", "--from", "2015-08-01", "--to", "2015-08-30", "--format", "json");

        final String refused = "settle bill: --to 2015-09-01 runs past the tariff's URDB enddate " +
            "2015-08-30T23:00:00Z: the ended rate would close the billing period it ends in (its monthly and demand " +
            "charges, its tiers) in place of the rate that replaced it; bill with this rate to --to 2015-08-30 at " +
            "most and the rest with the rate that replaced it";
        for (final CliRun run : List.of(past, wholeMonth))
        {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines()).containsExactly(TestResources.fplCommentNote("bill"), refused);
        }
        assertThat(before.exitCode()).as(before.err()).isZero();
        // 1.000 kWh at 0.07531 + 0.0119 = 0.08721
        assertThat(JSON.readTree(before.out()).get("totals").get("energy_charges").asText()).isEqualTo("0.087210");
    }

    @Test
    void aUsageFileWithNoReadingIsNamedWithWhatItProbablyIs() throws IOException
    {
        // the real ESPI ReadingType resource (ingest/, copied unchanged from /work/shared/data), a download's wrong
        // file, was refused "the usage file holds no valid reading, so no meter to bill": no file named, and no word
        // of why, where settle ingest names the file and guesses what it is
        final Path headerOnly = meterCsv("header-only.csv");
        final Path allBad = meterCsv("all-bad.csv", "M-1,2015-06-02T14:00:00Z,3600,1.5,0");

        final CliRun readingType = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage",
            path("ingest/greenbutton_ESPIReadingType.xml"), "--zone", "America/Los_Angeles", "--from", "2015-06-01",
            "--to", "2015-07-01");
        final CliRun header = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", headerOnly.toString(),
            "--zone", "America/Los_Angeles", "--from", "2015-06-01", "--to", "2015-07-01");
        final CliRun bad = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", allBad.toString(),
            "--zone", "America/Los_Angeles", "--from", "2015-06-01", "--to", "2015-07-01");

        assertThat(readingType.exitCode()).isEqualTo(2);
        assertThat(readingType.err().lines()).containsExactly("settle bill: greenbutton_ESPIReadingType.xml: holds " +
            "no meter reading (no IntervalBlock: a Green Button resource such as a UsagePoint or ReadingType " +
            "alone?); nothing to bill");
        assertThat(header.exitCode()).isEqualTo(2);
        assertThat(header.err().lines()).containsExactly("settle bill: header-only.csv: holds no meter reading (a " +
            "header and no rows); nothing to bill");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines()).last().isEqualTo("settle bill: all-bad.csv: holds no valid reading, only the " +
            "1 bad row(s) above; nothing to bill");
    }

    @Test
    void aRangeBeforeTheRatesUrdbStartdateNamesTheFirstDayTheRatePrices() throws IOException
    {
        // FPL RS-1's URDB record starts at 2015-06-01T00:00:00Z (2015-05-31 20:00 EDT). The real 2011 Green Button
        // feed billed under it was refused "URDB tariff refused: label ...: startdate (rate starts ..., after the
        // requested effectiveFrom ...)", the importer's words: no option is called effectiveFrom. Hand-made reading.
        final Path usage = meterCsv("may.csv", "M-1,2015-05-31T10:00:00-04:00,3600,1000,0");
        final String fpl = path(FPL);

        final CliRun run = CliRun.of("bill", "--tariff", fpl, "--usage", usage.toString(), "--zone",
            "America/New_York", "--from", "2015-05-01", "--to", "2015-06-01");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(TestResources.fplCommentNote("bill"),
            "settle bill: --from 2015-05-01 is before the tariff's URDB " +
            "startdate 2015-06-01T00:00:00Z: the rate prices nothing before it starts; bill with this rate from " +
            "--from 2015-06-01 on and the days before with the rate it replaced");
    }

    @Test
    void aRatesFreeTextCommentsAreShownAsNotesSinceNothingPricesThem() throws IOException
    {
        // FPL RS-1's energycomments (/work/shared/data, as URDB has it, with a literal \r\n inside) says which
        // adjustments and charges its rate + adj hold: "Adjustment: Environmental, Storm Charge, Conservation,
        // Capacity\r\nRate: Base rate and fuel". Comments are free text gridsettle cannot price, and were dropped
        // without a word: one naming a tax or rider the structures lack would leave the bill short in silence. The
        // hand-written rate has none, and says nothing. Hand-made reading.
        final Path usage = meterCsv("june.csv", "M-1,2015-06-10T10:00:00-04:00,3600,1000,0");

        final CliRun fpl = CliRun.of("bill", "--tariff", path(FPL), "--usage", usage.toString(), "--zone",
            "America/New_York", "--from", "2015-06-10", "--to", "2015-06-11");

        assertThat(fpl.exitCode()).as(fpl.err()).isZero();
        assertThat(fpl.err().lines()).contains("settle bill: note: urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_" +
            "extracted.json: energycomments is free text, not priced: \"Adjustment: Environmental, Storm Charge, " +
            "Conservation, Capacity / Rate: Base rate and fuel\"; check that it names no charge the rate's " +
            "structures lack");
        // a billing system that reads the JSON bill without its stderr is told too, among the warnings
        final CliRun json = CliRun.of("bill", "--tariff", path(FPL), "--usage", usage.toString(), "--zone",
            "America/New_York", "--from", "2015-06-10", "--to", "2015-06-11", "--format", "json");
        final List<String> warnings = new java.util.ArrayList<>();
        JSON.readTree(json.out()).get("warnings").forEach((w) -> warnings.add(w.asText()));
        assertThat(warnings).contains("energycomments is free text, not priced: \"Adjustment: Environmental, Storm " +
            "Charge, Conservation, Capacity / Rate: Base rate and fuel\"; check that it names no charge the rate's " +
            "structures lack");
        final CliRun hand = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(), "--zone",
            "America/New_York", "--from", "2015-06-10", "--to", "2015-06-11");
        assertThat(hand.exitCode()).as(hand.err()).isZero();
        assertThat(hand.err()).doesNotContain("free text");
    }

    @Test
    void aMeterCsvWrittenInAnotherZoneThanTheTariffsIsNamedWhenZoneWasForgotten() throws IOException
    {
        // a Florida meter's CSV in Eastern daylight time (-04:00), billed with the hand-written URDB rate without
        // --zone: the rate is priced in America/Los_Angeles (-07:00 in July), three hours off the meter's day and
        // peak. Green Button feeds were checked against the zone already (LocalTimeParameters); a CSV's offsets
        // were not. Hand-made readings.
        final Path usage = meterCsv("eastern.csv",
            "M-1,2011-07-05T16:00:00-04:00,3600,1000,0",
            "M-1,2011-07-05T17:00:00-04:00,3600,1000,0");

        final CliRun forgotten = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(),
            "--from", "2011-07-05", "--to", "2011-07-06");
        final CliRun given = CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--usage", usage.toString(),
            "--zone", "America/New_York", "--from", "2011-07-05", "--to", "2011-07-06");

        assertThat(forgotten.exitCode()).as(forgotten.err()).isZero();
        assertThat(TestResources.besidesGapWarning(forgotten.err())).containsExactly(
            TestResources.zoneAssumed("bill", "urdb_hand_written_untiered_tou.json"),
            "settle bill: warning: eastern.csv: its first interval " +
            "start is written at UTC-04:00 (2011-07-05T16:00-04:00), but the tariff's zone America/Los_Angeles is " +
            "at UTC-07:00 then: its time-of-use periods and days are priced in America/Los_Angeles; give the " +
            "utility's zone with --zone if that is not it");
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(TestResources.besidesGapWarning(given.err())).isEmpty();
    }

    @Test
    void helpSaysWhatBillDoesNotPrice()
    {
        final CliRun run = CliRun.of("bill", "--help");

        assertThat(run.exitCode()).isZero();
        // picocli re-wraps description lines to the terminal width
        assertThat(run.out().replaceAll("\\s+", " ")).contains("URDB carries no time zone").contains("gridsettle's own tariff JSON")
            .contains("bill publishes no grid carbon intensity, so its carbon column is 0.000000");
    }

    /**
     * A gridsettle tariff of one period at one import rate all year, effective from 2011-01-01, in USD.
     *
     * @param more further top-level fields, each preceded by a comma, or empty.
     */
    private Path flatTariff(final String file, final String zone, final String rate, final String more)
        throws IOException
    {
        return Files.writeString(tmp.resolve(file), String.join("\n",
            "{\"format\": \"gridsettle-tariff/1\", \"id\": 46, \"version\": 1, \"effective_from\": \"2011-01-01\",",
            " \"zone\": \"" + zone + "\", \"currency\": \"USD\", \"export_token\": \"USD\",",
            " \"periods\": [{\"name\": \"flat\", \"import\": \"" + rate + "\"}],",
            " \"schedule\": {\"default_period\": \"flat\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
            "   \"weekday\": {}, \"weekend\": {}}]}" + more + "}"));
    }

    private static void assertAmounts(
        final JsonNode amounts,
        final String from,
        final String to,
        final String importKwh,
        final String exportKwh,
        final String energy,
        final String exportCredits,
        final String total)
    {
        assertThat(amounts.get("from").asText()).isEqualTo(from);
        assertThat(amounts.get("to").asText()).isEqualTo(to);
        assertThat(amounts.get("import_kwh").asText()).isEqualTo(importKwh);
        assertThat(amounts.get("export_kwh").asText()).isEqualTo(exportKwh);
        assertThat(amounts.get("energy_charges").asText()).isEqualTo(energy);
        assertThat(amounts.get("fixed_charges").asText()).isEqualTo("0.000000");
        assertThat(amounts.get("demand_charges").asText()).isEqualTo("0.000000");
        assertThat(amounts.get("export_credits").asText()).isEqualTo(exportCredits);
        assertThat(amounts.get("carbon").asText()).isEqualTo("0.000000");
        assertThat(amounts.get("true_up").asText()).isEqualTo("0.000000");
        assertThat(amounts.get("total").asText()).isEqualTo(total);
    }

    private static void assertLine(
        final JsonNode line,
        final String kind,
        final String period,
        final String kwh,
        final String rate,
        final String amount)
    {
        assertThat(line.get("kind").asText()).isEqualTo(kind);
        assertThat(line.get("period").asText()).isEqualTo(period);
        assertThat(line.get("tier").asInt()).isZero();
        assertThat(line.get("kwh").asText()).isEqualTo(kwh);
        assertThat(line.get("rate").asText()).isEqualTo(rate);
        assertThat(line.get("amount").asText()).isEqualTo(amount);
    }

    @Test
    void hourlyReadingsAgainstAHalfHourPeakStartAreRejectedWithAReasonThatSaysWhatToDo() throws IOException
    {
        // the gridsettle copy of the hand-written rate with its weekday peak from 16:30: the 16:00-17:00 readings of
        // the hand-written CSV's weekdays run past it
        final Path tariff = Files.writeString(tmp.resolve("half.json"),
            Files.readString(Path.of(path("bill/gridsettle_hand_written_tou.json")))
                .replace("\"from\": \"16:00\"", "\"from\": \"16:30\""));
        final Path usage = Files.writeString(tmp.resolve("u.csv"), "meter_id,interval_start,interval_seconds," +
            "import_wh,export_wh\nM-1,2011-01-31T16:00:00-08:00,3600,1000,0\n" +
            "M-1,2011-01-31T17:00:00-08:00,3600,1000,0\n");

        final CliRun run = CliRun.of("bill", "--tariff", tariff.toString(), "--usage", usage.toString(),
            "--from", "2011-01-31", "--to", "2011-02-01");

        final CliRun ingest = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            tariff.toString(), "--meters", Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n")
            .toString(), "--usage", usage.toString());

        assertThat(ingest.out()).contains("engine rejections: INTERVAL_SPANS_PERIOD=1\nrejections explained: " +
            "INTERVAL_SPANS_PERIOD: a reading's interval runs past a change of TOU period");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestResources.besidesGapWarning(run.err())).singleElement().asString()
            .startsWith("settle bill: warning: the engine rejected INTERVAL_SPANS_PERIOD=1; rejected readings are " +
                "not billed; INTERVAL_SPANS_PERIOD: a reading's interval runs past a change of TOU period, billing " +
                "period, local day (under daily tiers) or clock hour (under hourly netting) of the tariff");
    }

    /**
     * URDB records no holidays, so --holidays gives a URDB rate the utility's: the hand-written rate's weekday peak is
     * 16:00-21:00 at 0.3 + 0.023457 adj, its weekend schedule off-peak all day at 0.10 (its energyweekdayschedule and
     * energyweekendschedule). Presidents' Day, Monday 2011-02-21, 17:00 PST, 1.000 kWh: 0.323457 as a weekday,
     * 0.100000 as a holiday. The same day ingested is journalled with the holiday in its tariff version.
     */
    @Test
    void holidaysGivenForAUrdbRateArePricedWithItsWeekendSchedule() throws IOException
    {
        final Path usage = Files.writeString(tmp.resolve("u.csv"), "meter_id,interval_start,interval_seconds," +
            "import_wh,export_wh\nM-1,2011-02-21T17:00:00-08:00,3600,1000,0\n");
        final String[] bill = {"bill", "--tariff", path(HAND_TARIFF), "--zone", "America/Los_Angeles", "--usage",
            usage.toString(), "--from", "2011-02-21", "--to", "2011-02-22", "--format", "json"};

        final CliRun weekday = CliRun.of(bill);
        final CliRun holiday = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(bill),
            java.util.stream.Stream.of("--holidays", "2011-01-17,2011-02-21")).toArray(String[]::new));

        assertThat(weekday.exitCode()).as(weekday.err()).isZero();
        assertThat(holiday.exitCode()).as(holiday.err()).isZero();
        assertThat(JSON.readTree(weekday.out()).get("totals").get("energy_charges").asText()).isEqualTo("0.323457");
        assertThat(JSON.readTree(holiday.out()).get("totals").get("energy_charges").asText()).isEqualTo("0.100000");
        assertThat(JSON.readTree(holiday.out()).get("tariff").asText()).endsWith(", 2 holidays");

        final Path journal = tmp.resolve("journal");
        final CliRun ingest = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--zone", "America/Los_Angeles", "--holidays", "2011-02-21", "--meters",
            Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n").toString(), "--usage",
            usage.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(CliRun.of("dump", "--journal", journal.toString(), "--input").out().lines()
            .filter((l) -> l.contains("\"type\":\"tariff_version\""))).singleElement().asString()
            .contains("\"2011-02-21\"");

        final CliRun notADate = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(bill),
            java.util.stream.Stream.of("--holidays", "2011-02-30")).toArray(String[]::new));
        assertThat(notADate.exitCode()).isEqualTo(2);
        assertThat(notADate.err()).contains("--holidays 2011-02-30: not a date; expected YYYY-MM-DD");
        final CliRun gridsettle = CliRun.of("bill", "--tariff", path("bill/gridsettle_hand_written_tou.json"),
            "--usage", usage.toString(), "--from", "2011-02-21", "--to", "2011-02-22", "--holidays", "2011-02-21");
        assertThat(gridsettle.exitCode()).isEqualTo(2);
        assertThat(gridsettle.err()).contains("is a gridsettle tariff, which carries its own holidays");
    }

    /**
     * @return a meter CSV of the rows given, under the reader's header, written to the test's directory.
     */
    private Path meterCsv(final String name, final String... rows) throws IOException
    {
        return Files.writeString(tmp.resolve(name),
            "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" + String.join("\n", rows) + "\n");
    }
}
