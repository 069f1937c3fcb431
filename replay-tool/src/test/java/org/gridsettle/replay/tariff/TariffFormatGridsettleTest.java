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
}
