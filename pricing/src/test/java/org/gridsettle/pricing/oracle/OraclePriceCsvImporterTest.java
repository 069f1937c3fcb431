package org.gridsettle.pricing.oracle;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.stream.Stream;

import org.gridsettle.pricing.importer.ImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-written CSV files under src/test/resources/oracle; no external origin.
 */
class OraclePriceCsvImporterTest
{
    private static final long MAR_14_0100Z = 1_678_755_600L;
    private static final String MWH = OraclePriceCsvImporter.HEADER_PER_MWH + "\n";

    private final OraclePriceCsvImporter importer = new OraclePriceCsvImporter();

    /**
     * Working, 1 unit = 10^6 micro-units, so x per MWh = x * 10^6 micro/MWh, exact up to 6 decimals:
     * <pre>
     * HB_WEST   45.67   -> 45,670,000
     * HB_WEST  -12.5    -> -12,500,000  negative LMP
     * HB_WEST   0.0025  -> 2,500
     * HB_WEST   12.3456 -> 12,345,600
     * HB_NORTH  0.0015  -> 1,500
     * HB_NORTH -0.0025  -> -2,500
     * HB_NORTH  0       -> 0
     * </pre>
     */
    @Test
    void convertsPerMwhToMicrosPerMwhAndSortsNodes() throws Exception
    {
        final NavigableMap<String, OraclePriceSeries> byNode = importer.importFile(resource("prices_per_mwh.csv"));

        assertThat(byNode.keySet()).containsExactly("HB_NORTH", "HB_WEST");

        final OraclePriceSeries west = byNode.get("HB_WEST");
        assertThat(west.node()).isEqualTo("HB_WEST");
        assertThat(west.size()).isEqualTo(4);
        assertThat(west.startAt(0)).isEqualTo(MAR_14_0100Z);
        assertThat(west.secondsAt(0)).isEqualTo(900);
        assertThat(new long[]{ west.microsPerMwhAt(0), west.microsPerMwhAt(1), west.microsPerMwhAt(2),
            west.microsPerMwhAt(3) }).containsExactly(45_670_000, -12_500_000, 2_500, 12_345_600);
        assertThat(west.microsPerMwhAt(west.indexAt(MAR_14_0100Z + 900 + 450))).isEqualTo(-12_500_000);

        final OraclePriceSeries north = byNode.get("HB_NORTH");
        assertThat(new long[]{ north.microsPerMwhAt(0), north.microsPerMwhAt(1), north.microsPerMwhAt(2) })
            .containsExactly(1_500, -2_500, 0);
    }

    /**
     * Working, x per kWh = x * 10^9 micro/MWh, exact for all four (the finest has 7 decimals):
     * 0.12345 -> 123,450,000; -0.0305 -> -30,500,000; 0.0000005 -> 500; 0.0000015 -> 1,500.
     */
    @Test
    void convertsPerKwhToMicrosPerMwhWithEpochSecondStarts() throws Exception
    {
        final OraclePriceSeries n1 = importer.importFile(resource("prices_per_kwh.csv")).get("N1");

        assertThat(n1.size()).isEqualTo(4);
        assertThat(n1.startAt(0)).isEqualTo(MAR_14_0100Z);
        assertThat(n1.startAt(3)).isEqualTo(MAR_14_0100Z + 3 * 3600);
        assertThat(new long[]{ n1.microsPerMwhAt(0), n1.microsPerMwhAt(1), n1.microsPerMwhAt(2),
            n1.microsPerMwhAt(3) }).containsExactly(123_450_000, -30_500_000, 500, 1_500);
    }

