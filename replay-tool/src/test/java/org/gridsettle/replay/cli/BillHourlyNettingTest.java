package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle bill} on a net-billing tariff with hourly netting ({@code bill/gridsettle_hourly_netting.json},
 * hand-written): the hour's HOURLY_NETTING adjustments land in the energy and export-credit lines.
 */
class BillHourlyNettingTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anHourIsNettedBeforeItIsBilled() throws IOException
    {
        // Monday 2026-03-02, 00:00-01:00 PST: I = 400 + 200 + 100 = 700 Wh, E = 1,000 + 300 = 1,300 Wh;
        // provisional charges 0.120000 + 0.060000 + 0.030000 = 0.210000, credits 0.050000 + 0.015000 = 0.065000;
        // offset 700 Wh: charges back 0.210000 x 700 / 700 = 0.210000, credits back 0.065000 x 700 / 1,300 = 0.035000
        // (posted by the end of day). Billed: energy 0, credits 0.030000 = the 600 Wh net export x 0.05.
        final Path usage = Files.writeString(tmp.resolve("usage.csv"),
            "meter_id,interval_start,interval_seconds,import_wh,export_wh\n" +
            "M-1,2026-03-02T00:00:00-08:00,900,400,0\n" +
            "M-1,2026-03-02T00:15:00-08:00,900,0,1000\n" +
            "M-1,2026-03-02T00:30:00-08:00,900,200,300\n" +
            "M-1,2026-03-02T00:45:00-08:00,900,100,0\n");

        final CliRun run = CliRun.of("bill", "--tariff", path("bill/gridsettle_hourly_netting.json"),
            "--usage", usage.toString(), "--from", "2026-03-02", "--to", "2026-03-03", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode totals = JSON.readTree(run.out()).get("totals");
        assertThat(totals.get("import_kwh").asText()).isEqualTo("0.700");
        assertThat(totals.get("export_kwh").asText()).isEqualTo("1.300");
        assertThat(totals.get("energy_charges").asText()).isEqualTo("0.000000");
        assertThat(totals.get("export_credits").asText()).isEqualTo("0.030000");
        assertThat(totals.get("total").asText()).isEqualTo("-0.030000");
    }
}
