package org.gridsettle.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host thread's tick submissions allocate nothing in steady state, with the admission that lets {@link
 * SettlementEngine#close()} wait for producers, and with a small ring so that many of them wait for a slot: measured
 * with the thread's allocated-bytes counter (not a timing) once the code is warm.
 */
class ProducerAllocationTest
{
    @TempDir
    Path dir;

    @Test
    void submittingTicksAllocatesNothingOnTheProducerThread()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int warmUp = 50_000;
        final int measured = 20_000;
        long allocated = 0;
        for (final boolean multiProducer : new boolean[] {false, true})
        {
            try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir.resolve("mp-" + multiProducer))
                .multiProducer(multiProducer).ringSize(256).snapshots(false).build().start())
            {
                long before = 0;
                for (int i = 0; i < warmUp + measured; i++)
                {
                    if (i == warmUp)
                    {
                        before = threads.getCurrentThreadAllocatedBytes();
                    }
                    // an unknown meter: rejected on the logic thread, which is not the one measured here
                    engine.submitTick(7, 0, EngineFixture.START + i * 900L, 900, 100, 0);
                    if (!engine.trySubmitTick(7, 0, EngineFixture.START - i * 900L, 900, 100, 0))
                    {
                        engine.submitTick(7, 0, EngineFixture.START - i * 900L, 900, 100, 0);
                    }
                }
                allocated += threads.getCurrentThreadAllocatedBytes() - before;
            }
        }
        // the slack is for what the JVM itself may charge to the thread
        assertThat(allocated).as("bytes allocated by 2 x %d x 2 submissions", measured).isLessThan(1_024);
    }
}
