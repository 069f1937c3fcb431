package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * A URDB rate that lists more energy periods than the engine settles (six) but whose schedules use no more: URDB
 * keeps periods a season no longer uses (REopt's multi-tier sample lists three and uses two). The hand-written rate of
 * {@code BillCommandTest} with six unused periods appended is billed to the same hand-computed total, its periods
 * named as before; it used to be refused ("8 TOU periods; the engine settles at most 6"). One whose schedules use
 * seven is still refused, naming how many they use.
 */
class BillUnusedPeriodsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The hand tariff with {@code extra} periods appended, of which the weekend schedule's 03:00 uses the first
     * {@code used}. */
    private Path withExtraPeriods(final int extra, final int used) throws IOException
    {
        final ObjectNode rate = (ObjectNode)JSON.readTree(Path.of(path(HAND_TARIFF)).toFile());
        final ArrayNode structure = (ArrayNode)rate.get("energyratestructure");
        for (int i = 0; i < extra; i++)
        {
            structure.addArray().addObject().put("rate", 9.99).put("sell", 0.0).put("unit", "kWh");
        }
        final ArrayNode weekend = (ArrayNode)rate.get("energyweekendschedule");
        for (int i = 0; i < used; i++)
        {
            // months July to December, which the bill's January and February never reach
            ((ArrayNode)weekend.get(6 + i % 6)).set(3, 2 + i);
        }
        final Path file = tmp.resolve("rate.json");
        JSON.writeValue(file.toFile(), rate);
        return file;
    }

    private CliRun bill(final Path tariff)
    {
        return CliRun.of("bill", "--tariff", tariff.toString(), "--usage", path("bill/hand_bill_usage.csv"),
            "--from", "2011-01-31", "--to", "2011-02-02", "--format", "json");
    }

    @Test
    void periodsNoScheduleUsesAreDroppedAndTheBillIsTheHandComputedOne() throws IOException
    {
        final CliRun run = bill(withExtraPeriods(6, 0));
        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode bill = JSON.readTree(run.out());
        // the total worked by hand in BillCommandTest.handWrittenUsageIsBilledToTheHandComputedMicroDollar
        assertThat(bill.get("totals").get("total").asText()).isEqualTo("1.052535");
        final JsonNode january = bill.get("periods").get(0).get("lines");
        assertThat(january.get(0).get("period").asText()).isEqualTo("urdb period 0");
        assertThat(january.get(1).get("period").asText()).isEqualTo("urdb period 1");
    }

    @Test
    void aRateWhoseSchedulesUseMoreThanSixPeriodsIsStillRefusedSayingHowManyTheyUse() throws IOException
    {
        final CliRun run = bill(withExtraPeriods(6, 5));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("8 TOU periods; the engine settles at most 6")
            .contains("its schedules use 7 TOU and 7 demand periods");
    }
}
