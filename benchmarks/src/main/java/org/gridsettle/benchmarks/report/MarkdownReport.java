package org.gridsettle.benchmarks.report;

import org.gridsettle.benchmarks.harness.HarnessConfig;
import org.gridsettle.benchmarks.harness.HarnessResults;
import org.gridsettle.benchmarks.harness.LatencyResult;
import org.gridsettle.benchmarks.harness.Rounds;
import org.gridsettle.benchmarks.harness.ThroughputResult;
import org.gridsettle.engine.SnapshotStalls;

import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Renders a run's figures as Markdown: the machine, then one table where each figure stands next to the ceiling or
 * alternative measured in the same run, then the latency table, then the efficiency line. The same text is printed
 * and written to {@code results.md}.
 * <p>
 * Stateless and thread-safe.
 */
public final class MarkdownReport
{
    private static final String NL = "\n";

    private MarkdownReport()
    {
    }

    /**
     * @param r       the figures.
     * @param machine where they were measured.
     * @return the report.
     */
    public static String render(final HarnessResults r, final MachineInfo machine)
    {
        final HarnessConfig c = r.config();
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("# gridsettle end-to-end benchmark (").append(c.label()).append(')').append(NL).append(NL);
        sb.append("- date: ").append(machine.date()).append(NL);
        sb.append("- machine: ").append(machine.cores()).append(" cores, ").append(machine.cpu()).append(", ")
            .append(machine.os()).append(", load average (1 min) at the end ")
            .append(String.format(Locale.ROOT, "%.2f", machine.load())).append(NL);
        sb.append("- JDK: ").append(machine.jdk()).append(", max heap ")
            .append(machine.maxHeap() / (1024 * 1024)).append(" MiB, GC ").append(machine.gc()).append(NL);
        sb.append("- JVM flags: `").append(String.join(" ", machine.jvmFlags())).append('`').append(NL);
        sb.append("- workload: ").append(Fmt.rate(c.ticks())).append(" ticks over ").append(Fmt.rate(c.meters()))
            .append(" meters (first ").append(Fmt.percent(c.warmupFraction()))
            .append(" untimed warm-up), ring/queue ").append(c.ringSize())
            .append(", engine defaults: page-cache durability, sleeping wait strategy; checkpoint sealing ")
            .append(c.sealing().name().toLowerCase(Locale.ROOT))
            .append("; journal pretouch ").append(c.pretouch().name().toLowerCase(Locale.ROOT))
            .append(c.shuffledEnrolment() ? "; meters enrolled in shuffled order, so ticks do not follow the engine's "
                + "per-meter layout" : "; meters enrolled in the order they tick")
            .append(NL).append(NL);

        final ThroughputResult engine = r.engine().median();
        final ThroughputResult ceiling = r.ceiling().median();
        final ThroughputResult conventional = r.conventional().median();
        final double engineRate = engine.perSecond();
        sb.append("Throughput figures are the median of ").append(c.rounds())
            .append(" round(s); each round runs the ceiling, the engine, a replay of the engine's journal and the")
            .append(" conventional design back to back. A ratio between two of them is the median of the rounds' own")
            .append(" ratios, so it need not equal the quotient of the two medians shown. Each replay is timed from its")
            .append(" first input, with no warm-up of its own (the first round's is the JVM's first replay); the raw")
            .append(" read is timed once, over the last round's journal.")
            .append(NL).append(NL);
        sb.append("| figure | value | measured against, same run | ratio |").append(NL);
        sb.append("|---|---:|---|---:|").append(NL);
        row(sb, "engine, max sustained throughput (real journals)", rounds(r.engine(), "ticks/s"),
            "raw-append ceiling " + Fmt.rate(ceiling.perSecond()) + " ticks/s", Fmt.percent(r.efficiency()) +
                byRound(r.efficiencyByRound(), Fmt::percent));
        final SnapshotStalls stalls = r.engineSnapshots();
        row(sb, "snapshot stall of the business-logic thread, periodic snapshots of the engine rounds (" +
                Fmt.rate(c.meters()) + " meters)",
            stalls.snapshots() == 0 ? "no periodic snapshot" : stalls.snapshots() + " snapshots: mean " +
                Fmt.oneDecimal(stalls.meanMillis()) + " ms (" + Fmt.oneDecimal(stalls.meanWaitedMillis()) +
                " ms of it waiting for the previous one's file), max " + Fmt.oneDecimal(stalls.maxMillis()) + " ms",
            "engine " + Fmt.rate(engineRate) + " ticks/s",
            Fmt.rate(stalls.maxNanos() / 1e9 * engineRate) + " ticks queue behind the longest");
        row(sb, "ceiling: raw Chronicle append, 72 B + 120 B per tick, 2 queues, 1 thread",
            rounds(r.ceiling(), "ticks/s"), "-", "100.0%");
        row(sb, "alternative: conventional (BigDecimal, ArrayBlockingQueue, JSON lines)",
            rounds(r.conventional(), "ticks/s"), "engine " + Fmt.rate(engineRate) + " ticks/s",
            "engine " + Fmt.times(r.engineOverConventional()) + byRound(r.engineOverConventionalByRound(), Fmt::times));
        row(sb, "ceiling: raw Disruptor 1P1C hand-off, SleepingWaitStrategy, no work",
            Fmt.rate(r.handoff().perSecond()) + " events/s", "engine " + Fmt.rate(engineRate) + " ticks/s",
            "engine at " + Fmt.percent(engineRate / r.handoff().perSecond()));
        row(sb, "engine, sync on batch end (msync both journals at each Disruptor end of batch)",
            Fmt.rate(r.syncOnBatch().perSecond()) + " ticks/s", "engine, page cache " + Fmt.rate(engineRate) +
                " ticks/s", "sync at " + Fmt.percent(r.syncOnBatch().perSecond() / engineRate));
        row(sb, "recovery: restart with a snapshot and a " + Fmt.rate(r.recovery().operations()) + "-tick tail",
            Fmt.oneDecimal(r.recovery().elapsedNanos() / 1e9) + " s (" + Fmt.rate(r.recovery().perSecond()) +
                " tail ticks/s, both journals verified first)",
            "replay " + Fmt.rate(r.replayTicksPerSecond()) + " ticks/s",
            Fmt.percent(r.recovery().perSecond() / r.replayTicksPerSecond()));
        row(sb, "replay: JournalReplay (verify chains, re-apply, compare outputs)",
            Fmt.rate(r.replayTicksPerSecond()) + " ticks/s (all " + Fmt.rate(r.replay().median().operations()) +
                " inputs: " + rounds(r.replay(), "inputs/s") + ")",
            "raw Chronicle read of both queues " + Fmt.rate(r.rawRead().perSecond()) + " inputs/s",
            Fmt.percent(r.replay().median().perSecond() / r.rawRead().perSecond()));
        row(sb, "allocation per tick, business-logic thread (steady state); in brackets every thread of the JVM, "
                + "the producer's included",
            Fmt.threeDecimals(engine.bytesPerOperation()) + " B/tick (" +
                Fmt.threeDecimals(engine.allThreadsBytesPerOperation()) + ")",
            "conventional worker " + Fmt.oneDecimal(conventional.bytesPerOperation()) + " B/tick (" +
                Fmt.oneDecimal(conventional.allThreadsBytesPerOperation()) + "); raw-append thread " +
                Fmt.threeDecimals(ceiling.bytesPerOperation()) + " B/tick (" +
                Fmt.threeDecimals(ceiling.allThreadsBytesPerOperation()) + ")",
            "-");
        row(sb, "heap per enrolled meter, correction window excluded (" + Fmt.rate(r.heap().meters()) + " meters)",
            Fmt.oneDecimal(r.heap().engineBytesExcludingWindow()) + " B/meter",
            "conventional registry " + Fmt.oneDecimal(r.heap().conventionalBytesPerMeter()) + " B/meter",
            Fmt.times(r.heap().engineBytesExcludingWindow() / r.heap().conventionalBytesPerMeter()));
        row(sb, "correction window per enrolled meter (" + Fmt.rate(r.heap().meters()) + " meters)",
            Fmt.oneDecimal(r.heap().windowBytesPerMeter()) + " B/meter",
            "engine heap with it " + Fmt.oneDecimal(r.heap().engineBytesPerMeter()) + " B/meter", "-");
        row(sb, "ledger totals (micro-units)",
            "USD " + r.engineTotals().usdMicros() + ", SOLAR " + r.engineTotals().solarMicros(),
            "conventional USD " + r.conventionalTotals().usdMicros() + ", SOLAR " +
                r.conventionalTotals().solarMicros(),
            r.totalsAgree() ? "equal, each customer's balances too" : "DIFFERENT");
        sb.append(NL);

        sb.append("Latency from intended send time (coordinated-omission corrected) to output written; engine: ")
            .append("output-journal append, conventional: JSON line handed to its BufferedWriter (in the file only ")
            .append("when its buffers next fill, 8 KiB or more later), raw-append: the producer itself ")
            .append("appending the tick's two records to bare Chronicle queues (the journal I/O alone), ")
            .append("raw-append-pretouched: the same with a journal pretoucher touching the queues' pages ahead on ")
            .append("a thread of its own (what page faults of fresh pages cost), ")
            .append("handoff-append: the same appends on a consumer thread behind the engine's Disruptor (the ")
            .append("engine's threading without its work, in the engine's pretouch mode). Each design and rate runs ")
            .append("fresh: ").append(Fmt.oneDecimal(c.rateWarmupSeconds())).append(" s paced but not recorded, then ")
            .append(Fmt.oneDecimal(c.rateSeconds())).append(" s recorded.")
            .append(NL).append(NL);
        sb.append("| offered ticks/s | design | achieved ticks/s | samples | p50 µs | p99 µs | p99.9 µs | p99.99 µs |" +
            " max µs |").append(NL);
        sb.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|").append(NL);
        for (final LatencyResult l : r.latencies())
        {
            sb.append("| ").append(Fmt.rate(l.offeredRate()))
                .append(" | ").append(l.design())
                .append(" | ").append(Fmt.rate(l.achievedRate()))
                .append(" | ").append(Fmt.rate(l.histogram().getTotalCount()))
                .append(" | ").append(Fmt.oneDecimal(l.micros(50.0)))
                .append(" | ").append(Fmt.oneDecimal(l.micros(99.0)))
                .append(" | ").append(Fmt.oneDecimal(l.micros(99.9)))
                .append(" | ").append(Fmt.oneDecimal(l.micros(99.99)))
                .append(" | ").append(Fmt.oneDecimal(l.maxMicros()))
                .append(" |").append(NL);
        }
        sb.append(NL).append(efficiencyLine(r)).append(NL);
        return sb.toString();
    }

