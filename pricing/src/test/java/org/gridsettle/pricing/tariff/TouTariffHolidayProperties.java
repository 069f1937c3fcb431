package org.gridsettle.pricing.tariff;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.gridsettle.pricing.calendar.CivilCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TouTariff#dayTypeOf} answers from a bit per day where the holidays span under a million days, and from a
 * binary search otherwise; both must agree with {@code java.time} and the plain list of holidays.
 */
class TouTariffHolidayProperties
{
    private static final List<TouPeriod> ONE_PERIOD = List.of(new TouPeriod("flat", 100, 0));

    @Property(tries = 300)
    void dayTypeIsHolidayExactlyOnTheListedDays(
        @ForAll @Size(max = 40) final List<@LongRange(min = 19_000, max = 21_000) Long> holidays,
        @ForAll @Size(min = 1, max = 60) final List<@LongRange(min = 18_900, max = 21_100) Long> days,
        @ForAll final boolean farOutlier)
    {
        final long[] sorted = holidays.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
        // a holiday a million days on forces the binary-search path
        final long[] listed = farOutlier ? java.util.Arrays.copyOf(sorted, sorted.length + 1) : sorted;
        if (farOutlier)
        {
            listed[listed.length - 1] = 1_500_000L;
        }
        final TouTariff tariff = new TouTariff(1L, 1, 0L, "USD", "SOLAR", ZoneOffset.UTC, 60, ONE_PERIOD,
            new byte[12 * 3 * 24], listed);
        for (final long day : days)
        {
            final boolean holiday = java.util.Arrays.binarySearch(listed, day) >= 0;
            final DayOfWeek weekday = LocalDate.ofEpochDay(day).getDayOfWeek();
            final DayType expected = holiday ? DayType.HOLIDAY :
                weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? DayType.WEEKEND : DayType.WEEKDAY;
            assertThat(tariff.dayTypeOf(day)).as("day %d", day).isEqualTo(expected);
        }
        assertThat(tariff.dayTypeOf(1_500_000L)).isEqualTo(farOutlier ? DayType.HOLIDAY :
            CivilCalendar.isoDayOfWeek(1_500_000L) >= 6 ? DayType.WEEKEND : DayType.WEEKDAY);
    }
}
