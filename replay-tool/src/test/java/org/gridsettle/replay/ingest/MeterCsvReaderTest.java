package org.gridsettle.replay.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import org.gridsettle.replay.ingest.RecordingSink.BadRecord;
import org.gridsettle.replay.ingest.RecordingSink.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The two CSV resources are hand-written for these tests. The real-data check re-expresses the Green Button sample
 * {@code greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz} (VerdigrisTech/green-button-data,
 * {@code benchmark/fixtures/Coastal_Multi_Family_12hr_Jan_1_2011_to_Jan_1_2012_RetailCustomer_3.xml}, Apache-2.0)
 * as CSV.
 * <p>
 * 2026-03-08T10:00:00Z is 1772964000: 2026-01-01T00:00Z is 20454 days * 86400 = 1767225600, plus 66 days
 * (31 + 28 + 7) and 10 hours; {@code date -u -d 2026-03-08T10:00:00Z +%s} agrees.
 */
class MeterCsvReaderTest
{
    private static final long T10_00 = 1772964000L;
    private static final String HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";

    @TempDir
    Path tempDir;

    @Test
    void deliversTheRowsAroundABadRowAndReportsItsLine()
    {
        final RecordingSink sink = new RecordingSink();

        final long delivered =
            new MeterCsvReader().read(RecordingSink.resource("meter_readings_bad_row_middle.csv"), sink);

        assertThat(sink.readings).containsExactly(
            new Reading("M-100", 0, T10_00, 900, 350, 0),
            new Reading("M-100", 0, T10_00 + 900, 900, 410, 12),
            new Reading("M-100", 0, T10_00 + 2700, 900, 300, 0),
            new Reading("M-100", 0, T10_00 + 3600, 900, 280, 5));
        assertThat(delivered).isEqualTo(4);
        assertThat(sink.badRecords).containsExactly(new BadRecord(
            "meter_readings_bad_row_middle.csv", "line 4", "import_wh \"twelve\" is not a whole number of Wh"));
    }

    @Test
    void handlesOffsetsEpochSecondsQuotingChannelsAndEachKindOfBadRow()
    {
        final RecordingSink sink = new RecordingSink();

        new MeterCsvReader().read(RecordingSink.resource("meter_readings_edge_cases.csv"), sink);

        assertThat(sink.readings).containsExactly(
            new Reading("M-100", 0, T10_00, 900, 350, 0),
            // 11:15+01:00 is 10:15Z.
            new Reading("M-100", 0, T10_00 + 900, 900, 410, 12),
            // Epoch seconds 1772965800 is 10:30Z; a negative import is delivered for the engine to reject.
            new Reading("M-100", 0, T10_00 + 1800, 900, -3, 0),
            new Reading("M,200", 1, T10_00, 3600, 1000, 250),
            new Reading("M-300", 2, T10_00, 900, 7, 8));

        // Line 6 is blank and skipped; each other line missing above is reported once, in order.
        assertThat(sink.badRecords).extracting(BadRecord::location).containsExactly(
            "line 4", "line 7", "line 9", "line 10", "line 11", "line 12", "line 13", "line 14", "line 15", "line 16");
        assertThat(sink.badRecords).extracting(BadRecord::problem).satisfiesExactly(
            p -> assertThat(p).isEqualTo("import_wh \"12.5\" is not a whole number of Wh"),
            p -> assertThat(p).isEqualTo("expected 6 fields as in the header, found 5"),
            p -> assertThat(p).startsWith("meter_id \"=1+2\" starts with '='").contains("formula"),
            p -> assertThat(p).startsWith("meter_id \"@SUM(A1)\" starts with '@'"),
            p -> assertThat(p).startsWith("meter_id \"+44\" starts with '+'"),
            p -> assertThat(p).startsWith("meter_id \"-7\" starts with '-'"),
            p -> assertThat(p).contains("\"2026-03-08T10:00:00\" has no UTC offset"),
            p -> assertThat(p).contains("has a fraction of a second"),
            p -> assertThat(p).startsWith("interval_seconds 0,"),
            p -> assertThat(p).isEqualTo("channel 256, expected 0 to 255"));
    }

