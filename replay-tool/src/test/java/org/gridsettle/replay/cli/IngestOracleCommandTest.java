package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest --oracle} through picocli. The prices in {@code ingest/oracle_lmp_5min.csv} are hand-written,
 * CAISO-shaped (5-minute LMPs at a trading hub, one negative, an hourly LAP price); they are not market data. The
 * tariff {@code ingest/gridsettle_oracle_net_billing.json} is flat: imports 0.30/kWh, exports at the oracle price,
 * a missing price carried 1 interval, negative prices credit nothing. Amount = halfEven(Wh x price per MWh / 10^6).
 */
class IngestOracleCommandTest
{
    private static final String TARIFF = "ingest/gridsettle_oracle_net_billing.json";
    private static final String ORACLE = "ingest/oracle_lmp_5min.csv";

    @TempDir
    Path tmp;

    @Test
    void oracleRowsArePublishedABadRowIsReportedAndExportsEarnTheNodePrice() throws IOException
    {
        // M-1 names its node; M-2 leaves it empty and takes --pricing-node
        final Path meters = write("meters.csv",
            "meter_id,account_id,programs,pricing_node\nM-1,1001,,TH_NP15_GEN-APND\nM-2,1002,,\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-09T18:00:00Z,300,0,400\n" +   // 400 x 41,250,000 / 10^6 = 16,500 µ
            "M-1,2026-03-09T18:05:00Z,300,0,400\n" +   // -3.5 $/MWh: zero credit, no transfer
            "M-1,2026-03-09T18:10:00Z,300,0,400\n" +   // the bad row's interval: carried -3.5: zero credit
            "M-1,2026-03-09T18:15:00Z,300,0,250\n" +   // 250 x 38,000,000 / 10^6 = 9,500 µ
            "M-1,2026-03-09T18:20:00Z,300,0,100\n" +   // after the last price: ORACLE_PRICE_MISSING
            "M-2,2026-03-09T18:00:00Z,900,0,1234\n" +  // hourly 55.12345: 1,234 x 55,123,450 / 10^6
                                                       // = 68,022.3373 -> 68,022 µ
            "M-2,2026-03-09T18:15:00Z,900,100,0\n");   // import 0.100 kWh x 0.30 = 0.030000

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(),
            "--tariff", path(TARIFF), "--meters", meters.toString(), "--usage", usage.toString(),
            "--oracle", path(ORACLE), "--pricing-node", "DLAP_PGAE-APND");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // M-1's last reading is past the node's last price, which the run says before the engine rejects it
        assertThat(run.err().lines()).containsExactly("settle ingest: bad row: oracle_lmp_5min.csv: line 4: " +
            "expected price_per_mwh as a decimal such as -12.5, found \"oops\"",
            "settle ingest: warning: the oracle price intervals of node \"TH_NP15_GEN-APND\" cover " +
                "2026-03-09T18:00:00Z to 2026-03-09T18:20:00Z, not all of this run's readings on it, which run " +
                "2026-03-09T18:00:00Z to 2026-03-09T18:25:00Z: readings outside it find no value in this run's files " +
                "and are rejected ORACLE_PRICE_MISSING unless the journal holds one for them");
        // 16,500 + 9,500 + 68,022 = 94,022 µ SOLAR
        // the file's own tariff id (7001) beside the id the ingest journals every tariff under, said as such
        assertThat(run.out().lines().filter((line) -> line.startsWith("tariff: ")))
            .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .contains("tariff 7001 version 1").contains(", journalled as tariff 1 version 1, effective from ");
        assertThat(run.out())
            .contains("readings: 7 submitted, 6 accepted, 1 rejected by the engine, 0 exact duplicates")
            .contains("engine rejections: ORACLE_PRICE_MISSING=1")
            // the good rows: 3 of TH_NP15_GEN-APND (41.25, -3.5, 38.00), 1 of DLAP_PGAE-APND
            .contains("oracle: 4 intervals of prices published for node DLAP_PGAE-APND (1), node TH_NP15_GEN-APND " +
                "(3)\n")
            .contains("bad rows: 1 (")
            .contains("token SOLAR  export_credit 0.094022\n")
            .contains("token USD    energy_charge 0.030000\n");

        final CliRun dump = CliRun.of("dump", "--journal", tmp.resolve("journal").toString(), "--input");
        assertThat(dump.out()).contains("\"pricingNode\":\"TH_NP15_GEN-APND\"")
            .contains("\"pricingNode\":\"DLAP_PGAE-APND\"")
            .contains("\"node\":\"TH_NP15_GEN-APND\"")
            // the skipped row leaves a gap, journalled as a gap: two records, not a missing marker
            .contains("\"intervalSeconds\":300,\"pricesPerMwh\":[\"41.250000\",\"-3.500000\"]")
            .contains("\"start\":\"2026-03-09T18:15:00Z\",\"intervalSeconds\":300,\"pricesPerMwh\":[\"38.000000\"]");
        final CliRun outputs = CliRun.of("dump", "--journal", tmp.resolve("journal").toString(), "--output");
        assertThat(outputs.out()).contains("\"pricePerMwh\":\"41.250000\"").contains("\"tier\":252");
        assertThat(CliRun.of("replay", "--journal", tmp.resolve("journal").toString()).out())
            .contains("replay: identical");
    }

    @Test
    void anInvalidPricingNodeIsOneLineExitTwo() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        final Path usage = write("usage.csv", "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-09T18:00:00Z,300,0,400\n");

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(),
            "--tariff", path(TARIFF), "--meters", meters.toString(), "--usage", usage.toString(),
            "--oracle", path(ORACLE), "--pricing-node", "NODE,WITH,COMMAS");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle ingest: a pricing node name must be printable ASCII " +
            "without comma or double quote: 'NODE,WITH,COMMAS'");
        assertThat(Files.exists(tmp.resolve("journal"))).isFalse();
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
