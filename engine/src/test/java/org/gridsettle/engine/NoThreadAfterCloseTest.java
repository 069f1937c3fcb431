package org.gridsettle.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SettlementEngine#close()} returns with none of the engine's threads still alive: a host that redeploys, or
 * checks for leaked threads, must not find the engine's snapshot thread still exiting. It used to be shut down
 * without being waited for, and was often still alive when close() returned.
 */
class NoThreadAfterCloseTest
{
    @TempDir
    Path tmp;

    @Test
    void noEngineThreadIsAliveWhenCloseReturns()
    {
        // several engines, since whether the exiting thread is still alive is a race; each has snapshots and the
        // default pretouch, so it runs every thread an engine starts
        for (int run = 0; run < 40; run++)
        {
            try (SettlementEngine engine =
                SettlementEngine.builder().journalDir(tmp.resolve("run" + run)).build().start())
            {
                EngineFixture.setUp(engine, 2);
                EngineFixture.submitDay(engine, 2, 4);
            }
            assertThat(engineThreads()).as("run %d", run).isEmpty();
        }
    }

    private static List<String> engineThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith("gridsettle-"))
            .toList();
    }
}
