package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The pieces {@code settle ingest} adds around the readers: the enrolment file, meter-id mapping, format detection
 * and bad-row kinds. Every file here is hand-written in the test.
 */
class EnrolmentAndFormatTest
{
    @TempDir
    Path tmp;

    @Test
    void enrolmentRowsAreNumberedInFileOrderFromOne() throws IOException
    {
        final Path file = write("meters.csv", "meter_id,account_id,programs\n" +
            "b-meter,1001,net_metering\n\n\"a,meter\",1001,\nc,2000,net_metering;demand_response\n");

        final List<Enrolment> enrolments = new EnrolmentCsvReader().read(file);

        assertThat(enrolments).containsExactly(
            new Enrolment("b-meter", 1, 1001, MeterEnrolmentCodec.PROGRAM_NET_METERING),
            new Enrolment("a,meter", 2, 1001, 0),
            new Enrolment("c", 3, 2000,
                MeterEnrolmentCodec.PROGRAM_NET_METERING | MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE));
    }

    @Test
    void anyBadEnrolmentRowIsFatalWithItsLine() throws IOException
    {
        assertThat(problem("meter_id,account_id\nm1,1001\nm1,1002\n"))
            .isEqualTo("meters.csv: line 3: meter_id \"m1\" is enrolled twice; one meter bills to one account");
        assertThat(problem("meter_id,account_id\nm1,abc\n"))
            .isEqualTo("meters.csv: line 2: account_id \"abc\" is not a whole number");
        assertThat(problem("meter_id,account_id,programs\nm1,1001,solar\n"))
            .startsWith("meters.csv: line 2: program \"solar\" is unknown");
        assertThat(problem("meter,account\nm1,1001\n"))
            .isEqualTo("meters.csv: line 1: header \"meter,account\", expected " +
                "meter_id,account_id[,programs[,pricing_node[,import_limit_kw[,export_limit_kw]]]]");
        assertThat(problem("meter_id,account_id\n"))
            .startsWith("meters.csv: line 1: no meters enrolled");
    }

    @Test
    void aUsageFileGivenAsTheEnrolmentFileIsSaidToBeOne() throws IOException
    {
        // --meters and --usage swapped: the header was quoted cut at 40 characters, "meter_id,interval_start,
        // interval_seconds...", with the enrolment header expected, and no word that the file was a usage file
        assertThat(problem("meter_id,interval_start,interval_seconds,import_wh,export_wh\nM1,1772964000,900,5,0\n"))
            .isEqualTo("meters.csv: line 1: header column 2 is \"interval_start\", expected account_id: this is a " +
                "meter usage CSV, which --usage takes; --meters takes the enrolment CSV " +
                "meter_id,account_id[,programs[,pricing_node[,import_limit_kw[,export_limit_kw]]]]");
        assertThat(problem("meter_id,account,programs\nm1,1001,\n"))
            .isEqualTo("meters.csv: line 1: header column 2 is \"account\", expected account_id (the header must " +
                "be meter_id,account_id[,programs[,pricing_node[,import_limit_kw[,export_limit_kw]]]])");
    }

    @Test
    void readingLimitsAreReadInKilowattsToWholeWatts() throws IOException
    {
        // a 200 A, 240 V residential service is 48 kW; a 7.6 kW inverter exports at most 7,600 W
        final Path file = write("meters.csv", "meter_id,account_id,programs,pricing_node,import_limit_kw," +
            "export_limit_kw\nm1,1001,,,48,7.6\nm2,1001,,,,\nm3,1001,,,0.001,\n");
        assertThat(new EnrolmentCsvReader().read(file)).containsExactly(
            new Enrolment("m1", 1, 1001, 0, null, 48_000, 7_600),
            new Enrolment("m2", 2, 1001, 0, null, 0, 0),
            new Enrolment("m3", 3, 1001, 0, null, 1, 0));
        final Path importOnly = write("import.csv", "meter_id,account_id,programs,pricing_node,import_limit_kw\n" +
            "m1,1001,,,12.5\n");
        assertThat(new EnrolmentCsvReader().read(importOnly).get(0).importLimitW()).isEqualTo(12_500);
    }

