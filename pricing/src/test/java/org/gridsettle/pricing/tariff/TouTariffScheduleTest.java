package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Month-by-month (seasonal) schedules, sub-hourly slots, holidays and construction checks. Every instant is worked by
 * hand from the local time in the comment; the points are chosen where pricing by UTC date or UTC month would give a
 * different answer.
 */
class TouTariffScheduleTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static final int WINTER_OFF = 0;
    private static final int WINTER_PEAK = 1;
    private static final int SUMMER_OFF = 2;
    private static final int SUMMER_PEAK = 3;
    private static final int HOLIDAY = 4;

    private static final List<TouPeriod> SEASONAL_PERIODS = List.of(
        new TouPeriod("winter-off", 200_000, 40_000),
        new TouPeriod("winter-peak", 300_000, 60_000),
        new TouPeriod("summer-off", 220_000, 45_000),
        new TouPeriod("summer-peak", 600_000, 150_000),
        new TouPeriod("holiday", 180_000, 35_000));

    /** Summer is June..September: weekday peak 16:00-20:59 local in both seasons, weekends off, holidays flat. */
    private static byte[] seasonalSchedule()
    {
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int month = 1; month <= 12; month++)
        {
            final boolean summer = month >= 6 && month <= 9;
            for (int hour = 0; hour < 24; hour++)
            {
                final boolean peakHour = hour >= 16 && hour <= 20;
                final int off = summer ? SUMMER_OFF : WINTER_OFF;
                final int peak = summer ? SUMMER_PEAK : WINTER_PEAK;
                schedule[((month - 1) * 3 + 0) * 24 + hour] = (byte)(peakHour ? peak : off);
                schedule[((month - 1) * 3 + 1) * 24 + hour] = (byte)off;
                schedule[((month - 1) * 3 + 2) * 24 + hour] = (byte)HOLIDAY;
            }
        }
        return schedule;
    }

    private static TouTariff seasonal()
    {
        // holidays: Friday 2026-07-03 (observed Independence Day) and Friday 2026-12-25
        final long[] holidays = {LocalDate.of(2026, 7, 3).toEpochDay(), LocalDate.of(2026, 12, 25).toEpochDay()};
        return new TouTariff(11L, 3, 0L, "USD", "SOLAR", LA, 60, SEASONAL_PERIODS, seasonalSchedule(), holidays);
    }

    private static int at(final TouTariff tariff, final String utc)
    {
        return tariff.periodIndexAt(Instant.parse(utc).getEpochSecond());
    }

    @Test
    void seasonPicksTheScheduleOfTheLocalMonth()
    {
        final TouTariff t = seasonal();
        // Wed 2026-07-15 17:00 PDT (UTC-7) = 2026-07-16T00:00Z: summer weekday peak
        assertThat(at(t, "2026-07-16T00:00:00Z")).isEqualTo(SUMMER_PEAK);
        // Wed 2026-01-14 17:00 PST (UTC-8) = 2026-01-15T01:00Z: winter weekday peak
        assertThat(at(t, "2026-01-15T01:00:00Z")).isEqualTo(WINTER_PEAK);
        // Wed 2026-01-14 15:59:59 PST = 23:59:59Z: winter off
        assertThat(at(t, "2026-01-14T23:59:59Z")).isEqualTo(WINTER_OFF);
    }

    @Test
    void monthBoundariesFollowLocalTimeNotUtc()
    {
        final TouTariff t = seasonal();
        // Sun 2026-05-31 23:45 PDT = 2026-06-01T06:45Z: still May locally (UTC is already June) -> winter
        assertThat(at(t, "2026-06-01T06:45:00Z")).isEqualTo(WINTER_OFF);
        // Mon 2026-06-01 00:00 PDT = 07:00Z: June -> summer
        assertThat(at(t, "2026-06-01T07:00:00Z")).isEqualTo(SUMMER_OFF);
        // Wed 2026-09-30 23:45 PDT = 2026-10-01T06:45Z: still September locally -> summer
        assertThat(at(t, "2026-10-01T06:45:00Z")).isEqualTo(SUMMER_OFF);
        // Thu 2026-10-01 00:00 PDT = 07:00Z: October -> winter
        assertThat(at(t, "2026-10-01T07:00:00Z")).isEqualTo(WINTER_OFF);
        // Thu 2026-10-01 16:00 PDT = 23:00Z: winter peak even though DST is still on
        assertThat(at(t, "2026-10-01T23:00:00Z")).isEqualTo(WINTER_PEAK);
        // Wed 2026-09-30 16:00 PDT = 23:00Z: summer peak
        assertThat(at(t, "2026-09-30T23:00:00Z")).isEqualTo(SUMMER_PEAK);
    }

    @Test
    void holidayIsTheLocalDateInTheHolidayList()
    {
        final TouTariff t = seasonal();
        // Fri 2026-07-03 00:00 PDT = 07:00Z: holiday
        assertThat(at(t, "2026-07-03T07:00:00Z")).isEqualTo(HOLIDAY);
        // Fri 2026-07-03 17:00 PDT = 2026-07-04T00:00Z: holiday, not the weekday summer peak
        assertThat(at(t, "2026-07-04T00:00:00Z")).isEqualTo(HOLIDAY);
        // Fri 2026-07-03 23:45 PDT = 2026-07-04T06:45Z: holiday (UTC date is Saturday the 4th)
        assertThat(at(t, "2026-07-04T06:45:00Z")).isEqualTo(HOLIDAY);
        // Thu 2026-07-02 23:45 PDT = 2026-07-03T06:45Z: ordinary weekday off (UTC date is the holiday)
        assertThat(at(t, "2026-07-03T06:45:00Z")).isEqualTo(SUMMER_OFF);
        // Thu 2026-07-02 17:00 PDT = 2026-07-03T00:00Z: weekday summer peak
        assertThat(at(t, "2026-07-03T00:00:00Z")).isEqualTo(SUMMER_PEAK);
        // Fri 2026-12-25 17:00 PST = 2026-12-26T01:00Z: holiday in winter too
        assertThat(at(t, "2026-12-26T01:00:00Z")).isEqualTo(HOLIDAY);
        // Sat 2026-07-04 17:00 PDT = 2026-07-05T00:00Z: weekend (not listed as a holiday)
        assertThat(at(t, "2026-07-05T00:00:00Z")).isEqualTo(SUMMER_OFF);
    }

    @Test
    void dayTypeOfLocalDates()
    {
        final TouTariff t = seasonal();
        assertThat(t.dayTypeOf(LocalDate.of(2026, 7, 2).toEpochDay())).isEqualTo(DayType.WEEKDAY);  // Thursday
        assertThat(t.dayTypeOf(LocalDate.of(2026, 7, 3).toEpochDay())).isEqualTo(DayType.HOLIDAY);  // listed
        assertThat(t.dayTypeOf(LocalDate.of(2026, 7, 4).toEpochDay())).isEqualTo(DayType.WEEKEND);  // Saturday
        assertThat(t.dayTypeOf(LocalDate.of(2026, 7, 5).toEpochDay())).isEqualTo(DayType.WEEKEND);  // Sunday
        assertThat(t.dayTypeOf(LocalDate.of(2026, 7, 6).toEpochDay())).isEqualTo(DayType.WEEKDAY);  // Monday
        assertThat(t.dayTypeOf(LocalDate.of(2026, 12, 25).toEpochDay())).isEqualTo(DayType.HOLIDAY);
        // the ordinals are journalled: never reorder
        assertThat(DayType.of(0)).isEqualTo(DayType.WEEKDAY);
        assertThat(DayType.of(1)).isEqualTo(DayType.WEEKEND);
        assertThat(DayType.of(2)).isEqualTo(DayType.HOLIDAY);
    }

    @Test
    void hourlyTariffPricesHolidaysWithTheWeekendShapeAndHasNoHolidays()
    {
        final TouTariff t = TouTariffDstTest.tariff();
        assertThat(t.holidayEpochDaysCopy()).isEmpty();
        assertThat(t.slotMinutes()).isEqualTo(60);
        // 12 months * 3 day types * 24 hours; the HOLIDAY rows (day type 2) copy the weekend rows
        final byte[] schedule = t.scheduleCopy();
        assertThat(schedule).hasSize(864);
        for (int month = 0; month < 12; month++)
        {
            for (int hour = 0; hour < 24; hour++)
            {
                assertThat(schedule[(month * 3) * 24 + hour]).isEqualTo((byte)TouTariffDstTest.WEEKDAY[hour]);
                assertThat(schedule[(month * 3 + 1) * 24 + hour]).isEqualTo((byte)TouTariffDstTest.WEEKEND[hour]);
                assertThat(schedule[(month * 3 + 2) * 24 + hour]).isEqualTo((byte)TouTariffDstTest.WEEKEND[hour]);
            }
        }
    }

    @Test
    void fifteenMinuteSlotsInAHalfHourOffsetZone()
    {
        // Asia/Kolkata is UTC+05:30 all year. 96 slots a day: 16:15-16:44 (slots 65, 66) peak, 16:45-16:59 (slot 67)
        // shoulder, everything else off; weekends all off.
        final int off = 0;
        final int peak = 1;
        final int shoulder = 2;
        final byte[] schedule = new byte[12 * 3 * 96];
        for (int month = 0; month < 12; month++)
        {
            for (final int dayType : new int[] {0, 2})
            {
                schedule[(month * 3 + dayType) * 96 + 65] = peak;
                schedule[(month * 3 + dayType) * 96 + 66] = peak;
                schedule[(month * 3 + dayType) * 96 + 67] = shoulder;
            }
        }
        final TouTariff t = new TouTariff(12L, 1, 0L, "INR", "SOLAR", ZoneId.of("Asia/Kolkata"), 15,
            List.of(new TouPeriod("off", 1, 0), new TouPeriod("peak", 3, 0), new TouPeriod("shoulder", 2, 0)),
            schedule, new long[0]);

        // Wed 2026-07-15 in IST: local = UTC + 5:30
        assertThat(at(t, "2026-07-15T10:44:59Z")).isEqualTo(off);      // 16:14:59 IST
        assertThat(at(t, "2026-07-15T10:45:00Z")).isEqualTo(peak);     // 16:15:00 IST, slot 65
        assertThat(at(t, "2026-07-15T11:00:00Z")).isEqualTo(peak);     // 16:30:00 IST, slot 66
        assertThat(at(t, "2026-07-15T11:14:59Z")).isEqualTo(peak);     // 16:44:59 IST
        assertThat(at(t, "2026-07-15T11:15:00Z")).isEqualTo(shoulder); // 16:45:00 IST, slot 67
        assertThat(at(t, "2026-07-15T11:29:59Z")).isEqualTo(shoulder); // 16:59:59 IST
        assertThat(at(t, "2026-07-15T11:30:00Z")).isEqualTo(off);      // 17:00:00 IST
        // Sat 2026-07-18 16:15 IST = 10:45Z: weekend, off
        assertThat(at(t, "2026-07-18T10:45:00Z")).isEqualTo(off);
        // Wed 2026-07-15 16:15 UTC is 21:45 IST: off. A zone-blind slot lookup would say peak here.
        assertThat(at(t, "2026-07-15T16:15:00Z")).isEqualTo(off);
    }

    @Test
    void fiveMinuteSlotsAcrossTheRepeatedHourOfAFallBackDay()
    {
        // 288 slots a day; on weekend rows only 01:05-01:09 local (slot 13) is period 1.
        final byte[] schedule = new byte[12 * 3 * 288];
        for (int month = 0; month < 12; month++)
        {
            schedule[(month * 3 + 1) * 288 + 13] = 1;
        }
        final TouTariff t = new TouTariff(13L, 1, 0L, "USD", "SOLAR", LA, 5,
            List.of(new TouPeriod("base", 100, 0), new TouPeriod("blip", 900, 0)), schedule, new long[0]);
        // Sun 2026-11-01: 01:05 PDT = 08:05Z and 01:05 PST = 09:05Z are both local slot 13
        assertThat(at(t, "2026-11-01T08:04:59Z")).isEqualTo(0);
        assertThat(at(t, "2026-11-01T08:05:00Z")).isEqualTo(1);
        assertThat(at(t, "2026-11-01T08:09:59Z")).isEqualTo(1);
        assertThat(at(t, "2026-11-01T08:10:00Z")).isEqualTo(0);
        assertThat(at(t, "2026-11-01T09:05:00Z")).isEqualTo(1);
        assertThat(at(t, "2026-11-01T09:10:00Z")).isEqualTo(0);
        // 10:05Z is 02:05 PST: not slot 13
        assertThat(at(t, "2026-11-01T10:05:00Z")).isEqualTo(0);
    }

    @Test
    void constructorCopiesItsArrays()
    {
        final byte[] schedule = seasonalSchedule();
        final long[] holidays = {LocalDate.of(2026, 7, 3).toEpochDay()};
        final TouTariff t = new TouTariff(11L, 3, 0L, "USD", "SOLAR", LA, 60, SEASONAL_PERIODS, schedule, holidays);
        java.util.Arrays.fill(schedule, (byte)HOLIDAY);
        holidays[0] = LocalDate.of(2026, 7, 15).toEpochDay();
        // Wed 2026-07-15 17:00 PDT: still summer peak, and the 15th did not become a holiday
        assertThat(at(t, "2026-07-16T00:00:00Z")).isEqualTo(SUMMER_PEAK);
        t.scheduleCopy()[0] = 3;
        assertThat(t.scheduleCopy()[0]).isEqualTo((byte)WINTER_OFF);
    }

    @Test
    void accessorsReturnWhatWasGiven()
    {
        final TouTariff t = seasonal();
        assertThat(t.tariffId()).isEqualTo(11L);
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.token()).isEqualTo("USD");
        assertThat(t.exportToken()).isEqualTo("SOLAR");
        assertThat(t.tokenSymbol()).isEqualTo(0x44_53_55L);           // "USD", see TokenSymbolTest
        assertThat(t.exportTokenSymbol()).isEqualTo(0x52_41_4C_4F_53L); // "SOLAR"
        assertThat(t.zone()).isEqualTo(LA);
        assertThat(t.periodCount()).isEqualTo(5);
        assertThat(t.period(SUMMER_PEAK).name()).isEqualTo("summer-peak");
    }

    @Test
    void constructionRejectsMalformedTariffs()
    {
        final List<TouPeriod> one = List.of(new TouPeriod("flat", 1, 1));
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 7, one, new byte[0], new long[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slotMinutes must divide 1440: 7");
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 0, one, new byte[0], new long[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slotMinutes");
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 60, List.of(), new byte[864], new long[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..127 periods");
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 60, one, new byte[863], new long[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12*3*24 entries, got 863");
        final byte[] bad = new byte[864];
        bad[100] = 1;
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 60, one, bad, new long[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 100 names unknown period 1");
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 60, one, new byte[864], new long[] {5, 5}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted and distinct");
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "USD", "SOLAR", LA, 60, one, new byte[864], new long[] {6, 5}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted and distinct");
        assertThatThrownBy(() -> new TouTariff(1, 1, 0, "usd", "SOLAR", LA, 60, one, new byte[864], new long[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token symbol");
        assertThatThrownBy(() -> TouTariff.hourly(1, 1, 0, "USD", "SOLAR", LA, one, new int[23], new int[24]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 entries");
    }

    @Test
    void periodRejectsBadNamesAndNegativeRates()
    {
        assertThatThrownBy(() -> new TouPeriod("", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TouPeriod("x".repeat(33), 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TouPeriod("peak", -1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new TouPeriod("peak", 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TouPeriod(null, 1, 1)).isInstanceOf(NullPointerException.class);
        assertThat(new TouPeriod("x".repeat(32), 0, 0).name()).hasSize(32);
    }
}
