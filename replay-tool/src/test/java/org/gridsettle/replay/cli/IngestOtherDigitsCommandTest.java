package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest} reads the numbers of an enrolment file and a meter CSV in the digits 0-9 only. Java's
 * {@code Long.parseLong} takes any Unicode digit, so an account written in Arabic-Indic digits ({@code ١٠٠١},
 * U+0661 U+0660 U+0660 U+0661) billed account 1001, and a reading of fullwidth digits ({@code １００}, U+FF11 U+FF10
 * U+FF10) was settled as 100 Wh, where a spreadsheet or a database import of the same file sees text. The files are
 * hand-written here; the tariff is the hand-written URDB rate described in {@link BillCommandTest}.
 */
class IngestOtherDigitsCommandTest
{
    private static final String USAGE_HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh,channel\n";

    @TempDir
    Path tmp;

    @Test
    void anAccountIdInOtherDigitsStopsTheRunNamingItsLineAndNothingIsJournalled() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\nM-2,\u0661\u0660\u0660\u0662\n");
        final Path usage = write("usage.csv", USAGE_HEADER + "M-1,2026-03-09T10:00:00Z,900,100,0,0\n");
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, meters, usage);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle ingest: meters.csv: line 3: account_id " +
            "\"\u0661\u0660\u0660\u0662\" is not a whole number (only the digits 0-9 are read)");
        assertThat(run.out()).isEmpty();
        assertThat(journal).doesNotExist();
    }

    @Test
    void eachNumberOfAMeterCsvInOtherDigitsIsABadRowNamingItsField() throws IOException
    {
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");
        // one row per number column, each with one field in other digits: fullwidth, Arabic-Indic, Devanagari (U+0966)
        final Path usage = write("usage.csv", USAGE_HEADER +
            "M-1,2026-03-09T10:00:00Z,900,100,0,0\n" +
            "M-1,2026-03-09T10:15:00Z,\uFF19\uFF10\uFF10,100,0,0\n" +
            "M-1,2026-03-09T10:30:00Z,900,\uFF11\uFF10\uFF10,0,0\n" +
            "M-1,2026-03-09T10:45:00Z,900,100,\u0660,0\n" +
            "M-1,2026-03-09T11:00:00Z,900,100,0,\u0966\n" +
            "M-1,\u0661\u0667\u0667\u0662\u0669\u0666\u0664\u0660\u0660\u0660,900,100,0,0\n");

        final CliRun run = ingest(tmp.resolve("journal"), meters, usage);

        assertThat(run.exitCode()).as(run.err()).isZero();
        final String bad = "settle ingest: bad row: usage.csv: line ";
        assertThat(run.err().lines()).containsExactly(
            bad + "3: interval_seconds \"\uFF19\uFF10\uFF10\" is not a whole number (only the digits 0-9 are read)",
            bad + "4: import_wh \"\uFF11\uFF10\uFF10\" is not a whole number of Wh (only the digits 0-9 are read)",
            bad + "5: export_wh \"\u0660\" is not a whole number of Wh (only the digits 0-9 are read)",
            bad + "6: channel \"\u0966\" is not a whole number (only the digits 0-9 are read)",
            bad + "7: interval_start \"\u0661\u0667\u0667\u0662\u0669\u0666\u0664\u0660\u0660\u0660\" is neither an " +
                "ISO-8601 date-time with offset (2026-03-08T10:00:00Z) nor epoch seconds");
        // the one row in the digits 0-9 settles: 2026-03-09 is a Monday, 10:00Z is 03:00 PDT, off-peak, so
        // 0.100 kWh x 0.10 = 0.010000 USD
        assertThat(run.out()).contains("usage: usage.csv (csv): 1 readings, 5 bad")
            .contains("token USD    energy_charge 0.010000\n");
    }

    private CliRun ingest(final Path journal, final Path meters, final Path usage)
    {
        return CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--zone", "America/Los_Angeles", "--meters", meters.toString(), "--usage", usage.toString());
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
