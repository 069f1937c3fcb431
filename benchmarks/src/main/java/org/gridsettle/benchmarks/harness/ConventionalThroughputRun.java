package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.conventional.ConventionalPipeline;
import org.gridsettle.benchmarks.conventional.ConventionalRegistry;
import org.gridsettle.benchmarks.conventional.TickEvent;
import org.gridsettle.benchmarks.workload.BenchTariff;
import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.benchmarks.workload.PeriodTable;
import org.gridsettle.benchmarks.workload.TickSource;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Maximum sustained throughput of the {@link ConventionalPipeline}, timed exactly like {@link EngineThroughputRun}:
 * same ticks, same warm-up, clock from warm-up applied to last tick applied, worker-thread and all-thread allocation
 * sampled at the same two moments.
 * <p>
 * Runs on the calling thread, which is the pipeline's producer.
 */
public final class ConventionalThroughputRun
{
    private ConventionalThroughputRun()
    {
    }

    /**
     * @param meters fleet size.
     * @return a registry with the fleet enrolled on the benchmark tariff.
     */
    public static ConventionalRegistry registry(final int meters)
    {
        final ConventionalRegistry registry = new ConventionalRegistry();
        for (int m = 1; m <= meters; m++)
        {
            registry.registerAccount(Fleet.accountOf(m));
            registry.enrol(m, Fleet.accountOf(m), PeriodTable.TARIFF_ID, BenchTariff.EFFECTIVE_FROM);
        }
        return registry;
    }

    /**
     * @param config     sizes.
     * @param outputFile the JSON-lines file.
     * @return the figures.
     */
    public static ConventionalRunResult run(final HarnessConfig config, final Path outputFile)
    {
        final long ticks = config.ticks();
        final long warmup = config.warmupTicks();
        final ConventionalPipeline pipeline =
            new ConventionalPipeline(registry(config.meters()), outputFile, config.ringSize(), null).start();
        final ThroughputResult throughput;
        try
        {
            submit(pipeline, 0, warmup, config.meters());
            Await.reach(pipeline::processed, warmup, pipeline::failure);
            // the every-thread window encloses the measured thread's: the sampling's own arrays, allocated by the
            // calling thread, fall outside the thread's window even when it is the thread measured
            final ThreadAllocation.AllThreads allBefore = ThreadAllocation.allThreads();
            final long bytesBefore = ThreadAllocation.allocatedBytes(pipeline.workerThreadId());
            final long start = System.nanoTime();
            submit(pipeline, warmup, ticks, config.meters());
            final long end = Await.reach(pipeline::processed, ticks, pipeline::failure);
            final long bytesAfter = ThreadAllocation.allocatedBytes(pipeline.workerThreadId());
            final long allThreads = ThreadAllocation.allThreadsSince(allBefore);
            throughput = new ThroughputResult(ticks - warmup, end - start, bytesAfter - bytesBefore, allThreads);
        }
        finally
        {
            pipeline.close();
        }
        if (pipeline.rejected() != 0)
        {
            throw new IllegalStateException("conventional design rejected " + pipeline.rejected() + " ticks");
        }
        final TokenTotals totals = TokenTotals.of(pipeline.ledger(), config.meters());
        return new ConventionalRunResult(throughput, totals);
    }

    /**
     * Submits ticks {@code [from, to)} of the {@link TickSource} stream.
     *
     * @param pipeline a started pipeline.
     * @param from     first tick index.
     * @param to       tick index past the last.
     * @param meters   fleet size.
     */
    static void submit(final ConventionalPipeline pipeline, final long from, final long to, final int meters)
    {
        for (long i = from; i < to; i++)
        {
            submitOne(pipeline, i, meters);
        }
    }

    /**
     * @param pipeline a started pipeline.
     * @param tick     tick index.
     * @param meters   fleet size.
     */
    static void submitOne(final ConventionalPipeline pipeline, final long tick, final int meters)
    {
        pipeline.submit(new TickEvent(tick, TickSource.meterId(tick, meters),
            TickSource.intervalStart(tick, meters), TickSource.importWh(tick, meters),
            TickSource.exportWh(tick, meters)));
    }

    /**
     * @param config     sizes.
     * @param outputFile the JSON-lines file.
     * @param onTickDone completion callback on the worker.
     * @return a started pipeline with the fleet enrolled.
     */
    static ConventionalPipeline startPipeline(
        final HarnessConfig config, final Path outputFile, final LongConsumer onTickDone)
    {
        return new ConventionalPipeline(registry(config.meters()), outputFile, config.ringSize(), onTickDone).start();
    }
}
