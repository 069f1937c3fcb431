package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tick is priced by the TOU period at its interval start, so a tick that runs on into another period is refused
 * rather than charged wholly at the start's rate. The fixture tariff charges 0.30/kWh off-peak and 0.50/kWh in the
 * 16:00-21:00 peak (EngineFixture), hourly schedule.
 */
class IntervalSpanTest
{
    private static final long T = EngineFixture.START;
    private static final long HOUR = 3_600;

    @TempDir
    Path dir;

    @Test
    void aTickRunningIntoThePeakIsRejectedAndOneInsideAPeriodIsPriced()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                 // 1..3
            engine.submitTick(1, 0, T + 15 * HOUR + 1_800, 3_600, 1_000, 0);   // 4: 15:30-16:30: spans, rejected
            engine.submitTick(1, 0, T + 15 * HOUR, 3_600, 1_000, 0);           // 5: 15:00-16:00: 1 kWh x 0.30
            engine.submitTick(1, 0, T + 16 * HOUR, 2 * 3_600, 1_000, 0);       // 6: 16:00-18:00: 1 kWh x 0.50
            engine.submitCorrection(1, 0, T + 15 * HOUR, 7_200, 2_000, 0);     // 7: 15:00-17:00: spans, rejected
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.INTERVAL_SPANS_PERIOD);
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).amount()).isEqualTo(300_000);
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).amount()).isEqualTo(500_000);
        assertThat(out.causedBy(7)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.INTERVAL_SPANS_PERIOD);
    }
}
