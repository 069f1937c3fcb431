package org.gridsettle.replay.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Test resources and independent re-computations for the ingest and bill command tests. Single-threaded use.
 * <p>
 * The re-computations deliberately share no code with the engine: the Coastal feed is read with a regular
 * expression rather than the Green Button reader, and the hand-written tariff is priced with java.time and
 * BigDecimal rather than TouPricer and MicroUnits, from the rates its own description states.
 */
final class TestResources
{
    /** Zone the hand-written tariff is used in. */
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final String HAND_TARIFF = "bill/urdb_hand_written_untiered_tou.json";
    static final String TIERED_TARIFF = "bill/urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json";
    static final String COASTAL = "ingest/greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz";

    private static final Pattern INTERVAL_READING = Pattern.compile(
        "<IntervalReading>\\s*<timePeriod>\\s*<duration>(\\d+)</duration>\\s*<start>(\\d+)</start>\\s*" +
        "</timePeriod>\\s*<value>(-?\\d+)</value>");
    private static final BigDecimal OFF_PEAK = new BigDecimal("0.10");
    private static final BigDecimal PEAK = new BigDecimal("0.30").add(new BigDecimal("0.023457"));
    private static final BigDecimal OFF_PEAK_SELL = new BigDecimal("0.05");
    private static final BigDecimal PEAK_SELL = new BigDecimal("0.08");

    private TestResources()
    {
    }

    /**
     * @param command the command, e.g. {@code bill}.
     * @return the note a command that reads FPL RS-1's URDB record (ingest/, copied unchanged from
     *         /work/shared/data) writes first on stderr: its energycomments, free text nothing prices.
     */
    static String fplCommentNote(final String command)
    {
        return "settle " + command + ": note: urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json: energycomments " +
            "is free text, not priced: \"Adjustment: Environmental, Storm Charge, Conservation, Capacity / Rate: " +
            "Base rate and fuel\"; check that it names no charge the rate's structures lack";
    }

    /**
     * @param command    the command, e.g. {@code bill}.
     * @param tariffFile the URDB rate's file name.
     * @return the one line the command writes on stderr when it prices a URDB rate without {@code --zone}: URDB
     *         records no zone, and the one assumed must be said.
     */
    static String zoneAssumed(final String command, final String tariffFile)
    {
        return "settle " + command + ": warning: " + tariffFile + ": URDB records no time zone, so its time-of-use " +
            "periods and local days are priced in America/Los_Angeles; give the utility's zone with --zone " +
            "(e.g. --zone America/New_York) if that is not it";
    }

    /**
     * @param meter the one meter of the enrolment file in net_metering.
     * @return the line {@code settle ingest} writes on stderr when the tariff (the hand-written URDB rate, net billing)
     *         does not net meter: the program is recorded and prices nothing.
     */
    static String netMeteringNotHonoured(final String meter)
    {
        return "settle ingest: warning: 1 meter of the enrolment file (" + meter + ") is in net_metering, but the " +
            "tariff does not net meter (its export rule is NET_BILLING): the program is recorded with the enrolment " +
            "and prices nothing; the tariff's export rule decides how exports are paid (a URDB rate nets them with " +
            "dgrules \"Net Metering\")";
    }

    /**
     * @param err a {@code settle bill} run's stderr whose usage, hand-written with a few readings, leaves most of the
     *            range without a reading.
     * @return its other lines, once the one line saying so (UsageGaps) is checked to be there.
     */
    static List<String> besidesGapWarning(final String err)
    {
        final String gap = "settle bill: warning: the meter has no reading for ";
        final List<String> lines = err.lines().toList();
        if (lines.stream().filter((line) -> line.startsWith(gap)).count() != 1)
        {
            throw new AssertionError("expected one line starting '" + gap + "' in:\n" + err);
        }
        return lines.stream().filter((line) -> !line.startsWith(gap)).toList();
    }

    /**
     * @return a gridsettle tariff, hand-written: flat 0.30 GBP/kWh in Europe/London from 2023-03-01, with a carbon
     *         adder of 0.05 GBP per kg on imports and a credit of 0.04 CARBON per kg on exports.
     */
    static String gbCarbonTariff()
    {
        return String.join("\n",
            "{\"format\": \"gridsettle-tariff/1\", \"id\": 44, \"version\": 1,",
            " \"effective_from\": \"2023-03-01\", \"zone\": \"Europe/London\",",
            " \"currency\": \"GBP\", \"export_token\": \"SOLAR\",",
            " \"periods\": [{\"name\": \"flat\", \"import\": \"0.30\", \"export\": \"0.15\"}],",
            " \"schedule\": {\"default_period\": \"flat\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
            "   \"weekday\": {}, \"weekend\": {}}]},",
            " \"carbon\": {\"import_adder_per_kg\": \"0.05\", \"export_credit_per_kg\": \"0.04\"}}");
    }

