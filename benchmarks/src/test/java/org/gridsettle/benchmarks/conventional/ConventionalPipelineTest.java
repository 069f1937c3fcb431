package org.gridsettle.benchmarks.conventional;

import org.gridsettle.benchmarks.harness.ConventionalThroughputRun;
import org.gridsettle.benchmarks.workload.TickSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A worker that fails (its JSON file on a full disk) must fail the producer's next submission, not leave it waiting
 * for ever for room in a queue that no one takes from. The timeout only stops a hang from stopping the build.
 */
class ConventionalPipelineTest
{
    private static final int METERS = 10;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWorkerThatFailsFailsTheProducerInsteadOfBlockingIt()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does: the worker fails at its first flush, 8 KiB
        // of JSON lines in, with the producer far ahead of it
        final Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        final ConventionalPipeline pipeline =
            new ConventionalPipeline(ConventionalThroughputRun.registry(METERS), full, 16, null).start();

        assertThatThrownBy(() ->
        {
            for (long i = 0; i < 1_000_000; i++)
            {
                pipeline.submit(new TickEvent(i, TickSource.meterId(i, METERS), TickSource.intervalStart(i, METERS),
                    TickSource.importWh(i, METERS), TickSource.exportWh(i, METERS)));
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("conventional worker failed");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWorkerThatFailsWhileTheProducerWaitsForRoomReleasesIt(@TempDir final Path tmp)
    {
        // the losing order of the race, made certain: the worker fails only once the producer is parked in put()
        // on a full queue, which no one would ever take from again
        final Thread producer = Thread.currentThread();
        final ConventionalPipeline pipeline = new ConventionalPipeline(ConventionalThroughputRun.registry(METERS),
            tmp.resolve("out.jsonl"), 4, tick ->
            {
                if (tick == 5)
                {
                    while (producer.getState() != Thread.State.WAITING)
                    {
                        Thread.onSpinWait();
                    }
                    throw new IllegalStateException("the worker broke");
                }
            }).start();

        assertThatThrownBy(() ->
        {
            for (long i = 0; i < 1_000; i++)
            {
                pipeline.submit(new TickEvent(i, TickSource.meterId(i, METERS), TickSource.intervalStart(i, METERS),
                    TickSource.importWh(i, METERS), TickSource.exportWh(i, METERS)));
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("the worker broke");
    }
}
