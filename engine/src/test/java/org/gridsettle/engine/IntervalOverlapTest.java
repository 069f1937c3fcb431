package org.gridsettle.engine;

import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.journal.codec.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meter's channel settles each stretch of time once: a tick whose interval overlaps one already settled, with
 * another start or another length, is refused, as when a feed carries a meter's hourly and its 15-minute readings
 * on one channel. The fixture tariff charges 0.30/kWh off-peak (EngineFixture), so 1 kWh off-peak is 300,000
 * micro-units; 08:00-09:00 is off-peak.
 */
class IntervalOverlapTest
{
    private static final long T = EngineFixture.START;
    private static final long HOUR = 3_600;
    private static final long EIGHT = T + 8 * HOUR;

    @TempDir
    Path dir;

    @Test
    void aTickOverlappingASettledIntervalOfItsChannelIsRejectedAndAdjacentOnesArePriced()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                  // 1..3
            engine.submitTick(1, 0, EIGHT, 3_600, 1_000, 0);                 // 4: 08:00-09:00, priced
            engine.submitTick(1, 0, EIGHT + 900, 900, 250, 0);               // 5: 08:15-08:30, inside it
            engine.submitTick(1, 0, EIGHT, 900, 1_000, 0);                   // 6: same start and energy, shorter
            engine.submitTick(1, 0, EIGHT - 1_800, 3_600, 1_000, 0);         // 7: 07:30-08:30, runs into it
            engine.submitCorrection(1, 0, EIGHT, 900, 400, 0);               // 8: a correction may not shorten it
            engine.submitTick(1, 0, EIGHT, 3_600, 1_000, 0);                 // 9: the same reading again
            engine.submitTick(1, 0, EIGHT + HOUR, 900, 1_000, 0);            // 10: 09:00-09:15, adjacent
            engine.submitTick(1, 0, EIGHT - 900, 900, 1_000, 0);             // 11: 07:45-08:00, adjacent
            engine.submitTick(1, 1, EIGHT + 900, 900, 0, 250);               // 12: another channel
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(300_000);
        for (final long overlapping : new long[] {5, 6, 7, 8})
        {
            assertThat(out.causedBy(overlapping)).as("input %d", overlapping).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(overlapping).get(0))).as("input %d", overlapping)
                .isEqualTo(ReasonCode.INTERVAL_OVERLAP);
        }
        assertThat(out.causedBy(9)).hasSize(1);
        assertThat(Outputs.isDuplicateAck(out.causedBy(9).get(0))).isTrue();
        assertThat(Outputs.transfer(out.causedBy(10).get(0)).amount()).isEqualTo(300_000);
        assertThat(Outputs.transfer(out.causedBy(11).get(0)).amount()).isEqualTo(300_000);
        assertThat(Outputs.type(out.causedBy(12).get(0))).isNotEqualTo(Outputs.type(out.causedBy(5).get(0)));
    }

    @Test
    void anIntervalLongerThanAKeyHoldsOrAStartBeyondItIsMalformed()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                                     // 1..3
            engine.submitTick(1, 0, EIGHT, TickWindow.MAX_INTERVAL_SECONDS + 1, 1_000, 0);      // 4
            engine.submitTick(1, 0, TickWindow.MAX_START + 1, 900, 1_000, 0);                    // 5
            engine.submitTick(1, 0, -TickWindow.MAX_START - 1, 900, 1_000, 0);                   // 6
        }
        final Outputs out = Outputs.of(dir);
        for (final long malformed : new long[] {4, 5, 6})
        {
            assertThat(Outputs.rejection(out.causedBy(malformed).get(0))).as("input %d", malformed)
                .isEqualTo(ReasonCode.MALFORMED);
        }
    }
}
