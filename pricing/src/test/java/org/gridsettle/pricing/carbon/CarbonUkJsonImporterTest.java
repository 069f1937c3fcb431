package org.gridsettle.pricing.carbon;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.gridsettle.pricing.importer.ImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarbonUkJsonImporterTest
{
    private static final long MAR_14_0100Z = 1_678_755_600L;
    private static final String VALUE_EXPECTED = "expected an integer gCO2/kWh from 0 to 9223372036854775 or null";

    private final UkCarbonIntensityJsonImporter importer = new UkCarbonIntensityJsonImporter();

    /**
     * carbon_uk_national_pt24h_2023-03-15T0101Z.json is the real file from nmpowell/carbon-intensity-forecast-tracking,
     * data/national_pt24h/2023-03-15T0101Z.json (data from the NESO Carbon Intensity API; MIT, data CC BY 4.0), copied
     * unchanged from /work/shared/data. Numbers below were read off the file by hand: 48 half-hours from
     * 2023-03-14T01:00Z to 2023-03-15T01:00Z, and not one "actual" is null, so no interval falls back to forecast.
     */
    @Test
    void importsRealUkNationalSample() throws Exception
    {
        final CarbonIntensitySeries series = importer.importFile(
            resource("carbon_uk_national_pt24h_2023-03-15T0101Z.json"), "GB");

        assertThat(series.region()).isEqualTo("GB");
        assertThat(series.size()).isEqualTo(48);

        // data[0]: from 2023-03-14T01:00Z to 01:30Z, forecast 82, actual 81 -> 81 * 1000 mg.
        assertThat(series.startAt(0)).isEqualTo(MAR_14_0100Z);
        assertThat(series.secondsAt(0)).isEqualTo(1800);
        assertThat(series.endAt(0)).isEqualTo(MAR_14_0100Z + 1800);
        assertThat(series.mgPerKwhAt(0)).isEqualTo(81_000);

        // data[13]: 07:30Z, forecast 95, actual 114: actual wins even when the forecast is lower.
        assertThat(series.startAt(13)).isEqualTo(MAR_14_0100Z + 13 * 1800);
        assertThat(series.mgPerKwhAt(13)).isEqualTo(114_000);
        // data[35]: 18:30Z, forecast 188, actual 202.
        assertThat(series.mgPerKwhAt(series.indexAt(MAR_14_0100Z + 35 * 1800 + 900))).isEqualTo(202_000);

        // data[47]: 2023-03-15T00:30Z to 01:00Z, actual 182.
        assertThat(series.startAt(47)).isEqualTo(1_678_840_200L);
        assertThat(series.endAt(47)).isEqualTo(1_678_842_000L);
        assertThat(series.mgPerKwhAt(47)).isEqualTo(182_000);

        long sumMg = 0;
        for (int i = 0; i < series.size(); i++)
        {
            assertThat(series.sourceAt(i)).as("source of data[%d]", i).isEqualTo(IntensitySource.ACTUAL);
            if (i > 0)
            {
                assertThat(series.startAt(i)).as("data[%d] contiguous", i).isEqualTo(series.endAt(i - 1));
            }
            sumMg += series.mgPerKwhAt(i);
        }
        // Sum of the 48 "actual" values in the file is 6265 g (forecasts sum to 6117).
        assertThat(sumMg).isEqualTo(6_265_000L);
    }

    @Test
    void fallsBackToForecastAndKeepsBothNullAsMissingNotZero() throws Exception
    {
        final CarbonIntensitySeries series = importer.importFile(resource("uk_fallback.json"), "GB");

        assertThat(series.size()).isEqualTo(5);
        assertThat(series.sourceAt(0)).isEqualTo(IntensitySource.ACTUAL);
        assertThat(series.mgPerKwhAt(0)).isEqualTo(81_000);
        // actual null -> forecast 150
        assertThat(series.sourceAt(1)).isEqualTo(IntensitySource.FORECAST);
        assertThat(series.mgPerKwhAt(1)).isEqualTo(150_000);
        // actual absent -> forecast 140
        assertThat(series.sourceAt(2)).isEqualTo(IntensitySource.FORECAST);
        assertThat(series.mgPerKwhAt(2)).isEqualTo(140_000);
        // both null -> missing, not zero
        assertThat(series.sourceAt(3)).isEqualTo(IntensitySource.MISSING);
        assertThat(series.mgPerKwhAt(3)).isEqualTo(CarbonIntensitySeries.MISSING);
        assertThat(MissingIntensityPolicy.reject().intensityAt(series.startAt(3), series))
            .isEqualTo(CarbonIntensitySeries.MISSING);
        // an actual of 0 is a real zero and beats a forecast of 12
        assertThat(series.sourceAt(4)).isEqualTo(IntensitySource.ACTUAL);
        assertThat(series.mgPerKwhAt(4)).isZero();
    }

    @Test
    void locatesWrongTypeInFileByNameJsonPathLineAndColumn()
    {
        assertThatThrownBy(() -> importer.importFile(resource("uk_bad_string_actual.json"), "GB"))
            .isInstanceOf(ImportException.class)
            .hasMessage("uk_bad_string_actual.json: data[1].intensity.actual (line 6, column 48): " +
                VALUE_EXPECTED + ", found a string");
    }

    @Test
    void capsTheNumberOfIntervals() throws Exception
    {
        final String json = "{\"data\":[" + interval("01:00", "01:30", "1", "1") + "," +
            interval("01:30", "02:00", "1", "1") + "," + interval("02:00", "02:30", "1", "1") + "]}";
        assertThatThrownBy(() -> parse(new UkCarbonIntensityJsonImporter(2), json))
            .isInstanceOf(ImportException.class)
            .hasMessage("t.json: data[2]: expected at most 2 intervals");
        assertThat(parse(new UkCarbonIntensityJsonImporter(3), json).size()).isEqualTo(3);
    }

    @Test
    void refusesDeepNestingEvenInFieldsItWouldSkip()
    {
        final String deep = "[".repeat(100) + "]".repeat(100);
        final String json = "{\"data\":[" + interval("01:00", "01:30", "1", "1") + "],\"extra\":" + deep + "}";
        assertThatThrownBy(() -> parse(importer, json))
            .isInstanceOf(ImportException.class)
            .hasMessageStartingWith("t.json: extra")
            .hasMessageContaining("nesting depth")
            .hasMessageNotContaining("\n");
    }

    static Stream<Arguments> badDocuments()
    {
        final String ok0 = interval("01:00", "01:30", "81", "82");
        return Stream.of(
            Arguments.of("{\"data\":[" + interval("01:00", "01:30", "81.5", "82") + "]}",
                "data[0].intensity.actual (line 1, column 85): " + VALUE_EXPECTED + ", found a decimal number"),
            Arguments.of("{\"data\":[" + interval("01:00", "01:30", "NaN", "82") + "]}",
                "data[0].intensity.actual (line 1, column 88): expected well-formed JSON within limits: " +
                "'NaN' is not a JSON value: JSON has no NaN or Infinity"),
            Arguments.of("{\"data\":[" + interval("01:00", "01:30", "-1", "82") + "]}",
                "data[0].intensity.actual (line 1, column 85): " + VALUE_EXPECTED + ", found -1"),
            Arguments.of("{\"data\":[" + interval("01:00", "01:30", "99999999999999999999", "82") + "]}",
                "data[0].intensity.actual (line 1, column 85): " + VALUE_EXPECTED +
                ", found \"99999999999999999999\""),
            Arguments.of("{\"data\":[" + interval("01:00", "01:30", "9223372036854776", "82") + "]}",
                "data[0].intensity.actual (line 1, column 85): " + VALUE_EXPECTED + ", found 9223372036854776"),
            Arguments.of("{\"data\":[" + interval("01:00", "01:30", "null", "true") + "]}",
                "data[0].intensity.forecast (line 1, column 101): " + VALUE_EXPECTED + ", found a boolean"),
            Arguments.of("{\"data\":[{\"from\":1678755600,\"to\":\"2023-03-14T01:30Z\",\"intensity\":{}}]}",
                "data[0].from (line 1, column 18): expected a string holding an ISO-8601 instant with offset " +
                "such as 2023-03-14T01:00Z, found an integer"),
            Arguments.of("{\"data\":[{\"from\":\"2023-03-14T01:00\",\"to\":\"2023-03-14T01:30Z\",\"intensity\":{}}]}",
                "data[0].from (line 1, column 18): expected an ISO-8601 instant with offset such as " +
                "2023-03-14T01:00Z, found \"2023-03-14T01:00\""),
            Arguments.of("{\"data\":[" + interval("01:30", "01:30", "81", "82") + "]}",
                "data[0].to: expected \"to\" after \"from\" by at most 2147483647 seconds, found 1678757400 to " +
                "1678757400"),
            Arguments.of("{\"data\":[{\"from\":\"2023-03-14T01:00Z\",\"intensity\":{}}]}",
                "data[0]: expected fields \"from\", \"to\" and \"intensity\", missing \"to\""),
            Arguments.of("{\"data\":[{\"from\":\"2023-03-14T01:00Z\",\"to\":\"2023-03-14T01:30Z\",\"intensity\":7}]}",
                "data[0].intensity (line 1, column 75): expected an object with actual and forecast, " +
                "found an integer"),
            Arguments.of("{\"data\":[" + ok0 + "," + interval("01:00", "01:30", "70", "70") + "]}",
                "data[1].from: expected a new interval, found a duplicate of region GB at data[0].from"),
            Arguments.of("{\"data\":[" + ok0 + "," + interval("00:30", "01:00", "70", "70") + "]}",
                "data[1].from: expected intervals in increasing time order, found a start before the interval " +
                "of region GB at data[0].from"),
            Arguments.of("{\"data\":[" + ok0 + "," + interval("01:15", "01:45", "70", "70") + "]}",
                "data[1].from: expected a start at or after 1678757400 (end of the interval of region GB at " +
                "data[0].from), found an overlap starting at 1678756500"),
            Arguments.of("{\"data\":[{\"from\":\"2023-03-14T01:00Z\",\"to\":\"2023-03-14T01:30Z\"," +
                "\"intensity\":{\"actual\":1,\"actual\":2}}]}",
                "data[0].intensity.actual (line 1, column 95): expected well-formed JSON within limits: " +
                "Duplicate field 'actual'"),
            Arguments.of("[]", "$ (line 1, column 1): expected a JSON object at the root, found an array"),
            Arguments.of("{\"items\":[]}", "data: expected a field \"data\" holding an array of intervals"),
            Arguments.of("{\"data\":[]}", "data: expected at least one interval, found an empty array"),
            Arguments.of("{\"data\":{}}", "data (line 1, column 9): expected an array of intervals, found an object"),
            Arguments.of("{\"data\":[7]}", "data[0] (line 1, column 10): expected an interval object, found an integer"),
            Arguments.of("{\"data\":[" + ok0 + "]} {}",
                "$ (line 1, column 120): expected end of input after the root object, found an object"),
            Arguments.of("{\"data\":[" + ok0, "data[0] (line 1, column 117): expected well-formed JSON within limits: " +
                "the file ends before the array opened at line 1, column 9 is closed"));
    }

    @ParameterizedTest
    @MethodSource("badDocuments")
    void refusesBadDocumentWithLocatedOneLineMessage(final String json, final String expectedMessageStart)
    {
        assertThatThrownBy(() -> parse(importer, json))
            .isInstanceOf(ImportException.class)
            .hasMessageStartingWith("t.json: " + expectedMessageStart)
            .hasMessageNotContaining("\n");
    }

    private static String interval(final String from, final String to, final String actual, final String forecast)
    {
        return "{\"from\":\"2023-03-14T" + from + "Z\",\"to\":\"2023-03-14T" + to + "Z\",\"intensity\":{" +
            "\"actual\":" + actual + ",\"forecast\":" + forecast + ",\"index\":\"low\"}}";
    }

    private static CarbonIntensitySeries parse(final UkCarbonIntensityJsonImporter importer, final String json)
        throws Exception
    {
        return importer.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json", "GB");
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(CarbonUkJsonImporterTest.class.getResource("/carbon/" + name).toURI());
    }
}
