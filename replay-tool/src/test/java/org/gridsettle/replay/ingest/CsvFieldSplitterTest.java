package org.gridsettle.replay.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The splitting rules of {@link CsvFieldSplitter} one at a time (RFC 4180 with its quoting; fields never span lines),
 * kept as they were when the unquoted fields became substrings of the line instead of characters appended one by one.
 */
class CsvFieldSplitterTest
{
    private final List<String> fields = new ArrayList<>();

    @Test
    void unquotedFieldsAreTheTextBetweenCommasEmptyOnesIncluded()
    {
        assertThat(CsvFieldSplitter.split("M-1,1772323200,900,350,0", fields)).isNull();
        assertThat(fields).containsExactly("M-1", "1772323200", "900", "350", "0");

        assertThat(CsvFieldSplitter.split(",a,,b,", fields)).isNull();
        assertThat(fields).containsExactly("", "a", "", "b", "");

        assertThat(CsvFieldSplitter.split("", fields)).isNull();
        assertThat(fields).containsExactly("");

        assertThat(CsvFieldSplitter.split(" M-1 , 900", fields)).as("blanks are the reader's to trim").isNull();
        assertThat(fields).containsExactly(" M-1 ", " 900");
    }

    @Test
    void quotedFieldsHoldCommasAndDoubledQuotesAndMayBeFollowedBySpaces()
    {
        assertThat(CsvFieldSplitter.split("\"M,1\",\"say \"\"hi\"\"\",\"\"  ,x", fields)).isNull();
        assertThat(fields).containsExactly("M,1", "say \"hi\"", "", "x");

        assertThat(CsvFieldSplitter.split("a,\"b\"", fields)).isNull();
        assertThat(fields).containsExactly("a", "b");
    }

    @Test
    void aQuoteOutOfPlaceIsAProblemNamingTheField()
    {
        assertThat(CsvFieldSplitter.split("a,b\"c,d", fields))
            .isEqualTo("field 2 has a quote inside an unquoted value");
        assertThat(CsvFieldSplitter.split("a,\"b,c", fields))
            .isEqualTo("field 2 opens a quote that is not closed on this line");
        assertThat(CsvFieldSplitter.split("\"a\" b,c", fields))
            .isEqualTo("field 1 has text after its closing quote");
    }
}
