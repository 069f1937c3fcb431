package org.gridsettle.replay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle ingest} given a gzipped file damaged in the middle of its compressed data. Gzip proves a member whole
 * only at its end (CRC-32 and length, RFC 1952), so the garbled text was parsed first: each garbled line printed a
 * bad row before the one line that said the file is damaged, and a damaged enrolment file was refused for a row it
 * never held. Now the file is that one line, exit 2, and nothing is journalled. The meter CSVs, the enrolment file
 * and the oracle prices are generated here; the Green Button file is the NIST/EnergyOS Coastal sample
 * (VerdigrisTech/green-button-data, Apache-2.0); the tariff is the hand-written URDB rate described in
 * {@link BillCommandTest}.
 */
class IngestDamagedGzipCommandTest
{
    private static final String USAGE_HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";
    private static final String DAMAGED = "the gzip data is damaged ";

    @TempDir
    Path tmp;

    @Test
    void aMeterCsvDamagedInTheMiddleIsOneLineWithoutBadRowsAndNothingIsJournalled() throws IOException
    {
        // about 140 KiB of text: more than the 64 KiB the reader gunzips ahead
        final Path usage = damaged("usage.csv.gz", gzip(quarterHours(5000)));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, write("meters.csv", "meter_id,account_id\nM-1,1001\n"), usage);

