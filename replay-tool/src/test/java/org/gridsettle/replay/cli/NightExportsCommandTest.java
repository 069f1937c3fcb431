package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * A wrong zone on an epoch-second meter CSV, told from the data: NREL/ssc's residential PV year
 * ({@code demo/ssc_gen_25_year_residential_first8760.csv}, see its README) as the export register of meter PV, hour
 * h of the file at 2011-01-01 00:00 PST + h hours, in whole epoch seconds. Written right, January's exports centre
 * on the early afternoon in America/Los_Angeles and nothing is said. Written with the local clock taken for UTC (the
 * epoch of 2011-01-01T00:00Z for local midnight, 8 hours early), they centre before dawn, and {@code settle bill} and
 * {@code settle ingest} say the zone or the timestamps look wrong. The kWh in the line is January's export summed
 * here from the file.
 */
class NightExportsCommandTest
{
    private static final Pattern LINE = Pattern.compile("meter \"PV\" exports at night in America/Los_Angeles: the " +
        "mean time of day of its ([0-9.]+) kWh exported is ([0-9]{2}):([0-9]{2}) local time, and a solar export " +
        "peaks near midday: is --zone right, and are the timestamps in UTC\\? .*");

    @TempDir
    Path tmp;

    @Test
    void pvExportsWrittenInUtcSayNothingAndWithTheLocalClockAsUtcAreSaidToBeAtNight() throws IOException
    {
        final long[] wh = TestResources.pvExportWh();
        final long januaryWh = Arrays.stream(wh, 0, 31 * 24).sum();
        final long midnightPst = LocalDateTime.of(2011, 1, 1, 0, 0).toEpochSecond(ZoneOffset.ofHours(-8));
        final long midnightAsUtc = LocalDateTime.of(2011, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

        final CliRun right = bill(epochCsv(wh, midnightPst));
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(right.err()).doesNotContain("exports at night");

        final CliRun shifted = bill(epochCsv(wh, midnightAsUtc));
        assertThat(shifted.exitCode()).as(shifted.err()).isZero();
        final List<String> night = shifted.err().lines().filter((l) -> l.contains("exports at night")).toList();
        assertThat(night).hasSize(1);
        final Matcher m = LINE.matcher(night.get(0).substring("settle bill: warning: ".length()));
        assertThat(m.matches()).as(night.get(0)).isTrue();
        // the billed range starts at local midnight: January's hours of the shifted file are its hours 8 .. 751
        assertThat(new BigDecimal(m.group(1))).isEqualByComparingTo(
            BigDecimal.valueOf(Arrays.stream(wh, 8, 31 * 24 + 8).sum(), 3));
        assertThat(Integer.parseInt(m.group(2))).as("before dawn").isBetween(0, 5);

        final Path meters = Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\nPV,1001\n");
        final CliRun ingest = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            path(HAND_TARIFF), "--zone", "America/Los_Angeles", "--meters", meters.toString(), "--usage",
            epochCsv(Arrays.copyOf(wh, 31 * 24), midnightAsUtc).toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        final List<String> said = ingest.err().lines().filter((l) -> l.contains("exports at night")).toList();
        assertThat(said).singleElement().asString().startsWith("settle ingest: warning: meter \"PV\" exports at " +
            "night in America/Los_Angeles: the mean time of day of its " +
            BigDecimal.valueOf(januaryWh, 3).toPlainString() + " kWh exported is 0");
    }

    private CliRun bill(final Path usage)
    {
        return CliRun.of("bill", "--tariff", path(HAND_TARIFF), "--zone", "America/Los_Angeles", "--usage",
            usage.toString(), "--from", "2011-01-01", "--to", "2011-02-01");
    }

    private Path epochCsv(final long[] wh, final long firstStart) throws IOException
    {
        final StringBuilder rows = new StringBuilder("meter_id,interval_start,interval_seconds,import_wh,export_wh\n");
        for (int h = 0; h < wh.length; h++)
        {
            rows.append("PV,").append(firstStart + h * 3_600L).append(",3600,0,").append(wh[h]).append('\n');
        }
        return Files.writeString(tmp.resolve("pv-" + firstStart + ".csv"), rows);
    }
}
