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
        history.recordTick(meters, dr, 0, local(DAY, 14, 0), 100);
        history.recordTick(meters, dr, 0, local(DAY, 14, 45), 250);
        history.recordTick(meters, dr, 2, local(DAY, 14, 15), 999); // a sub-meter channel: not load
        history.recordTick(meters, plain, 0, local(DAY, 14, 0), 500);

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
        history.recordTick(meters, dr, 0, local(DAY, 9, 0), 100);
        history.recordTick(meters, dr, 0, local(DAY + DrHistory.DAYS, 9, 0), 200);
        history.recordTick(meters, dr, 0, local(DAY, 10, 0), 300); // older than the ring now holds

        history.select(dr);
        assertThat(history.wh(DAY + DrHistory.DAYS, 9)).isEqualTo(200);
        assertThat(history.wh(DAY, 9)).isNegative();
        assertThat(history.wh(DAY + DrHistory.DAYS, 10)).isNegative();
        assertThat(history.wh(DAY + 1, 9)).isNegative();
    }

    @Test
    void aCorrectionReplacesItsTicksEnergyWhileTheDayIsHeld()
    {
        history.recordTick(meters, dr, 0, local(DAY, 14, 0), 100);
        history.recordTick(meters, dr, 0, local(DAY, 14, 15), 250);
        history.correctTick(dr, 0, local(DAY, 14, 15), 250, 40);
        history.correctTick(dr, 0, local(DAY - DrHistory.DAYS, 14, 15), 250, 40); // a day no longer held: ignored
        history.select(dr);
        assertThat(history.wh(DAY, 14)).isEqualTo(140);
        assertThat(history.wh(DAY - DrHistory.DAYS, 14)).isNegative();
    }

    @Test
    void anHourTooLargeToHoldIsInvalidAndStaysSo()
    {
        history.recordTick(meters, dr, 0, local(DAY, 3, 0), Integer.MAX_VALUE - 5);
        history.recordTick(meters, dr, 0, local(DAY, 3, 15), 10);
        history.recordTick(meters, dr, 0, local(DAY, 3, 30), 1);
        history.select(dr);
        assertThat(history.wh(DAY, 3)).as("never a wrong figure: a baseline skips the day").isNegative();
    }
}
