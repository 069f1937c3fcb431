package org.gridsettle.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineLifecycleTest
{
    @TempDir
    Path tmp;

    @Test
    void closeRightAfterStartStillDrainsEverySubmission()
    {
        // Disruptor's shutdown only waits for consumers already running; start() must not return before that.
        for (int run = 0; run < 25; run++)
        {
            final SettlementEngine engine =
                SettlementEngine.builder().journalDir(tmp.resolve("r" + run)).build().start();
            try (engine)
            {
                engine.registerAccount(1001);
            }
            assertThat(engine.counters().inputs()).as("run %d", run).isEqualTo(1);
        }
    }

    @Test
    void submittingAfterCloseIsRefusedClearly()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build().start();
        engine.close();
        assertThatThrownBy(() -> engine.submitTick(1, 0, 0, 900, 1, 0))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not running");
    }
}
