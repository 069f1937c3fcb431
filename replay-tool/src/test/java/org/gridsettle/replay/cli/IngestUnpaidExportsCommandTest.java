package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.TIERED_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * A rooftop-solar customer ingested under OpenStudio-HPXML's "Sample Tiered Time-of-Use Rate" (bill/, copied unchanged
 * from /work/shared/data), which has no sell rate and no dgrules, so it pays 0 for exports. settle bill said so; settle
 * ingest settled a fleet's exports at 0 without a word, even for meters the enrolment file puts in net_metering,
 * a program the engine records and does not price by: the tariff's export rule decides. The readings are hand-made:
 * two July days of 2011, an import at night and an export at noon, Pacific daylight time.
 */
class IngestUnpaidExportsCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void exportsTheTariffPaysNothingForAreSaidAndSoIsANetMeteringProgramItDoesNotHonour() throws IOException
    {
        final Path usage = Files.writeString(tmp.resolve("pv.csv"), String.join("\n",
            "meter_id,interval_start,interval_seconds,import_wh,export_wh",
            "pv-1,2011-07-05T02:00:00-07:00,3600,800,0",
            "pv-1,2011-07-05T12:00:00-07:00,3600,0,2500",
            "pv-2,2011-07-06T02:00:00-07:00,3600,700,0",
            "pv-2,2011-07-06T12:00:00-07:00,3600,0,1500", ""));
        final Path meters = Files.writeString(tmp.resolve("meters.csv"),
            "meter_id,account_id,programs\npv-1,1001,net_metering\npv-2,1002,\n");

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("j").toString(), "--tariff",
            path(TIERED_TARIFF), "--meters", meters.toString(), "--usage", usage.toString(), "--zone",
            "America/Los_Angeles");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 2,500 + 1,500 Wh exported
        assertThat(run.err().lines()).contains(
            "settle ingest: warning: 4.000 kWh exported earn nothing: the tariff's export rate is 0 in every period " +
                "(a URDB rate with no sell rate and no dgrules credits no export); a customer on net metering or a " +
                "sell rate needs a tariff that says so",
            "settle ingest: warning: 1 meter of the enrolment file (pv-1) is in net_metering, but the tariff does " +
                "not net meter (its export rule is NET_BILLING): the program is recorded with the enrolment and " +
                "prices nothing; the tariff's export rule decides how exports are paid (a URDB rate nets them with " +
                "dgrules \"Net Metering\")");
    }
}
