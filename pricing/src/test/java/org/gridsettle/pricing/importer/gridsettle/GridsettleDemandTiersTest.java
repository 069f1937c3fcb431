package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code "tiers"} block of a gridsettle tariff's {@code "demand"}: limits in kW and rates per tier, read exactly.
 */
class GridsettleDemandTiersTest
{
    /** A two-period tariff with its demand block left as DEMAND; GridsettleDemandScheduleTest fills it too. */
    static final String TARIFF = String.join("\n",
        "{",
        "  \"format\": \"gridsettle-tariff/1\", \"id\": 45, \"version\": 1,",
        "  \"effective_from\": \"2024-01-01\", \"zone\": \"America/New_York\",",
        "  \"currency\": \"USD\", \"export_token\": \"USD\",",
        "  \"periods\": [{\"name\": \"off-peak\", \"import\": \"0.11\"}, {\"name\": \"on-peak\", \"import\": \"0.21\"}],",
        "  \"schedule\": {\"default_period\": \"off-peak\", \"seasons\": [{\"months\": [1,2,3,4,5,6,7,8,9,10,11,12],",
        "    \"weekday\": {\"windows\": [{\"from\": \"16:00\", \"to\": \"21:00\", \"period\": \"on-peak\"}]},",
        "    \"weekend\": {}}]},",
        "  \"demand\": DEMAND",
        "}",
        "");

    @Test
    void limitsAndRatesPerTierAreReadExactly()
    {
        final TouTariff tariff = read("{\"tiers\": {\"limits_kw\": [\"10\", \"50.5\"], " +
            "\"flat_per_kw\": [\"8.25\", \"10\", \"12.125\"], \"per_period_per_kw\": {\"on-peak\": [\"0\", \"5\", \"6\"]}}}");

        final DemandTiers tiers = tariff.demandTiers();
        // 10 kW = 10,000 W; 50.5 kW = 50,500 W; then unlimited
        assertThat(tiers.tierCount()).isEqualTo(3);
        assertThat(tiers.upToW(0)).isEqualTo(10_000L);
        assertThat(tiers.upToW(1)).isEqualTo(50_500L);
        assertThat(tiers.upToW(2)).isEqualTo(Long.MAX_VALUE);
        assertThat(tiers.flatRate(2)).isEqualTo(12_125_000L);
        // off-peak is not listed: no demand charge of its own
        assertThat(tiers.periodRate(0, 1)).isZero();
        assertThat(tiers.periodRate(1, 2)).isEqualTo(6_000_000L);
        // a peak of 60 kW: 10 kW in tier 1, 40.5 kW in tier 2, 9.5 kW in tier 3
        assertThat(tiers.demandInTier(60_000, 0)).isEqualTo(10_000);
        assertThat(tiers.demandInTier(60_000, 1)).isEqualTo(40_500);
        assertThat(tiers.demandInTier(60_000, 2)).isEqualTo(9_500);
    }

    @Test
    void mixingScalarRatesWithTiersAndAWrongRateCountAreRefused()
    {
        assertThat(refusal("{\"flat_per_kw\": \"5\", \"tiers\": {\"limits_kw\": [\"10\"], " +
            "\"flat_per_kw\": [\"8\", \"9\"]}}")).contains("expected \"tiers\" alone");
        assertThat(refusal("{\"tiers\": {\"limits_kw\": [\"10\"], \"flat_per_kw\": [\"8\"]}}"))
            .contains("expected 2 flat demand rates, one per tier, found 1");
        // the limit at fault is named with its value, as an energy tier limit's is ("found 400")
        assertThat(refusal("{\"tiers\": {\"limits_kw\": [\"10\", \"5\"], \"flat_per_kw\": [\"8\", \"9\", \"10\"]}}"))
            .endsWith("expected demand tier limits that ascend from above 0, found 5");
    }

    private static TouTariff read(final String demand)
    {
        return new GridsettleTariffReader().read("t.json", TARIFF.replace("DEMAND", demand));
    }

    private static String refusal(final String demand)
    {
        return catchThrowableOfType(ImportException.class, () -> read(demand)).getMessage();
    }
}
