package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A billing-period close whose demand charge cannot be computed in a long (a peak times a demand rate past 2^63
 * micro-units) is refused OVERFLOW with the tariff as subject, as FORMAT.md section 5 says of a calendar record whose
 * postings would overflow, and posts nothing. Before 2026-11-27 the product's ArithmeticException reached the engine's
 * catch-all and the close was refused MALFORMED, with subject 0 and then the calendar kind.
 */
class DemandChargeOverflowTest
{
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();

    @TempDir
    Path dir;

    @Test
    void aCloseWhoseDemandChargeOverflowsIsRefusedOverflowAndThePeriodStaysOpen()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            // 1,000,000 Wh in 900 s is a peak of 4,000,000 W; at Long.MAX_VALUE / 1,000 micro-units per kW the charge
            // is 4,000 kW x 9.2e15 = 3.7e19 micro-units, past a long
            engine.publishTariff(EngineFixture.tariff().withDemand(Long.MAX_VALUE / 1_000, new long[0]));   // 1
            engine.registerAccount(1001);                                                                   // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START);                          // 3
            engine.submitTick(1, 0, EngineFixture.START, 900, 1_000_000, 0);                                // 4
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, EngineFixture.TARIFF);                       // 5
            engine.submitTick(1, 0, EngineFixture.START + 900, 900, 1_000, 0);                              // 6
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(5)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(5).get(0))).isEqualTo(ReasonCode.OVERFLOW);
        assertThat(Outputs.rejectionSubject(out.causedBy(5).get(0))).isEqualTo(EngineFixture.TARIFF);
        // the period stayed open: a tick of it is still priced, 1 kWh off-peak at the fixture's 0.30/kWh
        assertThat(out.causedBy(6)).hasSize(1);
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).amount()).isEqualTo(300_000);
    }
}
