package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.CarbonCsvImporter;
import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.oracle.OraclePriceCsvImporter;
import org.junit.jupiter.api.Disabled;
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

    @Test
    @Disabled("bug: CsvLineReader blames invalid UTF-8 on the line being read when the decoder fails, but " +
        "importFile reads through a BufferedReader that decodes up to 8,192 chars ahead, so a bad byte on line " +
        "201 is reported as 'carbon.csv: line 1: expected UTF-8 text' (same for OraclePriceCsvImporter); " +
        "MeterCsvReader decodes per line and reports the right line")
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
    }

    @Test
    @Disabled("gap: CarbonCsvImporter and OraclePriceCsvImporter accept region and node names that start with " +
        "= + - @ (for example '=1+2' or '@SUM(A1)'), which MeterCsvReader refuses because spreadsheets run such " +
        "cells as formulas when a report is opened later; the names are kept verbatim as map keys")
    void formulaLookingRegionAndNodeNamesAreRefusedAsForMeterIds()
    {
        for (final String cell : new String[] {"=1+2", "@SUM(A1)", "+44", "-7"})
        {
            assertThatThrownBy(() -> new CarbonCsvImporter().parse(new StringReader(MG + cell + ",0,60,1\n"), "c.csv"))
                .as(cell).isInstanceOf(ImportException.class).hasMessageStartingWith("c.csv: line 2: ");
            assertThatThrownBy(() -> new OraclePriceCsvImporter().parse(new StringReader(MWH + cell + ",0,900,1\n"),
                "p.csv")).as(cell).isInstanceOf(ImportException.class).hasMessageStartingWith("p.csv: line 2: ");
        }
    }

    @Test
    void formulaLookingNamesAreAtLeastKeptVerbatimNeverEvaluatedOrTrimmedIntoOtherNames() throws IOException
    {
        // what the importers do today (see the disabled test above): the name is the cell, unchanged
        assertThat(new CarbonCsvImporter().parse(new StringReader(MG + "=1+2,0,60,1\n"), "c.csv")).containsOnlyKeys(
            "=1+2");
        assertThat(new OraclePriceCsvImporter().parse(new StringReader(MWH + "@SUM(A1),0,900,1\n"), "p.csv"))
            .containsOnlyKeys("@SUM(A1)");
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
    // beyond an int escaped unlocated; fixed in UrdbJsonReader.
    @Test
    void aUrdbNumberWithAnExponentBeyondAnIntIsALocatedRefusal()
    {
        assertThatThrownBy(() -> new org.gridsettle.pricing.importer.urdb.UrdbImporter().read("rate.json",
            "{\"energyratestructure\":[[{\"rate\":1e9999999991,\"unit\":\"kWh\"}]]}"))
            .isInstanceOf(org.gridsettle.pricing.importer.urdb.UrdbImportException.class)
            .hasMessageStartingWith("rate.json:");
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
