package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * URDB {@code dgrules} and {@code usenetmetering} onto {@link ExportRule}. The rates are hand-written for these tests
 * (src/test/resources/urdb/handwritten_export_rules.json, not a published tariff): one period, rate 0.12 + adj 0.003
 * = 0.123 $/kWh (123,000 micro-$/kWh), sell 0.045 $/kWh (45,000), items differing only in their export rule.
 */
class UrdbExportRuleMappingTest
{
    private static final String FILE = "handwritten_export_rules.json";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final long EFFECTIVE_FROM = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final long JULY_NOON = 1_720_638_000L; // 2024-07-10T12:00:00-07:00
    private static final UrdbMappingOptions NO_SURPLUS_RATE =
        new UrdbMappingOptions(4L, 1, EFFECTIVE_FROM, "SOLAR", LOS_ANGELES, new long[0]);
    /** A hand-picked net-surplus rate, 0.03 $/kWh: what the caller knows from the utility's tariff sheet. */
    private static final UrdbMappingOptions WITH_SURPLUS_RATE = NO_SURPLUS_RATE.withNetSurplusMicrosPerKwh(30_000L);

    private final List<UrdbRate> rates = new UrdbImporter().read(UrdbSampleImportTest.sample(FILE));

    private UrdbRate rate(final String label)
    {
        return rates.stream().filter((r) -> r.labelOrEmpty().equals(label)).findFirst().orElseThrow();
    }

    private static UrdbImportException refusal(final UrdbRate rate, final UrdbMappingOptions options)
    {
        final UrdbImportException ex =
            catchThrowableOfType(UrdbImportException.class, () -> UrdbTariffMapper.toTouTariff(rate, options));
        assertThat(ex).as("expected a refusal").isNotNull();
        return ex;
    }

    private static PriceQuote priceJulyNoon(final TouTariff tariff)
    {
        final PriceQuote quote = new PriceQuote();
        TouPricer.price(tariff, JULY_NOON, 500L, 2_000L, quote);
        return quote;
    }

    @Test
    void netMeteringMapsWithTheCallersSurplusRate()
    {
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate("hw-net-metering"), WITH_SURPLUS_RATE);

        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_METERING);
        assertThat(tariff.netSurplusMicrosPerKwh()).isEqualTo(30_000L);
        // provisionally, exports are credited at the retail rate until the period-close true-up:
        // 2,000 Wh x 123,000 / 1,000 = 246,000 micro-$; imports 500 Wh x 123,000 / 1,000 = 61,500
        final PriceQuote quote = priceJulyNoon(tariff);
        assertThat(quote.exportRate).isEqualTo(123_000L);
        assertThat(quote.exportAmount).isEqualTo(246_000L);
        assertThat(quote.importAmount).isEqualTo(61_500L);
    }

    @Test
    void netMeteringWithoutASurplusRateIsRefused()
    {
        final UrdbImportException ex = refusal(rate("hw-net-metering"), NO_SURPLUS_RATE);

        assertThat(ex.getMessage()).isEqualTo(FILE + " items[0]: URDB tariff refused: label hw-net-metering: " +
            "dgrules (net metering pays a billing period's net surplus at a rate URDB does not carry; supply it with " +
            "UrdbMappingOptions.withNetSurplusMicrosPerKwh, or, for settle, write the rate as a gridsettle tariff " +
            "with export_rule net_metering and its net_surplus_rate)");
    }

    @Test
    void useNetMeteringWithoutDgRulesIsNetMetering()
    {
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate("hw-usenetmetering"), WITH_SURPLUS_RATE);

        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_METERING);
        assertThat(tariff.netSurplusMicrosPerKwh()).isEqualTo(30_000L);
        assertThat(refusal(rate("hw-usenetmetering"), NO_SURPLUS_RATE).fields()).containsExactly("usenetmetering");
    }

    @Test
    void netBillingInstantaneousCreditsEachExportAtTheSellRate()
    {
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate("hw-net-billing-instantaneous"), NO_SURPLUS_RATE);

        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_BILLING);
        // 2,000 Wh x 45,000 / 1,000 = 90,000 micro-$
        final PriceQuote quote = priceJulyNoon(tariff);
        assertThat(quote.exportRate).isEqualTo(45_000L);
        assertThat(quote.exportAmount).isEqualTo(90_000L);
    }

    @Test
    void buyAllSellAllMapsAndIgnoresASuppliedSurplusRate()
    {
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate("hw-buy-all-sell-all"), WITH_SURPLUS_RATE);

        assertThat(tariff.exportRule()).isEqualTo(ExportRule.BUY_ALL_SELL_ALL);
        // a surplus rate means nothing without net metering, so none is carried
        assertThat(tariff.netSurplusMicrosPerKwh()).isZero();
        assertThat(priceJulyNoon(tariff).exportAmount).isEqualTo(90_000L);
    }

    @Test
    void netBillingHourlyMapsToHourlyNettingAndIgnoresASuppliedSurplusRate()
    {
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate("hw-net-billing-hourly"), WITH_SURPLUS_RATE);

        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_BILLING_HOURLY);
        assertThat(tariff.netSurplusMicrosPerKwh()).isZero();
        // each tick is priced at the sell rate as under instantaneous net billing; the engine nets the hour
        assertThat(priceJulyNoon(tariff).exportAmount).isEqualTo(90_000L);
    }

    @Test
    void useNetMeteringThatContradictsDgRulesIsRefusedNamingBoth()
    {
        final UrdbRate trueButSellAll = new UrdbImporter().read("contradiction.json", UrdbJsonFixture.touEnergyOnly()
            .with("usenetmetering", "true").with("dgrules", "\"Buy All Sell All\"").json()).get(0);
        final UrdbImportException ex = refusal(trueButSellAll, WITH_SURPLUS_RATE);
        assertThat(ex.fields()).containsExactly("usenetmetering", "dgrules");
        assertThat(ex.problems().get(0).reason()).isEqualTo("true contradicts dgrules \"Buy All Sell All\"");

        final UrdbRate falseButNetMetering = new UrdbImporter().read("contradiction.json", UrdbJsonFixture
            .touEnergyOnly().with("usenetmetering", "false").with("dgrules", "\"Net Metering\"").json()).get(0);
        assertThat(refusal(falseButNetMetering, WITH_SURPLUS_RATE).fields())
            .containsExactly("usenetmetering", "dgrules");

        final UrdbRate agreeing = new UrdbImporter().read("agreeing.json", UrdbJsonFixture.touEnergyOnly()
            .with("usenetmetering", "true").with("dgrules", "\"Net Metering\"").json()).get(0);
        assertThat(UrdbTariffMapper.toTouTariff(agreeing, WITH_SURPLUS_RATE).exportRule())
            .isEqualTo(ExportRule.NET_METERING);
    }

    @Test
    void aNegativeSurplusRateIsRejectedByTheOptions()
    {
        assertThatThrownBy(() -> NO_SURPLUS_RATE.withNetSurplusMicrosPerKwh(-1L))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
