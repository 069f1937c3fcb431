package org.gridsettle.replay.tariff;

import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection of gridsettle tariffs by their {@code "format"} field, and the copy the command line journals.
 */
class TariffFormatGridsettleTest
{
    @TempDir
    Path tmp;

    @Test
    void aFormatFieldPicksGridsettleAndAnyOtherJsonIsUrdb() throws IOException
    {
        final Path gridsettle = Files.writeString(tmp.resolve("g.json"),
            "\uFEFF{\n  \"format\" : \"gridsettle-tariff/1\", \"id\": 1}");
        final Path urdb = Files.writeString(tmp.resolve("u.json"), "{\"label\": \"x\", \"energyratestructure\": []}");

        assertThat(TariffFormat.detect(gridsettle)).isEqualTo(TariffFormat.GRIDSETTLE);
        assertThat(TariffFormat.detect(urdb)).isEqualTo(TariffFormat.URDB);
    }

    @Test
    void theJournalledCopyKeepsEveryRuleUnderTheCommandLinesIdentity() throws Exception
    {
        final Path file = Path.of(TariffFormatGridsettleTest.class.getResource(
            "/bill/gridsettle_hand_written_tou.json").toURI());
        final TariffDocument document = TariffDocument.read(file, null);
        final long start = 1_296_460_800L; // 2011-01-31T08:00:00Z, local midnight in Los Angeles

        final TouTariff tariff = document.toTariff(start, "SOLAR", ZoneId.of("America/Los_Angeles"));

        assertThat(tariff.tariffId()).isEqualTo(TariffDocument.TARIFF_ID);
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(start);
        assertThat(tariff.exportToken()).isEqualTo("SOLAR");
        assertThat(document.importToken()).isEqualTo("USD");
        assertThat(document.startDate()).hasValueSatisfying((i) -> assertThat(i.toString())
            .isEqualTo("2010-01-01T00:00:00Z"));
        assertThat(document.describe()).isEqualTo("gridsettle gridsettle_hand_written_tou.json tariff 1 version 1 " +
            "(America/Los_Angeles)");
        // 2011-01-31 16:00 PST is 2011-02-01T00:00:00Z: peak, 0.323457 -> 323,457 micro-$ per kWh
        assertThat(tariff.importRate(tariff.periodIndexAt(1_296_518_400L), 0)).isEqualTo(323_457L);
        assertThat(tariff.importRate(tariff.periodIndexAt(1_296_518_400L - 1), 0)).isEqualTo(100_000L);
    }

    @Test
    void theJournalledCopyKeepsTheDemandScheduleItsPeriodsAndTheirRates() throws Exception
    {
        // energy one period all day; demand "day" 08:00-18:00 on weekdays at 12.50 per kW, "other" the rest at 2.00
        final Path file = Files.writeString(tmp.resolve("demand.json"), String.join("\n",
            "{\"format\": \"gridsettle-tariff/1\", \"id\": 7, \"version\": 1, \"effective_from\": \"2024-01-01\",",
            " \"zone\": \"America/Los_Angeles\", \"currency\": \"USD\", \"export_token\": \"USD\",",
            " \"periods\": [{\"name\": \"flat\", \"import\": \"0.10\"}],",
            " \"schedule\": {\"default_period\": \"flat\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
            "   \"weekday\": {}, \"weekend\": {}}]},",
            " \"demand\": {\"periods\": [\"day\", \"other\"], \"schedule\": {\"default_period\": \"other\",",
            "   \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
            "   \"weekday\": {\"windows\": [{\"from\": \"08:00\", \"to\": \"18:00\", \"period\": \"day\"}]},",
            "   \"weekend\": {}}]},",
            "   \"per_period_per_kw\": {\"day\": \"12.50\", \"other\": \"2\"}}}"));
        final TariffDocument document = TariffDocument.read(file, null);
        final TouTariff read = new org.gridsettle.pricing.importer.gridsettle.GridsettleTariffReader().read(file);

        final TouTariff copy = document.toTariff(1_704_096_000L, "SOLAR", ZoneId.of("America/Los_Angeles"));

        assertThat(copy.hasDemandSchedule()).isTrue();
        assertThat(copy.demandScheduleCopy()).isEqualTo(read.demandScheduleCopy());
        assertThat(copy.demandPeriodName(0)).isEqualTo("day");
        assertThat(copy.demandPeriodName(1)).isEqualTo("other");
        assertThat(copy.touDemandMicrosPerKw(0)).isEqualTo(12_500_000L);
        assertThat(copy.touDemandMicrosPerKw(1)).isEqualTo(2_000_000L);
    }
}
