package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.LOS_ANGELES;
import static org.gridsettle.replay.cli.TestResources.TIERED_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * The ingest summary's true-up total. A close's TRUE_UP transfers go either way: they charge a customer whose tick
 * postings came short of the period's definition and credit one they overshot. The summary added their amounts
 * whatever their direction, so a month whose true-ups charged 0.113028 and credited 0.106542 was summarised as
 * {@code true_up 0.219570}, where the customer was charged 0.006486 net.
 * <p>
 * The readings are August 2011 of the real Coastal Green Button feed (ingest/, copied unchanged from
 * /work/shared/data), read with a regex, plus 2011-09-01 00:00 local so that August's period closes, under
 * OpenStudio-HPXML's "Sample Tiered Time-of-Use Rate" (bill/, copied unchanged) in America/Los_Angeles. By hand (a
 * script over the feed, BigDecimal, every amount rounded half-even to the micro-dollar):
 * <pre>
 * E_0 = 277,527 Wh (off-peak), E_1 = 127,318 Wh (Mon-Fri 11:00-20:00), E = 404,845 Wh; tiers T = 150,000,
 * 150,000 and 104,845 Wh shared by period (the tariff's URDB all-period tiers, as BillHandCheckTest):
 *   period 0: 6.169628 + 8.226171 + 5.749819 = 20.145618; period 1: 4.245558 + 5.189016 + 4.286394 = 13.720968.
 * Tick postings, each reading at the tier the month's running total has reached (split where it crosses one):
 *   period 0: 20.252160; period 1: 13.607940.
 * True-ups: period 0 credits 0.106542, period 1 charges 0.113028: 0.006486 charged net (settle bill's true-up
 * column for the month says the same).
 * </pre>
 */
class IngestTrueUpSummaryCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void trueUpsThatChargeAndCreditAreSummedAsTheNetCharge() throws IOException
    {
        final long august = LocalDate.of(2011, 8, 1).atStartOfDay(LOS_ANGELES).toEpochSecond();
        final long september = LocalDate.of(2011, 9, 1).atStartOfDay(LOS_ANGELES).toEpochSecond();
        final List<String> rows = new ArrayList<>(List.of("meter_id,interval_start,interval_seconds,import_wh," +
            "export_wh"));
        for (final TestResources.HourReading r : TestResources.coastalByRegex())
        {
            if (r.start() >= august && r.start() <= september)
            {
                rows.add("1," + r.start() + ",3600," + r.wh() + ",0");
            }
        }
        final Path usage = Files.writeString(tmp.resolve("august.csv"), String.join("\n", rows) + "\n");
        final Path meters = Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\n1,1001\n");

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("j").toString(), "--tariff",
            path(TIERED_TARIFF), "--meters", meters.toString(), "--usage", usage.toString(), "--zone",
            "America/Los_Angeles");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(", true_up 0.006486\n").doesNotContain("0.219570");
    }
}
