package org.gridsettle.pricing.carbon;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.stream.Stream;

import org.gridsettle.pricing.importer.ImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-written CSV files under src/test/resources/carbon; no external origin.
 */
class CarbonCsvImporterTest
{
    private static final long MAR_14_0100Z = 1_678_755_600L;
    private static final String MG = CarbonCsvImporter.HEADER_MG + "\n";
    private static final String G = CarbonCsvImporter.HEADER_G + "\n";

    private final CarbonCsvImporter importer = new CarbonCsvImporter();

    @Test
    void importsInterleavedRegionsIntoSortedMapWithMixedTimeFormats() throws Exception
    {
        final NavigableMap<String, CarbonIntensitySeries> byRegion = importer.importFile(resource("regions_mg.csv"));

        assertThat(byRegion.keySet()).containsExactly("LONDON", "SCOTLAND");

        final CarbonIntensitySeries london = byRegion.get("LONDON");
        assertThat(london.size()).isEqualTo(3);
        assertThat(london.startAt(0)).isEqualTo(MAR_14_0100Z);
        assertThat(london.mgPerKwhAt(0)).isEqualTo(123_456);
        // 2023-03-14T02:30:00+01:00 is 01:30Z.
        assertThat(london.startAt(1)).isEqualTo(MAR_14_0100Z + 1800);
        assertThat(london.mgPerKwhAt(1)).isEqualTo(99_000);
        // after the blank line: 03:00Z for an hour, leaving a gap 02:00Z..03:00Z
        assertThat(london.startAt(2)).isEqualTo(MAR_14_0100Z + 7200);
        assertThat(london.secondsAt(2)).isEqualTo(3600);
        assertThat(london.indexAt(MAR_14_0100Z + 3600)).isEqualTo(-1);
        assertThat(london.sourceAt(2)).isEqualTo(IntensitySource.MEASURED);

        final CarbonIntensitySeries scotland = byRegion.get("SCOTLAND");
        // Second row is epoch seconds 1678757400 = 01:30Z and a real zero.
        assertThat(scotland.startAt(1)).isEqualTo(MAR_14_0100Z + 1800);
        assertThat(scotland.mgPerKwhAt(1)).isZero();
        assertThat(scotland.isMissingAt(1)).isFalse();
    }

    @Test
    void convertsDecimalGramsToMilligramsExactly() throws Exception
    {
        // regions_g.csv has CRLF line endings: 123.456 g, 0.5 g, 1.5000 g, 81 g, 0.001 g.
        final CarbonIntensitySeries gb = importer.importFile(resource("regions_g.csv")).get("GB");

        assertThat(gb.size()).isEqualTo(5);
        assertThat(gb.mgPerKwhAt(0)).isEqualTo(123_456);
        assertThat(gb.mgPerKwhAt(1)).isEqualTo(500);
        assertThat(gb.mgPerKwhAt(2)).isEqualTo(1_500);
        assertThat(gb.mgPerKwhAt(3)).isEqualTo(81_000);
        assertThat(gb.mgPerKwhAt(4)).isEqualTo(1);
    }

    @Test
    void gramConversionRefusesAFourthDecimalInsteadOfRounding()
    {
        assertThat(CarbonCsvImporter.gramsToMg("0.1230", "f", "line 2")).isEqualTo(123);
        assertThatThrownBy(() -> CarbonCsvImporter.gramsToMg("123.4567", "f", "line 2"))
            .isInstanceOf(ImportException.class)
            .hasMessage("f: line 2: expected g_per_kwh with at most 3 decimals (whole mg), found \"123.4567\"");
        assertThatThrownBy(() -> CarbonCsvImporter.gramsToMg("0.0005", "f", "line 2"))
            .isInstanceOf(ImportException.class);
    }

    @Test
    void locatesOverlapInFileByNameAndLine()
    {
        assertThatThrownBy(() -> importer.importFile(resource("bad_overlap.csv")))
            .isInstanceOf(ImportException.class)
            .hasMessage("bad_overlap.csv: line 4: expected a start at or after 1678759200 (end of the interval of " +
                "region GB at line 3), found an overlap starting at 1678758300");
    }

    @Test
    void capsTheNumberOfRows()
    {
        final String csv = MG + "A,0,60,1\nA,60,60,1\nB,0,60,1\n";
        assertThatThrownBy(() -> new CarbonCsvImporter(2).parse(new StringReader(csv), "t.csv"))
            .isInstanceOf(ImportException.class)
            .hasMessage("t.csv: line 4: expected at most 2 data rows");
    }

    static Stream<Arguments> badFiles()
    {
        return Stream.of(
            Arguments.of("region,start,seconds,kg\n", "line 1: expected header " + CarbonCsvImporter.HEADER_MG +
                " or " + CarbonCsvImporter.HEADER_G + ", found \"region,start,seconds,kg\""),
            Arguments.of("", "line 1: expected header"),
            Arguments.of(MG + ",0,60,1\n", "line 2: expected a region name of 1 to 64 characters, found \"\""),
            Arguments.of(MG + "GB,0,60,NaN\n",
                "line 2: expected mg_per_kwh as a non-negative whole number, found \"NaN\""),
            Arguments.of(MG + "GB,0,60,-5\n", "line 2: expected mg_per_kwh as a non-negative whole number"),
            Arguments.of(MG + "GB,0,60,1.5\n", "line 2: expected mg_per_kwh as a non-negative whole number"),
            Arguments.of(MG + "GB,0,60,99999999999999999999\n",
                "line 2: expected mg_per_kwh as a non-negative whole number"),
            Arguments.of(G + "GB,0,60,1e3\n", "line 2: expected g_per_kwh as a non-negative decimal such as " +
                "123.456, found \"1e3\""),
            Arguments.of(G + "GB,0,60,Infinity\n", "line 2: expected g_per_kwh as a non-negative decimal"),
            Arguments.of(G + "GB,0,60,9999999999999999.999\n",
                "line 2: expected g_per_kwh small enough for a long of mg"),
            Arguments.of(MG + "GB,0,60,1\nXX,0,60,1\nGB,0,60,2\n",
                "line 4: expected a new interval, found a duplicate of region GB at line 2"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void refusesBadRowWithLocatedOneLineMessage(final String csv, final String expectedMessageStart)
    {
        assertThatThrownBy(() -> importer.parse(new StringReader(csv), "t.csv"))
            .isInstanceOf(ImportException.class)
            .hasMessageStartingWith("t.csv: " + expectedMessageStart)
            .hasMessageNotContaining("\n");
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(CarbonCsvImporterTest.class.getResource("/carbon/" + name).toURI());
    }
}
