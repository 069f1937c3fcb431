package org.gridsettle.pricing.calendar;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CivilCalendar} against {@link LocalDate}, the independent oracle, over roughly years -100,000 .. 100,000.
 */
class CivilCalendarTest
{
    // LocalDate.of(-100_000, 1, 1).toEpochDay() and LocalDate.of(100_000, 12, 31).toEpochDay()
    private static final long MIN_DAY = -37_243_778L;
    private static final long MAX_DAY = 35_805_087L;

    @Test
    void rangeConstantsAreTheDatesTheyClaim()
    {
        assertThat(LocalDate.ofEpochDay(MIN_DAY)).isEqualTo(LocalDate.of(-100_000, 1, 1));
        assertThat(LocalDate.ofEpochDay(MAX_DAY)).isEqualTo(LocalDate.of(100_000, 12, 31));
    }

    @Test
    void handWorkedDates()
    {
        // 1970-01-01 is day 0, a Thursday (ISO 4)
        assertThat(CivilCalendar.epochDay(1970, 1, 1)).isZero();
        assertThat(CivilCalendar.isoDayOfWeek(0)).isEqualTo(4);
        assertThat(CivilCalendar.yyyymmdd(0)).isEqualTo(19700101);
        // 1969-12-31 is day -1, a Wednesday (ISO 3)
        assertThat(CivilCalendar.yyyymmdd(-1)).isEqualTo(19691231);
        assertThat(CivilCalendar.isoDayOfWeek(-1)).isEqualTo(3);
        // 2000-01-01: 30 years, 7 leap days (72,76,80,84,88,92,96) -> 30 * 365 + 7 = 10,957
        assertThat(CivilCalendar.epochDay(2000, 1, 1)).isEqualTo(10_957L);
        // 2000-03-01: + 31 (Jan) + 29 (Feb, 2000 is a leap year: divisible by 400) = 11,017
        assertThat(CivilCalendar.epochDay(2000, 3, 1)).isEqualTo(11_017L);
        assertThat(CivilCalendar.yyyymmdd(11_016L)).isEqualTo(20000229);
        // 2026-01-01: 56 years, 14 leap days (1972..2024) -> 56 * 365 + 14 = 20,454;
        // 2026-03-08: + 31 + 28 + 7 = 20,520, a Sunday: (20,520 + 3) mod 7 = 6 -> ISO 7
        assertThat(CivilCalendar.epochDay(2026, 3, 8)).isEqualTo(20_520L);
        assertThat(CivilCalendar.yyyymmdd(20_520L)).isEqualTo(20260308);
        assertThat(CivilCalendar.isoDayOfWeek(20_520L)).isEqualTo(7);
        assertThat(CivilCalendar.month(20_520L)).isEqualTo(3);
        // 2100-02-28 is followed by 2100-03-01: 2100 is not a leap year (divisible by 100, not by 400)
        final long feb28 = CivilCalendar.epochDay(2100, 2, 28);
        assertThat(CivilCalendar.yyyymmdd(feb28 + 1)).isEqualTo(21000301);
    }

    @Property(tries = 5000)
    void yyyymmddMonthAndWeekdayMatchLocalDate(@ForAll @LongRange(min = MIN_DAY, max = MAX_DAY) final long epochDay)
    {
        final LocalDate date = LocalDate.ofEpochDay(epochDay);
        final int expectedPacked = date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        assertThat(CivilCalendar.yyyymmdd(epochDay)).isEqualTo(expectedPacked);
        assertThat(CivilCalendar.month(epochDay)).isEqualTo(date.getMonthValue());
        assertThat(CivilCalendar.isoDayOfWeek(epochDay)).isEqualTo(date.getDayOfWeek().getValue());
    }

    @Property(tries = 5000)
    void epochDayMatchesLocalDate(
        @ForAll @IntRange(min = -100_000, max = 100_000) final int year,
        @ForAll @IntRange(min = 1, max = 12) final int month,
        @ForAll @IntRange(min = 1, max = 31) final int dayHint)
    {
        final int day = Math.min(dayHint, LocalDate.of(year, month, 1).lengthOfMonth());
        assertThat(CivilCalendar.epochDay(year, month, day)).isEqualTo(LocalDate.of(year, month, day).toEpochDay());
    }

    @Test
    void everyDayFrom1900To2200MatchesLocalDate()
    {
        final long first = LocalDate.of(1900, 1, 1).toEpochDay();
        final long last = LocalDate.of(2200, 12, 31).toEpochDay();
        for (long d = first; d <= last; d++)
        {
            final LocalDate date = LocalDate.ofEpochDay(d);
            final int packed = CivilCalendar.yyyymmdd(d);
            if (packed != date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth() ||
                CivilCalendar.isoDayOfWeek(d) != date.getDayOfWeek().getValue() ||
                CivilCalendar.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()) != d)
            {
                throw new AssertionError("mismatch on " + date + ": yyyymmdd=" + packed +
                    " isoDayOfWeek=" + CivilCalendar.isoDayOfWeek(d));
            }
        }
    }
}
