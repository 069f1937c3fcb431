package org.gridsettle.pricing.dr;

import org.gridsettle.pricing.calendar.CivilCalendar;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-worked 10-in-10, 4-in-4 (weekend and holiday events) and declared baselines. The 10-in-10 event is on
 * Wednesday 2026-07-15, 14:00-16:00 local (hours 14 and 15). Walking back, the weekdays are 07-14, 07-13, 07-10, 07-09, 07-08, 07-07, 07-06, 07-03, 07-02, 07-01, 06-30,
 * 06-29, 06-26...; 07-03 is a holiday of the tariff (Independence Day observed) and 07-08 an earlier DR event day, so
 * the 10 baseline days are 07-14, 07-13, 07-10, 07-09, 07-07, 07-06, 07-02, 07-01, 06-30 and 06-29. Their event-hour
 * loads are 1010, 1020, ... 1100 Wh, in that order: S = 10 x 1000 + 10 x (1 + ... + 10) = 10,550 Wh, so the
 * unadjusted baseline is 1,055 Wh per hour. Weekends carry 5,000 Wh and every excluded weekday 9,999 Wh, so including
 * any of them would show.
 */
class DrSettlementCalculatorTest
{
    private static final long EVENT_DAY = CivilCalendar.epochDay(2026, 7, 15);
    private static final long HOLIDAY = CivilCalendar.epochDay(2026, 7, 3);
    private static final long EARLIER_EVENT = CivilCalendar.epochDay(2026, 7, 8);
    private static final long[] BASELINE_DAYS = {
        day(7, 14), day(7, 13), day(7, 10), day(7, 9), day(7, 7), day(7, 6), day(7, 2), day(7, 1), day(6, 30),
        day(6, 29)};
    private static final long INCENTIVE = 500_000; // 0.50 token per kWh reduced

    private final TouTariff calendar = tariffWithHoliday(HOLIDAY);
    private final MapLoad load = new MapLoad();
    private final DrQuote quote = new DrQuote();
    private final long[] eventDays = {EARLIER_EVENT, EVENT_DAY};

    @BeforeEach
    void history()
    {
        assertThat(CivilCalendar.isoDayOfWeek(EVENT_DAY)).as("a Wednesday").isEqualTo(3);
        for (long d = EVENT_DAY - 60; d < EVENT_DAY; d++)
        {
            final boolean weekend = CivilCalendar.isoDayOfWeek(d) >= 6;
            load.flat(d, weekend ? 5_000 : 9_999);
        }
        for (int i = 0; i < BASELINE_DAYS.length; i++)
        {
            load.flat(BASELINE_DAYS[i], 1_010 + 10 * i);
            load.set(BASELINE_DAYS[i], 10, 1_000);
            load.set(BASELINE_DAYS[i], 11, 1_000);
            load.set(BASELINE_DAYS[i], 12, 1_000);
        }
        load.flat(EVENT_DAY, 800);
    }

    @Test
    void tenInTenAveragesTheSameHoursOfTheTenMostRecentEligibleWeekdays()
    {
        settle(BaselineMethod.TEN_IN_TEN);

        assertThat(quote.status).isEqualTo(DrQuote.OK);
        assertThat(Arrays.copyOf(quote.days, quote.dayCount)).containsExactly(BASELINE_DAYS);
        assertThat(quote.ratioPpm).isEqualTo(1_000_000);
        // 10,550 / 10 = 1,055 Wh per hour; actual 800: 255 Wh reduced in each of the two hours
        assertThat(quote.baselineWh[14]).isEqualTo(1_055);
        assertThat(quote.baselineWh[15]).isEqualTo(1_055);
        assertThat(quote.reductionWh).isEqualTo(510);
        // 510 Wh x 0.500000 per kWh = 0.255000
        assertThat(quote.creditMicros).isEqualTo(255_000);
    }

