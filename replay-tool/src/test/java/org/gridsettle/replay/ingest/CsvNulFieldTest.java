package org.gridsettle.replay.ingest;

import org.gridsettle.replay.ingest.RecordingSink.BadRecord;
import org.gridsettle.replay.ingest.RecordingSink.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A NUL byte next to a number in a CSV field ({@code ,\0 1800,}) was trimmed away with the blanks and the row
 * accepted; it now makes the row a bad row naming the field. Spaces and tabs around a value are still blanks. The
 * rows are hand-written; 1772964000 is 2026-03-08T10:00:00Z (see MeterCsvReaderTest).
 */
class CsvNulFieldTest
{
    private static final String HEADER = "meter_id,interval_start,interval_seconds,import_wh,export_wh\n";

    @TempDir
    Path tmp;

    @Test
    void aNulInAMeterCsvNumberMakesABadRowNamingTheField() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("usage.csv"), HEADER +
            "M1,1772964000,900,\u00001800,0\n" +
            "M1,1772964900,900, 1700\t,0\n" +
            "M1,1772965800,900,1600,0\u0000\n" +
            "M1,1772966700\u0000,900,1500,0\n");
        final RecordingSink sink = new RecordingSink();

        new MeterCsvReader().read(file, sink);

        assertThat(sink.readings).containsExactly(new Reading("M1", 0, 1772964900L, 900, 1700, 0));
        assertThat(sink.badRecords).extracting(BadRecord::problem).satisfiesExactly(
            p -> assertThat(p).isEqualTo("import_wh \"\\u00001800\" is not a whole number of Wh"),
            p -> assertThat(p).isEqualTo("export_wh \"0\\u0000\" is not a whole number of Wh"),
            p -> assertThat(p).contains("interval_start"));
    }

    @Test
    void aNulInAnEnrolmentAccountIdIsRefusedNamingTheField() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("meters.csv"), "meter_id,account_id\nM1,\u00001000\n");

        final String message = catchThrowableOfType(() -> new EnrolmentCsvReader().read(file),
            MeterDataException.class).getMessage();

        assertThat(message).isEqualTo("meters.csv: line 2: account_id \"\\u00001000\" is not a whole number");
    }
}
