package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meter 0 is what every transfer without a meter carries (interest, redemptions, DR funding, FORMAT.md section 5), so
 * an enrolment of meter 0 is refused MALFORMED, and its ticks are then UNKNOWN_METER: before 2026-11-27 it was
 * enrolled, and its charges were indistinguishable from those postings in every per-meter reading of the journal.
 */
class MeterZeroEnrolmentTest
{
    @TempDir
    Path dir;

    @Test
    void meterZeroIsRefusedMalformedAndItsTicksAreUnknown()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                         // 1..3: meter 1 enrolled
            engine.enrolMeter(0, 1001, EngineFixture.TARIFF, EngineFixture.START);  // 4
            engine.submitTick(0, 0, EngineFixture.START, 900, 1_000, 0);            // 5
            engine.submitTick(1, 0, EngineFixture.START, 900, 1_000, 0);            // 6
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(Outputs.rejectionSubject(out.causedBy(4).get(0))).isZero();
        assertThat(out.causedBy(5)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(5).get(0))).isEqualTo(ReasonCode.UNKNOWN_METER);
        // meter 1 is priced as ever: 1 kWh off-peak at the fixture's 0.30/kWh
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).amount()).isEqualTo(300_000);
    }
}
