package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code "carbon"} block of the gridsettle tariff format: carbon prices as decimal strings, read exactly into
 * micro-units per kg CO2, with the carry-forward policy for a missing intensity.
 */
class GridsettleCarbonBlockTest
{
    private static final String TARIFF = String.join("\n",
        "{",
        "  \"format\": \"gridsettle-tariff/1\", \"id\": 44, \"version\": 1,",
        "  \"effective_from\": \"2023-03-01\", \"zone\": \"Europe/London\",",
        "  \"currency\": \"GBP\", \"export_token\": \"SOLAR\",",
        "  \"periods\": [{\"name\": \"flat\", \"import\": \"0.30\", \"export\": \"0.15\"}],",
        "  \"schedule\": {\"default_period\": \"flat\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
        "    \"weekday\": {}, \"weekend\": {}}]},",
        "  \"carbon\": CARBON",
        "}",
        "");

    @Test
    void pricesAndCarryForwardAreReadExactly()
    {
        final TouTariff tariff = read("{\"import_adder_per_kg\": \"0.085\", \"export_credit_per_kg\": \"0.0425\", " +
            "\"carry_forward_intervals\": 2}");

        // 0.085 per kg = 85,000 micro-units; 0.0425 = 42,500
        assertThat(tariff.pricesCarbon()).isTrue();
        assertThat(tariff.carbonAdderMicrosPerKg()).isEqualTo(85_000L);
        assertThat(tariff.carbonCreditMicrosPerKg()).isEqualTo(42_500L);
        assertThat(tariff.carbonCarryIntervals()).isEqualTo(2);
    }

    @Test
    void withoutCarryForwardAMissingIntensityRejectsTheTick()
    {
        final TouTariff tariff = read("{\"export_credit_per_kg\": \"0.04\"}");

        assertThat(tariff.carbonAdderMicrosPerKg()).isZero();
        assertThat(tariff.carbonCreditMicrosPerKg()).isEqualTo(40_000L);
        assertThat(tariff.carbonCarryIntervals()).isZero();
    }

    @Test
    void aBlockThatPricesNothingIsRefused()
    {
        assertThat(refusal("{\"carry_forward_intervals\": 1}"))
            .startsWith("t.json: carbon (line 8, column ")
            .endsWith("expected \"import_adder_per_kg\" or \"export_credit_per_kg\" above zero");
    }

    @Test
    void aNegativePriceAndAnUnknownFieldAreRefused()
    {
        assertThat(refusal("{\"import_adder_per_kg\": \"-0.05\"}")).startsWith("t.json: carbon");
        assertThat(refusal("{\"import_adder_per_tonne\": \"50\"}")).contains("unknown field \"import_adder_per_tonne\"");
        assertThat(refusal("{\"import_adder_per_kg\": \"0.05\", \"carry_forward_intervals\": 97}"))
            .contains("carry_forward_intervals");
    }

    private static TouTariff read(final String carbon)
    {
        return new GridsettleTariffReader().read("t.json", TARIFF.replace("CARBON", carbon));
    }

    private static String refusal(final String carbon)
    {
        return catchThrowableOfType(ImportException.class, () -> read(carbon)).getMessage();
    }
}
