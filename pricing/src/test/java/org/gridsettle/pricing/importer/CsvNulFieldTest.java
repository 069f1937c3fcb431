package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.CarbonCsvImporter;
import org.gridsettle.pricing.oracle.OraclePriceCsvImporter;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A NUL byte next to a number in a price or carbon CSV ({@code ,\0 30.5}) was trimmed away with the blanks by
 * {@link CsvLineReader#split} and the row accepted; it now fails that field, shown escaped rather than raw. Spaces and
 * tabs are still trimmed. The rows are hand-written.
 */
class CsvNulFieldTest
{
    @TempDir
    Path tmp;

    @Test
    void aNulInAnOraclePriceMakesThatRowABadRowNamingTheField() throws Exception
    {
        final String csv = OraclePriceCsvImporter.HEADER_PER_MWH + "\n" +
            "N1,0,900,\u000030.5\n" +
            "N1,900,900,\t31.5 \n";
        final List<ImportException> bad = new ArrayList<>();

        final NavigableMap<String, OraclePriceSeries> byNode = new OraclePriceCsvImporter().importFileSkippingBadRows(
            write(csv), bad::add);

        assertThat(byNode.get("N1").size()).isEqualTo(1);
        assertThat(bad).extracting(ImportException::getMessage).containsExactly(
            "prices.csv: line 2: expected price_per_mwh as a decimal such as -12.5, found \"\\u000030.5\"");
    }

    @Test
    void aNulInACarbonIntensityIsRefusedNamingTheField()
    {
        final String csv = CarbonCsvImporter.HEADER_G + "\nGB,0,1800,100\u0000\n";

        assertThatThrownBy(() -> new CarbonCsvImporter().parse(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "carbon.csv"))
            .isInstanceOf(ImportException.class)
            .hasMessage("carbon.csv: line 2: expected g_per_kwh as a non-negative decimal such as 123.456, found " +
                "\"100\\u0000\"");
    }

    private Path write(final String csv) throws Exception
    {
        return Files.writeString(tmp.resolve("prices.csv"), csv);
    }
}
