package org.gridsettle.engine;

import org.gridsettle.engine.logic.TickWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host's sizing settings beyond what the engine's per-meter arrays can hold are refused by the builder, naming the
 * setting and the value, before any file is created; they used to be taken and fail later, after the journals were
 * created (an {@link ArithmeticException} naming nothing) or on the business-logic thread, halting the engine.
 */
class BuilderLimitsTest
{
    @TempDir
    Path tmp;

    @Test
    void expectedMetersBeyondThePerMeterArraysIsRefusedBeforeAnyFileIsCreated()
    {
        final Path dir = tmp.resolve("journal");
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).expectedMeters(Integer.MAX_VALUE).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("expectedMeters")
            .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
        assertThat(dir).doesNotExist();
    }

    @Test
    void aCorrectionWindowNoMeterCanHoldIsRefusedInsteadOfHaltingTheEngineAtTheFirstEnrolment()
    {
        final Path dir = tmp.resolve("journal");
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).correctionWindow(Integer.MAX_VALUE).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("correctionWindow")
            .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
        assertThat(dir).doesNotExist();
    }

    @Test
    void aWindowTimesAFleetBeyondTheWindowsArrayIsRefusedByBuildBeforeAnyFileIsCreated()
    {
        final Path dir = tmp.resolve("journal");
        // a day of 15-minute ticks (96 slots) for 4,000,000 meters: 384,000,000 slots, above MAX_TOTAL_SLOTS
        assertThat(96L * 4_000_000).isGreaterThan(TickWindow.MAX_TOTAL_SLOTS);
        assertThatThrownBy(() ->
            SettlementEngine.builder().journalDir(dir).correctionWindow(96).expectedMeters(4_000_000).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("correctionWindow 96 x expectedMeters 4000000");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aWindowAndFleetWithinTheLimitStillBuild()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp.resolve("ok"))
            .correctionWindow(96).expectedMeters(1_000).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 2);
            EngineFixture.submitDay(engine, 2, 8);
        }
        assertThat(engine.fatalError()).isNull();
        assertThat(engine.counters().ticksPriced()).isEqualTo(2 * 8);
    }
}
