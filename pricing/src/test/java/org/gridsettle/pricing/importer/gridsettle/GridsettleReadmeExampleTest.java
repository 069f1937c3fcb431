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
}
