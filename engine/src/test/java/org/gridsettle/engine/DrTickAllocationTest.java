package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tick path of a DR-enrolled meter, which now also adds to its hourly history, allocates nothing in steady
 * state: measured with the thread's allocated-bytes counter (not a timing), after the meter's ring is allocated and
 * the code is warm.
 */
class DrTickAllocationTest
{
    @Test
    void ticksOfDrMetersAllocateNothingInSteadyState()
    {
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        });
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final TariffVersionCodec tariff = new TariffVersionCodec().wrap(buffer, 0);
        tariff.encode(1, DrScenario.tariff());
        logic.apply(buffer, 0, TariffVersionCodec.encodedLength(DrScenario.tariff()));
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0).encode(2, 1001);
        logic.apply(buffer, 0, AccountRegistrationCodec.LENGTH);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0).encode(3, 1, 1001, EngineFixture.TARIFF,
            EngineFixture.START, MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);
        logic.apply(buffer, 0, MeterEnrolmentCodec.LENGTH);

        final int warmUp = 4_000;
        final int measured = 1_500;
        final long allocated = allocatedByWarmTicks(logic, buffer, warmUp, measured);
        final int hour = 14;
        logic.drHistory().select(0);
        assertThat(logic.drHistory().wh(java.time.LocalDate.of(2026, 4, 20).toEpochDay(), hour)).isPositive();
        assertThat(logic.ticksPriced()).as("every tick priced and recorded").isEqualTo(warmUp + measured);
        assertThat(logic.drHistory().meters()).isEqualTo(1);
        // the measured ticks open 15 new days in the 48-day ring, which overwrite old ones in place: nothing per
        // tick; the slack is for what the JVM itself may charge to the thread
        assertThat(allocated).as("bytes allocated by %d ticks", measured).isLessThan(1_024);
    }

    /**
     * Applies warmUp + measured quarter-hour ticks of meter 1 from sequence 4 on, from EngineFixture.START: 57 days,
     * March and April, the two billing periods that may be open without a close.
     *
     * @return bytes the calling thread allocated during the last {@code measured} ticks.
     */
    static long allocatedByWarmTicks(
        final SettlementLogic logic, final UnsafeBuffer buffer, final int warmUp, final int measured)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final MeterTickCodec tick = new MeterTickCodec().wrap(buffer, 0);
        long sequence = 3;
        long before = 0;
        for (int i = 0; i < warmUp + measured; i++)
        {
            if (i == warmUp)
            {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            tick.encode(++sequence, 1, 0, EngineFixture.START + i * 900L, 900, 100 + i % 300, 0, 0);
            logic.apply(buffer, 0, MeterTickCodec.LENGTH);
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
