package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.benchmarks.TempDirs;
import org.gridsettle.benchmarks.report.ReportWriter;
import org.gridsettle.engine.SnapshotStalls;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.pretouch.Pretouch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end sizing harness: runs the real engine with real journals next to its ceilings (raw Chronicle appends
 * of the same bytes, a bare Disruptor hand-off, raw reads for replay) and next to the conventional design, all in one
 * JVM and one run, then writes a results folder with a Markdown table, {@code .hgrm} files and a latency plot.
 * <p>
 * Phases run one after another on the calling thread, each with its own warm-up; nothing else should run in the JVM
 * meanwhile. {@link #main} is {@link HarnessCommand}, which says what its exit codes mean.
 */
public final class EndToEndHarness
{
    private EndToEndHarness()
    {
    }

    /**
     * @param args see {@link HarnessConfig#usage()}.
     */
    public static void main(final String[] args)
    {
        System.exit(HarnessCommand.execute(args, Path.of("bench-results"), System.out, System.err));
    }

    /**
     * Runs every phase; {@link ReportWriter} writes the report.
     *
     * @param config   what to run.
     * @param progress receives one line per phase.
     * @return the figures.
     * @throws IllegalStateException    if a phase fails or the designs' totals differ.
     * @throws IllegalArgumentException if the results or scratch folder cannot be written, before any phase.
     */
    public static HarnessResults run(final HarnessConfig config, final PrintStream progress)
    {
        return run(config, progress, RunStop.NEVER);
    }

    /**
     * As {@link #run(HarnessConfig, PrintStream)}, stopping between phases once {@code stop} is requested.
     *
     * @param config   what to run.
     * @param progress receives one line per phase.
     * @param stop     requested by a shutdown hook; told when the run has ended and its scratch folder is deleted.
     * @return the figures.
     * @throws RunStop.StoppedException if stopped before a phase.
     */
    static HarnessResults run(final HarnessConfig config, final PrintStream progress, final RunStop stop)
    {
        try
        {
            return runPhases(config, progress, stop);
        }
        finally
        {
            stop.runEnded();
        }
    }

    private static HarnessResults runPhases(final HarnessConfig config, final PrintStream progress, final RunStop stop)
    {
        JvmFlags.requirePresent("the end-to-end harness");
        final Path work = config.workDir();
        final boolean keep = config.keepJournals();
        ResultsFolders.prepare(config);
        progress.println("gridsettle benchmark " + config);
        try
        {
            final List<ThroughputResult> ceilings = new ArrayList<>();
            final List<ThroughputResult> engines = new ArrayList<>();
            final List<ThroughputResult> conventionals = new ArrayList<>();
            final List<ThroughputResult> replays = new ArrayList<>();
            final Path journal = work.resolve("engine");
            TokenTotals engineTotals = null;
            TokenTotals conventionalTotals = null;
            SnapshotStalls engineSnapshots = SnapshotStalls.NONE;
            for (int round = 1; round <= config.rounds(); round++)
            {
                final String of = " (round " + round + "/" + config.rounds() + ")";
                // a directory per round, so that a kept one is never appended to by the next round
                final Path ceiling = work.resolve("ceiling-" + round);
                ceilings.add(phase(stop, progress, "raw Chronicle append ceiling" + of,
                    () -> RawAppendCeiling.run(config, ceiling), ceiling, keep));
                // only the last round's journal is kept, for replay
                TempDirs.delete(journal);
                final EngineRunResult engine = phase(stop, progress, "engine max throughput" + of,
                    () -> EngineThroughputRun.run(config, journal), null, keep);
                engines.add(engine.throughput());
                engineSnapshots = engineSnapshots.plus(engine.snapshots());
                // replayed in every round, like the other throughput figures, because a single replay varied by a
                // tenth from run to run
                replays.add(phase(stop, progress, "replay" + of, () -> ReplayRun.run(journal, config.meters()), null, keep));
                final Path json = work.resolve("conventional-" + round + ".jsonl");
                final ConventionalRunResult conventional = phase(stop, progress, "conventional max throughput" + of,
                    () -> ConventionalThroughputRun.run(config, json), json, keep);
                conventionals.add(conventional.throughput());
                checkTotals(progress, engine.totals(), conventional.totals());
                engineTotals = engine.totals();
                conventionalTotals = conventional.totals();
            }
            final Path syncJournal = work.resolve("engine-sync");
            final ThroughputResult syncOnBatch = phase(stop, progress, "engine max throughput, sync on batch end",
                () -> EngineThroughputRun.run(config, syncJournal, Durability.SYNC_ON_BATCH).throughput(), syncJournal,
                keep);
            final Path recoveryJournal = work.resolve("recovery");
            final ThroughputResult recovery = phase(stop, progress, "recovery: snapshot + " + config.ticks() + "-tick tail",
                () -> RecoveryRun.run(config, recoveryJournal), recoveryJournal, keep);
            final ThroughputResult handoff = phase(stop, progress, "raw Disruptor hand-off",
                () -> DisruptorHandoffRun.run(config), null, keep);
            final ThroughputResult rawRead = phase(stop, progress, "raw Chronicle read ceiling",
                () -> RawReadCeiling.run(journal), journal, keep);
            // the first latency phase after the throughput phases, which write and delete gigabytes of journal,
            // measured a p99 ten times that of the same engine run again at the end (26.4 ms against 2.7 ms at 50k
            // ticks/s, 2026-11-26 09:12 UTC), and the first is always the engine's: a paced run of bare appends,
            // discarded, lets the machine settle first so that no design measures the harness's own aftermath
            final Path settle = work.resolve("settle");
            phase(stop, progress, "settling: raw appends at " + config.rates()[0] + " ticks/s, not recorded",
                () -> OfferedRateRun.rawAppend(config, config.rates()[0], settle), settle, false);
            final List<LatencyResult> latencies = new ArrayList<>();
            for (final long rate : config.rates())
            {
                final Path rateJournal = work.resolve("engine-" + rate);
                latencies.add(phase(stop, progress, "engine at " + rate + " ticks/s",
                    () -> OfferedRateRun.engine(config, rate, rateJournal), rateJournal, keep));
                final Path rateJson = work.resolve("conventional-" + rate + ".jsonl");
                latencies.add(phase(stop, progress, "conventional at " + rate + " ticks/s",
                    () -> OfferedRateRun.conventional(config, rate, rateJson), rateJson, keep));
                final Path rateRaw = work.resolve("raw-" + rate);
                latencies.add(phase(stop, progress, "raw Chronicle append at " + rate + " ticks/s",
                    () -> OfferedRateRun.rawAppend(config, rate, rateRaw), rateRaw, keep));
                final Path ratePretouched = work.resolve("raw-pretouched-" + rate);
                latencies.add(phase(stop, progress, "raw Chronicle append, pretouched, at " + rate + " ticks/s",
                    () -> OfferedRateRun.rawAppend(config, rate, ratePretouched, Pretouch.THREAD),
                    ratePretouched, keep));
                final Path rateHandoff = work.resolve("handoff-" + rate);
                latencies.add(phase(stop, progress, "hand-off + raw append at " + rate + " ticks/s",
                    () -> HandoffAppendLatency.run(config, rate, rateHandoff), rateHandoff, keep));
            }
            final Path heapJournal = work.resolve("heap");
            final HeapResult heap = phase(stop, progress, "heap per meter",
                () -> HeapPerMeterRun.run(config.heapMeters(), heapJournal), heapJournal, keep);
            return new HarnessResults(config, new Rounds(ceilings), new Rounds(engines), new Rounds(conventionals),
                engineTotals, conventionalTotals, engineSnapshots, handoff, syncOnBatch, recovery, new Rounds(replays),
                rawRead, heap, latencies);
        }
        catch (final RuntimeException | Error e)
        {
            // the engine rounds' journal is no phase's own scratch: measured before the finally below deletes it
            final DiskSpace.FullDisk fullDisk = DiskSpace.fullDisk(e, work);
            if (fullDisk != null)
            {
                throw fullDisk;
            }
            throw e;
        }
        finally
        {
            if (!config.keepJournals())
            {
                TempDirs.delete(work);
            }
        }
    }

    private static void checkTotals(final PrintStream progress, final TokenTotals engine, final TokenTotals other)
    {
        progress.println("    totals, engine ledger:       " + engine);
        progress.println("    totals, conventional design: " + other);
        if (!engine.equals(other))
        {
            throw new IllegalStateException("TOTALS DIFFER between the engine (" + engine +
                ") and the conventional design (" + other + "): one of the two prices wrongly");
        }
    }

    private static <T> T phase(final RunStop stop,
        final PrintStream progress, final String name, final Phase<T> phase, final Path scratch, final boolean keep)
    {
        stop.throwIfRequested();
        // start each phase from a collected heap so one phase's garbage is not another's pause
        System.gc();
        final long start = System.nanoTime();
        try
        {
            final T result = phase.run();
            progress.println(String.format(Locale.ROOT, "  %-46s done in %5.1f s", name,
                (System.nanoTime() - start) / 1e9));
            return result;
        }
        catch (final RuntimeException | Error e)
        {
            // measured before the finally below deletes the phase's journals and frees the space they filled
            final DiskSpace.FullDisk fullDisk = DiskSpace.fullDisk(e, scratch);
            if (fullDisk != null)
            {
                throw fullDisk;
            }
            throw e;
        }
        finally
        {
            if (!keep)
            {
                TempDirs.delete(scratch);
            }
        }
    }

    /**
     * One phase of the run.
     *
     * @param <T> what it measures.
     */
    @FunctionalInterface
    private interface Phase<T>
    {
        T run();
    }
}