    /**
     * @return the hours of the demo's {@code demo/ssc_gen_25_year_residential_first8760.csv} (NREL/ssc's
     *         residential PV year, kW) as the Wh an export register reads: kW x 1,000 half-even when positive, else 0
     *         (the night's negative values are the inverter's own draw).
     */
    static long[] pvExportWh() throws IOException
    {
        final List<String> lines = Files.readAllLines(resource("demo/ssc_gen_25_year_residential_first8760.csv"),
            StandardCharsets.UTF_8);
        final long[] wh = new long[lines.size()];
        for (int h = 0; h < wh.length; h++)
        {
            final BigDecimal kw = new BigDecimal(lines.get(h).replace("\uFEFF", "").trim());
            wh[h] = kw.signum() > 0 ? kw.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact() : 0;
        }
        return wh;
    }

    static Path resource(final String name)
    {
        try
        {
            return Path.of(TestResources.class.getResource("/" + name).toURI());
        }
        catch (final URISyntaxException | NullPointerException ex)
        {
            throw new IllegalStateException("missing test resource " + name, ex);
        }
    }

    static String path(final String name)
    {
        return resource(name).toString();
    }

    /**
     * Ingests one reading at 2011-02-01 01:00 New York time (06:00Z, still January 31 in Los Angeles), 1.000 kWh, under
     * the hand-written TOU rate moved to America/New_York: a journal whose days are not Los Angeles days.
     *
     * @param tmp a directory for the tariff, enrolment and usage files and the journal.
     * @return the journal directory.
     * @throws IOException if a file cannot be written.
     */
    static Path newYorkJournal(final Path tmp) throws IOException
    {
        final Path tariff = Files.writeString(tmp.resolve("ny.json"),
            Files.readString(resource("bill/gridsettle_hand_written_tou.json"))
                .replace("America/Los_Angeles", "America/New_York"));
        final Path journal = tmp.resolve("ny-journal");
        final CliRun ingest = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", tariff.toString(),
            "--meters", Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", Files.writeString(tmp.resolve("u.csv"), "meter_id,interval_start,interval_seconds,import_wh," +
                "export_wh\nM-1,2011-02-01T01:00:00-05:00,3600,1000,0\n").toString());
        if (ingest.exitCode() != 0)
        {
            throw new IllegalStateException("ingest failed: " + ingest.err());
        }
        return journal;
    }

    /**
     * One hourly reading of the Coastal feed, found by regular expression.
     */
    record HourReading(long start, long wh)
    {
    }

    /**
     * @return every IntervalReading of the Coastal feed, by a regular expression over the gunzipped text.
     */
    static List<HourReading> coastalByRegex()
    {
        final String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(resource(COASTAL))))
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            xml = bytes.toString(StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<HourReading> readings = new ArrayList<>();
        final Matcher m = INTERVAL_READING.matcher(xml);
        while (m.find())
        {
            readings.add(new HourReading(Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        return readings;
    }

    /**
     * Prices energy under the hand-written tariff as its description states: weekdays 16:00 to 21:00 local are
     * peak, everything else off-peak; amount = kWh x rate, rounded half-even to a micro-dollar.
     *
     * @param start    interval start, epoch seconds.
     * @param wh       energy.
     * @param exported true for an export credit at the sell rate.
     * @return the amount in dollars, six decimals.
     */
    static BigDecimal handTariffAmount(final long start, final long wh, final boolean exported)
    {
        final ZonedDateTime local = Instant.ofEpochSecond(start).atZone(LOS_ANGELES);
        final boolean weekday = local.getDayOfWeek() != DayOfWeek.SATURDAY &&
            local.getDayOfWeek() != DayOfWeek.SUNDAY;
        final boolean peak = weekday && local.getHour() >= 16 && local.getHour() <= 20;
        final BigDecimal rate = exported ? (peak ? PEAK_SELL : OFF_PEAK_SELL) : (peak ? PEAK : OFF_PEAK);
        return BigDecimal.valueOf(wh).multiply(rate).movePointLeft(3).setScale(6, RoundingMode.HALF_EVEN);
    }
}
