package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TariffCopy#withoutUnusedPeriods}: a tariff listing eight periods whose schedule names five (0, 3 and 5
 * unused, as URDB rates list periods a season no longer uses) and, in the second case, eight demand periods of which
 * its demand schedule names three. Every hour of 2026 must be priced alike by the copy and the original, with the
 * same period name, tier split, export credit and demand rate, while the copy has only the periods used.
 */
class TariffCopyTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final int PERIODS = 8;
    /** Hour of the day to period: five of the eight periods, never 0, 3 or 5. */
    private static final int[] USED_BY_HOUR = {1, 2, 4, 6, 7};

    /** The eight-period tariff; with {@code demandNames}, demand by that schedule of its own, tiered. */
    private static TouTariff tariff(final List<String> demandNames, final byte[] demandSchedule,
        final DemandTiers demandTiers)
    {
        final List<TouPeriod> periods = new ArrayList<>();
        final long[] touDemand = new long[PERIODS];
        final long[][] imports = new long[PERIODS][2];
        final long[][] exports = new long[PERIODS][2];
        for (int p = 0; p < PERIODS; p++)
        {
            periods.add(new TouPeriod("urdb period " + p, 100_000 + p * 11_111, 20_000 + p * 1_001));
            touDemand[p] = 1_000_000 * (p + 1);
            imports[p] = new long[] {100_000 + p * 11_111, 150_000 + p * 11_111};
            exports[p] = new long[] {20_000 + p * 1_001, 20_000 + p * 1_001};
        }
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int i = 0; i < schedule.length; i++)
        {
            // a month- and day-type-dependent pattern, so that every used period appears in several places
            schedule[i] = (byte)USED_BY_HOUR[(i % 24 + i / 24) % USED_BY_HOUR.length];
        }
        final TouTariff tariff = new TouTariff(9, 3, ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, LA).toEpochSecond(),
            "USD", "SOLAR", LA, 60, periods, schedule, new long[] {LocalDate.of(2026, 7, 3).toEpochDay()})
            .withTiers(new TierTable(TierBasis.BILLING_PERIOD, new long[] {300_000, Long.MAX_VALUE}, imports, exports))
            .withFixedCharges(30_000, 9_000_000)
            .withCarbon(50_000, 40_000, 2)
            .withBillingCycleDay(15);
        if (demandNames == null)
        {
            return tariff.withDemand(5_000_000, touDemand);
        }
        return tariff.withDemandSchedule(demandNames, demandSchedule).withDemandTiers(demandTiers);
    }

    private static void assertPricesAlike(final TouTariff original, final TouTariff copy)
    {
        final PriceQuote a = new PriceQuote();
        final PriceQuote b = new PriceQuote();
        final long from = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, LA).toEpochSecond();
        final long to = ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, LA).toEpochSecond();
        int hours = 0;
        for (long t = from; t < to; t += 3_600, hours++)
        {
            // below the tier limit, then across it
            for (final long counterWh : new long[] {0, 299_500})
            {
                TouPricer.price(original, t, 1_234, 567, counterWh, a);
                TouPricer.price(copy, t, 1_234, 567, counterWh, b);
                assertThat(copy.period(b.periodIndex).name()).as("hour %d", t)
                    .isEqualTo(original.period(a.periodIndex).name());
                assertThat(b.importAmount).as("import at %d", t).isEqualTo(a.importAmount);
                assertThat(b.exportAmount).as("export at %d", t).isEqualTo(a.exportAmount);
            }
            final int slotA = original.slotIndexAtLocal(original.zoneTable().localEpochSecond(t));
            final int slotB = copy.slotIndexAtLocal(copy.zoneTable().localEpochSecond(t));
            final int demandA = original.demandPeriodInSlot(slotA);
            final int demandB = copy.demandPeriodInSlot(slotB);
            assertThat(copy.demandPeriodName(demandB)).isEqualTo(original.demandPeriodName(demandA));
            assertThat(copy.touDemandMicrosPerKw(demandB)).isEqualTo(original.touDemandMicrosPerKw(demandA));
            if (original.demandTiers() != null)
            {
                for (int tier = 0; tier < original.demandTiers().tierCount(); tier++)
                {
                    assertThat(copy.demandTiers().periodRate(demandB, tier))
                        .isEqualTo(original.demandTiers().periodRate(demandA, tier));
                }
            }
        }
        assertThat(hours).isEqualTo(8_760);
        assertThat(copy.flatDemandMicrosPerKw()).isEqualTo(original.flatDemandMicrosPerKw());
        assertThat(copy.fixedMicrosPerDay()).isEqualTo(original.fixedMicrosPerDay());
        assertThat(copy.fixedMicrosPerMonth()).isEqualTo(original.fixedMicrosPerMonth());
        assertThat(copy.carbonAdderMicrosPerKg()).isEqualTo(original.carbonAdderMicrosPerKg());
        assertThat(copy.billingCycleDay()).isEqualTo(original.billingCycleDay());
        assertThat(copy.tariffId()).isEqualTo(original.tariffId());
        assertThat(copy.version()).isEqualTo(original.version());
    }

    @Test
    void theUnusedEnergyPeriodsAreDroppedAndEveryHourIsPricedAsBefore()
    {
        final TouTariff original = tariff(null, null, null);
        final TouTariff copy = TariffCopy.withoutUnusedPeriods(original);
        assertThat(copy.periodCount()).isEqualTo(5);
        assertThat(copy.period(0).name()).isEqualTo("urdb period 1");
        assertThat(copy.period(4).name()).isEqualTo("urdb period 7");
        // without a demand schedule the demand periods are the energy periods, dropped alike
        assertThat(copy.demandPeriodCount()).isEqualTo(5);
        assertPricesAlike(original, copy);
    }

    @Test
    void unusedDemandPeriodsOfADemandScheduleAreDroppedApartFromTheEnergyPeriods()
    {
        final List<String> names = new ArrayList<>();
        final long[][] byPeriod = new long[PERIODS][];
        for (int d = 0; d < PERIODS; d++)
        {
            names.add("urdb demand period " + d);
            byPeriod[d] = new long[] {2_000_000 + d * 100_000, 1_000_000 + d * 100_000};
        }
        final byte[] demandSchedule = new byte[12 * 3 * 24];
        for (int i = 0; i < demandSchedule.length; i++)
        {
            // demand periods 2, 5 and 7 only: day, evening, night
            final int hour = i % 24;
            demandSchedule[i] = (byte)(hour < 8 ? 7 : hour < 17 ? 2 : 5);
        }
        final TouTariff original = tariff(names, demandSchedule, new DemandTiers(new long[] {50_000, Long.MAX_VALUE},
            new long[] {4_000_000, 3_000_000}, byPeriod));
        final TouTariff copy = TariffCopy.withoutUnusedPeriods(original);
        assertThat(copy.periodCount()).isEqualTo(5);
        assertThat(copy.demandPeriodCount()).isEqualTo(3);
        assertThat(copy.demandPeriodName(0)).isEqualTo("urdb demand period 2");
        assertThat(copy.demandPeriodName(2)).isEqualTo("urdb demand period 7");
        assertThat(copy.demandTiers().flatRate(1)).isEqualTo(3_000_000);
        assertPricesAlike(original, copy);
    }

    @Test
    void aTariffWhoseSchedulesUseEveryPeriodIsReturnedItself()
    {
        final TouTariff every = TouTariff.hourly(1, 1, 0, "USD", "SOLAR", LA,
            List.of(new TouPeriod("off", 1, 0), new TouPeriod("peak", 2, 0)),
            new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0}, new int[24]);
        assertThat(TariffCopy.withoutUnusedPeriods(every)).isSameAs(every);
    }
}