    @Test
    void toleratesAByteOrderMarkAndCrlfLineEnds() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[]{ (byte)0xEF, (byte)0xBB, (byte)0xBF });
        bytes.write(("meter_id,interval_start,interval_seconds,import_wh,export_wh\r\n" +
            "M1,2026-03-08T10:00:00Z,900,5,6\r\n").getBytes(StandardCharsets.UTF_8));
        final RecordingSink sink = new RecordingSink();

        new MeterCsvReader().read(new ByteArrayInputStream(bytes.toByteArray()), "bom.csv", sink);

        assertThat(sink.readings).containsExactly(new Reading("M1", 0, T10_00, 900, 5, 6));
        assertThat(sink.badRecords).isEmpty();
    }

    @Test
    void reportsInvalidUtf8AtItsLineAndReadsOn() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((HEADER + "Zähler-1,1772964000,900,5,0\n").getBytes(StandardCharsets.UTF_8));
        // 0xC3 opens a two-byte sequence; 0x28 '(' cannot continue it.
        bytes.write(new byte[]{ 'M', (byte)0xC3, 0x28, ',', '1', ',', '9', ',', '1', ',', '0', '\n' });
        bytes.write("M2,1772964900,900,7,0\n".getBytes(StandardCharsets.UTF_8));
        final RecordingSink sink = new RecordingSink();

        final long delivered =
            new MeterCsvReader().read(new ByteArrayInputStream(bytes.toByteArray()), "bad.csv", sink);

        assertThat(delivered).isEqualTo(2);
        assertThat(sink.readings).containsExactly(
            new Reading("Zähler-1", 0, T10_00, 900, 5, 0),
            new Reading("M2", 0, T10_00 + 900, 900, 7, 0));
        assertThat(sink.badRecords).containsExactly(new BadRecord(
            "bad.csv", "line 3", "invalid UTF-8: byte 0xC3 at byte 2 of the line, expected UTF-8 text"));
    }

    @Test
    void reportsAnOverlongLineWithoutBufferingItAndReadsOn()
    {
        final String longLine = "M1," + "9".repeat(CsvLineSource.MAX_LINE_BYTES) + ",900,1,0\n";
        final String csv = HEADER + longLine + "M2,1772964000,900,7,0\n";
        final RecordingSink sink = new RecordingSink();

        new MeterCsvReader().read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "long.csv", sink);

        assertThat(sink.readings).containsExactly(new Reading("M2", 0, T10_00, 900, 7, 0));
        assertThat(sink.badRecords).containsExactly(
            new BadRecord("long.csv", "line 2", "line longer than " + CsvLineSource.MAX_LINE_BYTES + " bytes"));
    }

    @Test
    void refusesAnEmptyFile() throws IOException
    {
        final Path file = Files.write(tempDir.resolve("empty.csv"), new byte[0]);

        final MeterDataException ex =
            catchThrowableOfType(MeterDataException.class, () -> new MeterCsvReader().read(file, new RecordingSink()));

        assertThat(ex.getMessage()).isEqualTo("empty.csv: line 1: empty file, expected a meter CSV file with header " +
            "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]");
    }

    @Test
    void refusesAFileWithoutTheHeader() throws IOException
    {
        final Path file = Files.writeString(tempDir.resolve("noheader.csv"), "M1,1772964000,900,5,0\n");
        final RecordingSink sink = new RecordingSink();

        final MeterDataException ex =
            catchThrowableOfType(MeterDataException.class, () -> new MeterCsvReader().read(file, sink));

        assertThat(ex.getMessage()).isEqualTo("noheader.csv: line 1: header \"M1,1772964000,900,5,0\", expected " +
            "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]");
        assertThat(sink.readings).isEmpty();
    }

    @Test
    void aHeaderInKwhNamesTheColumnAndTheUnitInsteadOfATruncatedHeader() throws IOException
    {
        // an export in kWh, as NREL SAM and most spreadsheets write energy; the header was shown cut at 40 characters,
        // "meter_id,interval_start,interval_seconds...", which hid the one column that was wrong
        final Path file = Files.writeString(tempDir.resolve("kwh.csv"),
            "meter_id,interval_start,interval_seconds,import_kwh,export_kwh\nM1,1772964000,900,0.410,0\n");

        final MeterDataException ex =
            catchThrowableOfType(MeterDataException.class, () -> new MeterCsvReader().read(file, new RecordingSink()));

        assertThat(ex.getMessage()).isEqualTo("kwh.csv: line 1: header column 4 is \"import_kwh\", expected " +
            "import_wh: energies are whole Wh, so a kWh column must be multiplied by 1000 (the header must be " +
            "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel])");
    }

    @Test
    void aHeaderWithARenamedOrMissingColumnNamesIt() throws IOException
    {
        final Path renamed = Files.writeString(tempDir.resolve("renamed.csv"),
            "meter_id,timestamp,interval_seconds,import_wh,export_wh\n");
        final Path short4 = Files.writeString(tempDir.resolve("short.csv"),
            "meter_id,interval_start,interval_seconds,import_wh\n");

        assertThat(catchThrowableOfType(MeterDataException.class,
            () -> new MeterCsvReader().read(renamed, new RecordingSink())).getMessage())
            .isEqualTo("renamed.csv: line 1: header column 2 is \"timestamp\", expected interval_start (the header " +
                "must be meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel])");
        assertThat(catchThrowableOfType(MeterDataException.class,
            () -> new MeterCsvReader().read(short4, new RecordingSink())).getMessage())
            .isEqualTo("short.csv: line 1: header has 4 columns, expected 5 or 6 (the header must be " +
                "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel])");
    }

    @Test
    void readsAGzippedFile() throws IOException
    {
        final Path file = tempDir.resolve("readings.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            out.write((HEADER + "M1,1772964000,900,5,0\n").getBytes(StandardCharsets.UTF_8));
        }
        final RecordingSink sink = new RecordingSink();

        new MeterCsvReader().read(file, sink);

        assertThat(sink.readings).containsExactly(new Reading("M1", 0, T10_00, 900, 5, 0));
    }

    @Test
    void readsTheCoastalSampleBackFromCsvUnchanged() throws IOException
    {
        final RecordingSink fromXml = new RecordingSink();
        new GreenButtonReader().read(
            RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz"), fromXml);
        final StringBuilder csv = new StringBuilder(HEADER.replace("\n", ",channel\n"));
        for (final Reading r : fromXml.readings)
        {
            csv.append(r.meterId()).append(',').append(Instant.ofEpochSecond(r.start())).append(',')
                .append(r.seconds()).append(',').append(r.importWh()).append(',').append(r.exportWh()).append(',')
                .append(r.channel()).append('\n');
        }
        final Path file = Files.writeString(tempDir.resolve("coastal.csv"), csv);
        final RecordingSink fromCsv = new RecordingSink();

        final long delivered = new MeterCsvReader().read(file, fromCsv);

        assertThat(delivered).isEqualTo(8760);
        assertThat(fromCsv.readings).isEqualTo(fromXml.readings);
        assertThat(fromCsv.badRecords).isEmpty();
    }
}
