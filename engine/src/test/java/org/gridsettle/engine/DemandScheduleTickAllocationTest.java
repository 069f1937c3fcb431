package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tick path under a tariff with a demand schedule (one more table read per interval located, and the demand
 * period packed into the window entry and folded into the cells on eviction) allocates nothing in steady state:
 * measured with the thread's allocated-bytes counter (not a timing), once the code is warm.
 */
class DemandScheduleTickAllocationTest
{
    @Test
    void ticksUnderADemandScheduleAllocateNothingInSteadyState()
    {
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        });
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final TariffVersionCodec tariff = new TariffVersionCodec().wrap(buffer, 0);
        final org.gridsettle.pricing.tariff.TouTariff demandTariff = DemandScheduleTest.tariff(1, EngineFixture.START,
            DemandScheduleTest.demandSchedule(8, 18), 10_000_000, 2_000_000);
        tariff.encode(1, demandTariff);
        logic.apply(buffer, 0, TariffVersionCodec.encodedLength(demandTariff));
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0).encode(2, 1001);
        logic.apply(buffer, 0, AccountRegistrationCodec.LENGTH);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0).encode(3, 1, 1001, demandTariff.tariffId(),
            EngineFixture.START, 0, 0);
        logic.apply(buffer, 0, MeterEnrolmentCodec.LENGTH);

        final int warmUp = 4_000;
        final int measured = 1_500;
        final long allocated = DrTickAllocationTest.allocatedByWarmTicks(logic, buffer, warmUp, measured);
        assertThat(logic.ticksPriced()).as("every tick priced").isEqualTo(warmUp + measured);
        // the slack is for what the JVM itself may charge to the thread
        assertThat(allocated).as("bytes allocated by %d ticks", measured).isLessThan(1_024);
    }
}
