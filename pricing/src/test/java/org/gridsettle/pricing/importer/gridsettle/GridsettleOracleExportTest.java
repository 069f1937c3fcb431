package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.tariff.ExportRateSource;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The oracle fields of {@code export_rule} in the gridsettle tariff format: read when valid, and each misuse refused
 * at its own place rather than silently ignored.
 */
class GridsettleOracleExportTest
{
    private static final String TARIFF = String.join("\n",
        "{",
        "  \"format\": \"gridsettle-tariff/1\", \"id\": 1, \"version\": 1,",
        "  \"effective_from\": \"2024-01-01T00:00\", \"zone\": \"America/Los_Angeles\",",
        "  \"currency\": \"USD\", \"export_token\": \"SOLAR\",",
        "  \"periods\": [{\"name\": \"flat\", \"import\": \"0.30\"}],",
        "  \"schedule\": {\"seasons\": [{\"months\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],",
        "    \"weekday\": {\"default\": \"flat\"}, \"weekend\": {\"default\": \"flat\"}}]},",
        "  \"export_rule\": RULE",
        "}",
        "");

    private static TouTariff read(final String rule)
    {
        return new GridsettleTariffReader().read("t.json", TARIFF.replace("RULE", rule));
    }

    private static String refusal(final String rule)
    {
        return catchThrowableOfType(ImportException.class, () -> read(rule)).getMessage();
    }

    @Test
    void readsAnOracleNetBillingRuleWithItsPolicies()
    {
        final TouTariff tariff = read("{\"type\": \"net_billing\", \"export_rate\": \"oracle\", " +
            "\"oracle_carry_intervals\": 3, \"negative_prices\": \"charge\"}");
        assertThat(tariff.exportRateSource()).isEqualTo(ExportRateSource.ORACLE);
        assertThat(tariff.oracleCarryIntervals()).isEqualTo(3);
        assertThat(tariff.negativePriceRule()).isEqualTo(NegativePriceRule.CHARGE);
    }

    @Test
    void defaultsAreRejectAMissingPriceAndZeroCreditForNegativePrices()
    {
        final TouTariff oracle = read("{\"type\": \"net_billing\", \"export_rate\": \"oracle\"}");
        assertThat(oracle.oraclePricedExports()).isTrue();
        assertThat(oracle.oracleCarryIntervals()).isZero();
        assertThat(oracle.negativePriceRule()).isEqualTo(NegativePriceRule.ZERO_CREDIT);
        final TouTariff tou = read("{\"type\": \"net_billing\", \"export_rate\": \"tou\"}");
        assertThat(tou.exportRateSource()).isEqualTo(ExportRateSource.TOU_SCHEDULE);
        assertThat(read("{\"type\": \"net_billing\"}").oraclePricedExports()).isFalse();
        final TouTariff hourly = read("{\"type\": \"net_billing_hourly\", \"export_rate\": \"oracle\"}");
        assertThat(hourly.exportRule()).isEqualTo(org.gridsettle.pricing.tariff.ExportRule.NET_BILLING_HOURLY);
        assertThat(hourly.oraclePricedExports()).isTrue();
    }

    @Test
    void misusesAreRefusedAtTheirPlace()
    {
        assertThat(refusal("{\"type\": \"net_metering\", \"export_rate\": \"oracle\"}"))
            .startsWith("t.json: export_rule.export_rate (line 8").endsWith(
                "expected \"export_rate\": \"oracle\" with \"net_billing\" or \"net_billing_hourly\" only, not net_metering");
        assertThat(refusal("{\"type\": \"net_billing\", \"oracle_carry_intervals\": 2}"))
            .startsWith("t.json: export_rule.oracle_carry_intervals (line 8")
            .endsWith("expected no \"oracle_carry_intervals\" without \"export_rate\": \"oracle\"");
        assertThat(refusal("{\"type\": \"net_billing\", \"export_rate\": \"lmp\"}"))
            .endsWith("expected \"tou\" or \"oracle\", found the string \"lmp\"");
        assertThat(refusal("{\"type\": \"net_billing\", \"export_rate\": \"oracle\", \"negative_prices\": \"floor\"}"))
            .endsWith("expected \"zero_credit\" or \"charge\", found the string \"floor\"");
        assertThat(refusal("{\"type\": \"net_billing\", \"export_rate\": \"oracle\", " +
            "\"oracle_carry_intervals\": 70000}")).contains("export_rule.oracle_carry_intervals");
    }
}
