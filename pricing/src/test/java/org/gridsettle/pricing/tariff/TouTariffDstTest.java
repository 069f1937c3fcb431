package org.gridsettle.pricing.tariff;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * THE DST test: a time-of-use tariff in America/Los_Angeles walked through every 15-minute interval of the 23-hour
 * spring-forward day and the 25-hour fall-back day. Tariff windows are in local wall-clock time, so the skipped
 * 02:00 hour never occurs and the repeated 01:00 hour is priced twice as 01:00.
 * <p>
 * US DST days are Sundays, so the weekend shape is the one in force on them. The weekend shape is chosen so that a
 * wrong offset shows: hours 01 and 02 are super-off-peak (alone in the day), and 17-19 is a weekend peak that differs
 * from the weekday 16-20 peak, so pricing by UTC date (which is already Monday after 17:00 PDT) or by a fixed offset
 * moves a boundary and fails.
 */
class TouTariffDstTest
{
    static final int OFF = 0;
    static final int PEAK = 1;
    static final int SUPER = 2;
    static final int WKND_PEAK = 3;

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    static final List<TouPeriod> PERIODS = List.of(
        new TouPeriod("off-peak", 250_000, 50_000),
        new TouPeriod("peak", 500_000, 120_000),
        new TouPeriod("super-off-peak", 150_000, 30_000),
        new TouPeriod("weekend-peak", 350_000, 80_000));

    // hour:               00   01   02   03   04   05   06   07   08   09   10   11
    //                     12   13   14   15   16   17   18   19   20   21   22   23
    static final int[] WEEKDAY = {
        OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF,
        OFF, OFF, OFF, OFF, PEAK, PEAK, PEAK, PEAK, PEAK, OFF, OFF, OFF};
    static final int[] WEEKEND = {
        OFF, SUPER, SUPER, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF,
        OFF, OFF, OFF, OFF, OFF, WKND_PEAK, WKND_PEAK, WKND_PEAK, OFF, OFF, OFF, OFF};

    static TouTariff tariff()
    {
        return TouTariff.hourly(7L, 1, 0L, "USD", "SOLAR", LA, PERIODS, WEEKDAY, WEEKEND);
    }

