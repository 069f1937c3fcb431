package org.gridsettle.pricing.importer;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.gridsettle.pricing.interval.IntervalIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CSV rows the carbon and oracle price importers share, read with a stand-in value column (digits only). The
 * importers' own tests keep what they configure: header, value column, name column and cap.
 */
class IntervalSeriesCsvTest
{
    private static final String HEADER = "node,interval_start,interval_seconds,value\n";
    private static final IntervalSeriesCsv.ValueColumn DIGITS = (text, source, location) ->
    {
        if (!text.matches("[0-9]{1,9}"))
        {
            throw new ImportException(source, location, "expected value as digits, found " +
                ImportException.quote(text));
        }
        return Long.parseLong(text);
    };

    @Test
    void readsInterleavedSeriesIntoNameOrderSkippingBlankLines() throws IOException
    {
        final NavigableMap<String, IntervalSeriesRows> byName =
            read(1_000, HEADER + "N2,0,60,1\n\nN1,0,900,7\n  \nN2,2023-03-14T01:00Z,60,2\n", null);

        assertThat(byName.keySet()).containsExactly("N1", "N2");
        assertThat(byName.get("N1").values()).containsExactly(7);
        assertThat(byName.get("N2").starts()).containsExactly(0, 1_678_755_600L);
        assertThat(byName.get("N2").seconds()).containsExactly(60, 60);
        assertThat(byName.get("N2").values()).containsExactly(1, 2);
        assertThatThrownBy(() -> byName.put("N3", null)).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> badFiles()
    {
        return Stream.of(
            Arguments.of(HEADER, "end of input: expected at least one data row after the header"),
            Arguments.of(HEADER + "\n\n", "end of input: expected at least one data row after the header"),
            Arguments.of(HEADER + "N1,0,900\n", "line 2: expected 4 comma-separated fields, found 3"),
            Arguments.of(HEADER + "N1,0,60,1,2\n", "line 2: expected 4 comma-separated fields, found 5"),
            Arguments.of(HEADER + "N1,0,60,1\n\"N1\",60,60,1\n", "line 3: expected unquoted fields, found a '\"'"),
            Arguments.of(HEADER + "N1,0,900,\"1\"\n", "line 2: expected unquoted fields"),
            Arguments.of(HEADER + "N1,yesterday,60,1\n", "line 2: expected interval_start as an ISO-8601 instant " +
                "with offset such as 2023-03-14T01:00Z or whole epoch seconds, found \"yesterday\""),
            Arguments.of(HEADER + "N1,2023-03-14T01:00,60,1\n", "line 2: expected interval_start as an ISO-8601"),
            Arguments.of(HEADER + "N1,2023-03-14 01:00,900,1\n", "line 2: expected interval_start as an ISO-8601 " +
                "instant with offset such as 2023-03-14T01:00Z or whole epoch seconds, found \"2023-03-14 01:00\""),
            Arguments.of(HEADER + "N1,2023-03-14T01:00:00.5Z,60,1\n",
                "line 2: expected interval_start on a whole second, found \"2023-03-14T01:00:00.5Z\""),
            Arguments.of(HEADER + "N1,99999999999999999999,60,1\n",
                "line 2: expected interval_start as epoch seconds within range of a long, found " +
                "\"99999999999999999999\""),
            Arguments.of(HEADER + "N1,0,0,1\n", "line 2: expected interval_seconds as a whole number from 1 to " +
                "2147483647, found \"0\""),
            Arguments.of(HEADER + "N1,0,-900,1\n", "line 2: expected interval_seconds as a whole number from 1 to " +
                "2147483647, found \"-900\""),
            Arguments.of(HEADER + "N1,0,1.5,1\n", "line 2: expected interval_seconds as a whole number"),
            Arguments.of(HEADER + "N1,0,2147483648,1\n", "line 2: expected interval_seconds as a whole number"),
            Arguments.of(HEADER + "N1,0,60,x\n", "line 2: expected value as digits, found \"x\""),
            Arguments.of(HEADER + "N1,900,900,1\nN1,0,900,1\n", "line 3: expected intervals in increasing time " +
                "order, found a start before the interval of node N1 at line 2"),
            Arguments.of(HEADER + "N1," + (Long.MAX_VALUE - 10) + ",60,1\n",
                "line 2: expected an interval whose end fits in epoch seconds"),
            Arguments.of(HEADER + "N1,0,60,1\n" + "x".repeat(5000) + "\n",
                "line 3: expected at most 4096 characters per line"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void refusesBadRowWithLocatedOneLineMessage(final String csv, final String expectedMessageStart)
    {
        assertThatThrownBy(() -> read(1_000, csv, null))
            .isInstanceOf(ImportException.class)
            .hasMessageStartingWith("t.csv: " + expectedMessageStart)
            .hasMessageNotContaining("\n");
    }

    /**
     * A skipped row counts towards nothing and leaves its series as it was; the cap counts the rows kept and stops
     * the read at the first line past it, good or bad.
     */
    @Test
    void skipsBadRowsWithoutTouchingTheirSeriesAndCapsTheRowsKept() throws IOException
    {
        final List<String> skipped = new ArrayList<>();
        final String csv = HEADER + "N1,0,60,1\nN1,0,60,2\nN1,30,60,3\nN1,60,60,x\nN1,60,60,4\n";

        final NavigableMap<String, IntervalSeriesRows> byName = read(2, csv, (ex) -> skipped.add(ex.getMessage()));

        assertThat(skipped).containsExactly(
            "t.csv: line 3: expected a new interval, found a duplicate of node N1 at line 2",
            "t.csv: line 4: expected a start at or after 60 (end of the interval of node N1 at line 2), found an " +
                "overlap starting at 30",
            "t.csv: line 5: expected value as digits, found \"x\"");
        assertThat(byName.get("N1").values()).containsExactly(1, 4);
        assertThatThrownBy(() -> read(2, csv + "N1,120,60,5\n", (ex) -> { }))
            .isInstanceOf(ImportException.class)
            .hasMessage("t.csv: line 7: expected at most 2 data rows");
        // a file of rows, every one bad: saying a row is missing after the header would send its reader looking
        // for one; it says they were bad, each reported on its own
        assertThatThrownBy(() -> read(2, HEADER + "N1,0,60,x\n", (ex) -> { }))
            .hasMessage("t.csv: end of input: expected at least one good data row, found 1 bad one (each " +
                "reported): nothing to publish");
        assertThatThrownBy(() -> read(2, HEADER + "N1,0,60,x\nN1,60,60,y\n", (ex) -> { }))
            .hasMessage("t.csv: end of input: expected at least one good data row, found 2 bad ones (each " +
                "reported): nothing to publish");
    }

    @Test
    void refusesACapOutsideWhatASeriesMayHold()
    {
        assertThatThrownBy(() -> new IntervalSeriesCsv("node", 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxRows out of 1.." + IntervalIndex.MAX_INTERVALS + ": 0");
        assertThatThrownBy(() -> new IntervalSeriesCsv("node", IntervalIndex.MAX_INTERVALS + 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static NavigableMap<String, IntervalSeriesRows> read(
        final int maxRows, final String csv, final Consumer<ImportException> badRow) throws IOException
    {
        final CsvLineReader lines = new CsvLineReader(new StringReader(csv), "t.csv");
        lines.next();
        return new IntervalSeriesCsv("node", maxRows).read(lines, "t.csv", DIGITS, badRow, (name, rows) -> rows);
    }
}
