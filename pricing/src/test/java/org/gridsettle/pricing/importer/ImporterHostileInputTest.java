package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.CarbonCsvImporter;
import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.oracle.OraclePriceCsvImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile input the existing importer tests did not cover: bad encodings in carbon and oracle-price files,
 * formula-looking cells in them (the meter CSV reader refuses those), UTF-32 JSON with an impossible code point, and a
 * URDB number whose exponent does not fit an int. Each must be refused with the importer's own exception naming the
 * file (and line), never accepted silently or thrown as an unlocated runtime exception. Several are bugs found by
 * {@link ImporterFuzzTest}, pinned here by disabled tests.
 */
class ImporterHostileInputTest
{
    private static final String MG = CarbonCsvImporter.HEADER_MG + "\n";
    private static final String MWH = OraclePriceCsvImporter.HEADER_PER_MWH + "\n";

    @TempDir
    Path tmp;

    @Test
    void invalidUtf8InACarbonOrPriceFileIsRefusedNotReplaced() throws IOException
    {
        final Path carbon = write("carbon.csv", MG, "GB,0,60,1\n", "G\u0000B,60,60,1\n");
        final Path prices = write("prices.csv", MWH, "N1,0,900,1\n", "N\u00001,900,900,1\n");

        assertThatThrownBy(() -> new CarbonCsvImporter().importFile(carbon)).isInstanceOf(ImportException.class)
            .hasMessageStartingWith("carbon.csv: line ").hasMessageEndingWith(": expected UTF-8 text");
        assertThatThrownBy(() -> new OraclePriceCsvImporter().importFile(prices)).isInstanceOf(ImportException.class)
            .hasMessageStartingWith("prices.csv: line ").hasMessageEndingWith(": expected UTF-8 text");
    }

    // Was a bug: importFile read through a BufferedReader that decodes up to 8,192 chars ahead, so a bad byte on line
    // 201 was reported as "carbon.csv: line 1". CsvLineReader now decodes the bytes itself, one line when it is reached.
    @Test
    void invalidUtf8IsReportedAtItsOwnLine() throws IOException
    {
        final StringBuilder good = new StringBuilder();
        for (int i = 0; i < 199; i++)
        {
            good.append("GB,").append(i * 60).append(",60,1\n");
        }
        final Path carbon = write("carbon.csv", MG, good.toString(), "G\u0000B,99999,60,1\n");

        assertThatThrownBy(() -> new CarbonCsvImporter().importFile(carbon)).isInstanceOf(ImportException.class)
            .hasMessage("carbon.csv: line 201: expected UTF-8 text");

        final StringBuilder goodPrices = new StringBuilder();
        for (int i = 0; i < 299; i++)
        {
            goodPrices.append("N1,").append(i * 900).append(",900,1\n");
        }
        final Path prices = write("prices.csv", MWH, goodPrices.toString(), "N1,999999,900,1\u0000\n");
        assertThatThrownBy(() -> new OraclePriceCsvImporter().importFile(prices)).isInstanceOf(ImportException.class)
            .hasMessage("prices.csv: line 301: expected UTF-8 text");
    }

    @Test
    void aLineLongerThanTheCapIsRefusedAsTooLongEvenWithMultiByteCharacters() throws IOException
    {
        // 3-byte characters fill the byte chunk the line decoder takes at once; the line is refused by its length
        final Path carbon = write("carbon.csv", MG, "GB,0,60,1\n", "\u20ac".repeat(5_000) + ",60,60,1\n");
        assertThatThrownBy(() -> new CarbonCsvImporter().importFile(carbon)).isInstanceOf(ImportException.class)
            .hasMessage("carbon.csv: line 3: expected at most " + CsvLineReader.MAX_LINE_CHARS + " characters per line");
    }

    // Was a gap: the names were kept verbatim, while MeterCsvReader refused formula-looking meter ids. Refused, not
    // escaped: an escaped name would no longer be the name in the file, and it becomes a key in the journal.
    @Test
    void formulaLookingRegionAndNodeNamesAreRefusedAsForMeterIds()
    {
        for (final String cell : new String[] {"=1+2", "@SUM(A1)", "+44", "-7", "\t=1", "|cmd", "'=1"})
        {
            assertThatThrownBy(() -> new CarbonCsvImporter().parse(new StringReader(MG + cell + ",0,60,1\n"), "c.csv"))
                .as(cell).isInstanceOf(ImportException.class).hasMessageStartingWith("c.csv: line 2: ");
            assertThatThrownBy(() -> new OraclePriceCsvImporter().parse(new StringReader(MWH + cell + ",0,900,1\n"),
                "p.csv")).as(cell).isInstanceOf(ImportException.class).hasMessageStartingWith("p.csv: line 2: ");
        }
        assertThatThrownBy(() -> new CarbonCsvImporter().parse(new StringReader(MG + "GB,0,60,1\n=1+2,0,60,1\n"),
            "c.csv")).hasMessage("c.csv: line 3: expected a region name starting with a letter or digit, found " +
            "\"=1+2\" (a cell starting with = + - @ runs as a formula in a spreadsheet)");
    }