    @Test
    void aBadReadingLimitIsFatalWithItsLine() throws IOException
    {
        final String header = "meter_id,account_id,programs,pricing_node,import_limit_kw\n";
        assertThat(problem(header + "m1,1001,,,lots\n"))
            .isEqualTo("meters.csv: line 2: import_limit_kw \"lots\" is not a number of kW (digits with an optional " +
                "decimal point, such as 7.6)");
        assertThat(problem(header + "m1,1001,,,0\n"))
            .isEqualTo("meters.csv: line 2: import_limit_kw \"0\" is not above 0; leave it empty for no limit");
        assertThat(problem(header + "m1,1001,,,1.0005\n"))
            .isEqualTo("meters.csv: line 2: import_limit_kw \"1.0005\" has more than 3 decimals; the limit is kept " +
                "in whole watts");
        assertThat(problem(header + "m1,1001,,,2147484\n"))
            .isEqualTo("meters.csv: line 2: import_limit_kw \"2147484\" is above the largest limit, 2147483.647 kW");
        // an exponent at the edge of BigDecimal's scale once overflowed to a bare "Overflow"; exponents, and digits
        // other than ASCII ones (Arabic-Indic five here), are now refused as the other decimal importers refuse them
        for (final String notPlain : new String[] {"1E+2147483647", "1e3", "\u0665", "0x10", "5,0"})
        {
            assertThat(problem(header + "m1,1001,,,\"" + notPlain + "\"\n")).as(notPlain)
                .startsWith("meters.csv: line 2: import_limit_kw ").endsWith(" is not a number of kW (digits with an " +
                    "optional decimal point, such as 7.6)");
        }
        assertThat(new EnrolmentCsvReader().read(write("plus.csv", header + "m1,1001,,,+7.\n")).get(0).importLimitW())
            .isEqualTo(7_000);
        assertThat(problem("meter_id,account_id,programs,pricing_node,import_limit_kw,export_limit_kw\n" +
            "m1,1001,,,,-3\n")).isEqualTo("meters.csv: line 2: export_limit_kw \"-3\" is not above 0; leave it empty " +
            "for no limit");
    }

    @Test
    void unknownMetersGetNegativeIdsInOrderOfFirstAppearance()
    {
        final MeterIdMap map = new MeterIdMap(List.of(new Enrolment("x", 1, 1001, 0), new Enrolment("y", 2, 1001, 0)));

        assertThat(List.of(map.idOf("y"), map.idOf("q"), map.idOf("x"), map.idOf("r"), map.idOf("q")))
            .containsExactly(2L, -1L, 1L, -2L, -1L);
        assertThat(map.unknownMeters()).containsExactly("q", "r");
    }

    @Test
    void formatsAreDetectedByContentThenByName() throws IOException
    {
        assertThat(UsageFormat.detect(RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz")))
            .isEqualTo(UsageFormat.GREENBUTTON);
        assertThat(UsageFormat.detect(RecordingSink.resource("meter_readings_bad_row_middle.csv")))
            .isEqualTo(UsageFormat.CSV);
        // content wins over a misleading name, gzipped or not
        final Path renamed = tmp.resolve("export.dat");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(renamed)))
        {
            out.write("\uFEFFmeter_id,interval_start,interval_seconds,import_wh,export_wh\n".getBytes("UTF-8"));
        }
        assertThat(UsageFormat.detect(renamed)).isEqualTo(UsageFormat.CSV);
        // a broken .xml is still handed to the Green Button reader, which can say what is wrong with it
        assertThat(UsageFormat.detect(write("broken.xml", "garbage"))).isEqualTo(UsageFormat.GREENBUTTON);
        final MeterDataException unknown = catchThrowableOfType(
            () -> UsageFormat.detect(write("notes.txt", "hello\n")), MeterDataException.class);
        assertThat(unknown.getMessage()).startsWith("notes.txt: start of file: cannot tell the format");
    }

    @Test
    void badRowKindsElideValuesButKeepTheSentence()
    {
        final List<String> lines = new ArrayList<>();
        final BadRowTally tally = new BadRowTally(lines::add);

        tally.record("a.csv", "line 4", "import_wh \"twelve\" is not a whole number of Wh");
        tally.record("a.csv", "line 9", "import_wh \"12.5\" is not a whole number of Wh");
        tally.record("b.csv", "line 2", "channel 256, expected 0 to 255");

        assertThat(lines).containsExactly(
            "a.csv: line 4: import_wh \"twelve\" is not a whole number of Wh",
            "a.csv: line 9: import_wh \"12.5\" is not a whole number of Wh",
            "b.csv: line 2: channel 256, expected 0 to 255");
        assertThat(tally.count()).isEqualTo(3);
        assertThat(tally.byKind()).containsExactly(
            org.assertj.core.api.Assertions.entry("channel N, expected N to N", 1L),
            org.assertj.core.api.Assertions.entry("import_wh \"...\" is not a whole number of Wh", 2L));
        // digits inside a word, a date or "64-bit" are part of the sentence
        assertThat(BadRowTally.kindOf("value 9 x 10^3 Wh does not fit a 64-bit count, e.g. 2026-03-08T10:00:00Z"))
            .isEqualTo("value N x 10^3 Wh does not fit a 64-bit count, e.g. 2026-03-08T10:00:00Z");
    }

    private String problem(final String text) throws IOException
    {
        final Path file = write("meters.csv", text);
        return catchThrowableOfType(() -> new EnrolmentCsvReader().read(file), MeterDataException.class).getMessage();
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
