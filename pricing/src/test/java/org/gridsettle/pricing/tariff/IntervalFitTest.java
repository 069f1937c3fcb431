package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tick intervals are priced wholly by what holds at their start. The TOU tariff is the one of
 * {@link TouTariffDstTest}: America/Los_Angeles, weekday peak 16:00-21:00, weekend super-off-peak at 01:00-03:00, so
 * the daylight-saving days (Sundays) put a period change next to the skipped and the repeated hour.
 */
class IntervalFitTest
{
    private static final ZoneId LA = TouTariffDstTest.LA;
    private static final TouTariff TOU = TouTariffDstTest.tariff();

    @Test
    void aTickInsideOneSlotFits()
    {
        // Tuesday 2026-03-10, 16:15-16:30: inside the peak hour
        assertThat(fits(TOU, "2026-03-10T16:15", 900)).isTrue();
        assertThat(fits(TOU, "2026-03-10T15:00", 3_600)).isTrue();
    }

    @Test
    void aTickThatRunsIntoAnotherTouPeriodDoesNot()
    {
        // 15:30-16:30 is half off-peak, half peak
        assertThat(fits(TOU, "2026-03-10T15:30", 3_600)).isFalse();
        // 20:45-21:15 runs out of the peak
        assertThat(fits(TOU, "2026-03-10T20:45", 1_800)).isFalse();
    }

    @Test
    void aTickOverSlotBoundariesOfOnePeriodFits()
    {
        // 16:00-21:00 is all peak: four slot boundaries, no change
        assertThat(fits(TOU, "2026-03-10T16:00", 5 * 3_600)).isTrue();
    }

    @Test
    void theSkippedHourIsNotAnInterval()
    {
        // Sunday 2026-03-08: 01:00 PST plus an hour ends at 03:00 PDT, all of it in the 01:00 super-off-peak hour
        assertThat(fits(TOU, "2026-03-08T01:00", 3_600)).isTrue();
        // 01:30 PST plus an hour is 01:30-02:00 PST then 03:00-03:30 PDT: super-off-peak, then off-peak
        assertThat(fits(TOU, "2026-03-08T01:30", 3_600)).isFalse();
    }

    @Test
    void theRepeatedHourIsOneLocalHourTwice()
    {
        // Sunday 2026-11-01: 01:00 PDT plus two hours ends at 02:00 PST, after 01:00-02:00 PDT and 01:00-02:00 PST,
        // both super-off-peak
        assertThat(fits(TOU, "2026-11-01T01:00", 7_200)).isTrue();
    }

    @Test
    void aTickThatRunsIntoTheNextBillingPeriodDoesNot()
    {
        // the billing cycle starts on the 1st: 23:30 on 31 March to 00:30 on 1 April spans two periods
        assertThat(fits(flat(), "2026-03-31T23:30", 3_600)).isFalse();
        assertThat(fits(flat(), "2026-03-15T23:30", 3_600)).isTrue();
    }

    @Test
    void aTickOverMidnightDoesNotFitDailyTiers()
    {
        final TouTariff daily = flat().withTiers(new TierTable(TierBasis.DAILY, new long[] {10_000, Long.MAX_VALUE},
            new long[][] {{250_000, 300_000}}, new long[][] {{50_000, 50_000}}));
        assertThat(fits(daily, "2026-03-15T23:30", 3_600)).isFalse();
        assertThat(fits(daily, "2026-03-15T22:30", 3_600)).isTrue();
    }

    @Test
    void aTickOverAnHourDoesNotFitHourlyNetting()
    {
        final TouTariff hourly = flat().withExportRule(ExportRule.NET_BILLING_HOURLY, 0);
        assertThat(fits(flat(), "2026-03-15T10:45", 1_800)).isTrue();
        assertThat(fits(hourly, "2026-03-15T10:45", 1_800)).isFalse();
        assertThat(fits(hourly, "2026-03-15T10:30", 1_800)).isTrue();
    }