    @Test
    void theUnadjustedBaselineRoundsHalfEvenToAWattHour()
    {
        load.set(BASELINE_DAYS[0], 14, 1_015); // S(14) = 10,555: 1,055.5 -> 1,056 (even)
        load.set(BASELINE_DAYS[0], 15, 1_005); // S(15) = 10,545: 1,054.5 -> 1,054 (even)
        settle(BaselineMethod.TEN_IN_TEN);

        assertThat(quote.baselineWh[14]).isEqualTo(1_056);
        assertThat(quote.baselineWh[15]).isEqualTo(1_054);
        assertThat(quote.reductionWh).isEqualTo(256 + 254);
    }

    @Test
    void theDayOfAdjustmentIsCappedAtPlusTwentyPercent()
    {
        // window = hours 10, 11, 12 (first - 4 .. first - 2). Actual 3 x 1,500 = 4,500; baseline days 10 x 3 x 1,000
        // = 30,000: ratio 10 x 4,500 / 30,000 = 1.5, capped to 1.2. Baseline 10,550 x 1.2 / 10 = 1,266 Wh.
        windowActual(1_500);
        settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);

        assertThat(quote.ratioPpm).isEqualTo(1_200_000);
        assertThat(quote.baselineWh[14]).isEqualTo(1_266);
        assertThat(quote.reductionWh).isEqualTo(2 * (1_266 - 800));
    }

    @Test
    void theDayOfAdjustmentIsCappedAtMinusTwentyPercent()
    {
        // actual 3 x 500 = 1,500: ratio 0.5, capped to 0.8. Baseline 10,550 x 0.8 / 10 = 844 Wh.
        windowActual(500);
        settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);

        assertThat(quote.ratioPpm).isEqualTo(800_000);
        assertThat(quote.baselineWh[14]).isEqualTo(844);
        assertThat(quote.reductionWh).isEqualTo(2 * 44);
    }

    @Test
    void anAdjustmentWithinTheCapScalesTheBaselineAndRoundsHalfEven()
    {
        // actual 3 x 1,100 = 3,300: ratio 10 x 3,300 / 30,000 = 1.1. Baseline 10,550 x 1.1 / 10 = 1,160.5 -> 1,160
        windowActual(1_100);
        settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);

        assertThat(quote.ratioPpm).isEqualTo(1_100_000);
        assertThat(quote.baselineWh[14]).isEqualTo(1_160);
        assertThat(quote.reductionWh).isEqualTo(2 * 360);
        // 720 Wh x 0.5 = 0.360000
        assertThat(quote.creditMicros).isEqualTo(360_000);
    }

    @Test
    void theHourJustBeforeTheEventIsNotInTheAdjustmentWindow()
    {
        windowActual(1_100);
        load.set(EVENT_DAY, 13, 50_000); // pre-cooling in the hour before: must not move the ratio
        settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);

        assertThat(quote.ratioPpm).isEqualTo(1_100_000);
    }

    @Test
    void aDayWithAMissingHourIsNotABaselineDayAndTheNextEligibleOneIsUsed()
    {
        load.set(BASELINE_DAYS[3], 15, -1);
        settle(BaselineMethod.TEN_IN_TEN);

        // 07-09 drops out, 06-26 (9,999 Wh) comes in: S = 10,550 - 1,040 + 9,999 = 19,509 -> 1,950.9 -> 1,951
        assertThat(Arrays.copyOf(quote.days, quote.dayCount)).doesNotContain(BASELINE_DAYS[3]).contains(day(6, 26));
        assertThat(quote.baselineWh[14]).isEqualTo(1_951);
    }

    @Test
    void fewerThanTenEligibleDaysGiveNoBaselineAndNoCredit()
    {
        // only the last 9 baseline days have readings: everything before 06-30 is gone
        for (long d = EVENT_DAY - 60; d < day(6, 30); d++)
        {
            load.flat(d, -1);
        }
        settle(BaselineMethod.TEN_IN_TEN);

        assertThat(quote.status).isEqualTo(DrQuote.INSUFFICIENT_HISTORY);
        assertThat(quote.dayCount).isEqualTo(9);
        assertThat(quote.creditMicros).isZero();
    }

    @Test
    void theLookbackEndsFortyFiveDaysBeforeTheEvent()
    {
        // the 9 most recent eligible weekdays have readings, and so does a weekday more than 45 days back
        final MapLoad sparse = new MapLoad();
        sparse.flat(EVENT_DAY, 800);
        for (int i = 0; i < 9; i++)
        {
            sparse.flat(BASELINE_DAYS[i], 1_000);
        }
        long old = EVENT_DAY - TenInTenBaseline.LOOKBACK_DAYS - 1;
        while (CivilCalendar.isoDayOfWeek(old) >= 6)
        {
            old--;
        }
        sparse.flat(old, 1_000);
        DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN, calendar, sparse, EVENT_DAY, 14, 16, 0, INCENTIVE,
            new long[0], 0, quote);
        assertThat(quote.status).isEqualTo(DrQuote.INSUFFICIENT_HISTORY);
        assertThat(quote.dayCount).isEqualTo(9);

        // the same day inside the lookback is found
        sparse.flat(BASELINE_DAYS[9], 1_000);
        DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN, calendar, sparse, EVENT_DAY, 14, 16, 0, INCENTIVE,
            new long[0], 0, quote);
        assertThat(quote.status).isEqualTo(DrQuote.OK);
    }

    @Test
    void aMissingEventHourReadingIsNeverTakenAsZeroLoad()
    {
        load.set(EVENT_DAY, 15, -1);
        settle(BaselineMethod.TEN_IN_TEN);
        assertThat(quote.status).isEqualTo(DrQuote.ACTUAL_MISSING);

        DrSettlementCalculator.settle(BaselineMethod.DECLARED, calendar, load, EVENT_DAY, 14, 16, 2_000, INCENTIVE,
            eventDays, 2, quote);
        assertThat(quote.status).isEqualTo(DrQuote.ACTUAL_MISSING);
        assertThat(quote.creditMicros).isZero();
    }

    @Test
    void aMissingAdjustmentWindowReadingGivesNoCredit()
    {
        windowActual(1_100);
        load.set(EVENT_DAY, 11, -1);
        settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);
        assertThat(quote.status).isEqualTo(DrQuote.ACTUAL_MISSING);
    }

    @Test
    void aDeclaredBaselineNeedsNoHistoryAndAnHourAboveItDoesNotOffsetAnotherBelow()
    {
        final MapLoad eventDayOnly = new MapLoad();
        eventDayOnly.flat(EVENT_DAY, -1);
        eventDayOnly.set(EVENT_DAY, 14, 1_500);
        eventDayOnly.set(EVENT_DAY, 15, 2_500);
        DrSettlementCalculator.settle(BaselineMethod.DECLARED, calendar, eventDayOnly, EVENT_DAY, 14, 16, 2_000,
            INCENTIVE, eventDays, 2, quote);

        // max(0, 2,000 - 1,500) + max(0, 2,000 - 2,500) = 500 Wh; x 0.5 = 0.250000
        assertThat(quote.status).isEqualTo(DrQuote.OK);
        assertThat(quote.dayCount).isZero();
        assertThat(quote.reductionWh).isEqualTo(500);
        assertThat(quote.creditMicros).isEqualTo(250_000);
    }

    @Test
    void theCreditRoundsHalfEvenOnceToAMicroUnit()
    {
        // declared 801 Wh, actual 800: 1 Wh x 0.500000 / kWh = 0.0005 -> 0 (even); 3 Wh -> 0.0015 -> 0.002
        DrSettlementCalculator.settle(BaselineMethod.DECLARED, calendar, load, EVENT_DAY, 14, 15, 801, 500,
            eventDays, 2, quote);
        assertThat(quote.creditMicros).isZero();
        DrSettlementCalculator.settle(BaselineMethod.DECLARED, calendar, load, EVENT_DAY, 14, 15, 803, 500,
            eventDays, 2, quote);
        assertThat(quote.creditMicros).isEqualTo(2);
        DrSettlementCalculator.settle(BaselineMethod.DECLARED, calendar, load, EVENT_DAY, 14, 16, 801, 500,
            eventDays, 2, quote);
        // 2 Wh x 500 / 1000 = 1 exactly: rounding happens once on the event total, not per hour
        assertThat(quote.creditMicros).isEqualTo(1);
    }

    @Test
    void anAdjustedEventMustLeaveRoomForItsWindowOnTheSameDay()
    {
        assertThatThrownBy(() -> DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT,
            calendar, load, EVENT_DAY, 3, 5, 0, INCENTIVE, eventDays, 2, quote))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN, calendar, load, EVENT_DAY,
            14, 25, 0, INCENTIVE, eventDays, 2, quote)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWeekendEventAveragesTheFourMostRecentWeekendDaysAndHolidays()
    {
        // CAISO's weekend and holiday baseline is 4-in-4 (BPM for Demand Response, as we know it: the manual could not
        // be consulted where this was written, so check the current revision). Event: Saturday 2026-07-18,
        // 14:00-16:00. Walking back, the weekend days and holidays are 07-12 (Sun), 07-11 (Sat, an earlier event
        // day: out), 07-05 (Sun), 07-04 (Sat), 07-03 (Fri, the tariff's holiday), so the 4 days are 07-12, 07-05,
        // 07-04 and 07-03, loading 2,000, 2,100, 2,200 and 2,300 Wh: S = 8,600, baseline 2,150 Wh per hour. The
        // weekdays between them carry 9,999 Wh and older weekend days 5,000, so using any of them would show.
        final long saturday = day(7, 18);
        final MapLoad weekend = new MapLoad();
        for (long d = saturday - 60; d < saturday; d++)
        {
            weekend.flat(d, CivilCalendar.isoDayOfWeek(d) >= 6 ? 5_000 : 9_999);
        }
        weekend.flat(day(7, 11), 7_777);
        final long[] baselineDays = {day(7, 12), day(7, 5), day(7, 4), HOLIDAY};
        for (int i = 0; i < baselineDays.length; i++)
        {
            weekend.flat(baselineDays[i], 2_000 + 100 * i);
            for (int h = 10; h < 13; h++)
            {
                weekend.set(baselineDays[i], h, 1_000);
            }
        }
        weekend.flat(saturday, 1_500);
        final long[] events = {day(7, 11), saturday};
        DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN, calendar, weekend, saturday, 14, 16, 0, INCENTIVE,
            events, 2, quote);

        assertThat(quote.status).isEqualTo(DrQuote.OK);
        assertThat(Arrays.copyOf(quote.days, quote.dayCount)).containsExactly(baselineDays);
        assertThat(quote.baselineWh[14]).isEqualTo(2_150);
        // (2,150 - 1,500) x 2 hours = 1,300 Wh x 0.500000 per kWh = 0.650000
        assertThat(quote.reductionWh).isEqualTo(1_300);
        assertThat(quote.creditMicros).isEqualTo(650_000);

        // adjusted: window hours 10-12, actual 3 x 1,100 = 3,300 against the 4 days' 12,000: ratio
        // 4 x 3,300 x 10^6 / 12,000 = 1,100,000 ppm; baseline 8,600 x 1.1 / 4 = 2,365 Wh
        for (int h = 10; h < 13; h++)
        {
            weekend.set(saturday, h, 1_100);
        }
        DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, calendar, weekend, saturday,
            14, 16, 0, INCENTIVE, events, 2, quote);
        assertThat(quote.ratioPpm).isEqualTo(1_100_000);
        assertThat(quote.baselineWh[15]).isEqualTo(2_365);
    }

    @Test
    void anEventOnAWeekdayHolidayHasAWeekendBaselineAndADaylightSavingDayIsNeverABaselineDay()
    {
        // Event on Friday 2026-07-03, the tariff's holiday: the weekend days before it are 06-28, 06-27, 06-21, 06-20
        final MapLoad history = new MapLoad();
        for (long d = HOLIDAY - 60; d <= HOLIDAY; d++)
        {
            history.flat(d, 1_000);
        }
        DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN, calendar, history, HOLIDAY, 14, 16, 0, INCENTIVE,
            new long[0], 0, quote);
        assertThat(Arrays.copyOf(quote.days, quote.dayCount))
            .containsExactly(day(6, 28), day(6, 27), day(6, 21), day(6, 20));

        // Event on Saturday 2026-11-07 in Los Angeles: Sunday 11-01 has 25 hours (its 01:00 twice, summed in one
        // clock hour), so it is skipped: 10-31, 10-25, 10-24 and 10-18
        final long saturday = CivilCalendar.epochDay(2026, 11, 7);
        for (long d = saturday - 60; d <= saturday; d++)
        {
            history.flat(d, 1_000);
        }
        DrSettlementCalculator.settle(BaselineMethod.TEN_IN_TEN, calendar, history, saturday, 1, 3, 0, INCENTIVE,
            new long[0], 0, quote);
        assertThat(Arrays.copyOf(quote.days, quote.dayCount)).containsExactly(
            CivilCalendar.epochDay(2026, 10, 31), CivilCalendar.epochDay(2026, 10, 25),
            CivilCalendar.epochDay(2026, 10, 24), CivilCalendar.epochDay(2026, 10, 18));
    }

    @Test
    void ratioWithAnEmptyBaselineWindowIsTheUpperCapOrOne()
    {
        assertThat(TenInTenBaseline.ratioPpm(5, 0, TenInTenBaseline.DAYS)).isEqualTo(1_200_000);
        assertThat(TenInTenBaseline.ratioPpm(0, 0, TenInTenBaseline.DAYS)).isEqualTo(1_000_000);
        // 10 x 1 x 10^6 / 9 = 1,111,111.1 -> 1,111,111
        assertThat(TenInTenBaseline.ratioPpm(1, 9, TenInTenBaseline.DAYS)).isEqualTo(1_111_111);
    }

    @Test
    void baselineMethodCodesAreTheJournalledOnes()
    {
        assertThat(BaselineMethod.ofCode(0)).isEqualTo(BaselineMethod.TEN_IN_TEN);
        assertThat(BaselineMethod.ofCode(1)).isEqualTo(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);
        assertThat(BaselineMethod.ofCode(2)).isEqualTo(BaselineMethod.DECLARED);
        assertThat(BaselineMethod.ofCode(3)).isNull();
        assertThat(BaselineMethod.ofCode(-1)).isNull();
    }

    private void windowActual(final long wh)
    {
        load.set(EVENT_DAY, 10, wh);
        load.set(EVENT_DAY, 11, wh);
        load.set(EVENT_DAY, 12, wh);
    }

    private void settle(final BaselineMethod method)
    {
        DrSettlementCalculator.settle(method, calendar, load, EVENT_DAY, 14, 16, 0, INCENTIVE, eventDays, 2, quote);
    }

    private static long day(final int month, final int dayOfMonth)
    {
        return CivilCalendar.epochDay(2026, month, dayOfMonth);
    }

    static TouTariff tariffWithHoliday(final long holiday)
    {
        return new TouTariff(1, 1, 0, "USD", "SOLAR", ZoneId.of("America/Los_Angeles"), 60,
            List.of(new TouPeriod("all", 100_000, 0)), new byte[12 * 3 * 24], new long[] {holiday});
    }

    /** Hourly load per day; -1 marks an hour with no reading, a day never set has none. */
    static final class MapLoad implements HourlyLoad
    {
        private final Map<Long, long[]> days = new HashMap<>();

        void flat(final long day, final long wh)
        {
            final long[] hours = new long[24];
            Arrays.fill(hours, wh);
            days.put(day, hours);
        }

        void set(final long day, final int hour, final long wh)
        {
            days.computeIfAbsent(day, d -> new long[24])[hour] = wh;
        }

        @Override
        public long wh(final long localEpochDay, final int hour)
        {
            final long[] hours = days.get(localEpochDay);
            return hours == null ? -1 : hours[hour];
        }
    }
}