    @ParameterizedTest
    @CsvSource({
        "45.67,    true,  45670000",
        "45.6789,  true,  45678900",
        "-45.6785, true,  -45678500",
        "45.67891, true,  45678910",
        "-45.6789125, true, -45678912",
        "-45.6789135, true, -45678914",
        "0.0000005,   true,  0",
        "-0.0000005,  true,  0",
        "0.0000015,   true,  2",
        "1,        false, 1000000000",
        "-0.0000000025, false, -2",
        "0.0000000035,  false, 4"
    })
    void roundsHalfEvenOnceOnlyBelowTheMicroUnit(final String price, final boolean perMwh, final long expected)
    {
        assertThat(OraclePriceCsvImporter.toMicrosPerMwh(price, perMwh, "t.csv", "line 2")).isEqualTo(expected);
    }

    @Test
    void locatesDuplicateIntervalInFileByNameAndLine()
    {
        assertThatThrownBy(() -> importer.importFile(resource("bad_duplicate.csv")))
            .isInstanceOf(ImportException.class)
            .hasMessage("bad_duplicate.csv: line 4: expected a new interval, found a duplicate of node N1 at line 2");
    }

    @Test
    void capsTheNumberOfRows()
    {
        final String csv = MWH + "A,0,60,1\nA,60,60,1\nB,0,60,1\n";
        assertThatThrownBy(() -> new OraclePriceCsvImporter(2).parse(new StringReader(csv), "t.csv"))
            .isInstanceOf(ImportException.class)
            .hasMessage("t.csv: line 4: expected at most 2 data rows");
    }

    static Stream<Arguments> badFiles()
    {
        return Stream.of(
            Arguments.of("node,interval_start,interval_seconds,price\n", "line 1: expected header " +
                OraclePriceCsvImporter.HEADER_PER_MWH + " or " + OraclePriceCsvImporter.HEADER_PER_KWH +
                ", found \"node,interval_start,interval_seconds,price\""),
            Arguments.of(MWH + "N1,0,900,NaN\n",
                "line 2: expected price_per_mwh as a decimal such as -12.5, found \"NaN\""),
            Arguments.of(MWH + "N1,0,900,1E3\n", "line 2: expected price_per_mwh as a decimal such as -12.5"),
            Arguments.of(MWH + "N1,0,900,\n", "line 2: expected price_per_mwh as a decimal such as -12.5, found \"\""),
            Arguments.of(OraclePriceCsvImporter.HEADER_PER_KWH + "\nN1,0,900,abc\n",
                "line 2: expected price_per_kwh as a decimal such as -12.5, found \"abc\""),
            Arguments.of(MWH + "N1,0,900,9999999999999999999\n",
                "line 2: expected price_per_mwh small enough for a long of micro-units per MWh"),
            Arguments.of(MWH + "N1,0,900,1\nN1,600,900,1\n", "line 3: expected a start at or after 900 (end of " +
                "the interval of node N1 at line 2), found an overlap starting at 600"),
            Arguments.of(MWH + "N1,0,900,'1'\n", "line 2: expected price_per_mwh as a decimal"));
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

    /**
     * bad_duplicate.csv: line 4 repeats line 2's interval. Skipping it keeps the other three rows; the strict
     * import of the same file stops there (locatesDuplicateIntervalInFileByNameAndLine).
     */
    @Test
    void skippingBadRowsReportsEachAtItsLineAndKeepsTheRest() throws Exception
    {
        final java.util.List<String> skipped = new java.util.ArrayList<>();
        final NavigableMap<String, OraclePriceSeries> byNode = importer.importFileSkippingBadRows(
            resource("bad_duplicate.csv"), (ex) -> skipped.add(ex.getMessage()));

        assertThat(skipped).containsExactly(
            "bad_duplicate.csv: line 4: expected a new interval, found a duplicate of node N1 at line 2");
        assertThat(byNode.values().stream().mapToInt(OraclePriceSeries::size).sum())
            .isEqualTo(java.nio.file.Files.readAllLines(resource("bad_duplicate.csv")).size() - 2);
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(OraclePriceCsvImporterTest.class.getResource("/oracle/" + name).toURI());
    }
}
