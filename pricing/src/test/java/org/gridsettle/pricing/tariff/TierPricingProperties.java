package org.gridsettle.pricing.tariff;

import org.gridsettle.pricing.money.MicroUnits;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of how {@link TouPricer} splits import energy across the tiers of a {@link TierTable}: a tick's parts
 * conserve its energy and fill consecutive tiers within their bounds, and a period priced tick by tick stays within a
 * stated rounding bound of the definitive {@link TouPricer#tieredCharge}.
 */
class TierPricingProperties
{
    private static final int PERIOD = 0;

    @Property(tries = 1000)
    void aTickIsSplitIntoConsecutiveTiersThatConserveItsEnergy(
        @ForAll("limits") final long[] upToWh,
        @ForAll("rates") final long[] rates,
        @ForAll @LongRange(min = 0, max = 3_000_000) final long counterWh,
        @ForAll @LongRange(min = 0, max = 3_000_000) final long importWh)
    {
        final TouTariff tariff = tariff(upToWh, rates);
        final TierTable tiers = tariff.tiers();
        final PriceQuote quote = new PriceQuote();

        TouPricer.priceInPeriod(tariff, PERIOD, importWh, 0, counterWh, quote);

        if (importWh == 0)
        {
            assertThat(quote.parts).isZero();
            assertThat(quote.importAmount).isZero();
            return;
        }
        assertThat(quote.partTier[0]).as("first part starts in the counter's tier").isEqualTo(tiers.tierAt(counterWh));
        long position = counterWh;
        long energy = 0;
        long amount = 0;
        for (int i = 0; i < quote.parts; i++)
        {
            final int tier = quote.partTier[i];
            final long part = quote.partEnergyWh[i];
            if (i > 0)
            {
                assertThat(tier).as("tiers are consecutive").isEqualTo(quote.partTier[i - 1] + 1);
            }
            assertThat(part).as("part %d is not empty", i).isPositive();
            final long end = position + part;
            assertThat(position).as("part %d starts in tier %d", i, tier).isGreaterThanOrEqualTo(tiers.fromWh(tier));
            assertThat(end).as("part %d ends in tier %d", i, tier).isLessThanOrEqualTo(tiers.upToWh(tier));
            if (i < quote.parts - 1)
            {
                assertThat(end).as("a part followed by another fills its tier").isEqualTo(tiers.upToWh(tier));
            }
            assertThat(quote.partRate[i]).isEqualTo(tiers.importRate(PERIOD, tier));
            assertThat(quote.partAmount[i]).isEqualTo(MicroUnits.amountFor(part, quote.partRate[i]));
            position += part;
            energy += part;
            amount += quote.partAmount[i];
        }
        assertThat(energy).as("parts sum to the import energy").isEqualTo(importWh);
        assertThat(quote.importAmount).as("import amount is the sum of the parts").isEqualTo(amount);
    }

    /**
     * The rounding bound. {@link TouPricer#tieredCharge} rounds each tier's total once; ticks round each of their
     * parts once. If tier {@code t} receives {@code k} parts, each part's rounding error and the total's lie in
     * [-1/2, +1/2] micro-unit, so the parts' sum differs from the total's amount by at most {@code (k + 1) / 2}; the
     * difference is a whole number of micro-units, so at most {@code k - 1} for every {@code k >= 1} (0 for one part,
     * which is the same computation; 1 for two, the floor of 3/2). Summed over tiers: at most one micro-unit per part
     * beyond the first in each tier used, that is per "extra part".
     */
    @Property(tries = 500)
    void aPeriodPricedTickByTickStaysWithinOneMicroPerExtraPartOfTheTieredCharge(
        @ForAll("limits") final long[] upToWh,
        @ForAll("rates") final long[] rates,
        @ForAll @Size(min = 1, max = 80) final List<@LongRange(min = 0, max = 300_000) Long> ticksWh)
    {
        final TouTariff tariff = tariff(upToWh, rates);
        final PriceQuote quote = new PriceQuote();
        long counterWh = 0;
        long sumOfParts = 0;
        int parts = 0;
        for (final long tickWh : ticksWh)
        {
            TouPricer.priceInPeriod(tariff, PERIOD, tickWh, 0, counterWh, quote);
            sumOfParts += quote.importAmount;
            parts += quote.parts;
            counterWh += tickWh;
        }

        final int extraParts = parts - tiersUsed(tariff.tiers(), counterWh);
        final long definitive = TouPricer.tieredCharge(tariff, PERIOD, counterWh);

        assertThat(Math.abs(sumOfParts - definitive))
            .as("%d Wh in %d ticks, %d parts, %d extra", counterWh, ticksWh.size(), parts, extraParts)
            .isLessThanOrEqualTo(extraParts);
    }

    @Example
    void theBoundIsReached()
    {
        // One unlimited tier at 500 micro-units per kWh. Two 1 Wh ticks: 1 x 500 / 1,000 = 0.5 -> 0 (half to even)
        // each, 0 in all; the definitive charge for 2 Wh is 2 x 500 / 1,000 = 1. One extra part, 1 micro-unit apart.
        final TouTariff tariff = tariff(new long[]{ Long.MAX_VALUE }, new long[]{ 500 });
        final PriceQuote quote = new PriceQuote();

        TouPricer.priceInPeriod(tariff, PERIOD, 1, 0, 0, quote);
        final long first = quote.importAmount;
        TouPricer.priceInPeriod(tariff, PERIOD, 1, 0, 1, quote);
        final long second = quote.importAmount;

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(TouPricer.tieredCharge(tariff, PERIOD, 2)).isEqualTo(1L);
    }

    /**
     * 1 to 8 tiers with limits up to 2,000 kWh, so that ticks and counters of up to 3,000 kWh cross them often.
     */
    @Provide
    Arbitrary<long[]> limits()
    {
        return Arbitraries.longs().between(1L, 2_000_000L).set().ofMaxSize(TierTable.MAX_TIERS - 1)
            .map(TierPricingProperties::withUnlimitedLastTier);
    }

    /**
     * Rates up to 2 tokens per kWh; most Wh amounts at most of them need rounding.
     */
    @Provide
    Arbitrary<long[]> rates()
    {
        return Arbitraries.longs().between(0L, 2_000_000L).array(long[].class).ofSize(TierTable.MAX_TIERS);
    }

    private static long[] withUnlimitedLastTier(final Set<Long> limits)
    {
        final long[] upToWh = new long[limits.size() + 1];
        int i = 0;
        for (final long limit : limits)
        {
            upToWh[i++] = limit;
        }
        upToWh[i] = Long.MAX_VALUE;
        Arrays.sort(upToWh);
        return upToWh;
    }

    private static TouTariff tariff(final long[] upToWh, final long[] rates)
    {
        final long[] importRates = Arrays.copyOf(rates, upToWh.length);
        final TierTable table = new TierTable(TierBasis.BILLING_PERIOD, upToWh, new long[][]{ importRates },
            new long[][]{ new long[upToWh.length] });
        final List<TouPeriod> periods = List.of(new TouPeriod("all day", importRates[0], 0));
        return TouTariff.hourly(1L, 1, 0L, "USD", "SOLAR", ZoneId.of("UTC"), periods, new int[24], new int[24])
            .withTiers(table);
    }

    private static int tiersUsed(final TierTable tiers, final long totalWh)
    {
        int used = 0;
        for (int t = 0; t < tiers.tierCount(); t++)
        {
            if (tiers.energyInTier(totalWh, t) > 0)
            {
                used++;
            }
        }
        return used;
    }
}
