package org.gridsettle.engine;

import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void noEngineThreadIsAliveWhenTheCloseOfAHaltedEngineThrows()
    {
        for (int run = 0; run < 40; run++)
        {
            final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp.resolve("halted" + run))
                .listener(new PostingListener()
                {
                    @Override
                    public void onTransfer(final TransferCodec transfer)
                    {
                        throw new IllegalStateException("host listener failed");
                    }
                })
                .build().start();
            EngineFixture.setUp(engine, 1);
            EngineFixture.submitDay(engine, 1, 1);
            // the halt comes on the logic thread: close either finds it or drains into it, and throws either way
            assertThatThrownBy(engine::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("host listener failed");
            assertThat(engineThreads()).as("run %d", run).isEmpty();
        }
    }

    /** @return the names of the live threads an engine starts; shared with {@link CloseDuringStartTest}. */
    static List<String> engineThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith("gridsettle-"))
            .toList();
    }
}
