package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.benchmarks.workload.TickSource;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.codec.MeterTickCodec;

import java.nio.file.Path;

/**
 * Maximum sustained throughput of the real engine with real journals (page-cache durability unless told otherwise,
 * default sleeping wait strategy, default ring): the producer submits as fast as the ring accepts, and the clock runs from the moment the
 * warm-up ticks are applied until the last tick is applied. The business-logic thread's allocated bytes, and those
 * of every thread of the JVM (the producer's and the engine's other threads' too), are sampled at the same two
 * moments, so allocation per tick excludes set-up and warm-up.
 * <p>
 * Runs on the calling thread, which is the engine's single producer. Leaves the journal in place for replay.
 */
public final class EngineThroughputRun
{
    private static final String LOGIC_THREAD = "gridsettle-logic";

    private EngineThroughputRun()
    {
    }

    /**
     * @param config     sizes.
     * @param journalDir an empty directory for the journal.
     * @return the figures.
     */
    public static EngineRunResult run(final HarnessConfig config, final Path journalDir)
    {
        return run(config, journalDir, Durability.PAGE_CACHE);
    }

    /**
     * @param config     sizes.
     * @param journalDir an empty directory for the journal.
     * @param durability what each append promises; {@link Durability#SYNC_ON_BATCH} measures the cost of msync at
     *                   every end of batch.
     * @return the figures.
     */
    public static EngineRunResult run(final HarnessConfig config, final Path journalDir, final Durability durability)
    {
        final int meters = config.meters();
        final long ticks = config.ticks();
        final long warmup = config.warmupTicks();
        final SettlementEngine engine = SettlementEngine.builder().journalDir(journalDir).durability(durability)
            .sealing(config.sealing()).pretouch(config.pretouch())
            .expectedMeters(meters)
            .build().start();
        final ThroughputResult throughput;
        try
        {
            final long setUp = Fleet.setUp(engine, meters, config.shuffledEnrolment());
            submit(engine, 0, warmup, meters);
            Await.reach(engine::appliedSequence, setUp + warmup, engine::fatalError);
            final long logicThread = ThreadAllocation.threadIdNamed(LOGIC_THREAD);
            // the every-thread window encloses the measured thread's: the sampling's own arrays, allocated by the
            // calling thread, fall outside the thread's window even when it is the thread measured
            final ThreadAllocation.AllThreads allBefore = ThreadAllocation.allThreads();
            final long bytesBefore = ThreadAllocation.allocatedBytes(logicThread);
            final long start = System.nanoTime();
            submit(engine, warmup, ticks, meters);
            final long end = Await.reach(engine::appliedSequence, setUp + ticks, engine::fatalError);
            final long bytesAfter = ThreadAllocation.allocatedBytes(logicThread);
            final long allThreads = ThreadAllocation.allThreadsSince(allBefore);
            throughput = new ThroughputResult(ticks - warmup, end - start, bytesAfter - bytesBefore, allThreads);
        }
        finally
        {
            engine.close();
        }
        final var counters = engine.counters();
        if (counters.ticksPriced() != ticks || counters.rejections() != 0)
        {
            throw new IllegalStateException("engine priced " + counters.ticksPriced() + " of " + ticks +
                " ticks with " + counters.rejections() + " rejections");
        }
        return new EngineRunResult(throughput, TokenTotals.of(engine.ledger(), meters), counters,
            engine.snapshotStalls());
    }

    static void submit(final SettlementEngine engine, final long from, final long to, final int meters)
    {
        for (long i = from; i < to; i++)
        {
            engine.submitTick(TickSource.meterId(i, meters), MeterTickCodec.CHANNEL_MAIN,
                TickSource.intervalStart(i, meters), TickSource.INTERVAL_SECONDS, TickSource.importWh(i, meters),
                TickSource.exportWh(i, meters));
        }
    }
}
