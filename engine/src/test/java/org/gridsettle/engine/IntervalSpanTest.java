package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
            engine.submitCorrection(1, 0, T + 15 * HOUR, 7_200, 2_000, 0);     // 7: 15:00-17:00: overlaps 6
            engine.publishTariff(laterPeak());                                  // 8: version 2 from 12:00
            engine.submitCorrection(1, 0, T + 16 * HOUR, 7_200, 2_000, 0);     // 9: 16:00-18:00 spans under it
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.INTERVAL_SPANS_PERIOD);
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).amount()).isEqualTo(300_000);
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).amount()).isEqualTo(500_000);
        // a correction that changes the interval is refused before its span is looked at
        assertThat(out.causedBy(7)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.INTERVAL_OVERLAP);
        assertThat(out.causedBy(8)).isEmpty();
        assertThat(out.causedBy(9)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(9).get(0))).isEqualTo(ReasonCode.INTERVAL_SPANS_PERIOD);
    }

    /** @return version 2 of the fixture tariff, in force from 12:00 on the first day, peak 17:00-21:00. */
    private static TouTariff laterPeak()
    {
        final int[] hours = new int[24];
        Arrays.fill(hours, 17, 21, 1);
        return TouTariff.hourly(EngineFixture.TARIFF, 2, T + 12 * HOUR, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("off-peak", EngineFixture.OFF_PEAK_IMPORT, EngineFixture.OFF_PEAK_EXPORT),
                new TouPeriod("peak", EngineFixture.PEAK_IMPORT, EngineFixture.PEAK_EXPORT)),
            hours, hours);
    }
}
