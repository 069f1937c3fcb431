package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Broken tariff files: each is refused with one line naming the file, the JSON path with line and column, and what
 * was expected. {@link #VALID} is a small valid tariff; each test breaks one thing in it, so line numbers below are
 * its line numbers (1-based).
 */
class GridsettleBadFilesTest
{
    private static final String VALID = String.join("\n",
        "{",                                                                               // 1
        "  \"format\": \"gridsettle-tariff/1\",",                                          // 2
        "  \"id\": 1,",                                                                    // 3
        "  \"version\": 1,",                                                               // 4
        "  \"effective_from\": \"2024-01-01T00:00\",",                                     // 5
        "  \"zone\": \"America/Los_Angeles\",",                                            // 6
        "  \"currency\": \"USD\",",                                                        // 7
        "  \"export_token\": \"SOLAR\",",                                                  // 8
        "  \"periods\": [",                                                                // 9
        "    {\"name\": \"off-peak\", \"import\": \"0.10\", \"export\": \"0.05\"},",       // 10
        "    {\"name\": \"peak\", \"import\": \"0.30\", \"export\": \"0.08\"}",            // 11
        "  ],",                                                                            // 12
        "  \"schedule\": {",                                                               // 13
        "    \"default_period\": \"off-peak\",",                                           // 14
        "    \"seasons\": [",                                                              // 15
        "      {\"months\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],",                     // 16
        "       \"weekday\": {\"windows\": [{\"from\": \"16:00\", \"to\": \"21:00\", \"period\": \"peak\"}]},", // 17
        "       \"weekend\": {}}",                                                         // 18
        "    ]",                                                                           // 19
        "  },",                                                                            // 20
        "  \"fixed_charges\": {\"per_day\": \"0.33\"}",                                    // 21
        "}",                                                                               // 22
        "");

    @TempDir
    Path tmp;

    @Test
    void theBaseDocumentIsValid()
    {
        final TouTariff tariff = new GridsettleTariffReader().read("t.json", VALID);

        assertThat(tariff.periodCount()).isEqualTo(2);
        assertThat(tariff.fixedMicrosPerDay()).isEqualTo(330_000L);
    }

    @Test
    void anUnknownFieldIsRefusedAtItsOwnLine()
    {
        assertThat(refusal(VALID.replace("\"per_day\"", "\"per_dya\"")))
            .isEqualTo("t.json: fixed_charges.per_dya (line 21, column 32): unknown field \"per_dya\"; expected " +
                "one of [per_day, per_month]");
    }

    @Test
    void overlappingWindowsAreRefusedNamingBoth()
    {
        final String overlapping = VALID.replace("\"period\": \"peak\"}]",
            "\"period\": \"peak\"}, {\"from\": \"20:00\", \"to\": \"22:00\", \"period\": \"off-peak\"}]");

        assertThat(refusal(overlapping)).startsWith(
            "t.json: schedule.seasons[0].weekday.windows[1] (line 17, column ")
            .endsWith("expected windows that do not overlap; 20:00-22:00 at schedule.seasons[0].weekday.windows[1] " +
                "overlaps 16:00-21:00 at schedule.seasons[0].weekday.windows[0] at 20:00");
    }

    @Test
    void aPeriodNameWithAnAccentIsRefusedAtItsLineNotJournalledWithAQuestionMark()
    {
        // the journal holds names as ASCII: "Económica" used to be journalled, replayed and billed as "Econ?mica"
        final String accented = VALID.replace("\"off-peak\"", "\"Económica\"");
        assertThat(refusal(accented)).isEqualTo("t.json: periods[0].name (line 10, column 14): expected a unique " +
            "period name of 1..32 printable ASCII characters, found the string \"Económica\"");
    }

    @Test
    void aRateOfSevenDecimalsIsRefusedNotRounded()
    {
        assertThat(refusal(VALID.replace("\"0.30\"", "\"0.1234567\"")))
            .isEqualTo("t.json: periods[1].import (line 11, column 32): expected an import rate in currency per kWh " +
                "with at most 6 decimals (exact to a micro-unit, never rounded), found 0.1234567");
    }

    @Test
    void aRateAsAJsonNumberIsRefused()
    {
        assertThat(refusal(VALID.replace("\"0.30\"", "0.30")))
            .startsWith("t.json: periods[1].import (line 11, column 32): expected an import rate in currency per " +
                "kWh as a decimal string such as \"0.3620\"");
    }

    @Test
    void aMisspeltZoneIsRefused()
    {
        assertThat(refusal(VALID.replace("America/Los_Angeles", "America/Los_Angles")))
            .isEqualTo("t.json: zone (line 6, column 11): expected an IANA time zone such as " +
                "\"America/Los_Angeles\", found \"America/Los_Angles\"");
    }

    @Test
    void aWindowNamingAnUndefinedPeriodIsRefused()
    {
        assertThat(refusal(VALID.replace("\"period\": \"peak\"", "\"period\": \"mid-peak\"")))
            .startsWith("t.json: schedule.seasons[0].weekday.windows[0].period (line 17, column ")
            .endsWith("expected the name of a period defined in \"periods\", one of [off-peak, peak], found the " +
                "string \"mid-peak\"");
    }

    @Test
    void aMissingPeriodsBlockIsRefused()
    {
        final String noPeriods = VALID.replaceAll("(?s)  \"periods\": \\[.*?\\],\n", "");

        assertThat(refusal(noPeriods)).isEqualTo("t.json: (root) (line 1, column 1): missing field \"periods\": " +
            "expected a list of periods {\"name\", \"import\", \"export\"}");
    }

    @Test
    void aDayNotCoveredByWindowsOrADefaultIsRefused()
    {
        // without line 14 the weekday object moves up to line 16
        assertThat(refusal(VALID.replace("    \"default_period\": \"off-peak\",\n", "")))
            .isEqualTo("t.json: schedule.seasons[0].weekday (line 16, column 19): expected every minute of the day " +
                "covered by a window or a default period; 00:00-16:00 is in no window and neither this day's " +
                "\"default\" nor the schedule's \"default_period\" is given");
    }

    @Test
    void aMonthInNoSeasonIsRefused()
    {
        assertThat(refusal(VALID.replace(", 11, 12]", "]")))
            .isEqualTo("t.json: schedule.seasons (line 15, column 16): expected every month 1..12 in exactly one " +
                "season; months [11, 12] are in none");
    }

    @Test
    void aHigherTierExportRateThatWouldNeverBePaidIsRefused()
    {
        // tiers count imports only and every export earns the period's rate: before, peak's tier 2 export 0.12 was
        // read into the tier table and exports were still credited at 0.08 (settle bill of such a tariff showed
        // every export_credit line at the period's rate)
        final String tiered = VALID.replace("\"fixed_charges\"", "\"tiers\": {\"basis\": \"billing_period\", " +
            "\"limits_kwh\": [\"100\"], \"rates\": {\"off-peak\": [{\"import\": \"0.10\"}, {\"import\": \"0.2\", " +
            "\"export\": \"0.05\"}], \"peak\": [{\"import\": \"0.30\"}, {\"import\": \"0.4\", \"export\": " +
            "\"0.12\"}]}},\n  \"fixed_charges\"");

        assertThat(refusal(tiered)).contains("tiers.rates.peak[1].export (line 21, column ")
            .endsWith("expected no export rate, or the export rate of period \"peak\" (0.080000): tiers count " +
                "imports, and every export earns the period's rate; found 0.120000");
    }

    @Test
    void aTierOneThatDiffersFromThePeriodRateIsRefused()
    {
        final String tiered = VALID.replace("\"fixed_charges\"", "\"tiers\": {\"basis\": \"daily\", " +
            "\"limits_kwh\": [\"10.5\"], \"rates\": {\"off-peak\": [{\"import\": \"0.10\"}, {\"import\": \"0.2\"}], " +
            "\"peak\": [{\"import\": \"0.31\"}, {\"import\": \"0.4\"}]}},\n  \"fixed_charges\"");

        assertThat(refusal(tiered)).contains("tiers.rates.peak[0] (line 21, column ")
            .endsWith("expected tier 1 to repeat the rates of period \"peak\" (import 0.300000, export 0.080000), " +
                "found import 0.310000, export 0.080000");
    }

    @Test
    void aLocalStartSkippedByDaylightSavingIsRefused()
    {
        assertThat(refusal(VALID.replace("2024-01-01T00:00", "2024-03-10T02:30")))
            .endsWith("expected a local time that occurs exactly once in America/Los_Angeles; 2024-03-10T02:30 is " +
                "skipped by a daylight-saving change: give an offset");
    }

    @Test
    void truncatedJsonIsRefusedWhereItEnds()
    {
        final String truncated = VALID.substring(0, VALID.indexOf("\"weekend\""));

        final String message = refusal(truncated);
        // the path is the last field the parser read; line and column are where the input ends
        assertThat(message).startsWith("t.json: schedule.seasons[0].weekday (line 18, column 8): expected well-formed JSON " +
            "within limits: the file ends inside an object");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException
    {
        final Path empty = Files.writeString(tmp.resolve("empty.json"), "  \n");

        final ImportException ex = catchThrowableOfType(ImportException.class,
            () -> new GridsettleTariffReader().read(empty));
        assertThat(ex.getMessage()).isEqualTo("empty.json: (document) (line 1, column 1): expected a JSON object " +
            "with \"format\": \"gridsettle-tariff/1\", found an empty file");
    }

    @Test
    void aUrdbDocumentIsRefusedForItsFirstUnknownField()
    {
        assertThat(refusal("{\n  \"label\": \"abc\",\n  \"energyratestructure\": []\n}"))
            .isEqualTo("t.json: label (line 2, column 12): unknown field \"label\"; expected one of [format, id, " +
                "version, description, effective_from, zone, currency, export_token, periods, schedule, holidays, " +
                "tiers, fixed_charges, export_rule, demand, carbon, billing_cycle_day]");
    }

    private static String refusal(final String json)
    {
        final ImportException ex =
            catchThrowableOfType(ImportException.class, () -> new GridsettleTariffReader().read("t.json", json));
        assertThat(ex).as("expected a refusal").isNotNull();
        assertThat(ex.getMessage()).doesNotContain("\n");
        return ex.getMessage();
    }
}
