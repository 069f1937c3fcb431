package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.TIERED_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * A settlement engineer's hand check of whole-month {@code settle bill}s against two real URDB rates, to the
 * micro-dollar. The rounding rule is pricing/README.md's: every amount is computed exactly and rounded once, half-even,
 * to a micro-unit (0.000001 $), per billing period, TOU period and tier; fixed charges are exact.
 * <p>
 * Usage is a month of hourly readings shaped by the real residential load of NREL/ssc
 * ({@code demo/ssc_pvsamv1_residential_load_8760.csv}, BSD-3; see {@code /work/shared/data/README.md}), scaled so that
 * each TOU period's month total is a chosen number of Wh (the last reading of each period takes the rounding
 * remainder). The hand calculations below depend only on those totals, which is what the tariffs' tiers count.
 * The rates are read off the tariff JSON by hand, not from gridsettle's importer.
 */
class BillHandCheckTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FPL = "ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static final String REOPT = "bill/urdb_REopt_multi_tier_urdb_response.json";
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @TempDir
    Path tmp;

    @Test
    void fplRs1JuneJustOverTheThousandKwhTierIsBilledAsTheTariffSheetSays() throws IOException
    {
        // FPL RS-1 (URDB label 5550d6fd5457a3187e8b4567, in force 2015-06-01 to its enddate 2015-08-30T23:00Z):
        //   energyratestructure[0][0]: max 1000 kWh, rate 0.07531 + adj 0.0119 = 0.08721 $/kWh
        //   energyratestructure[0][1]: rate 0.09613 + adj 0.0119 = 0.10803 $/kWh above 1000 kWh
        //   fixedmonthlycharge 7.57; one period all year (every schedule entry 0); no demand, no dgrules.
        // June 2015 in Florida (America/New_York, EDT all month): 720 hourly readings, 1,000,001 Wh in total.
        //   tier 1: 1,000,000 Wh x 0.08721 $/kWh = 87.210000
        //   tier 2:         1 Wh x 0.10803 $/kWh = 0.00010803 -> half-even to a micro-dollar: 0.000108
        //   energy 87.210108; fixed 7.570000; total 94.780108
        final Path usage = usage("fpl_june.csv", "FPL-1", LocalDate.of(2015, 6, 1), LocalDate.of(2015, 7, 1), NEW_YORK,
            (t) -> false, 1_000_001, 0);

        final JsonNode bill = completeBill(FPL, usage, NEW_YORK, "2015-06-01", "2015-07-01");
        assertThat(bill.get("readings").asLong()).isEqualTo(720);
        final JsonNode june = bill.get("periods").get(0);
        assertMonth(june, "1000.001", "87.210108", "7.570000", "94.780108");
    }

    @Test
    void openStudioTieredTouJulyWithWeekendsSharesTheMonthsTiersBetweenPeriods() throws IOException
    {
        // OpenStudio-HPXML "Sample Tiered Time-of-Use Rate" (bill/, copied unchanged from /work/shared/data):
        //   energyweekdayschedule[5..7] (June-August, 0-based): hours 11..19 are period 1, the rest period 0; every
        //   weekend entry is 0; no holidays. So July's period 1 is Mon-Fri 11:00-20:00 local, the rest period 0.
        //   period 0: 0.06 $/kWh to max 150 kWh, then 0.08; period 1: 0.09 to 150, 0.11 to 300, then 0.13.
        //   fixedchargefirstmeter 9 with fixedchargeunits $/month.
        // URDB counts the month's energy of all periods against "max" (pricing/README.md, BILLING_PERIOD_ALL_PERIODS):
        // the month's E is split into tiers T = [150 kWh, 150 kWh, rest], and period p is charged its share E_p / E
        // of each tier at its own rate; period 0 keeps its unlimited 0.08 for the third tier.
        // July 2011 in America/Denver: E_0 = 343,204 Wh (nights, weekends), E_1 = 176,796 Wh, E = 520,000 Wh, so
        // T = [150,000, 150,000, 220,000] Wh. Each part E_p x T_t x rate / E, rounded half-even once:
        //   p0 t1: 343204 x 150000 / 520000 = 99,001.15 Wh x 0.06 = 5.94006923 -> 5.940069
        //   p0 t2: 99,001.15 Wh x 0.08                                 = 7.92009231 -> 7.920092
        //   p0 t3: 343204 x 220000 / 520000 = 145,201.69 Wh x 0.08 = 11.61613538 -> 11.616135
        //   p1 t1: 176796 x 150000 / 520000 = 50,998.85 Wh x 0.09 = 4.58989615 -> 4.589896
        //   p1 t2: 50,998.85 Wh x 0.11                                 = 5.60987308 -> 5.609873
        //   p1 t3: 176796 x 220000 / 520000 = 74,798.31 Wh x 0.13 = 9.72378000 -> 9.723780
        //   energy 45.399845; fixed 9.000000; total 54.399845
        final Path usage = usage("os_july.csv", "OS-1", LocalDate.of(2011, 7, 1), LocalDate.of(2011, 8, 1), DENVER,
            BillHandCheckTest::openStudioSummerPeak, 343_204, 176_796);

        final JsonNode july =
            completeBill(TIERED_TARIFF, usage, DENVER, "2011-07-01", "2011-08-01").get("periods").get(0);
        assertMonth(july, "520.000", "45.399845", "9.000000", "54.399845");
    }

    @Test
    void theSameJulyInFifteenMinuteReadingsAgainstTheHourlyScheduleBillsTheSame() throws IOException
    {
        // Each hourly reading of the July above split into four 15-minute readings (a quarter each, the last quarter
        // taking the remainder), so each TOU period's month total is unchanged: E_0 = 343,204 Wh, E_1 = 176,796 Wh.
        // The schedule's boundaries are whole hours, so every quarter lies inside one period and the hand
        // calculation above holds unchanged: 45.399845 energy, 54.399845 in all, and no reading is rejected.
        final Path hourly = usage("os_july.csv", "OS-1", LocalDate.of(2011, 7, 1), LocalDate.of(2011, 8, 1), DENVER,
            BillHandCheckTest::openStudioSummerPeak, 343_204, 176_796);
        final List<String> rows = Files.readAllLines(hourly);
        final List<String> quarters = new ArrayList<>(List.of(rows.get(0)));
        for (final String row : rows.subList(1, rows.size()))
        {
            final String[] f = row.split(",");
            final ZonedDateTime start = ZonedDateTime.parse(f[1]);
            final long wh = Long.parseLong(f[3]);
            for (int q = 0; q < 4; q++)
            {
                quarters.add(f[0] + "," + start.plusMinutes(15L * q).toOffsetDateTime() + ",900," +
                    (q < 3 ? wh / 4 : wh - 3 * (wh / 4)) + ",0");
            }
        }
        final Path usage = Files.write(tmp.resolve("os_july_15min.csv"), quarters);

        final JsonNode bill = completeBill(TIERED_TARIFF, usage, DENVER, "2011-07-01", "2011-08-01");
        assertThat(bill.get("readings").asLong()).isEqualTo(4 * 744);
        assertThat(bill.get("rejections").size()).isZero();
        assertMonth(bill.get("periods").get(0), "520.000", "45.399845", "9.000000", "54.399845");
    }

    @Test
    void openStudioMarchWithTheSpringForwardDayBillsItsTwentyThreeHourDayAndTheThirdTier() throws IOException
    {
        // March 2011 in America/Denver: 2011-03-13 has 23 hours, so the month has 743 hourly readings. All of March
        // is period 0 (energyweekdayschedule[2] and energyweekendschedule[2] are all 0). E = 300,001 Wh, 1 Wh over
        // the second max (300 kWh):
        //   150,000 Wh x 0.06 = 9.000000; 150,000 Wh x 0.08 = 12.000000; 1 Wh x 0.08 = 0.00008 -> 0.000080
        //   energy 21.000080; fixed 9.000000; total 30.000080
        final Path usage = usage("os_march.csv", "OS-1", LocalDate.of(2011, 3, 1), LocalDate.of(2011, 4, 1), DENVER,
            (t) -> false, 300_001, 0);

        final JsonNode bill = completeBill(TIERED_TARIFF, usage, DENVER, "2011-03-01", "2011-04-01");
        assertThat(bill.get("readings").asLong()).isEqualTo(743);
        assertMonth(bill.get("periods").get(0), "300.001", "21.000080", "9.000000", "30.000080");
    }

    @Test
    void aMonthWithMissingHoursIsBilledWithOneLineSayingSo() throws IOException
    {
        // The FPL June month above with the 10 readings of 2015-06-05 05:00..15:00 EDT taken out: the bill is lower
        // (990 kWh, no second tier) and was printed as if complete. Now stderr says how much is missing and where.
        final Path full = usage("fpl_june.csv", "FPL-1", LocalDate.of(2015, 6, 1), LocalDate.of(2015, 7, 1), NEW_YORK,
            (t) -> false, 1_000_001, 0);
        final List<String> rows = new ArrayList<>(Files.readAllLines(full));
        final int firstRemoved = 1 + 4 * 24 + 5;
        rows.subList(firstRemoved, firstRemoved + 10).clear();
        final Path gappy = Files.write(tmp.resolve("fpl_june_gap.csv"), rows);

        final CliRun run = CliRun.of("bill", "--tariff", path(FPL), "--usage", gappy.toString(), "--zone",
            "America/New_York", "--from", "2015-06-01", "--to", "2015-07-01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).containsExactly(TestResources.fplCommentNote("bill"),
            "settle bill: warning: the meter has no reading for 10 h of " +
            "the 720 h billed, in 1 gap (the first from 2015-06-05T05:00-04:00 to 2015-06-05T15:00-04:00): that " +
            "time is billed as no use, and tiers and demand as if it were; fill the gaps (estimates) in the usage " +
            "file, or bill only the days it covers");
    }

    @Test
    void exportsUnderARateThatPaysNothingForThemAreBilledAtZeroWithOneLineSayingSo() throws IOException
    {
        // The FPL June month above, with 1,000 Wh exported in each day's 12:00 hour (30 x 1,000 Wh = 30.000 kWh) and
        // the imports unchanged. RS-1's JSON has no dgrules and no "sell" in energyratestructure, so exports earn
        // nothing: credits 0.000000 and the bill is the hand-computed 94.780108 of imports and the monthly charge.
        // That was printed without a word; a net-metered customer billed under RS-1 by mistake is now told of.
        final Path imports = usage("fpl_june.csv", "FPL-1", LocalDate.of(2015, 6, 1), LocalDate.of(2015, 7, 1),
            NEW_YORK, (t) -> false, 1_000_001, 0);
        final List<String> rows = new ArrayList<>(Files.readAllLines(imports));
        for (int day = 0; day < 30; day++)
        {
            final int row = 1 + day * 24 + 12;
            assertThat(rows.get(row)).as("a 12:00 EDT reading").contains("T12:00-04:00,3600,").endsWith(",0");
            rows.set(row, rows.get(row).substring(0, rows.get(row).length() - 1) + "1000");
        }
        final Path solar = Files.write(tmp.resolve("fpl_june_solar.csv"), rows);

        final CliRun run = CliRun.of("bill", "--tariff", path(FPL), "--usage", solar.toString(), "--zone",
            "America/New_York", "--from", "2015-06-01", "--to", "2015-07-01", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).containsExactly(TestResources.fplCommentNote("bill"),
            "settle bill: warning: 30.000 kWh exported earn nothing: the " +
            "tariff's export rate is 0 in every period (a URDB rate with no sell rate and no dgrules credits no " +
            "export); a customer on net metering or a sell rate needs a tariff that says so");
        final JsonNode june = JSON.readTree(run.out()).get("periods").get(0);
        assertThat(june.get("export_kwh").asText()).isEqualTo("30.000");
        assertThat(june.get("export_credits").asText()).isEqualTo("0.000000");
        assertMonth(june, "1000.001", "87.210108", "7.570000", "94.780108");
    }

    @Test
    void reoptJanuaryChargesTheWeekendPeakAndNotTheHigherWeekdayOne() throws IOException
    {
        // REopt.jl's multi-tier sample (bill/, copied unchanged from /work/shared/data), read off its JSON:
        //   energyweekdayschedule[0] and energyweekendschedule[0] (January) are all period 2;
        //   energyratestructure[2] = [{rate 0.061731}], one unlimited tier.
        //   demandweekdayschedule[0] (January weekdays) is all period 0, demandweekendschedule[0] all period 1;
        //   demandratestructure[0] = [{rate 0}], [1] = [{rate 24.368, max 100}, {rate 17.031}].
        //   fixedchargefirstmeter 3.298 with fixedchargeunits $/day. No startdate or enddate, no demandwindow.
        // January 2024 in America/Chicago (CST all month): 744 hourly readings of 40,000 Wh, except Wednesday
        // 2024-01-10 12:00 of 150,000 Wh (150 kW, a weekday: demand period 0, free) and Saturday 2024-01-13 15:00 of
        // 90,000 Wh (90 kW, a weekend day: demand period 1).
        //   energy: 742 x 40,000 + 150,000 + 90,000 = 29,920,000 Wh x 0.061731 = 1846.991520
        //   fixed: 31 days x 3.298 = 102.238000
        //   demand: period 1's peak 90 kW, all in the first tier: 90 x 24.368 = 2193.120000; period 0: 150 x 0 = 0
        //   total 4142.349520
        final Path usage = reoptUsage("reopt_january.csv", LocalDate.of(2024, 1, 1), 40_000,
            ZonedDateTime.of(2024, 1, 10, 12, 0, 0, 0, CHICAGO), 150_000,
            ZonedDateTime.of(2024, 1, 13, 15, 0, 0, 0, CHICAGO), 90_000);

        final JsonNode january = completeBill(REOPT, usage, CHICAGO, "2024-01-01", "2024-02-01").get("periods").get(0);
        assertMonth(january, "29920.000", "1846.991520", "102.238000", "4142.349520");
        assertThat(january.get("demand_charges").asText()).isEqualTo("2193.120000");
        assertThat(demandLines(january)).containsExactly("urdb demand period 1 tier 0: 90.000 kW x 24.368000");
    }

    @Test
    void reoptJulyCrossesTheHundredKilowattDemandTier() throws IOException
    {
        // The same sample: July (index 6) is energy period 1 on every day, energyratestructure[1] = [{rate 0.078891,
        // max 20000}, {rate 0.06}] (kWh per month), and demand period 1 on every day (demand*schedule[6]).
        // July 2024 in America/Chicago (CDT all month): 744 hourly readings of 30,000 Wh, except Wednesday
        // 2024-07-17 14:00 of 130,000 Wh (130 kW).
        //   energy: 743 x 30,000 + 130,000 = 22,420,000 Wh: 20,000 kWh x 0.078891 = 1577.820000,
        //           2,420 kWh x 0.06 = 145.200000; 1723.020000
        //   fixed: 31 x 3.298 = 102.238000
        //   demand: 130 kW: 100 kW x 24.368 = 2436.800000, 30 kW x 17.031 = 510.930000; 2947.730000
        //   total 4772.988000
        final ZonedDateTime peak = ZonedDateTime.of(2024, 7, 17, 14, 0, 0, 0, CHICAGO);
        final Path usage = reoptUsage("reopt_july.csv", LocalDate.of(2024, 7, 1), 30_000, peak, 130_000, peak,
            130_000);

        final JsonNode july = completeBill(REOPT, usage, CHICAGO, "2024-07-01", "2024-08-01").get("periods").get(0);
        assertMonth(july, "22420.000", "1723.020000", "102.238000", "4772.988000");
        assertThat(july.get("demand_charges").asText()).isEqualTo("2947.730000");
        assertThat(demandLines(july)).containsExactly("urdb demand period 1 tier 0: 100.000 kW x 24.368000",
            "urdb demand period 1 tier 1: 30.000 kW x 17.031000");
    }

    /** A period's demand lines as "period tier t: kW x rate". */
    private static List<String> demandLines(final JsonNode period)
    {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode line : period.get("lines"))
        {
            if (line.get("kind").asText().equals("demand_charge"))
            {
                lines.add(line.get("period").asText() + " tier " + line.get("tier").asInt() + ": " +
                    line.get("kwh").asText() + " kW x " + line.get("rate").asText());
            }
        }
        return lines;
    }

    /** A month of hourly readings of baseWh from the local midnight of {@code first}, two of them replaced. */
    private Path reoptUsage(
        final String name, final LocalDate first, final long baseWh, final ZonedDateTime one, final long oneWh,
        final ZonedDateTime two, final long twoWh) throws IOException
    {
        final StringBuilder csv = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
        final ZonedDateTime end = first.plusMonths(1).atStartOfDay(CHICAGO);
        for (ZonedDateTime t = first.atStartOfDay(CHICAGO); t.isBefore(end); t = t.plusHours(1))
        {
            final long wh = t.equals(one) ? oneWh : t.equals(two) ? twoWh : baseWh;
            csv.append("REOPT-1,").append(t.toOffsetDateTime()).append(",3600,").append(wh).append(",0\n");
        }
        return Files.writeString(tmp.resolve(name), csv.toString());
    }

    /**
     * Bills a month of complete usage, with the zone given: nothing to warn of, so stderr must be empty but for FPL
     * RS-1's note of its free-text comments.
     */
    private static JsonNode completeBill(
        final String tariff, final Path usage, final ZoneId zone, final String from, final String to)
        throws IOException
    {
        final CliRun run = CliRun.of("bill", "--tariff", path(tariff), "--usage", usage.toString(), "--zone",
            zone.getId(), "--from", from, "--to", to, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).as("a complete month with the zone given warrants no warning")
            .containsExactlyElementsOf(FPL.equals(tariff) ? List.of(TestResources.fplCommentNote("bill")) : List.of());
        return JSON.readTree(run.out());
    }

    /** A billing period closed in the bill, with its import, energy bill, fixed charges and total. */
    private static void assertMonth(
        final JsonNode period, final String importKwh, final String energy, final String fixed, final String total)
    {
        assertThat(period.get("closed").asBoolean()).as("closed in the bill: true-up and monthly charge posted")
            .isTrue();
        assertThat(period.get("import_kwh").asText()).isEqualTo(importKwh);
        assertThat(energyAfterTrueUp(period)).isEqualTo(energy);
        assertThat(period.get("fixed_charges").asText()).isEqualTo(fixed);
        assertThat(period.get("total").asText()).isEqualTo(total);
    }

    /** Energy charges and the true-up that settles them on the month's totals, together: the month's energy bill. */
    private static String energyAfterTrueUp(final JsonNode period)
    {
        return new java.math.BigDecimal(period.get("energy_charges").asText())
            .add(new java.math.BigDecimal(period.get("true_up").asText())).toPlainString();
    }

    private static boolean openStudioSummerPeak(final ZonedDateTime localStart)
    {
        final DayOfWeek day = localStart.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && localStart.getHour() >= 11 &&
            localStart.getHour() < 20;
    }

    /**
     * Writes a meter CSV of the hours of local days [from, to), shaped by the ssc load of each hour's hour of the
     * year, with offPeakWh in total over the hours inPeak does not take and peakWh over those it does.
     */
    private Path usage(
        final String name,
        final String meter,
        final LocalDate from,
        final LocalDate to,
        final ZoneId zone,
        final Predicate<ZonedDateTime> inPeak,
        final long offPeakWh,
        final long peakWh) throws IOException
    {
        final double[] shape = loadShape();
        final List<ZonedDateTime> hours = new ArrayList<>();
        for (ZonedDateTime t = from.atStartOfDay(zone); t.isBefore(to.atStartOfDay(zone)); t = t.plusHours(1))
        {
            hours.add(t);
        }
        final long[] wh = new long[hours.size()];
        for (final boolean peak : new boolean[] { false, true })
        {
            final long target = peak ? peakWh : offPeakWh;
            double weight = 0;
            int last = -1;
            for (int i = 0; i < wh.length; i++)
            {
                if (inPeak.test(hours.get(i)) == peak)
                {
                    weight += shape[hourOfYear(hours.get(i))];
                    last = i;
                }
            }
            long sum = 0;
            for (int i = 0; i < wh.length; i++)
            {
                if (inPeak.test(hours.get(i)) == peak)
                {
                    wh[i] = Math.round(shape[hourOfYear(hours.get(i))] * target / weight);
                    sum += wh[i];
                }
            }
            if (last >= 0)
            {
                wh[last] += target - sum;
            }
        }
        final StringBuilder csv = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
        for (int i = 0; i < wh.length; i++)
        {
            csv.append(meter).append(',').append(hours.get(i).toOffsetDateTime()).append(",3600,").append(wh[i])
                .append(",0\n");
        }
        return Files.writeString(tmp.resolve(name), csv.toString());
    }

    private static int hourOfYear(final ZonedDateTime local)
    {
        return ((local.getDayOfYear() - 1) * 24 + local.getHour()) % 8760;
    }

    private static double[] loadShape() throws IOException
    {
        try (InputStream in =
            BillHandCheckTest.class.getResourceAsStream("/demo/ssc_pvsamv1_residential_load_8760.csv"))
        {
            assertThat(in).as("the ssc load shape on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "").lines()
                .filter((line) -> !line.isBlank()).mapToDouble(Double::parseDouble).toArray();
        }
    }
}
