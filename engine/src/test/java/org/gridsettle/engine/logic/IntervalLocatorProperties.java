package org.gridsettle.engine.logic;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The locator remembers the last tariff and start it was asked about; that may never change an answer. The tariff's
 * own methods are the model, over starts that cross both zones' DST changes and a billing-cycle day, in any order and
 * with repeats.
 */
class IntervalLocatorProperties
{
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<TouPeriod> PERIODS = List.of(
        new TouPeriod("off-peak", 100_000, 50_000), new TouPeriod("peak", 400_000, 80_000));

    /** Peak 16:00-21:00 on weekdays only. */
    private static final TouTariff PACIFIC = TouTariff.hourly(
        1L, 1, 0L, "USD", "SOLAR", LOS_ANGELES, PERIODS, peak(16, 21), peak(0, 0)).withBillingCycleDay(9);
    /** Peak 07:00-09:00 every day, a different zone and billing-cycle day. */
    private static final TouTariff BRITISH = TouTariff.hourly(
        2L, 1, 0L, "GBP", "SOLAR", LONDON, PERIODS, peak(7, 9), peak(7, 9)).withBillingCycleDay(28);
    private static final TouTariff[] TARIFFS = {PACIFIC, BRITISH};

    /**
     * Quarter hours from 2026-03-07T00:00Z: the Pacific spring-forward (03-08 10:00Z), the billing-cycle day of
     * 03-09, and the British spring-forward (03-29 01:00Z) lie inside the range drawn from.
     */
    private static final long FIRST = ZonedDateTime.of(2026, 3, 7, 0, 0, 0, 0, ZoneId.of("UTC")).toEpochSecond();

    @Property(tries = 300)
    void answersAreTheTariffsOwn(
        @ForAll @Size(min = 1, max = 80) final List<@IntRange(min = 0, max = 2_300) Integer> quarterHours,
        @ForAll @Size(min = 80, max = 80) final List<@IntRange(min = 0, max = 1) Integer> tariffChoices)
    {
        final IntervalLocator locator = new IntervalLocator();
        for (int i = 0; i < quarterHours.size(); i++)
        {
            // each start is asked twice: the second answer comes from what the locator remembered
            final long start = FIRST + 900L * quarterHours.get(i);
            final TouTariff tariff = TARIFFS[tariffChoices.get(i)];
            locator.locate(tariff, start);
            assertAsTariff(locator, tariff, start);
            locator.locate(tariff, start);
            assertAsTariff(locator, tariff, start);
        }
    }

    @Test
    void theSameStartUnderAnotherTariffIsLocatedAnew()
    {
        // 2026-03-09T16:30Z: 09:30 PDT on the Pacific billing-cycle day, so March's billing period (2026 * 12 + 2);
        // 16:30 GMT in London, before its cycle day of the 28th, so still February's (2026 * 12 + 1)
        final long start = ZonedDateTime.of(2026, 3, 9, 16, 30, 0, 0, ZoneId.of("UTC")).toEpochSecond();
        final IntervalLocator locator = new IntervalLocator();

        locator.locate(PACIFIC, start);
        final long pacificLocal = locator.local();
        locator.locate(BRITISH, start);

        assertThat(locator.local()).isEqualTo(start).isNotEqualTo(pacificLocal);
        assertThat(locator.billingPeriod()).isEqualTo(2026 * 12 + 1);
        locator.locate(PACIFIC, start);
        assertThat(locator.local()).isEqualTo(start - 7 * 3_600);
        assertThat(locator.billingPeriod()).isEqualTo(2026 * 12 + 2);
    }

    @Test
    void anotherStartUnderTheSameTariffIsLocatedAnew()
    {
        // 2026-03-09 (a Monday) 08:00 and 17:00 PDT: off-peak, then peak
        final long morning = ZonedDateTime.of(2026, 3, 9, 8, 0, 0, 0, LOS_ANGELES).toEpochSecond();
        final IntervalLocator locator = new IntervalLocator();

        locator.locate(PACIFIC, morning);
        assertThat(locator.period()).isEqualTo(0);
        locator.locate(PACIFIC, morning + 9 * 3_600);
        assertThat(locator.period()).isEqualTo(1);
    }

    private static void assertAsTariff(final IntervalLocator locator, final TouTariff tariff, final long start)
    {
        final long local = tariff.zoneTable().localEpochSecond(start);
        assertThat(locator.local()).isEqualTo(local);
        assertThat(locator.period()).isEqualTo(tariff.periodIndexAtLocal(local));
        assertThat(locator.billingPeriod()).isEqualTo(tariff.billingPeriodOf(start));
    }

    private static int[] peak(final int fromHour, final int toHour)
    {
        final int[] hours = new int[24];
        for (int h = fromHour; h < toHour; h++)
        {
            hours[h] = 1;
        }
        return hours;
    }
}
