package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest --carbon} and {@code --oracle} given files that publish nothing the run can price with. A file
 * with nothing in it to publish is a bad file: one line naming it, exit 2, nothing journalled. A file of the right
 * shape for other days, or for a node no meter is on, is a warning naming the file, what it covers and what the
 * readings need: the engine would otherwise reject every reading CARBON_INTENSITY_MISSING or ORACLE_PRICE_MISSING
 * with nothing to say why.
 * <p>
 * The carbon file is the real UK national response in {@code ingest/} (NESO Carbon Intensity API, via
 * nmpowell/carbon-intensity-forecast-tracking; see /work/shared/data/README.md): 48 half-hours from
 * 2023-03-14T01:00Z to 2023-03-15T01:00Z, read off its first {@code from} and last {@code to}. The oracle tariff
 * and prices are {@link IngestOracleCommandTest}'s hand-written ones.
 */
class IngestSeriesCoverageCommandTest
{
    private static final String UK = "ingest/carbon_uk_national_pt24h_2023-03-15T0101Z.json";
    private static final String ORACLE_TARIFF = "ingest/gridsettle_oracle_net_billing.json";
    private static final String USAGE_HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";

    @TempDir
    Path tmp;

    /**
     * The shapes of a file with nothing to publish that the importers refused already, checked through the command:
     * one line naming the file, exit 2, no journal.
     */
    @Test
    void carbonAndOracleFilesWithNothingInThemAreOneLineAndNothingIsJournalled() throws IOException
    {
        final String carbonHeader = "region,interval_start,interval_seconds,g_per_kwh\n";
        final String oracleHeader = "node,interval_start,interval_seconds,price_per_mwh\n";
        final Path usage = usage("M-1,2023-03-14T01:00:00Z,1800,1000,0\n");
        final List<String[]> cases = List.of(
            new String[] {"--carbon", "header.csv", carbonHeader, "header.csv: end of input: expected at least one " +
                "data row after the header"},
            new String[] {"--carbon", "header.csv.gz", gzip(carbonHeader), "header.csv.gz: end of input: expected " +
                "at least one data row after the header"},
            new String[] {"--carbon", "empty.gz", gzip(""), "empty.gz: line 1: expected header " +
                "region,interval_start,interval_seconds,mg_per_kwh or region,interval_start,interval_seconds," +
                "g_per_kwh, found nothing"},
            new String[] {"--carbon", "no-data.json", "{\"data\":[]}", "no-data.json: data: expected at least one " +
                "interval, found an empty array"},
            new String[] {"--oracle", "prices.csv.gz", gzip(oracleHeader), "prices.csv.gz: end of input: expected " +
                "at least one data row after the header"});
        for (final String[] c : cases)
        {
            final Path file = tmp.resolve(c[1]);
            Files.write(file, c[2].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            final Path journal = tmp.resolve("journal-" + c[1]);
            final List<String> args = new java.util.ArrayList<>(List.of("ingest", "--journal", journal.toString(),
                "--tariff", carbonTariff().toString(), "--meters", meters("meter_id,account_id\nM-1,1001\n")
                .toString(), "--usage", usage.toString(), c[0], file.toString()));
            if (c[0].equals("--carbon"))
            {
                args.addAll(List.of("--carbon-region", "GB"));
            }

            final CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(c[1]).isEqualTo(2);
            assertThat(run.err().lines()).as(c[1]).containsExactly("settle ingest: " + c[3]);
            assertThat(journal).as(c[1]).doesNotExist();
        }
    }

    /** @return the gzip of the text, as ISO-8859-1 characters (one per byte). */
    private static String gzip(final String text) throws IOException
    {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes))
        {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCarbonResponseWithoutASingleValueIsABadFileAndNothingIsJournalled() throws IOException
    {
        // an API response for hours it has neither measured nor forecast: both null in every interval
        final Path nulls = write("nulls.json", "{\"data\":[" +
            "{\"from\":\"2023-03-14T01:00Z\",\"to\":\"2023-03-14T01:30Z\"," +
            "\"intensity\":{\"forecast\":null,\"actual\":null,\"index\":\"low\"}}," +
            "{\"from\":\"2023-03-14T01:30Z\",\"to\":\"2023-03-14T02:00Z\"," +
            "\"intensity\":{\"forecast\":null,\"actual\":null,\"index\":\"low\"}}]}");

        final CliRun run = carbonIngest(usage("M-1,2023-03-14T01:00:00Z,1800,1000,0\n"), nulls);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle ingest: nulls.json: data: expected at least one " +
            "interval with an actual or forecast intensity, found 2 intervals with neither (both null): nothing to " +
            "price carbon with");
        assertThat(tmp.resolve("journal")).doesNotExist();
    }