    /*
     * Spring forward, Sunday 2026-03-08 (second Sunday of March). Local midnight is 00:00 PST (UTC-8) = 08:00Z.
     * At 02:00 PST = 10:00Z the clocks jump to 03:00 PDT (UTC-7). The next local midnight, 2026-03-09 00:00 PDT, is
     * 07:00Z on the 9th: 23 hours = 92 quarter hours.
     *
     * Local hours in order, each four times (:00 :15 :30 :45):
     *   00 (UTC-8, 08:00Z)  01 (UTC-8, 09:00Z)  -- 02 skipped --  03 (UTC-7, 10:00Z)  04 05 ... 22  23 (UTC-7, 06:00Z)
     * Weekend periods by those hours:
     *   00 off | 01 super | 03..16 off (14 h) | 17 18 19 weekend-peak | 20 21 22 23 off
     */
    static final int[] SPRING_HOURS = {
        0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
    static final int[] SPRING_PERIODS = {
        OFF, SUPER, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF,
        WKND_PEAK, WKND_PEAK, WKND_PEAK, OFF, OFF, OFF, OFF};

    /*
     * Fall back, Sunday 2026-11-01 (first Sunday of November). Local midnight is 00:00 PDT (UTC-7) = 07:00Z.
     * At 02:00 PDT = 09:00Z the clocks fall back to 01:00 PST (UTC-8), so 01:00-01:59 happens twice: first at UTC-7
     * (08:00Z-08:59Z), then at UTC-8 (09:00Z-09:59Z). The next local midnight, 2026-11-02 00:00 PST, is 08:00Z on the
     * 2nd: 25 hours = 100 quarter hours.
     *
     * Local hours in order, each four times:
     *   00 (UTC-7, 07:00Z)  01 (UTC-7, 08:00Z)  01 again (UTC-8, 09:00Z)  02 (UTC-8, 10:00Z)  03 ... 23 (UTC-8, 07:00Z)
     * Weekend periods by those hours:
     *   00 off | 01 super | 01 super | 02 super | 03..16 off (14 h) | 17 18 19 weekend-peak | 20 21 22 23 off
     */
    static final int[] FALL_HOURS = {
        0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
    static final int[] FALL_PERIODS = {
        OFF, SUPER, SUPER, SUPER, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF, OFF,
        WKND_PEAK, WKND_PEAK, WKND_PEAK, OFF, OFF, OFF, OFF};

    @Test
    void handWrittenListsHaveTheLengthsOfTheirDays()
    {
        assertThat(SPRING_HOURS).hasSize(23).hasSameSizeAs(SPRING_PERIODS);
        assertThat(FALL_HOURS).hasSize(25).hasSameSizeAs(FALL_PERIODS);
        // and the dates really are Sundays, so the weekend shape is the expected one
        assertThat(LocalDate.of(2026, 3, 8).getDayOfWeek().getValue()).isEqualTo(7);
        assertThat(LocalDate.of(2026, 11, 1).getDayOfWeek().getValue()).isEqualTo(7);
        assertThat(LocalDate.of(2025, 3, 9).getDayOfWeek().getValue()).isEqualTo(7);
        assertThat(LocalDate.of(2025, 11, 2).getDayOfWeek().getValue()).isEqualTo(7);
    }

    @Test
    void springForward2026Has92IntervalsPricedByLocalHour()
    {
        final int intervals = walk("2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z", SPRING_HOURS, SPRING_PERIODS);
        assertThat(intervals).isEqualTo(92);
    }

    @Test
    void fallBack2026Has100IntervalsPricedByLocalHour()
    {
        final int intervals = walk("2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", FALL_HOURS, FALL_PERIODS);
        assertThat(intervals).isEqualTo(100);
    }

    @Test
    void springForward2025Has92IntervalsPricedByLocalHour()
    {
        // Sunday 2025-03-09: 00:00 PST = 08:00Z; 2025-03-10 00:00 PDT = 07:00Z; same hour shape as 2026
        final int intervals = walk("2025-03-09T08:00:00Z", "2025-03-10T07:00:00Z", SPRING_HOURS, SPRING_PERIODS);
        assertThat(intervals).isEqualTo(92);
    }

    @Test
    void fallBack2025Has100IntervalsPricedByLocalHour()
    {
        // Sunday 2025-11-02: 00:00 PDT = 07:00Z; 2025-11-03 00:00 PST = 08:00Z; same hour shape as 2026
        final int intervals = walk("2025-11-02T07:00:00Z", "2025-11-03T08:00:00Z", FALL_HOURS, FALL_PERIODS);
        assertThat(intervals).isEqualTo(100);
    }

    @Test
    void mondayAfterSpringForwardUsesTheWeekdayPeakAtLocalHours()
    {
        // Monday 2026-03-09, first full PDT weekday (UTC-7): peak 16:00-20:59 local = 23:00Z (9th) to 03:59Z (10th)
        final TouTariff tariff = tariff();
        assertThat(periodAt(tariff, "2026-03-09T22:45:00Z")).isEqualTo(OFF);   // 15:45 PDT
        assertThat(periodAt(tariff, "2026-03-09T23:00:00Z")).isEqualTo(PEAK);  // 16:00 PDT
        assertThat(periodAt(tariff, "2026-03-10T03:45:00Z")).isEqualTo(PEAK);  // 20:45 PDT
        assertThat(periodAt(tariff, "2026-03-10T04:00:00Z")).isEqualTo(OFF);   // 21:00 PDT
        // Monday 01:00 PDT = 08:00Z: weekday off-peak (the weekend's super-off-peak must not leak into Monday)
        assertThat(periodAt(tariff, "2026-03-09T08:00:00Z")).isEqualTo(OFF);
    }

    @Test
    void mondayAfterFallBackUsesTheWeekdayPeakAtLocalHours()
    {
        // Monday 2026-11-02, first full PST weekday (UTC-8): peak 16:00-20:59 local = 00:00Z to 04:59Z on the 3rd
        final TouTariff tariff = tariff();
        assertThat(periodAt(tariff, "2026-11-02T23:45:00Z")).isEqualTo(OFF);   // 15:45 PST
        assertThat(periodAt(tariff, "2026-11-03T00:00:00Z")).isEqualTo(PEAK);  // 16:00 PST
        assertThat(periodAt(tariff, "2026-11-03T04:45:00Z")).isEqualTo(PEAK);  // 20:45 PST
        assertThat(periodAt(tariff, "2026-11-03T05:00:00Z")).isEqualTo(OFF);   // 21:00 PST
        // Monday 01:00 PST = 09:00Z: weekday off-peak (the weekend's super-off-peak must not leak into Monday)
        assertThat(periodAt(tariff, "2026-11-02T09:00:00Z")).isEqualTo(OFF);
    }

    /**
     * Walks every 15-minute interval from one local midnight to the next, checking the local hour against the hand
     * list with java.time (so the hand list itself is checked) and the tariff's period against the hand periods.
     *
     * @return the number of intervals walked.
     */
    private static int walk(final String midnightUtc, final String nextMidnightUtc, final int[] hours, final int[] periods)
    {
        final TouTariff tariff = tariff();
        final long start = Instant.parse(midnightUtc).getEpochSecond();
        final long end = Instant.parse(nextMidnightUtc).getEpochSecond();
        // the hand-worked midnights agree with java.time
        assertThat(ZonedDateTime.ofInstant(Instant.ofEpochSecond(start), LA).toLocalTime().toSecondOfDay()).isZero();
        assertThat(ZonedDateTime.ofInstant(Instant.ofEpochSecond(end), LA).toLocalTime().toSecondOfDay()).isZero();
        assertThat(tariff.zoneTable().startOfLocalDay(
            ZonedDateTime.ofInstant(Instant.ofEpochSecond(start), LA).toLocalDate().toEpochDay())).isEqualTo(start);

        int interval = 0;
        for (long t = start; t < end; t += 15 * 60)
        {
            final int hourIndex = interval / 4;
            final ZonedDateTime local = ZonedDateTime.ofInstant(Instant.ofEpochSecond(t), LA);
            assertThat(hourIndex).as("more intervals than hand-listed hours at %s", local).isLessThan(hours.length);
            assertThat(local.getHour()).as("hand-listed local hour of interval %d (%s)", interval, local)
                .isEqualTo(hours[hourIndex]);
            assertThat(local.getMinute()).isEqualTo((interval % 4) * 15);
            assertThat(tariff.periodIndexAt(t))
                .as("period of interval %d at %s (%s)", interval, Instant.ofEpochSecond(t), local)
                .isEqualTo(periods[hourIndex]);
            // the last second of the interval is in the same period as its first
            assertThat(tariff.periodIndexAt(t + 15 * 60 - 1)).isEqualTo(periods[hourIndex]);
            interval++;
        }
        assertThat(interval).isEqualTo(hours.length * 4);
        return interval;
    }

    private static int periodAt(final TouTariff tariff, final String utc)
    {
        return tariff.periodIndexAt(Instant.parse(utc).getEpochSecond());
    }
}
