package org.gridsettle.pricing.importer;

import org.gridsettle.pricing.carbon.UkCarbonIntensityJsonImporter;
import org.gridsettle.pricing.importer.gridsettle.GridsettleTariffReader;
import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A malformed JSON file is refused in words its author can act on: Jackson's advice to its programmers (enable
 * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`, a limit's getter, "[Source: REDACTED (`StreamReadFeature...`
 * disabled)") used to end up in the one-line message of every JSON reader. The position an unclosed array opened at
 * is counted by hand in the document below.
 */
class JsonErrorTextTest
{
    @Test
    void aTruncatedCarbonResponseNamesWhereTheUnclosedArrayOpened()
    {
        // '[' of "data" is the 9th character of line 1
        final String json = "{\"data\":[\n  {\"from\":\"2023-03-14T01:00Z\",\"to\":\"2023-03-14T01:30Z\"," +
            "\"intensity\":{\"forecast\":82,\"actual\":81}}";

        assertThatThrownBy(() -> new UkCarbonIntensityJsonImporter().parse(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "uk.json", "GB"))
            .isInstanceOf(ImportException.class)
            .hasMessageEndingWith("expected well-formed JSON within limits: the file ends before the array opened " +
                "at line 1, column 9 is closed");
    }

    @Test
    void nanInAGridsettleTariffSaysJsonHasNone()
    {
        assertThatThrownBy(() -> new GridsettleTariffReader().read("t.json",
            "{\"format\": \"gridsettle-tariff/1\", \"id\": -Infinity}"))
            .isInstanceOf(ImportException.class)
            .hasMessageStartingWith("t.json: id (line 1, column ")
            .hasMessageEndingWith("): expected well-formed JSON within limits: '-Infinity' is not a JSON value: " +
                "JSON has no NaN or Infinity");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"label\": NaN}",
        "{\"label\": [1, 2",
        "{\"label\": {\"a\": 1",
        "{\"label\": +1}",
        "{\"label\": 1 // a comment\n}",
        "{\"label\": 12345678901234567890123456789012345678901234567890123456789012345678901234567890}",
        "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]",
        "{\"label\": \"unterminated",
        "{\"label\": 1,",
    })
    void noUrdbSyntaxErrorCarriesJacksonsConfigurationAdvice(final String json)
    {
        final Throwable thrown = catchThrowable(() -> new UrdbImporter().read("rate.json", json));

        assertThat(thrown).isNotNull();
        assertThat(thrown.getMessage()).startsWith("rate.json:1:")
            .doesNotContain("`", "Source:", "REDACTED", "enable", "Feature", "StreamReadConstraints", "\n");
    }

    @Test
    void messagesWithoutAdviceAreKeptAsJacksonWroteThem()
    {
        assertThat(JsonErrorText.of("Duplicate field 'rate'")).isEqualTo("Duplicate field 'rate'");
        assertThat(JsonErrorText.of("Document nesting depth (17) exceeds the maximum allowed (16, from " +
            "`StreamReadConstraints.getMaxNestingDepth()`)"))
            .isEqualTo("Document nesting depth (17) exceeds the maximum allowed (16)");
    }
}
