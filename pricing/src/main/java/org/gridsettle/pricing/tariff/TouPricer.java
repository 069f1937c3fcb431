package org.gridsettle.pricing.tariff;

import org.gridsettle.pricing.money.MicroUnits;

/**
 * Prices one tick's import and export energy against a {@link TouTariff}, with the period chosen by the tick's
 * interval start.
 * <p>
 * Stateless and allocation-free; thread-safe as long as each thread passes its own {@link PriceQuote}.
 */
public final class TouPricer
{
    private TouPricer()
    {
    }

    /**
     * @param tariff             tariff version in force at the interval start.
     * @param intervalStartEpoch tick interval start, epoch seconds.
     * @param importWh           energy imported, Wh, not negative.
     * @param exportWh           energy exported, Wh, not negative.
     * @param quote              receives the result.
     */
    public static void price(
        final TouTariff tariff,
        final long intervalStartEpoch,
        final long importWh,
        final long exportWh,
        final PriceQuote quote)
    {
        final int periodIndex = tariff.periodIndexAt(intervalStartEpoch);
        final TouPeriod period = tariff.period(periodIndex);
        quote.periodIndex = periodIndex;
        quote.importRate = period.importMicrosPerKwh();
        quote.exportRate = period.exportMicrosPerKwh();
        quote.importAmount = MicroUnits.amountFor(importWh, quote.importRate);
        quote.exportAmount = MicroUnits.amountFor(exportWh, quote.exportRate);
    }
}
