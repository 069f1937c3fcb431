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
 * A Green Button file with IntervalBlocks and no ReadingType: {@code greenbutton_ESPIIntervalBlock.xml}, the real ESPI
 * resource copied unchanged from /work/shared/data (VerdigrisTech/green-button-data, {@code spec/fixtures/},
 * BSD-style), daily readings of 2013-2014 with costs. Nothing in it says their unit or direction: they were read as Wh
 * delivered to the customer without a word, so a feed in kWh, or of a meter's exports, was settled wrong in silence.
 */
class GreenButtonWithoutReadingTypeCommandTest
{
    private static final String BLOCK = "ingest/greenbutton_ESPIIntervalBlock.xml";
    private static final String WARNING = "greenbutton_ESPIIntervalBlock.xml: holds no ReadingType, so its values " +
        "were read as Wh delivered to the customer (import); a feed in another unit, or of exports, needs the " +
        "ReadingType its MeterReading links to";

    @TempDir
    Path tmp;

    @Test
    void billAndIngestSayTheUnitWasAssumed() throws IOException
    {
        final CliRun bill = CliRun.of("bill", "--tariff", path(TIERED_TARIFF), "--usage", path(BLOCK), "--zone",
            "America/New_York", "--from", "2013-01-01", "--to", "2013-02-01");
        final Path meters = Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\n1,1001\n");
        final CliRun ingest = CliRun.of("ingest", "--journal", tmp.resolve("j").toString(), "--tariff",
            path(TIERED_TARIFF), "--meters", meters.toString(), "--usage", path(BLOCK), "--zone", "America/New_York");

        assertThat(bill.exitCode()).as(bill.err()).isZero();
        assertThat(bill.err().lines()).contains("settle bill: warning: " + WARNING);
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.err().lines()).contains("settle ingest: warning: " + WARNING);
    }

    @Test
    void aFeedWithItsReadingTypeSaysNothingOfTheUnit()
    {
        final CliRun bill = CliRun.of("bill", "--tariff", path(TIERED_TARIFF), "--usage",
            path(TestResources.COASTAL), "--zone", "America/Los_Angeles", "--from", "2011-08-01", "--to",
            "2011-09-01");

        assertThat(bill.exitCode()).as(bill.err()).isZero();
        assertThat(bill.err()).doesNotContain("ReadingType");
    }
}
