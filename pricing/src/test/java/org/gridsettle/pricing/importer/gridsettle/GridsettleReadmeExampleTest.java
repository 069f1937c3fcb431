package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complete example in pricing/README.md must stay a valid tariff: the reference is only as good as its example.
 */
class GridsettleReadmeExampleTest
{
    @Test
    void theReadmeExampleReads() throws IOException
    {
        // Surefire runs in the module directory
        final String readme = Files.readString(Path.of("README.md"));
        final int start = readme.indexOf("```json") + "```json".length();
        final String json = readme.substring(start, readme.indexOf("```", start));

        final TouTariff tariff = new GridsettleTariffReader().read("README.md", json);

        assertThat(tariff.slotMinutes()).isEqualTo(15);
        assertThat(tariff.tierCount()).isEqualTo(2);
        // "0.101234" -> 101,234 micro-units per kWh
        assertThat(tariff.importRate(3, 1)).isEqualTo(101_234L);
        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(25_000_000L);
    }

    @Test
    void theReadmeDemandScheduleExampleReadsInTheCompleteExample() throws IOException
    {
        final String readme = Files.readString(Path.of("README.md"));
        final int start = readme.indexOf("```json") + "```json".length();
        final String json = readme.substring(start, readme.indexOf("```", start));
        final int fragmentStart = readme.indexOf("```json\n\"demand\": {\n") + "```json".length();
        final String fragment = readme.substring(fragmentStart, readme.indexOf("```", fragmentStart)).trim();
        final String demandLine = json.lines().filter((line) -> line.trim().startsWith("\"demand\"")).findFirst()
            .orElseThrow();

        final TouTariff tariff = new GridsettleTariffReader().read("README.md",
            json.replace(demandLine, fragment + ","));

        assertThat(tariff.hasDemandSchedule()).isTrue();
        assertThat(tariff.demandPeriodName(0)).isEqualTo("january-weekday");
        // REopt's demandratestructure[1]: 24.368 $/kW to 100 kW, then 17.031
        assertThat(tariff.demandTiers().upToW(0)).isEqualTo(100_000L);
        assertThat(tariff.demandTiers().periodRate(1, 0)).isEqualTo(24_368_000L);
        assertThat(tariff.demandTiers().periodRate(1, 1)).isEqualTo(17_031_000L);
        assertThat(tariff.demandTiers().periodRate(0, 0)).isZero();
        // Monday 2024-01-08 10:00 is a January weekday; Saturday 2024-01-13 and Monday 2024-02-05 are not
        assertThat(tariff.demandPeriodIndexAtLocal(
            java.time.LocalDateTime.of(2024, 1, 8, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC))).isZero();
        assertThat(tariff.demandPeriodIndexAtLocal(
            java.time.LocalDateTime.of(2024, 1, 13, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC))).isEqualTo(1);
        assertThat(tariff.demandPeriodIndexAtLocal(
            java.time.LocalDateTime.of(2024, 2, 5, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC))).isEqualTo(1);
        // the holiday 2024-11-28 (a Thursday) is priced by November's holiday row, which defaults to the weekend's
        assertThat(tariff.demandPeriodIndexAtLocal(
            java.time.LocalDateTime.of(2024, 11, 28, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC))).isEqualTo(1);
    }
}
