package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TouPricerTest
{
    private static final int OFF = 0;
    private static final int PEAK = 1;

    private static final List<TouPeriod> PERIODS = List.of(
        new TouPeriod("off-peak", 250_000, 50_000),
        new TouPeriod("peak", 412_345, 50_002));

    private static TouTariff tariff()
    {
        final int[] weekday = new int[24];
        for (int h = 16; h <= 20; h++)
        {
            weekday[h] = PEAK;
        }
        return TouTariff.hourly(
            21L, 2, 0L, "USD", "SOLAR", ZoneId.of("America/Los_Angeles"), PERIODS, weekday, new int[24]);
    }

    @Test
    void pricesAPeakTickByHand()
    {
        // Wed 2026-07-15 17:00 PDT (UTC-7) = 2026-07-16T00:00Z: weekday 17:00 -> peak (412,345 / 50,002 per kWh)
        final PriceQuote quote = new PriceQuote();
        quote.reset();
        TouPricer.price(tariff(), Instant.parse("2026-07-16T00:00:00Z").getEpochSecond(), 700, 250, quote);
        assertThat(quote.periodIndex).isEqualTo(PEAK);
        assertThat(quote.importRate).isEqualTo(412_345L);
        assertThat(quote.exportRate).isEqualTo(50_002L);
        // import: 700 Wh * 412,345 = 288,641,500; / 1000 = 288,641.5 -> tie, 288,641 odd -> 288,642
        assertThat(quote.importAmount).isEqualTo(288_642L);
        // export: 250 Wh * 50,002 = 12,500,500; / 1000 = 12,500.5 -> tie, 12,500 even -> 12,500
        assertThat(quote.exportAmount).isEqualTo(12_500L);
    }

    @Test
    void pricesAnOffPeakTickByHand()
    {
        // Wed 2026-07-15 15:45 PDT = 22:45Z: off-peak (250,000 / 50,000 per kWh)
        final PriceQuote quote = new PriceQuote();
        TouPricer.price(tariff(), Instant.parse("2026-07-15T22:45:00Z").getEpochSecond(), 3, 1, quote);
        assertThat(quote.periodIndex).isEqualTo(OFF);
        // import: 3 Wh * 250,000 = 750,000; / 1000 = 750 exactly
        assertThat(quote.importAmount).isEqualTo(750L);
        // export: 1 Wh * 50,000 = 50,000; / 1000 = 50 exactly
        assertThat(quote.exportAmount).isEqualTo(50L);
    }

    @Test
    void reusingAQuoteOverwritesEveryField()
    {
        final PriceQuote quote = new PriceQuote();
        final TouTariff tariff = tariff();
        TouPricer.price(tariff, Instant.parse("2026-07-16T00:00:00Z").getEpochSecond(), 700, 250, quote);
        // Sat 2026-07-18 17:00 PDT = 2026-07-19T00:00Z: weekend, off-peak; zero energy costs nothing
        TouPricer.price(tariff, Instant.parse("2026-07-19T00:00:00Z").getEpochSecond(), 0, 0, quote);
        assertThat(quote.periodIndex).isEqualTo(OFF);
        assertThat(quote.importRate).isEqualTo(250_000L);
        assertThat(quote.exportRate).isEqualTo(50_000L);
        assertThat(quote.importAmount).isZero();
        assertThat(quote.exportAmount).isZero();
        quote.reset();
        assertThat(quote.periodIndex).isEqualTo(-1);
        assertThat(quote.importAmount).isZero();
    }

    @Test
    void overflowPropagatesAsArithmeticException()
    {
        final PriceQuote quote = new PriceQuote();
        // Long.MAX_VALUE Wh * 250,000 does not fit in a long
        assertThatThrownBy(() -> TouPricer.price(
            tariff(), Instant.parse("2026-07-15T22:45:00Z").getEpochSecond(), Long.MAX_VALUE, 0, quote))
            .isInstanceOf(ArithmeticException.class);
    }
}
