package org.gridsettle.engine;

import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DR event with the day-of adjustment on the 25-hour day of a fall-back change, whose adjustment window holds the
 * repeated clock hour: Sunday 2026-11-01 in Los Angeles, where 01:00-02:00 comes twice, and an event at 05:00-06:00
 * (window 01:00-04:00, {@code TenInTenBaseline}). The history sums both occurrences of the hour, so the window's
 * actual load is four hours' against the baseline days' three: read, it lifts the adjustment to its +20% cap and the
 * credit with it. The window is not the meter's load over three hours, as on the 23-hour day of a spring-forward
 * change, whose skipped hour has no reading: the meter gets DR_BASELINE_UNAVAILABLE on both.
 */
class DrFallBackDayTest
{
    /** Days after 2026-03-02 ({@link DrScenario#at}): Sunday 2026-11-01, the fall-back day. */
    private static final int FALL_BACK = 244;
    /** Sunday 2026-10-18: with the Saturdays and Sundays after it, the four weekend baseline days. */
    private static final int FIRST_DAY = 230;

    @Test
    void anAdjustmentWindowHoldingTheRepeatedHourIsNoReading()
    {
        final DrScenario s = new DrScenario();
        s.tariff(DrScenario.tariff());
        s.account(1001);
        s.enrol(1, EngineFixture.START, MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE);
        s.drEvent(1, DrScenario.at(FALL_BACK, 5), DrScenario.at(FALL_BACK, 6), DrScenario.INCENTIVE,
            BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
        long settledBy = 0;
        for (int day = FIRST_DAY; day <= FALL_BACK; day++)
        {
            final boolean eventDay = day == FALL_BACK;
            // 1,000 Wh an hour, halved in the event hour; read whole, the window's ratio is 1 and the credit 500 Wh's
            s.ticks(1, day, 0, DrScenario.quarters(day), h -> eventDay && h == 5 ? 125 : 250);
            settledBy = s.endOfDay(day);
        }
        assertThat(DrScenario.quarters(FALL_BACK)).as("the 25-hour day").isEqualTo(100);

        final List<byte[]> settlement = s.outputsOf().causedBy(settledBy);
        assertThat(settlement).as("no credit from a window of four hours' load (700 Wh at the capped ratio)")
            .noneMatch(r -> Outputs.type(r) == RecordType.TRANSFER.id() &&
                Outputs.transfer(r).token() == DrScenario.DR);
        assertThat(settlement).filteredOn(r -> Outputs.type(r) == RecordType.REJECTION.id())
            .singleElement().satisfies(r ->
            {
                assertThat(Outputs.rejection(r)).isEqualTo(ReasonCode.DR_BASELINE_UNAVAILABLE);
                assertThat(Outputs.rejectionSubject(r)).isEqualTo(1);
            });
    }
}
