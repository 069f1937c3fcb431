package org.gridsettle.benchmarks.conventional;

import org.gridsettle.benchmarks.workload.BenchTariff;
import org.gridsettle.benchmarks.workload.TickSource;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventional pricer is written independently of the engine's; the harness relies on the two agreeing, so check
 * them against each other over every quarter hour of 2026 (both DST changes, every holiday, both seasons) with
 * energies chosen to hit half-even ties.
 */
class BigDecimalPricerTest
{
    @Test
    void agreesWithTouPricerEveryQuarterHourOf2026()
    {
        final TouTariff tariff = BenchTariff.create();
        final BigDecimalPricer pricer = new BigDecimalPricer();
        final PriceQuote quote = new PriceQuote();
        final long from = BenchTariff.EFFECTIVE_FROM;
        final long to = ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, tariff.zone()).toEpochSecond();
        int checked = 0;
        for (long start = from; start < to; start += TickSource.INTERVAL_SECONDS)
        {
            final long importWh = 1 + (start / 900) % 997;
            final long exportWh = 500 + (start / 900) % 3;
            TouPricer.price(tariff, start, importWh, exportWh, quote);
            final PricedTick priced = pricer.price(start, importWh, exportWh);
            assertThat(priced.period()).as("period at %d", start).isEqualTo(quote.periodIndex);
            assertThat(BigDecimalPricer.toMicros(priced.importCharge())).as("import at %d", start)
                .isEqualTo(quote.importAmount);
            assertThat(BigDecimalPricer.toMicros(priced.exportCredit())).as("export at %d", start)
                .isEqualTo(quote.exportAmount);
            checked++;
        }
        assertThat(checked).isEqualTo(365 * 96);
    }

    @Test
    void bothRoundTiesToEven()
    {
        // summer on-peak import is 0.551230/kWh: 50 Wh costs 0.0275615 and 150 Wh 0.0826845, both exact ties
        final long onPeak = ZonedDateTime.of(2026, 7, 2, 17, 0, 0, 0, BenchTariff.create().zone()).toEpochSecond();
        final PriceQuote quote = new PriceQuote();
        final BigDecimalPricer pricer = new BigDecimalPricer();

        TouPricer.price(BenchTariff.create(), onPeak, 50, 0, quote);
        assertThat(quote.importAmount).isEqualTo(27_562);
        assertThat(BigDecimalPricer.toMicros(pricer.price(onPeak, 50, 0).importCharge())).isEqualTo(27_562);

        TouPricer.price(BenchTariff.create(), onPeak, 150, 0, quote);
        assertThat(quote.importAmount).isEqualTo(82_684);
        assertThat(BigDecimalPricer.toMicros(pricer.price(onPeak, 150, 0).importCharge())).isEqualTo(82_684);
    }
}