        assertThat(run.exitCode()).isEqualTo(2);
        // found by the CRC-32 at the end, which cannot tell where in the data the damage is: it is the first 4 of the
        // 8 trailer bytes (RFC 1952), checked once read, so 4 bytes before the end of the file
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: usage.csv.gz: checking the gzip data before reading: cannot read a meter " +
                "CSV file with header meter_id,")
            .endsWith(": the gzip data is damaged somewhere before byte " + (Files.size(usage) - 4) + " (the CRC-32 " +
                "check at the end of its gzip member fails): fetch or copy it again");
        assertThat(run.out()).isEmpty();
        assertThat(journal).doesNotExist();
    }

    @Test
    void aGreenButtonFeedDamagedInTheMiddleIsOneLineNamingTheGzipDataNotTheXml() throws IOException
    {
        final Path usage = damaged("coastal.xml.gz", Files.readAllBytes(TestResources.resource(TestResources.COASTAL)));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, write("meters.csv", "meter_id,account_id\nM-1,1001\n"), usage);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: coastal.xml.gz: ")
            .contains(DAMAGED)
            .doesNotContain("well-formed");
        assertThat(journal).doesNotExist();
    }

    @Test
    void aUsageFileWhoseHeaderTheDamageGarbledIsRefusedAsDamagedNotAsOfNoKnownFormat() throws IOException
    {
        // stored, not compressed (deflate level 0), so that the header's text is in the file as it is and one of its
        // bytes can be damaged without a deflate error: only the CRC-32 at the end finds it
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)
        {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        })
        {
            // more than the 64 KiB a first read gunzips ahead, which would reach the trailer and its check
            out.write(quarterHours(5000).getBytes(StandardCharsets.UTF_8));
        }
        final byte[] gzipped = bytes.toByteArray();
        final int header = new String(gzipped, StandardCharsets.ISO_8859_1).indexOf("meter_id");
        assertThat(header).isPositive();
        gzipped[header] = 'X';
        final Path usage = Files.write(tmp.resolve("usage.csv.gz"), gzipped);

        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");

        final CliRun run = ingest(tmp.resolve("journal"), meters, usage);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: usage.csv.gz: ")
            .contains(DAMAGED)
            .doesNotContain("cannot tell the format");
    }

    @Test
    void anEnrolmentFileDamagedInTheMiddleIsRefusedAsDamagedNotForARowItNeverHeld() throws IOException
    {
        // far more than the 64 KiB the reader gunzips ahead, or the trailer's check comes before any row is parsed
        final StringBuilder enrolment = new StringBuilder("meter_id,account_id\n");
        for (int meter = 1; meter <= 40_000; meter++)
        {
            enrolment.append("M-").append(meter).append(',').append(1000 + meter).append('\n');
        }
        final Path meters = damaged("meters.csv.gz", gzip(enrolment.toString()));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, meters, write("usage.csv", quarterHours(1)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: meters.csv.gz: ")
            .contains("cannot read an enrolment CSV")
            .contains(DAMAGED);
        assertThat(journal).doesNotExist();
    }

    @Test
    void anOraclePriceFileDamagedInTheMiddleIsOneLineWithoutBadRows() throws IOException
    {
        // 8,000 five-minute prices, about 370 KiB of text
        final StringBuilder prices = new StringBuilder("node,interval_start,interval_seconds,price_per_mwh\n");
        for (int i = 0; i < 8000; i++)
        {
            prices.append("TH_NP15_GEN-APND,").append(1773050400L + 300L * i).append(",300,").append(20 + i % 50)
                .append(".25\n");
        }
        final Path oracle = damaged("oracle.csv.gz", gzip(prices.toString()));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, write("meters.csv", "meter_id,account_id\nM-1,1001\n"),
            write("usage.csv", quarterHours(1)), "--oracle", oracle.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: oracle.csv.gz: ")
            .contains("cannot read the oracle price file: " + DAMAGED);
        assertThat(journal).doesNotExist();
    }

    @Test
    void aCarbonCsvDamagedInTheMiddleIsRefusedAsDamagedNotForALineItNeverHeld() throws IOException
    {
        // 40,000 half hours of a UK-shaped series, about 1.7 MiB of text; a carbon file is read whole and refused
        // at its first bad line, so the garbage made it "line 19981: expected 4 comma-separated fields, found 6"
        final StringBuilder carbon = new StringBuilder("region,interval_start,interval_seconds,g_per_kwh\n");
        for (int i = 0; i < 40_000; i++)
        {
            carbon.append("GB,").append(1704067200L + 1800L * i).append(",1800,").append(100 + i % 150).append('\n');
        }
        final Path damaged = damaged("carbon.csv.gz", gzip(carbon.toString()));
        final Path journal = tmp.resolve("journal");

        final CliRun run = ingest(journal, write("meters.csv", "meter_id,account_id\nM-1,1001\n"),
            write("usage.csv", quarterHours(1)), "--carbon", damaged.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle ingest: ")
            .contains("carbon.csv.gz: cannot read: " + DAMAGED)
            .doesNotContain("line ");
        assertThat(journal).doesNotExist();
    }

    @Test
    void aWholeGzippedCsvStillPrintsItsBadRowsAsThePlainFileDoes() throws IOException
    {
        final String text = quarterHours(3) + "M-1,2026-03-09T11:00:00Z,900,twelve,0\n" +
            "M-1,2026-03-09T11:15:00Z,900,100,0\n";
        final Path meters = write("meters.csv", "meter_id,account_id\nM-1,1001\n");

        final CliRun plain = ingest(tmp.resolve("plain"), meters, write("usage.csv", text));
        final CliRun gzipped = ingest(tmp.resolve("gzipped"), meters, Files.write(tmp.resolve("usage.csv.gz"),
            gzip(text)));

        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.err().lines()).containsExactly(
            "settle ingest: bad row: usage.csv: line 5: import_wh \"twelve\" is not a whole number of Wh");
        assertThat(gzipped.exitCode()).as(gzipped.err()).isZero();
        assertThat(gzipped.err().lines()).containsExactly(
            "settle ingest: bad row: usage.csv.gz: line 5: import_wh \"twelve\" is not a whole number of Wh");
        assertThat(gzipped.out()).contains("usage: usage.csv.gz (csv): 4 readings, 1 bad");
    }

    /** @return a meter CSV of M-1's quarter hours from 2026-03-09T10:00:00Z, each of a different import. */
    private static String quarterHours(final int count)
    {
        final StringBuilder csv = new StringBuilder(USAGE_HEADER);
        for (int i = 0; i < count; i++)
        {
            csv.append("M-1,").append(1773050400L + 900L * i).append(",900,").append(100 + i % 97).append(",0\n");
        }
        return csv.toString();
    }

    private static byte[] gzip(final String text) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes))
        {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /**
     * Writes gzip data with 16 bytes in the middle of its compressed stream inverted, as a bad disk block or a
     * broken copy leaves it: far from the 10-byte header and the 8-byte trailer, so the damage is only found at the
     * trailer's CRC-32 or in the deflate data, after text from it was gunzipped.
     */
    private Path damaged(final String name, final byte[] gzipped) throws IOException
    {
        final byte[] bytes = gzipped.clone();
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++)
        {
            bytes[i] = (byte)~bytes[i];
        }
        return Files.write(tmp.resolve(name), bytes);
    }

    private CliRun ingest(final Path journal, final Path meters, final Path usage, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("ingest", "--journal", journal.toString(), "--tariff",
            path(HAND_TARIFF), "--zone", "America/Los_Angeles", "--meters", meters.toString(), "--usage",
            usage.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
