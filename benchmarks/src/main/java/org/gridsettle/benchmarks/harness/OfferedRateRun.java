package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.conventional.ConventionalPipeline;
import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.benchmarks.workload.TickSource;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.pretouch.Pretouch;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Latency at a fixed offered rate. The calling thread is a paced producer: tick {@code k} is due at
 * {@code start + k / rate}; the producer busy-waits (yielding) until then, stores that due time as the tick's intended send time and
 * submits (blocking if the consumer is behind). Latency runs from the intended time to the moment the tick's output
 * was written, so a producer held up by a full ring still charges the wait to every tick it delayed.
 * <p>
 * Each run gets a fresh engine or pipeline with the fleet enrolled; the first {@code rateWarmupSeconds} of ticks are
 * paced but not recorded.
 */
public final class OfferedRateRun
{
    private static final long LEAD_NANOS = 1_000_000L;

    private OfferedRateRun()
    {
    }

    /**
     * @param config     sizes and durations.
     * @param rate       offered ticks per second.
     * @param journalDir an empty directory for the journal.
     * @return the engine's latency at that rate.
     */
    public static LatencyResult engine(final HarnessConfig config, final long rate, final Path journalDir)
    {
        final int meters = config.meters();
        final long warmup = warmupTicks(config, rate);
        final long total = warmup + measuredTicks(config, rate);
        final LatencyRecorder recorder = new LatencyRecorder(total, warmup);
        final long firstTickSequence = Fleet.setUpInputs(meters) + 1;
        final EngineLatencyListener listener = new EngineLatencyListener(recorder, firstTickSequence);
        final SettlementEngine engine =
            SettlementEngine.builder().journalDir(journalDir).sealing(config.sealing()).pretouch(config.pretouch())
                .listener(listener)
                .expectedMeters(meters).build().start();
        final long windowStart;
        try
        {
            Fleet.setUp(engine, meters, config.shuffledEnrolment());
            Await.reach(engine::appliedSequence, firstTickSequence - 1, engine::fatalError);
            windowStart = pace(rate, total, warmup, recorder, tick -> engine.submitTick(
                TickSource.meterId(tick, meters), MeterTickCodec.CHANNEL_MAIN, TickSource.intervalStart(tick, meters),
                TickSource.INTERVAL_SECONDS, TickSource.importWh(tick, meters), TickSource.exportWh(tick, meters)));
            Await.reach(engine::appliedSequence, firstTickSequence - 1 + total, engine::fatalError);
        }
        finally
        {
            engine.close();
        }
        if (listener.rejections() != 0 || recorder.completed() != total)
        {
            throw new IllegalStateException("engine at " + rate + " ticks/s completed " + recorder.completed() +
                " of " + total + " ticks with " + listener.rejections() + " rejections");
        }
        return result("engine", rate, total - warmup, windowStart, recorder);
    }

    /**
     * @param config     sizes and durations.
     * @param rate       offered ticks per second.
     * @param outputFile the JSON-lines file.
     * @return the conventional design's latency at that rate.
     */
    public static LatencyResult conventional(final HarnessConfig config, final long rate, final Path outputFile)
    {
        final int meters = config.meters();
        final long warmup = warmupTicks(config, rate);
        final long total = warmup + measuredTicks(config, rate);
        final LatencyRecorder recorder = new LatencyRecorder(total, warmup);
        final ConventionalPipeline pipeline = ConventionalThroughputRun.startPipeline(
            config, outputFile, tick -> recorder.done(tick, System.nanoTime()));
        final long windowStart;
        try
        {
            windowStart = pace(rate, total, warmup, recorder,
                tick -> ConventionalThroughputRun.submitOne(pipeline, tick, meters));
            Await.reach(pipeline::processed, total, pipeline::failure);
        }
        finally
        {
            pipeline.close();
        }
        if (recorder.completed() != total)
        {
            throw new IllegalStateException("conventional design at " + rate + " ticks/s completed " +
                recorder.completed() + " of " + total + " ticks");
        }
        return result("conventional", rate, total - warmup, windowStart, recorder);
    }

