package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * The VEE zero-consumption check of {@code settle bill} (stderr and the JSON warnings) and {@code settle ingest} (its
 * summary): a run of readings of zero import and zero export covering at least {@code --zero-run-hours} (24 by
 * default). The tariff is the hand-written URDB rate, in America/Los_Angeles.
 * <p>
 * Real data: {@code demo/ssc_gen_25_year_residential_first8760.csv} (NREL/ssc, see its README) read as the export
 * register of a PV-only meter from 2011-01-01 00:00 PST: Wh exported = kW x 1,000 rounded half-even when positive, 0
 * when not (the night's negative values are the inverter's draw, which an export register does not count). Its
 * nights read zero for about 15 hours, under a day, so the default check says nothing of them; with 12 hours it
 * names every long night, and the expected runs are counted here by a plain scan of those values.
 * <p>
 * Made-up data: one meter read hourly for three days from 2026-03-02 00:00 PST whose hours 10 to 39 (30 hours, from
 * 10:00 on 2 March to 15:00 on 3 March local) read zero.
 */
class ZeroReadingsCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset PST = ZoneOffset.ofHours(-8);
    private static final OffsetDateTime PV_START = OffsetDateTime.of(2011, 1, 1, 0, 0, 0, 0, PST);
    private static final String HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
    private static final String ZERO_LINE = "meter M-1 read zero import and zero export in 30 consecutive " +
        "intervals, from the one starting 2026-03-02T10:00-08:00 to the one starting 2026-03-03T15:00-08:00 (30 h): " +
        "a dead meter or a stuck register is billed as no use; check the meter before billing (a vacant home reads " +
        "zero too)";

    @TempDir
    Path tmp;

    @Test
    void aDayAndAHalfOfZeroReadingsIsAWarningOnStderrAndInTheJsonBill() throws IOException
    {
        final CliRun run = bill(madeUp("M-1"), "2026-03-02", "2026-03-05", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).contains("settle bill: warning: " + ZERO_LINE);
        final List<String> warnings = new ArrayList<>();
        JSON.readTree(run.out()).get("warnings").forEach((w) -> warnings.add(w.asText()));
        assertThat(warnings).contains(ZERO_LINE);

        // a run shorter than asked for, and the check turned off, say nothing
        assertThat(bill(madeUp("M-1"), "2026-03-02", "2026-03-05", "--zero-run-hours", "31").err())
            .doesNotContain("read zero import");
        assertThat(bill(madeUp("M-1"), "2026-03-02", "2026-03-05", "--zero-run-hours", "0").err())
            .doesNotContain("read zero import");
        final CliRun negative = bill(madeUp("M-1"), "2026-03-02", "2026-03-05", "--zero-run-hours", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err().lines()).containsExactly("settle bill: --zero-run-hours -1: expected a number of " +
            "hours from 1, or 0 to turn the check off");
    }

    @Test
    void aPvMetersNightsAreNotADeadMeterByDefaultAndAreListedFiveAndCountedWhenAsked() throws IOException
    {
        final long[] wh = TestResources.pvExportWh();
        final Path usage = pvUsage(wh);

        final CliRun byDefault = bill(usage, "2011-01-01", "2011-02-01", "--zone", "America/Los_Angeles");
        assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
        assertThat(byDefault.err()).doesNotContain("read zero import");

        // January: hours 0..743. Runs of zero hours of at least 12, by a plain scan: [first hour, last hour]
        final List<int[]> expected = new ArrayList<>();
        int runStart = -1;
        for (int h = 0; h <= 744; h++)
        {
            final boolean zero = h < 744 && wh[h] == 0;
            if (zero && runStart < 0)
            {
                runStart = h;
            }
            else if (!zero && runStart >= 0)
            {
                if (h - runStart >= 12)
                {
                    expected.add(new int[] {runStart, h - 1});
                }
                runStart = -1;
            }
        }
        assertThat(expected).as("a long night for nearly every day of January").hasSizeGreaterThan(25);

        final CliRun twelve = bill(usage, "2011-01-01", "2011-02-01", "--zone", "America/Los_Angeles",
            "--zero-run-hours", "12", "--format", "json");

        assertThat(twelve.exitCode()).as(twelve.err()).isZero();
        final List<String> lines = twelve.err().lines().filter((l) -> l.contains("zero readings") ||
            l.contains("read zero import")).toList();
        assertThat(lines).hasSize(6);
        final int[] first = expected.get(0);
        assertThat(lines.get(0)).isEqualTo("settle bill: warning: meter PV read zero import and zero export in " +
            (first[1] - first[0] + 1) + " consecutive intervals, from the one starting " +
            PV_START.plusHours(first[0]) + " to the one starting " + PV_START.plusHours(first[1]) + " (" +
            (first[1] - first[0] + 1) + " h): a dead meter or a stuck register is billed as no use; check the " +
            "meter before billing (a vacant home reads zero too)");
        final List<int[]> rest = expected.subList(5, expected.size());
        assertThat(lines.get(5)).isEqualTo("settle bill: warning: and " + rest.size() + " more runs of zero " +
            "readings of at least 12 h (" + rest.stream().mapToInt((r) -> r[1] - r[0] + 1).sum() + " intervals, 1 " +
            "meter(s))");
        final JsonNode warnings = JSON.readTree(twelve.out()).get("warnings");
        assertThat(warnings.toString()).contains("and " + rest.size() + " more runs of zero readings");
    }

    @Test
    void ingestNamesEachEnrolledMetersZeroRunInItsSummary() throws IOException
    {
        // M-1 has the zero run; M-2 reads 500 Wh every hour; M-9 is not enrolled and reads zero throughout (its
        // readings are rejected UNKNOWN_METER whatever they hold, so they are not checked)
        final StringBuilder rows = new StringBuilder(Files.readString(madeUp("M-1")));
        final OffsetDateTime start = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, PST);
        for (int h = 0; h < 72; h++)
        {
            rows.append("M-2,").append(start.plusHours(h)).append(",3600,500,0\n");
            rows.append("M-9,").append(start.plusHours(h)).append(",3600,0,0\n");
        }
        final Path usage = Files.writeString(tmp.resolve("three.csv"), rows);
        final Path meters = Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\nM-1,1001\nM-2,1002\n");

        final CliRun run = CliRun.of("ingest", "--journal", tmp.resolve("journal").toString(), "--tariff",
            path(HAND_TARIFF), "--zone", "America/Los_Angeles", "--meters", meters.toString(), "--usage",
            usage.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().filter((l) -> l.startsWith("zero readings: ")))
            .containsExactly("zero readings: " + ZERO_LINE);
        // the readings are settled as read: the check rejects nothing
        assertThat(run.out()).contains("readings: 216 submitted, 144 accepted, 72 rejected by the engine");

        final CliRun off = CliRun.of("ingest", "--journal", tmp.resolve("off").toString(), "--tariff",
            path(HAND_TARIFF), "--zone", "America/Los_Angeles", "--meters", meters.toString(), "--usage",
            usage.toString(), "--zero-run-hours", "0");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).doesNotContain("zero readings: ");
    }

    private CliRun bill(final Path usage, final String from, final String to, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("bill", "--tariff", path(HAND_TARIFF), "--usage",
            usage.toString(), "--from", from, "--to", to));
        if (!List.of(more).contains("--zone"))
        {
            args.addAll(List.of("--zone", "America/Los_Angeles"));
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** @return the made-up meter's three days, hours 10 to 39 zero and 500 Wh imported in the others. */
    private Path madeUp(final String meter) throws IOException
    {
        final StringBuilder rows = new StringBuilder(HEADER);
        final OffsetDateTime start = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, PST);
        for (int h = 0; h < 72; h++)
        {
            final int wh = h >= 10 && h < 40 ? 0 : 500;
            rows.append(meter).append(',').append(start.plusHours(h)).append(",3600,").append(wh).append(",0\n");
        }
        return Files.writeString(tmp.resolve("made-up.csv"), rows);
    }

    private Path pvUsage(final long[] wh) throws IOException
    {
        final StringBuilder rows = new StringBuilder(HEADER);
        for (int h = 0; h < wh.length; h++)
        {
            rows.append("PV,").append(PV_START.plusHours(h)).append(",3600,0,").append(wh[h]).append('\n');
        }
        return Files.writeString(tmp.resolve("pv.csv"), rows);
    }
}
