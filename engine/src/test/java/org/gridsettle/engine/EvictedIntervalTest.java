package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tick that overlaps an interval of its channel already evicted from the correction window is refused
 * OUTSIDE_CORRECTION_WINDOW, even when the oldest entry left is of another channel and younger than the tick. Meter 1
 * reads hourly on channel 1 and quarter-hourly on channel 0; channel 0's quarter hours evict the hour 08:00-09:00
 * while channel 0's 08:15 is the oldest entry left. A late channel-1 quarter hour at 08:30 is then younger than every
 * entry and overlaps none, and was priced, settling its energy a second time. The fixture tariff charges 0.30/kWh
 * off-peak (EngineFixture), so 1 kWh is 300,000 micro-units.
 */
class EvictedIntervalTest
{
    private static final long EIGHT = EngineFixture.START + 8 * 3_600;
    private static final long QUARTER = 900;

    @TempDir
    Path dir;

    @Test
    void aTickOverlappingAnEvictedIntervalOfItsChannelIsRefusedAndOneAfterItIsPriced()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            evictTheHour(engine);                                               // 1..17
            engine.submitTick(1, 1, EIGHT + 2 * QUARTER, 900, 250, 0);          // 18: 08:30, inside the hour
            engine.submitTick(1, 1, EIGHT, 3_600, 1_000, 0);                    // 19: the hour again
            engine.submitTick(1, 1, EIGHT + 4 * QUARTER, 900, 250, 0);          // 20: 09:00, after the hour
            engine.submitTick(1, 1, EIGHT + 3 * QUARTER, 900, 250, 0);          // 21: 08:45, inside it still
            engine.submitCorrection(1, 1, EIGHT + 2 * QUARTER, 900, 300, 0);    // 22: a correction of 18
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(300_000);
        for (final long refused : new long[] {18, 19, 21, 22})
        {
            assertThat(out.causedBy(refused)).as("input %d", refused).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(refused).get(0))).as("input %d", refused)
                .isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        }
        assertThat(Outputs.transfer(out.causedBy(20).get(0)).amount()).isEqualTo(75_000);
        assertReplayIdentical(dir);
    }

    @Test
    void theWatermarkSurvivesASnapshot()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            evictTheHour(engine);                                               // 1..17
        }
        final List<String> notes;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            notes = engine.recoveryNotes();
            engine.submitTick(1, 1, EIGHT + 2 * QUARTER, 900, 250, 0);          // 18
            engine.submitTick(1, 1, EIGHT + 4 * QUARTER, 900, 250, 0);          // 19
        }
        assertThat(notes).anyMatch(n -> n.startsWith("loaded snapshot"));
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(18).get(0))).isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        assertThat(Outputs.transfer(out.causedBy(19).get(0)).amount()).isEqualTo(75_000);
        assertReplayIdentical(dir);
    }

    /**
     * Inputs 1..17: the hour 08:00-09:00 on channel 1 (4), channel 0's quarter hours 08:00 to 10:30 (5..15), which
     * fill the 12 slots, then 10:45 (16), evicting channel 0's 08:00, and 11:00 (17), evicting the hour. Channel 0's
     * 08:15 is then the oldest entry.
     */
    static void evictTheHour(final SettlementEngine engine)
    {
        EngineFixture.setUp(engine, 1);
        engine.submitTick(1, 1, EIGHT, 3_600, 1_000, 0);
        for (int q = 0; q <= 12; q++)
        {
            engine.submitTick(1, 0, EIGHT + q * QUARTER, 900, 250, 0);
        }
    }

    /** A full replay of the journals in {@code dir} regenerates every output as recorded. */
    static void assertReplayIdentical(final Path dir)
    {
        final ReplayReport replay = new JournalReplay(dir, Long.MAX_VALUE).run();
        assertThat(replay.firstDivergence()).isNull();
        assertThat(replay.identical()).isTrue();
    }
}