    @Test
    void controlCharactersInsideANameAreRefusedAndOrdinaryNamesAccepted() throws IOException
    {
        assertThatThrownBy(() -> new OraclePriceCsvImporter().parse(new StringReader(MWH + "N\u00071,0,900,1\n"),
            "p.csv")).isInstanceOf(ImportException.class)
            // the BEL is shown escaped: shown as a space, it looked like a blank
            .hasMessage("p.csv: line 2: expected a node name without control characters, found one at character 2 " +
                "of \"N\\u00071\"");
        assertThat(new CarbonCsvImporter().parse(new StringReader(MG + "GB-SCOTLAND,0,60,1\n9z,0,60,1\n"), "c.csv"))
            .containsOnlyKeys("GB-SCOTLAND", "9z");
        assertThat(new OraclePriceCsvImporter().parse(new StringReader(MWH + "HB_NORTH,0,900,1\n"), "p.csv"))
            .containsOnlyKeys("HB_NORTH");
    }

    // Found by ImporterFuzzTest (corpus entry utf32-invalid.json): Jackson's CharConversionException escaped
    // unlocated; fixed in UkCarbonIntensityJsonImporter.parse.
    @Test
    void utf32JsonWithAnImpossibleCodePointIsALocatedImportException()
    {
        final byte[] json = {0, 0, (byte)0xFE, (byte)0xFF, 0, 0, 0, '{', 0x7F, (byte)0xFF, (byte)0xFF, (byte)0xFF, 0, 0, 0,
            '}'};
        assertThatThrownBy(() -> new UkCarbonIntensityJsonImporter().parse(new java.io.ByteArrayInputStream(json),
            "uk.json", "GB")).isInstanceOf(ImportException.class).hasMessageStartingWith("uk.json: ");
    }

    // Found by ImporterFuzzTest.urdbJson after 27,000 executions: Jackson's NumberFormatException for an exponent
    // beyond an int escaped unlocated; fixed in UrdbJsonReader. Its message then still reached the user: 'Value
    // "1e9999999991" can not be deserialized as `java.math.BigDecimal`, reason:  Exponent overflow.' It is now
    // refused in the words of any other number out of range (UrdbRefusalTest.hugeExponentsAreRefusedQuickly...).
    @Test
    void aUrdbNumberWithAnExponentBeyondAnIntIsALocatedRefusal()
    {
        for (final String number : new String[] {"1e9999999991", "1E2147483648", "0.1e-2147483648"})
        {
            assertThatThrownBy(() -> new org.gridsettle.pricing.importer.urdb.UrdbImporter().read("rate.json",
                "{\"energyratestructure\":[[{\"rate\":" + number + ",\"unit\":\"kWh\"}]]}"))
                .isInstanceOf(org.gridsettle.pricing.importer.urdb.UrdbImportException.class)
                // the column of the number's first character: {"energyratestructure":[[{"rate": is 33 characters
                .hasMessage("rate.json:1:34: unreadable URDB JSON at " +
                    "energyratestructure[0][0].rate: number " + number + " is outside the supported range (at most " +
                    "12 integer digits and 64 decimals)");
        }
    }

    // Was a bug: 1e2147483647 fits BigDecimal (scale -2147483647), but its count of integer digits, precision minus
    // scale, overflowed an int to a negative number, so the range check passed it and "settle bill" printed the bare
    // "Underflow" of an ArithmeticException from the conversion to micro-units.
    @Test
    void aUrdbNumberWithTheLargestIntExponentIsRefusedAsOutOfRange()
    {
        assertThatThrownBy(() -> new org.gridsettle.pricing.importer.urdb.UrdbImporter().read("rate.json",
            "{\"energyratestructure\":[[{\"rate\":1e2147483647,\"unit\":\"kWh\"}]]}"))
            .isInstanceOf(org.gridsettle.pricing.importer.urdb.UrdbImportException.class)
            .hasMessageContaining("energyratestructure[0][0].rate (number 1E+2147483647 is outside the supported " +
                "range (at most 12 integer digits and 64 decimals)");
    }

    // Was a bug: a carbon response starting 00 00 xx 00 passed Utf8Only, and Jackson, taking it for UCS-4 in byte
    // order 2143, failed with its own words: "expected text in a valid Unicode encoding: Unsupported UCS-4 endianness
    // (2143) detected". The same head is now refused at the start, as UTF-16 and UTF-32 are, by every reader.
    @Test
    void aCarbonResponseStartingWithTwoZeroBytesIsRefusedAsNotUtf8() throws IOException
    {
        for (final byte[] head : new byte[][] {{0, 0, '{', 0}, {0, 0, (byte)0xFF, (byte)0xFE}, {0, 0, 0, 0}})
        {
            final byte[] json = java.util.Arrays.copyOf(head, head.length + 2);
            json[head.length] = '}';
            json[head.length + 1] = '\n';
            final Path file = Files.write(tmp.resolve("uk.json"), json);

            assertThatThrownBy(() -> new UkCarbonIntensityJsonImporter().importFile(file, "GB"))
                .isInstanceOf(ImportException.class)
                .hasMessage("uk.json: line 1: expected UTF-8 text, found two zero bytes at the start (UTF-32 in an " +
                    "unusual byte order, or not text at all): save the file as UTF-8");
        }
    }

    private Path write(final String name, final String... parts) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (final String part : parts)
        {
            // U+0000 in a part stands for the invalid UTF-8 sequence C3 28 (0xC3 opens a sequence '(' cannot end)
            for (final byte b : part.getBytes(StandardCharsets.UTF_8))
            {
                if (b == 0)
                {
                    bytes.write(0xC3);
                    bytes.write(0x28);
                }
                else
                {
                    bytes.write(b);
                }
            }
        }
        final Path file = tmp.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
