package org.gridsettle.engine;

import com.lmax.disruptor.SleepingWaitStrategy;
import org.gridsettle.journal.pretouch.Pretouch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which pretouch mode an engine runs in: by default its business-logic thread prepares the journals' pages while it
 * waits for input, which needs the engine's own wait strategy; a caller's wait strategy turns it off, and asking for
 * both is refused rather than silently ignored. That no mode changes a byte of the journals is
 * {@link DeterminismTest}'s.
 */
class PretouchModesTest
{
    @TempDir
    Path tmp;

    @Test
    void theDefaultEnginePreparesPagesWhileItWaits()
    {
        // a day of 20 meters: the thread waits between submissions and after the last, so it has idle time
        assertThat(pagesAfterADay(SettlementEngine.builder().journalDir(tmp.resolve("default")))).isPositive();
    }

    @Test
    void theDefaultIsAdaptiveWithAPretoucherThreadAsBackstop()
    {
        // the Builder's Javadoc named IDLE as the default, which runs no thread; README and pretouch() say ADAPTIVE
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(tmp.resolve("default")).build().start())
        {
            assertThat(Thread.getAllStackTraces().keySet())
                .anyMatch(t -> t.getName().equals("gridsettle-pretouch") && t.isAlive());
        }
    }

    @Test
    void aPretoucherThreadPreparesPagesToo()
    {
        assertThat(pagesAfterADay(SettlementEngine.builder().journalDir(tmp.resolve("thread"))
            .pretouch(Pretouch.THREAD))).isPositive();
        assertThat(pagesAfterADay(SettlementEngine.builder().journalDir(tmp.resolve("idle"))
            .pretouch(Pretouch.IDLE))).isPositive();
    }

    @Test
    void adaptivePretouchWithACallersWaitStrategyIsRefused()
    {
        final SettlementEngine.Builder builder = SettlementEngine.builder().journalDir(tmp.resolve("adaptive"))
            .pretouch(Pretouch.ADAPTIVE).waitStrategy(new SleepingWaitStrategy());
        assertThatThrownBy(builder::build)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pretouch ADAPTIVE runs in the engine's own wait strategy");
    }

    @Test
    void offAndACallersWaitStrategyPrepareNone()
    {
        assertThat(pagesAfterADay(SettlementEngine.builder().journalDir(tmp.resolve("off"))
            .pretouch(Pretouch.OFF))).isZero();
        assertThat(pagesAfterADay(SettlementEngine.builder().journalDir(tmp.resolve("own"))
            .waitStrategy(new SleepingWaitStrategy()))).isZero();
    }

    @Test
    void idlePretouchWithACallersWaitStrategyIsRefused()
    {
        final SettlementEngine.Builder builder = SettlementEngine.builder().journalDir(tmp.resolve("both"))
            .pretouch(Pretouch.IDLE).waitStrategy(new SleepingWaitStrategy());
        assertThatThrownBy(builder::build)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pretouch IDLE runs in the engine's own wait strategy");
    }

    private static long pagesAfterADay(final SettlementEngine.Builder builder)
    {
        final SettlementEngine engine = builder.build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 20);
            EngineFixture.submitDay(engine, 20, 96);
            // pages are prepared while the thread waits: leave it the quiet spell any engine has between inputs
            sleepQuietly(100);
        }
        return engine.pretouchedPages();
    }

    private static void sleepQuietly(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