    @Test
    void aTickPastTheYearsTheZoneTableCoversDoesNotFitRatherThanThrowing()
    {
        assertThat(fits(flat(), "2100-12-15T00:00", Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void aNinetyMinuteSlotCutByTheSkippedHourDoesNotHideTheNextSlot()
    {
        // slots 01:30-03:00 and 03:00-04:30 are different periods; on 2026-03-08 01:30 PST plus an hour is 01:30-02:00
        // PST then 03:00-03:30 PDT: the clocks reach the 03:00 slot 30 minutes in, not 90 (02:00 is no slot boundary)
        final TouTariff ninety = alternating(LA, 90);
        assertThat(fits(ninety, LA, "2026-03-08T01:30", 3_600)).isFalse();
        assertThat(fits(ninety, LA, "2026-03-08T01:30", 1_800)).isTrue();
        // on a day without a change the same hour is inside its slot
        assertThat(fits(ninety, LA, "2026-03-15T01:30", 3_600)).isTrue();
    }

    @Test
    void aNinetyMinuteSlotCutByTheRepeatedHourDoesNotHideTheSlotBefore()
    {
        // on 2026-11-01 01:30 PDT plus an hour is 01:30-02:00 PDT then 01:00-01:30 PST, back in the 00:00-01:30 slot
        final TouTariff ninety = alternating(LA, 90);
        assertThat(fits(ninety, LA, "2026-11-01T01:30", 3_600)).isFalse();
        assertThat(fits(ninety, LA, "2026-11-01T01:30", 1_800)).isTrue();
    }

    @Test
    void aZoneChangingOffsetInsideAnHourlySlotDoesNotHideTheNextSlot()
    {
        // Pacific/Chatham springs forward at 02:45 standard time to 03:45: 02:30 plus 30 minutes is 02:30-02:45 then
        // 03:45-04:00, so it runs from the 02:00 slot into the 03:00 slot
        final ZoneId chatham = ZoneId.of("Pacific/Chatham");
        final TouTariff hourly = alternating(chatham, 60);
        assertThat(fits(hourly, chatham, "2026-09-27T02:30", 1_800)).isFalse();
        assertThat(fits(hourly, chatham, "2026-09-27T02:30", 900)).isTrue();
        assertThat(fits(hourly, chatham, "2026-09-20T02:30", 1_800)).isTrue();
    }

    /** Every day alike, the slots alternating between two periods, so that any slot boundary changes the period. */
    private static TouTariff alternating(final ZoneId zone, final int slotMinutes)
    {
        final int slotsPerDay = 1440 / slotMinutes;
        final byte[] schedule = new byte[12 * 3 * slotsPerDay];
        for (int i = 0; i < schedule.length; i++)
        {
            schedule[i] = (byte)(i % slotsPerDay % 2);
        }
        return new TouTariff(9L, 1, 0L, "USD", "SOLAR", zone, slotMinutes,
            List.of(new TouPeriod("even", 250_000, 50_000), new TouPeriod("odd", 300_000, 50_000)), schedule,
            new long[0]);
    }

    private static boolean fits(final TouTariff tariff, final ZoneId zone, final String localStart, final int seconds)
    {
        final long start = LocalDateTime.parse(localStart).atZone(zone).toEpochSecond();
        return IntervalFit.fits(tariff, start, tariff.zoneTable().localEpochSecond(start), seconds);
    }

    /** A new one each time: the {@code with...} setters change the tariff they are called on. */
    private static TouTariff flat()
    {
        return TouTariff.hourly(8L, 1, 0L, "USD", "SOLAR", LA, List.of(new TouPeriod("all day", 250_000, 50_000)),
            new int[24], new int[24]);
    }

    private static boolean fits(final TouTariff tariff, final String localStart, final int seconds)
    {
        final long start = LocalDateTime.parse(localStart).atZone(LA).toEpochSecond();
        return IntervalFit.fits(tariff, start, tariff.zoneTable().localEpochSecond(start), seconds);
    }
}
