package org.gridsettle.engine.logic;

import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring of hourly aggregates: what it records, what it forgets, and what it refuses to hold.
 */
class DrHistoryTest
{
    private static final long DAY = 20_530; // a local epoch day
    private final MeterRegistry meters = new MeterRegistry();
    private final DrHistory history = new DrHistory();
    private int dr;
    private int plain;

    @BeforeEach
    void meters()
    {
        dr = meters.enrol(1, 1001, 7, 0, MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);
        plain = meters.enrol(2, 1002, 7, 0, MeterEnrolmentCodec.PROGRAM_NET_METERING, 0);
    }

    private static long local(final long day, final int hour, final int minute)
    {
        return day * 86_400L + hour * 3_600L + minute * 60L;
    }

    @Test
    void ticksOfTheMainChannelOfDrMetersAreSummedPerLocalHour()
    {
        history.recordTick(meters, dr, 0, local(DAY, 14, 0), 900, 100);
        history.recordTick(meters, dr, 0, local(DAY, 14, 15), 900, 50);
        history.recordTick(meters, dr, 0, local(DAY, 14, 30), 900, 0);
        history.recordTick(meters, dr, 0, local(DAY, 14, 45), 900, 200);
        history.recordTick(meters, dr, 2, local(DAY, 14, 15), 900, 999); // a sub-meter channel: not load
        history.recordTick(meters, plain, 0, local(DAY, 14, 0), 3_600, 500);

        assertThat(history.select(dr)).isTrue();
        assertThat(history.wh(DAY, 14)).isEqualTo(350);
        assertThat(history.wh(DAY, 13)).as("no reading is not zero").isNegative();
        assertThat(history.wh(DAY - 1, 14)).isNegative();
        assertThat(history.select(plain)).as("no history for a meter outside DR").isFalse();
        assertThat(history.wh(DAY, 14)).isNegative();
        assertThat(history.meters()).isEqualTo(1);
    }

    @Test
    void aDayIsOverwrittenFortyEightDaysLaterAndOlderTicksAreNotRecorded()
    {
        history.recordTick(meters, dr, 0, local(DAY, 9, 0), 3_600, 100);
        history.recordTick(meters, dr, 0, local(DAY + DrHistory.DAYS, 9, 0), 3_600, 200);
        history.recordTick(meters, dr, 0, local(DAY, 10, 0), 3_600, 300); // older than the ring now holds

        history.select(dr);
        assertThat(history.wh(DAY + DrHistory.DAYS, 9)).isEqualTo(200);
        assertThat(history.wh(DAY, 9)).isNegative();
        assertThat(history.wh(DAY + DrHistory.DAYS, 10)).isNegative();
        assertThat(history.wh(DAY + 1, 9)).isNegative();
    }

    @Test
    void aCorrectionReplacesItsTicksEnergyWhileTheDayIsHeld()
    {
        history.recordTick(meters, dr, 0, local(DAY, 14, 0), 1_800, 100);
        history.recordTick(meters, dr, 0, local(DAY, 14, 30), 1_800, 250);
        history.correctTick(dr, 0, local(DAY, 14, 30), 250, 40);
        history.correctTick(dr, 0, local(DAY - DrHistory.DAYS, 14, 30), 250, 40); // a day no longer held: ignored
        history.select(dr);
        assertThat(history.wh(DAY, 14)).isEqualTo(140);
        assertThat(history.wh(DAY - DrHistory.DAYS, 14)).isNegative();
    }

    @Test
    void anHourTooLargeToHoldIsInvalidAndStaysSo()
    {
        history.recordTick(meters, dr, 0, local(DAY, 3, 0), 1_800, Integer.MAX_VALUE - 5);
        history.recordTick(meters, dr, 0, local(DAY, 3, 30), 900, 10);
        history.recordTick(meters, dr, 0, local(DAY, 3, 45), 900, 1);
        history.select(dr);
        assertThat(history.wh(DAY, 3)).as("never a wrong figure: a baseline skips the day").isNegative();
    }

    @Test
    void anHourIsReadOnlyOnceItsTicksCoverAllOfIt()
    {
        // the M&V recomputation's case: 1,000 Wh an hour in 15-minute ticks with 17:15 missing; summed, the hour
        // would be 750 Wh and its missing quarter credited as a 250 Wh reduction on an event day
        for (final int minute : new int[] {0, 30, 45})
        {
            history.recordTick(meters, dr, 0, local(DAY, 17, minute), 900, 250);
        }
        history.select(dr);
        assertThat(history.wh(DAY, 17)).as("three quarters read: no reading").isNegative();
        history.correctTick(dr, 0, local(DAY, 17, 30), 250, 300);
        assertThat(history.wh(DAY, 17)).as("a correction covers nothing new").isNegative();

        history.recordTick(meters, dr, 0, local(DAY, 17, 15), 900, 250);
        assertThat(history.wh(DAY, 17)).isEqualTo(1_050);
        history.recordTick(meters, dr, 0, local(DAY, 18, 0), 3_600, 1_000);
        assertThat(history.wh(DAY, 18)).as("a tick of the hour").isEqualTo(1_000);
    }

    @Test
    void anHourWhoseTicksCoverMoreThanItIsNotRead()
    {
        // a two-hour tick's 2,000 Wh are two hours' load: as 18:00's, a baseline day would raise the baseline by 1,000
        history.recordTick(meters, dr, 0, local(DAY, 18, 0), 7_200, 2_000);
        history.select(dr);
        assertThat(history.wh(DAY, 18)).isNegative();
        assertThat(history.wh(DAY, 19)).isNegative();

        // the repeated 01:00 of a fall-back day, local clock seconds: 1,000 Wh in each occurrence, 2,000 summed
        for (int occurrence = 0; occurrence < 2; occurrence++)
        {
            for (final int minute : new int[] {0, 15, 30, 45})
            {
                history.recordTick(meters, dr, 0, local(DAY + 1, 1, minute), 900, 250);
            }
            assertThat(history.wh(DAY + 1, 1)).as("after occurrence " + occurrence)
                .isEqualTo(occurrence == 0 ? 1_000 : -1);
        }
    }
}