    /**
     * The latency ceiling: the paced producer appends each tick's two records to bare Chronicle queues itself, with
     * no hand-off, pricing or hash chain, so what remains is the journal I/O's own latency at this rate on this
     * disk (page faults of fresh pages, write-back).
     *
     * @param config sizes and durations.
     * @param rate   offered ticks per second.
     * @param dir    an empty scratch directory.
     * @return the raw appends' latency at that rate.
     */
    public static LatencyResult rawAppend(final HarnessConfig config, final long rate, final Path dir)
    {
        return rawAppend(config, rate, dir, Pretouch.OFF);
    }

    /**
     * The latency ceiling with a {@link org.gridsettle.journal.pretouch.JournalPretoucher} running ahead of both
     * queues on a thread of its own: next to {@link #rawAppend(HarnessConfig, long, Path)} it shows what page faults
     * of fresh pages cost the journal I/O on this disk.
     *
     * @param config   sizes and durations.
     * @param rate     offered ticks per second.
     * @param dir      an empty scratch directory.
     * @param pretouch {@link Pretouch#THREAD} to run the pretoucher, {@link Pretouch#OFF} not to; the paced
     *                 producer has no idle time to pretouch in, so {@link Pretouch#IDLE} and
     *                 {@link Pretouch#ADAPTIVE} are refused.
     * @return the raw appends' latency at that rate.
     */
    public static LatencyResult rawAppend(
        final HarnessConfig config, final long rate, final Path dir, final Pretouch pretouch)
    {
        if (pretouch.usesIdleTime())
        {
            throw new IllegalArgumentException("the paced producer has no idle time to pretouch in");
        }
        final long warmup = warmupTicks(config, rate);
        final long total = warmup + measuredTicks(config, rate);
        final LatencyRecorder recorder = new LatencyRecorder(total, warmup);
        final long windowStart;
        try (RawTickAppender appender = new RawTickAppender(dir, pretouch))
        {
            windowStart = pace(rate, total, warmup, recorder, tick ->
            {
                appender.append(tick);
                recorder.done(tick, System.nanoTime());
            });
        }
        return result(pretouch == Pretouch.THREAD ? "raw-append-pretouched" : "raw-append", rate, total - warmup, windowStart, recorder);
    }

    static long warmupTicks(final HarnessConfig config, final long rate)
    {
        return Math.round(rate * config.rateWarmupSeconds());
    }

    static long measuredTicks(final HarnessConfig config, final long rate)
    {
        return Math.max(1, Math.round(rate * config.rateSeconds()));
    }

    static long pace(
        final long rate, final long total, final long warmup, final LatencyRecorder recorder, final LongConsumer submit)
    {
        final long start = System.nanoTime() + LEAD_NANOS;
        for (long tick = 0; tick < total; tick++)
        {
            final long intended = start + tick * 1_000_000_000L / rate;
            // yield rather than park: parking overshoots by tens of microseconds, which would skew the schedule,
            // while a yield still hands the core over if the consumer shares it on a 2-core machine
            while (System.nanoTime() < intended)
            {
                Thread.yield();
            }
            recorder.intended(tick, intended);
            submit.accept(tick);
        }
        return start + warmup * 1_000_000_000L / rate;
    }

    static LatencyResult result(
        final String design, final long rate, final long measured, final long windowStart,
        final LatencyRecorder recorder)
    {
        if (recorder.clamped() != 0)
        {
            // a clamped sample would understate the max and the high percentiles without a sign in the report
            throw new IllegalStateException(design + " at " + rate + " ticks/s: " + recorder.clamped() +
                " latencies over the histogram's highest trackable value of " +
                LatencyRecorder.HIGHEST_TRACKABLE_NANOS / 1_000_000_000L + " s; offer a lower rate or fewer seconds");
        }
        final double seconds = (recorder.lastDoneNanos() - windowStart) / 1e9;
        return new LatencyResult(design, rate, measured / Math.max(seconds, 1e-9), recorder.histogram());
    }
}
