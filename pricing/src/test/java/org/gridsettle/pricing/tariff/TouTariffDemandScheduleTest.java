package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A demand schedule of its own: the shape of REopt's multi-tier URDB sample (energy seasonal, demand free on January
 * weekdays and charged otherwise), where a slot's demand period is not its energy period. Local times are given as
 * such; the dates' weekdays are from the 2026 calendar.
 */
class TouTariffDemandScheduleTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final int SUMMER = 0;
    private static final int WINTER = 1;
    private static final int FREE = 0;
    private static final int CHARGED = 1;
    private static final List<TouPeriod> PERIODS = List.of(
        new TouPeriod("summer", 78_891, 0), new TouPeriod("winter", 61_731, 0));
    private static final long JANUARY = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, LA).toEpochSecond();
    private static final long FEBRUARY = ZonedDateTime.of(2026, 2, 1, 0, 0, 0, 0, LA).toEpochSecond();

    /** Energy: May to October summer, else winter, every day type alike. */
    private static byte[] energySchedule()
    {
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int i = 0; i < schedule.length; i++)
        {
            final int month = i / (3 * 24) + 1;
            schedule[i] = (byte)(month >= 5 && month <= 10 ? SUMMER : WINTER);
        }
        return schedule;
    }

    /** Demand: January weekdays free, every other slot (weekends, holidays, other months) charged. */
    private static byte[] demandSchedule()
    {
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int i = 0; i < schedule.length; i++)
        {
            final int month = i / (3 * 24) + 1;
            final int dayType = i / 24 % 3;
            schedule[i] = (byte)(month == 1 && dayType == DayType.WEEKDAY.ordinal() ? FREE : CHARGED);
        }
        return schedule;
    }

    private static TouTariff tariff(final long... holidays)
    {
        return new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(), holidays)
            .withDemandSchedule(List.of("demand-free", "demand-charged"), demandSchedule());
    }

    private static long local(final int month, final int day, final int hour)
    {
        return LocalDateTime.of(2026, month, day, hour, 0).toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void demandPeriodFollowsItsOwnScheduleAndEnergyItsOwn()
    {
        final TouTariff tariff = tariff(LocalDate.of(2026, 1, 19).toEpochDay());
        // Tuesday 2026-01-13 14:00: a January weekday, demand free, energy winter
        assertThat(tariff.demandPeriodIndexAtLocal(local(1, 13, 14))).isEqualTo(FREE);
        assertThat(tariff.periodIndexAtLocal(local(1, 13, 14))).isEqualTo(WINTER);
        // Saturday 2026-01-17 14:00: a January weekend day, demand charged, energy still winter
        assertThat(tariff.demandPeriodIndexAtLocal(local(1, 17, 14))).isEqualTo(CHARGED);
        assertThat(tariff.periodIndexAtLocal(local(1, 17, 14))).isEqualTo(WINTER);
        // Monday 2026-01-19 is a holiday: the holiday rows, which charge demand
        assertThat(tariff.demandPeriodIndexAtLocal(local(1, 19, 9))).isEqualTo(CHARGED);
        // Monday 2026-02-02: a February weekday, charged
        assertThat(tariff.demandPeriodIndexAtLocal(local(2, 2, 9))).isEqualTo(CHARGED);
        // Wednesday 2026-07-15: charged, energy summer
        assertThat(tariff.demandPeriodIndexAtLocal(local(7, 15, 9))).isEqualTo(CHARGED);
        assertThat(tariff.periodIndexAtLocal(local(7, 15, 9))).isEqualTo(SUMMER);
        final int slot = tariff.slotIndexAtLocal(local(1, 13, 14));
        assertThat(tariff.periodInSlot(slot)).isEqualTo(WINTER);
        assertThat(tariff.demandPeriodInSlot(slot)).isEqualTo(FREE);
        assertThat(tariff.hasDemandSchedule()).isTrue();
        assertThat(tariff.demandPeriodCount()).isEqualTo(2);
        assertThat(tariff.demandPeriodName(CHARGED)).isEqualTo("demand-charged");
        assertThat(tariff.demandScheduleCopy()).isEqualTo(demandSchedule());
    }

    @Test
    void withoutADemandScheduleADemandPeriodIsAnEnergyPeriod()
    {
        final TouTariff tariff = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]);
        assertThat(tariff.hasDemandSchedule()).isFalse();
        assertThat(tariff.demandPeriodCount()).isEqualTo(2);
        assertThat(tariff.demandPeriodName(SUMMER)).isEqualTo("summer");
        assertThat(tariff.demandPeriodIndexAtLocal(local(1, 13, 14))).isEqualTo(WINTER);
        assertThat(tariff.demandPeriodIndexAtLocal(local(7, 15, 9))).isEqualTo(SUMMER);
        assertThat(tariff.demandScheduleCopy()).isNull();
    }

    @Test
    void touDemandRatesAreOnePerDemandPeriod()
    {
        final byte[] three = demandSchedule();
        three[0] = 2; // January weekday midnight in a third demand period
        final TouTariff tariff = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]).withDemandSchedule(List.of("a", "b", "c"), three);
        assertThatThrownBy(() -> tariff.withDemand(0, new long[] {1, 2}))
            .hasMessageContaining("one per demand period");
        tariff.withDemand(0, new long[] {0, 24_368_000, 5});
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(24_368_000);
        assertThat(tariff.touDemandMicrosPerKw(2)).isEqualTo(5);
        assertThatThrownBy(() -> tariff.withDemandTiers(new DemandTiers(new long[] {100_000, Long.MAX_VALUE},
            new long[2], new long[][] {{0, 0}, {24_368_000, 17_031_000}})))
            .hasMessageContaining("every one of the 3 demand periods");
        tariff.withDemandTiers(new DemandTiers(new long[] {100_000, Long.MAX_VALUE}, new long[2],
            new long[][] {{0, 0}, {24_368_000, 17_031_000}, {1, 1}}));
        assertThat(tariff.demandTiers().periodRate(1, 1)).isEqualTo(17_031_000);
    }

    @Test
    void aDemandScheduleIsCheckedAsTheEnergyScheduleIs()
    {
        final TouTariff tariff = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]);
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of("a"), demandSchedule()))
            .hasMessageContaining("demand schedule entry").hasMessageContaining("names unknown period 1");
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of("a", "b"), new byte[12 * 3 * 48]))
            .hasMessageContaining("demand schedule must have 12*3*24 entries");
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of("a", "a"), demandSchedule()))
            .hasMessageContaining("distinct");
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of(), demandSchedule()))
            .hasMessageContaining("1..127 demand periods");
        assertThatThrownBy(() -> tariff.withDemandSchedule(Collections.nCopies(128, "x"), demandSchedule()))
            .hasMessageContaining("1..127 demand periods");
        final byte[] negative = demandSchedule();
        negative[5] = -1;
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of("a", "b"), negative))
            .hasMessageContaining("entry 5 names unknown period -1");
        // rates given per energy period first would be read per demand period afterwards: refused
        tariff.withDemand(0, new long[] {1, 2});
        assertThatThrownBy(() -> tariff.withDemandSchedule(List.of("a", "b"), demandSchedule()))
            .hasMessageContaining("before the time-of-use demand rates");
    }

    @Test
    void versionsAgreeOnDemandPeriodsOnlyWithTheSameScheduleAndNames()
    {
        final TouTariff plain = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]);
        final TouTariff plain2 = new TouTariff(7L, 2, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]);
        final byte[] other = demandSchedule();
        other[3] = CHARGED;
        final TouTariff renamed = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]).withDemandSchedule(List.of("x", "y"), demandSchedule());
        final TouTariff moved = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]).withDemandSchedule(List.of("demand-free", "demand-charged"), other);
        assertThat(plain.sameDemandPeriods(plain2, JANUARY, FEBRUARY)).isTrue();
        assertThat(tariff().sameDemandPeriods(tariff(), JANUARY, FEBRUARY)).isTrue();
        assertThat(tariff().sameDemandPeriods(plain, JANUARY, FEBRUARY)).isFalse();
        assertThat(plain.sameDemandPeriods(tariff(), JANUARY, FEBRUARY)).isFalse();
        assertThat(tariff().sameDemandPeriods(renamed, JANUARY, FEBRUARY)).isFalse();
        assertThat(tariff().sameDemandPeriods(moved, JANUARY, FEBRUARY)).isFalse();
    }

    /**
     * Versions with the same demand schedule and names still put a day in other demand periods when it is a holiday
     * under one only (the schedule's holiday rows) or when their zones differ. Before 07afe7b such versions agreed,
     * which is why its journal/FORMAT.md section 10 row names them as well as versions without demand schedules.
     */
    @Test
    void versionsWithTheSameDemandScheduleDisagreeOnAHolidayOfTheSpanOrAnotherZone()
    {
        final long mlkDay = LocalDate.of(2026, 1, 19).toEpochDay();
        assertThat(tariff().sameDemandPeriods(tariff(mlkDay), JANUARY, FEBRUARY)).isFalse();
        assertThat(tariff(mlkDay).sameDemandPeriods(tariff(mlkDay), JANUARY, FEBRUARY)).isTrue();
        final TouTariff chicago = new TouTariff(7L, 2, 0L, "USD", "USD", ZoneId.of("America/Chicago"), 60, PERIODS,
            energySchedule(), new long[0]).withDemandSchedule(List.of("demand-free", "demand-charged"),
            demandSchedule());
        assertThat(tariff().sameDemandPeriods(chicago, JANUARY, FEBRUARY)).isFalse();
    }

    @Test
    void versionsWithoutDemandSchedulesAgreeOnlyWhenEveryInstantOfTheSpanFallsInTheSamePeriod()
    {
        final long mlkDay = LocalDate.of(2026, 1, 19).toEpochDay();
        final long presidentsDay = LocalDate.of(2026, 2, 16).toEpochDay();
        final TouTariff plain = new TouTariff(7L, 1, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[] {mlkDay});
        // summer from April instead of May: January is winter under both, but the slot tables differ, so a
        // peak kept under one index does not mean the same under the other in every month
        final byte[] earlier = energySchedule();
        Arrays.fill(earlier, 3 * 3 * 24, 4 * 3 * 24, (byte)SUMMER);
        final TouTariff moved = new TouTariff(7L, 2, 0L, "USD", "USD", LA, 60, PERIODS, earlier,
            new long[] {mlkDay});
        assertThat(plain.sameDemandPeriods(moved, JANUARY, FEBRUARY)).isFalse();
        // the periods in the other order: index 0 is winter under one and summer under the other
        final byte[] swapped = energySchedule();
        for (int i = 0; i < swapped.length; i++)
        {
            swapped[i] = (byte)(1 - swapped[i]);
        }
        final TouTariff reordered = new TouTariff(7L, 2, 0L, "USD", "USD", LA, 60,
            List.of(PERIODS.get(1), PERIODS.get(0)), swapped, new long[] {mlkDay});
        assertThat(plain.sameDemandPeriods(reordered, JANUARY, FEBRUARY)).isFalse();
        // another zone, or January's holiday missing: the same slot table puts other instants in other periods
        final TouTariff chicago = new TouTariff(7L, 2, 0L, "USD", "USD", ZoneId.of("America/Chicago"), 60, PERIODS,
            energySchedule(), new long[] {mlkDay});
        assertThat(plain.sameDemandPeriods(chicago, JANUARY, FEBRUARY)).isFalse();
        final TouTariff noHoliday = new TouTariff(7L, 2, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[0]);
        assertThat(plain.sameDemandPeriods(noHoliday, JANUARY, FEBRUARY)).isFalse();
        // a version that only adds a holiday after the span, with other rates, agrees within January
        final TouTariff nextHoliday = new TouTariff(7L, 2, 0L, "USD", "USD", LA, 60,
            List.of(new TouPeriod("summer", 99_000, 0), new TouPeriod("winter", 88_000, 0)), energySchedule(),
            new long[] {mlkDay, presidentsDay});
        assertThat(plain.sameDemandPeriods(nextHoliday, JANUARY, FEBRUARY)).isTrue();
        assertThat(plain.sameDemandPeriods(nextHoliday, FEBRUARY,
            ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, LA).toEpochSecond())).isFalse();
        // a demand schedule that copies the energy schedule and names agrees with a version without one
        final TouTariff copied = new TouTariff(7L, 2, 0L, "USD", "USD", LA, 60, PERIODS, energySchedule(),
            new long[] {mlkDay}).withDemandSchedule(List.of("summer", "winter"), energySchedule());
        assertThat(plain.sameDemandPeriods(copied, JANUARY, FEBRUARY)).isTrue();
        assertThat(copied.sameDemandPeriods(plain, JANUARY, FEBRUARY)).isTrue();
    }
}
