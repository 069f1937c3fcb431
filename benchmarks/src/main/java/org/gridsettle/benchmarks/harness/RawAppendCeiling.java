package org.gridsettle.benchmarks.harness;

import java.nio.file.Path;

/**
 * The ceiling the engine is judged against: what one thread can append to two Chronicle queues configured like the
 * journals when it does nothing else, per tick one 72-byte input record and one 120-byte output record, the same
 * bytes the engine journals. No hash chain, no checkpoints, no pricing, no hand-off.
 * <p>
 * Timed like the engine run: the warm-up share of ticks first, then the clock. Runs on the calling thread.
 */
public final class RawAppendCeiling
{
    private RawAppendCeiling()
    {
    }

    /**
     * @param config sizes.
     * @param dir    an empty scratch directory.
     * @return ticks per second; allocation of the calling thread included.
     */
    public static ThroughputResult run(final HarnessConfig config, final Path dir)
    {
        try (RawTickAppender appender = new RawTickAppender(dir))
        {
            final long warmup = config.warmupTicks();
            append(appender, 0, warmup);
            final long thread = Thread.currentThread().getId();
            // the every-thread window encloses the measured thread's: the sampling's own arrays, allocated by the
            // calling thread, fall outside the thread's window even when it is the thread measured
            final ThreadAllocation.AllThreads allBefore = ThreadAllocation.allThreads();
            final long bytesBefore = ThreadAllocation.allocatedBytes(thread);
            final long start = System.nanoTime();
            append(appender, warmup, config.ticks());
            final long end = System.nanoTime();
            final long bytesAfter = ThreadAllocation.allocatedBytes(thread);
            final long allThreads = ThreadAllocation.allThreadsSince(allBefore);
            return new ThroughputResult(config.ticks() - warmup, end - start, bytesAfter - bytesBefore, allThreads);
        }
    }

    private static void append(final RawTickAppender appender, final long from, final long to)
    {
        for (long i = from; i < to; i++)
        {
            appender.append(i);
        }
    }
}