    @Test
    void aCarbonFileOfOtherDaysIsSaidWithItsRangeAndTheReadings() throws IOException
    {
        // the readings are a year after the file's day
        final CliRun run = carbonIngest(usage("M-1,2024-03-14T01:00:00Z,1800,1000,0\n" +
            "M-1,2024-03-14T01:30:00Z,1800,0,500\n"), Path.of(path(UK)));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).containsExactly("settle ingest: warning: " +
            "carbon_uk_national_pt24h_2023-03-15T0101Z.json: its carbon intensity intervals cover " +
            "2023-03-14T01:00:00Z to 2023-03-15T01:00:00Z, none of this run's readings, which run " +
            "2024-03-14T01:00:00Z to 2024-03-14T02:00:00Z: it prices none of them (a file of other days?); " +
            "readings without a value are rejected CARBON_INTENSITY_MISSING");
        assertThat(run.out()).contains("engine rejections: CARBON_INTENSITY_MISSING=2");
    }

    @Test
    void readingsPastTheEndOfTheCarbonFilesAreSaidAndThoseInsideItAreNot() throws IOException
    {
        // the first reading is the file's first half-hour, the second starts at its end
        final CliRun partly = carbonIngest(usage("M-1,2023-03-14T01:00:00Z,1800,1000,0\n" +
            "M-1,2023-03-15T01:00:00Z,1800,1000,0\n"), Path.of(path(UK)));

        assertThat(partly.exitCode()).as(partly.err()).isZero();
        assertThat(partly.err().lines()).containsExactly("settle ingest: warning: the carbon intensity intervals " +
            "of region \"GB\" cover 2023-03-14T01:00:00Z to 2023-03-15T01:00:00Z, not all of this run's readings on " +
            "it, which run 2023-03-14T01:00:00Z to 2023-03-15T01:30:00Z: readings outside it find no value in this " +
            "run's files and are rejected CARBON_INTENSITY_MISSING unless the journal holds one for them");
        assertThat(partly.out()).contains("engine rejections: CARBON_INTENSITY_MISSING=1");

        // its first and last half-hours: covered, so nothing is said
        final CliRun inside = CliRun.of("ingest", "--journal", tmp.resolve("inside").toString(),
            "--tariff", carbonTariff().toString(), "--meters", meters("meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", usage("M-1,2023-03-14T01:00:00Z,1800,1000,0\nM-1,2023-03-15T00:30:00Z,1800,1000,0\n")
                .toString(), "--carbon", path(UK), "--carbon-region", "GB");
        assertThat(inside.exitCode()).as(inside.err()).isZero();
        assertThat(inside.err()).isEmpty();
        assertThat(inside.out()).contains("engine rejections: none");
    }

    @Test
    void aReadingStartingInTheLastCarbonIntervalAndEndingAfterItIsPricedAndNotSaid() throws IOException
    {
        // the file's last interval is 2023-03-15T00:30Z..01:00Z; the engine looks intensity up at a reading's start,
        // so a half-hour reading from 00:45Z (ending 01:15Z, after the file) is priced from that interval
        final CliRun run = carbonIngest(usage("M-1,2023-03-14T01:00:00Z,1800,1000,0\n" +
            "M-1,2023-03-15T00:45:00Z,1800,1000,0\n"), Path.of(path(UK)));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine rejections: none");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anOracleFileWhoseEveryNodeTheJournalCannotHoldIsABadFile() throws IOException
    {
        final Path prices = write("long-node.csv", "node,interval_start,interval_seconds,price_per_mwh\n" +
            "NODE_NAME_OF_THIRTY_THREE_CHARS_X,2026-03-09T18:00:00Z,300,41.25\n");

        final CliRun run = oracleIngest(prices, "TH_NP15_GEN-APND");

        assertThat(run.exitCode()).isEqualTo(2);
        // the node's rows are a bad row, reported as found; then the file is refused
        assertThat(run.err().lines()).containsExactly(
            "settle ingest: bad row: long-node.csv: node \"NODE_NAME_OF_THIRTY_THREE_CHARS_X\": a pricing node name " +
                "must be 1 to 32 characters; its 1 rows are skipped",
            "settle ingest: long-node.csv: end of input: expected at least one row of a pricing node the journal " +
                "can hold, found only rows of 1 node it cannot (reported above): nothing to publish");
        assertThat(tmp.resolve("journal")).doesNotExist();
    }

    @Test
    void anOracleFileOfANodeNoMeterIsOnIsSaid() throws IOException
    {
        final Path prices = write("other-node.csv", "node,interval_start,interval_seconds,price_per_mwh\n" +
            "DLAP_SCE-APND,2026-03-09T18:00:00Z,300,41.25\n");

        final CliRun run = oracleIngest(prices, "TH_NP15_GEN-APND");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).containsExactly("settle ingest: warning: other-node.csv: its oracle price " +
            "intervals are for node \"DLAP_SCE-APND\", which no meter of the run is on (they are on " +
            "\"TH_NP15_GEN-APND\"): it prices none of this run's readings");
        // and the summary says which node's prices were published
        assertThat(run.out()).contains("oracle: 1 intervals of prices published for node DLAP_SCE-APND (1)\n")
            .contains("engine rejections: ORACLE_PRICE_MISSING=1");
    }

    @Test
    void anOracleFileOfAnotherYearIsSaidWithItsRangeAndTheReadings() throws IOException
    {
        final Path prices = write("last-year.csv", "node,interval_start,interval_seconds,price_per_mwh\n" +
            "TH_NP15_GEN-APND,2025-03-09T18:00:00Z,300,41.25\nTH_NP15_GEN-APND,2025-03-09T18:05:00Z,300,40\n");

        final CliRun run = oracleIngest(prices, "TH_NP15_GEN-APND");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).containsExactly("settle ingest: warning: last-year.csv: its oracle price " +
            "intervals cover 2025-03-09T18:00:00Z to 2025-03-09T18:10:00Z, none of this run's readings, which run " +
            "2026-03-09T18:00:00Z to 2026-03-09T18:05:00Z: it prices none of them (a file of other days?); " +
            "readings without a value are rejected ORACLE_PRICE_MISSING");
    }

    @Test
    void anOracleFileUnderATariffThatPricesNoExportByItIsSaidToPriceNothing() throws IOException
    {
        // the hand-written URDB rate credits exports at its TOU sell rates and looks no oracle price up: the file's
        // other year was warned about as "readings without a value are rejected ORACLE_PRICE_MISSING", which the
        // engine never does under this tariff, and nothing said that the prices would price nothing at all
        final Path prices = write("last-year.csv", "node,interval_start,interval_seconds,price_per_mwh\n" +
            "TH_NP15_GEN-APND,2025-03-09T18:00:00Z,300,41.25\nTH_NP15_GEN-APND,2025-03-09T18:05:00Z,300,40\n");

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            path(TestResources.HAND_TARIFF), "--zone", "America/Los_Angeles", "--meters",
            meters("meter_id,account_id,programs,pricing_node\nM-1,1001,,TH_NP15_GEN-APND\n").toString(),
            "--usage", usage("M-1,2026-03-09T18:00:00Z,300,0,400\n").toString(), "--oracle", prices.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine rejections: none");
        assertThat(run.err().lines()).containsExactly("settle ingest: warning: last-year.csv: the tariff credits no " +
            "export at an oracle price (only a gridsettle tariff whose export_rule has \"export_rate\": " +
            "\"oracle\" does), so --oracle's prices are journalled and price nothing");
    }

    @Test
    void aCarbonFileUnderATariffThatPricesNoCarbonIsSaidToPriceNothingNotToMissReadings() throws IOException
    {
        // the tariff of the other carbon tests without its carbon block: the engine then looks no intensity up, so
        // readings a year after the file are priced and nothing is rejected, and no coverage warning is right; but
        // the file itself prices nothing, which is said once, as for --oracle under a tariff without oracle exports
        final Path tariff = write("gb-no-carbon.json", TestResources.gbCarbonTariff().replaceAll(
            ",\\s*\"carbon\": \\{[^}]*\\}", ""));
        assertThat(Files.readString(tariff)).doesNotContain("carbon");
        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(),
            "--tariff", tariff.toString(), "--meters", meters("meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", usage("M-1,2024-03-14T01:00:00Z,1800,1000,0\n").toString(), "--carbon", path(UK),
            "--carbon-region", "GB");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine rejections: none");
        assertThat(run.err().lines()).containsExactly("settle ingest: warning: " + Path.of(path(UK)).getFileName() +
            ": the tariff prices no carbon (only a gridsettle tariff with a \"carbon\" block does; URDB rates have " +
            "none), so --carbon's intensities are journalled and price nothing");
    }

    @Test
    void aReadingTheTariffCarriesTheLastIntensityToIsNotSaid() throws IOException
    {
        // the tariff carries the last intensity 4 intervals: the file's last is 2023-03-15T00:30Z..01:00Z (30 min),
        // so a reading starting 01:00Z is priced from it (MissingIntensityPolicy: under 4 lengths past its end)
        final Path tariff = write("gb-carry.json", TestResources.gbCarbonTariff().replace(
            "\"export_credit_per_kg\": \"0.04\"",
            "\"export_credit_per_kg\": \"0.04\", \"carry_forward_intervals\": 4"));
        assertThat(Files.readString(tariff)).contains("carry_forward_intervals");
        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(),
            "--tariff", tariff.toString(), "--meters", meters("meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", usage("M-1,2023-03-14T01:00:00Z,1800,1000,0\nM-1,2023-03-15T01:00:00Z,1800,1000,0\n")
                .toString(), "--carbon", path(UK), "--carbon-region", "GB");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine rejections: none");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anImportOnlyReadingOutsideTheOracleFileIsNotSaid() throws IOException
    {
        // the file prices 18:00Z..18:10Z; an import-only reading at 17:00Z needs no oracle price (the engine looks
        // one up only for a reading that exports), so it is neither rejected nor said
        final Path prices = write("today.csv", "node,interval_start,interval_seconds,price_per_mwh\n" +
            "TH_NP15_GEN-APND,2026-03-09T18:00:00Z,300,41.25\nTH_NP15_GEN-APND,2026-03-09T18:05:00Z,300,40\n");
        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            path(ORACLE_TARIFF), "--meters", meters("meter_id,account_id,programs,pricing_node\n" +
                "M-1,1001,,TH_NP15_GEN-APND\n").toString(),
            "--usage", usage("M-1,2026-03-09T17:00:00Z,300,700,0\nM-1,2026-03-09T18:00:00Z,300,0,400\n").toString(),
            "--oracle", prices.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine rejections: none");
        assertThat(run.err()).isEmpty();
    }

    private CliRun oracleIngest(final Path prices, final String node) throws IOException
    {
        return CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff", path(ORACLE_TARIFF),
            "--meters", meters("meter_id,account_id,programs,pricing_node\nM-1,1001,," + node + "\n").toString(),
            "--usage", usage("M-1,2026-03-09T18:00:00Z,300,0,400\n").toString(), "--oracle", prices.toString());
    }

    private CliRun carbonIngest(final Path usage, final Path carbon) throws IOException
    {
        return CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(),
            "--tariff", carbonTariff().toString(), "--meters", meters("meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", usage.toString(), "--carbon", carbon.toString(), "--carbon-region", "GB");
    }

    private Path carbonTariff() throws IOException
    {
        return write("gb.json", TestResources.gbCarbonTariff());
    }

    private Path meters(final String text) throws IOException
    {
        return write("meters.csv", text);
    }

    private Path usage(final String rows) throws IOException
    {
        return write("usage.csv", USAGE_HEADER + rows);
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