    /**
     * @param r the figures.
     * @return {@code efficiency: NN.N% of raw-append ceiling}.
     */
    public static String efficiencyLine(final HarnessResults r)
    {
        return String.format(Locale.ROOT, "efficiency: %.1f%% of raw-append ceiling", r.efficiency() * 100.0);
    }

    /** The ratio of each round, when there is more than one: " (rounds 41.0%, 38.3%, 52.3%)". */
    private static String byRound(final double[] ratios, final DoubleFunction<String> format)
    {
        if (ratios.length < 2)
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(" (rounds ");
        for (int i = 0; i < ratios.length; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(format.apply(ratios[i]));
        }
        return sb.append(')').toString();
    }

    private static String rounds(final Rounds rounds, final String unit)
    {
        final String median = Fmt.rate(rounds.median().perSecond()) + " " + unit;
        if (rounds.results().size() == 1)
        {
            return median;
        }
        return median + " (rounds " + Fmt.rate(rounds.minPerSecond()) + " to " + Fmt.rate(rounds.maxPerSecond()) + ")";
    }

    private static void row(
        final StringBuilder sb, final String figure, final String value, final String against, final String ratio)
    {
        sb.append("| ").append(figure).append(" | ").append(value).append(" | ").append(against).append(" | ")
            .append(ratio).append(" |").append(NL);
    }
}
