package org.gridsettle.benchmarks.harness;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.pretouch.Pretouch;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one harness run measures and where it writes. Three presets: the full sizing run, {@code --quick} (small
 * scale, minutes on 2 cores) and {@link #tiny} for the smoke test; command-line options override any field.
 * Immutable.
 *
 * @param label               preset name shown in the report.
 * @param ticks               ticks through each throughput run.
 * @param meters              meters enrolled; ticks cycle over them interval by interval.
 * @param heapMeters          meters enrolled for the heap-per-meter figure, in an engine of its own.
 * @param rounds              throughput rounds; each round runs the ceiling, the engine and the conventional design
 *                            back to back, so machine noise hits all three alike, and the report takes medians.
 * @param warmupFraction      share of each throughput run applied before the clock starts.
 * @param handoffEvents       events through the raw Disruptor hand-off.
 * @param rates               offered rates, ticks per second.
 * @param rateSeconds         measured seconds per offered rate.
 * @param rateWarmupSeconds   seconds per offered rate paced but not recorded.
 * @param ringSize            engine ring entries, also the conventional queue's capacity.
 * @param sealing             which thread computes the engine journals' SHA-256 checkpoints.
 * @param shuffledEnrolment   true to enrol the engine's meters in scattered order ({@code Fleet.shuffledMeter}), so
 *                            that ticks do not arrive in the order the engine laid its per-meter state out in.
 * @param pretouch           where the engine's journal pages are prepared ahead ({@code SettlementEngine.Builder.pretouch}).
 * @param outDir              where the report goes.
 * @param workDir             where journals and JSON output go while running; deleted at the end.
 * @param keepJournals        true to leave {@code workDir} in place.
 */
public record HarnessConfig(
    String label,
    long ticks,
    int meters,
    int heapMeters,
    int rounds,
    double warmupFraction,
    long handoffEvents,
    long[] rates,
    double rateSeconds,
    double rateWarmupSeconds,
    int ringSize,
    Sealing sealing,
    boolean shuffledEnrolment,
    Pretouch pretouch,
    Path outDir,
    Path workDir,
    boolean keepJournals)
{
    /** The engine's default ring size. */
    public static final int ENGINE_RING_SIZE = 8192;
    /** Most ticks one offered-rate run may hold, warm-up included: {@link LatencyRecorder}'s array limit. */
    public static final long MAX_TICKS_PER_RATE = LatencyRecorder.MAX_TICKS;

    /**
     * Validates the sizes.
     */
    public HarnessConfig
    {
        if (rounds < 1)
        {
            throw new IllegalArgumentException("rounds must be positive: " + rounds);
        }
        if (ticks < 10 || meters < 1 || ticks < meters)
        {
            throw new IllegalArgumentException("need ticks >= meters >= 1 and ticks >= 10: ticks=" + ticks +
                " meters=" + meters);
        }
        if (heapMeters < 1)
        {
            throw new IllegalArgumentException("heap meters must be positive: " + heapMeters);
        }
        if (meters > SettlementEngine.MAX_EXPECTED_METERS || heapMeters > SettlementEngine.MAX_EXPECTED_METERS)
        {
            throw new IllegalArgumentException("the engine takes at most " + SettlementEngine.MAX_EXPECTED_METERS +
                " meters: meters=" + meters + " heap meters=" + heapMeters);
        }
        if (rates.length == 0 || Arrays.stream(rates).anyMatch(r -> r <= 0 || r > 100_000_000L))
        {
            throw new IllegalArgumentException("rates must be 1..100,000,000 ticks/s: " + Arrays.toString(rates));
        }
        if (Arrays.stream(rates).distinct().count() != rates.length)
        {
            throw new IllegalArgumentException("rates must differ, each has its own .hgrm files: " +
                Arrays.toString(rates));
        }
        // NaN compares false with everything, so each bound is written to fail for it
        if (!(rateSeconds > 0 && rateSeconds < Double.POSITIVE_INFINITY))
        {
            throw new IllegalArgumentException("rate seconds must be a positive number: " + rateSeconds);
        }
        if (!(rateWarmupSeconds >= 0 && rateWarmupSeconds < Double.POSITIVE_INFINITY))
        {
            throw new IllegalArgumentException("rate warm-up seconds must be zero or more: " + rateWarmupSeconds);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1))
        {
            throw new IllegalArgumentException("warm-up fraction must be 0 to under 1: " + warmupFraction);
        }
        for (final long rate : rates)
        {
            // LatencyRecorder holds each tick's intended send time in one array: refuse here what it would refuse
            // only once the throughput phases are over
            final double ticksAtRate = rate * (rateSeconds + rateWarmupSeconds);
            if (ticksAtRate > MAX_TICKS_PER_RATE)
            {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%,d ticks/s for %.1f s (and %.1f s paced before) is %,.0f ticks, more than the %,d one " +
                    "offered-rate run records: lower --rates or --rate-seconds", rate, rateSeconds,
                    rateWarmupSeconds, ticksAtRate, MAX_TICKS_PER_RATE));
            }
        }
        rates = rates.clone();
    }

    /**
     * @param outDir report directory.
     * @return the full sizing run: 10,000,000 ticks over 100,000 meters in 3 rounds; 50k, 200k and 1M ticks/s for
     *     10 s each; heap per meter at 1,000,000 meters.
     */
    public static HarnessConfig full(final Path outDir)
    {
        return new HarnessConfig("full", 10_000_000L, 100_000, 1_000_000, 3, 0.1, 50_000_000L,
            new long[] {50_000, 200_000, 1_000_000}, 10.0, 1.0, ENGINE_RING_SIZE, Sealing.INLINE, false,
            Pretouch.ADAPTIVE,
            outDir, outDir.resolve("work"), false);
    }

    /**
     * @param outDir report directory.
     * @return the quick run: 1,000,000 ticks over 10,000 meters in 5 rounds; 50k and 200k ticks/s for 2 s each;
     *     heap per meter at 100,000 meters.
     */
    public static HarnessConfig quick(final Path outDir)
    {
        return new HarnessConfig("quick", 1_000_000L, 10_000, 100_000, 5, 0.1, 5_000_000L,
            new long[] {50_000, 200_000}, 2.0, 0.5, ENGINE_RING_SIZE, Sealing.INLINE, false, Pretouch.ADAPTIVE,
            outDir, outDir.resolve("work"), false);
    }

    /**
     * @param outDir report directory.
     * @return the smoke-test run: 20,000 ticks over 200 meters; 20k ticks/s for 0.5 s; heap per meter at 100,000
     *     meters, enough for other threads' allocation to be noise.
     */
    public static HarnessConfig tiny(final Path outDir)
    {
        return new HarnessConfig("tiny", 20_000L, 200, 100_000, 1, 0.1, 100_000L,
            new long[] {20_000}, 0.5, 0.1, ENGINE_RING_SIZE, Sealing.INLINE, false, Pretouch.ADAPTIVE,
            outDir, outDir.resolve("work"), false);
    }

    /**
     * @return this configuration with {@code --keep-journals} set.
     */
    public HarnessConfig keepingJournals()
    {
        return new HarnessConfig(label, ticks, meters, heapMeters, rounds, warmupFraction, handoffEvents, rates,
            rateSeconds, rateWarmupSeconds, ringSize, sealing, shuffledEnrolment, pretouch, outDir, workDir, true);
    }

    /**
     * Parses the command line.
     *
     * @param args        options, see {@link #usage()}.
     * @param resultsRoot where timestamped report directories go unless {@code --out} is given.
     * @return the configuration.
     * @throws IllegalArgumentException on a bad option, with a message fit for the user.
     */
    public static HarnessConfig parse(final String[] args, final Path resultsRoot)
    {
        boolean quick = false;
        Path out = null;
        Path root = resultsRoot;
        for (int i = 0; i < args.length; i++)
        {
            if ("--quick".equals(args[i]))
            {
                quick = true;
            }
            else if ("--out".equals(args[i]))
            {
                out = Path.of(value(args, ++i));
            }
            else if ("--results-root".equals(args[i]))
            {
                root = Path.of(value(args, ++i));
            }
        }
        if (out == null)
        {
            out = root.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        final HarnessConfig preset = quick ? quick(out) : full(out);
        long ticks = preset.ticks();
        int meters = preset.meters();
        int heapMeters = preset.heapMeters();
        int rounds = preset.rounds();
        long[] rates = preset.rates();
        double rateSeconds = preset.rateSeconds();
        Path work = preset.workDir();
        boolean keep = false;
        boolean custom = false;
        Sealing sealing = preset.sealing();
        boolean shuffled = preset.shuffledEnrolment();
        Pretouch pretouch = preset.pretouch();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" ->
                {
                }
                case "--out", "--results-root" -> i++;
                case "--work" -> work = Path.of(value(args, ++i));
                case "--keep-journals" -> keep = true;
                case "--sealing" ->
                {
                    custom = true;
                    sealing = parseSealing(value(args, ++i));
                }
                case "--pretouch" ->
                {
                    custom = true;
                    pretouch = parsePretouch(value(args, ++i));
                }
                case "--enrol-order" ->
                {
                    custom = true;
                    shuffled = parseEnrolOrder(value(args, ++i));
                }
                case "--ticks", "--meters", "--heap-meters", "--rounds", "--rates", "--rate-seconds" ->
                {
                    custom = true;
                    final String value = value(args, ++i);
                    switch (args[i - 1])
                    {
                        case "--ticks" -> ticks = parseLong("--ticks", value);
                        case "--meters" -> meters = parseCount("--meters", value, SettlementEngine.MAX_EXPECTED_METERS);
                        case "--heap-meters" ->
                            heapMeters = parseCount("--heap-meters", value, SettlementEngine.MAX_EXPECTED_METERS);
                        case "--rounds" -> rounds = parseCount("--rounds", value, Integer.MAX_VALUE);
                        case "--rates" -> rates = parseRates(value);
                        default -> rateSeconds = parseSeconds("--rate-seconds", value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
        }
        // the bare hand-off is far faster than the engine: five events per tick keep its timed window measurable
        final long handoffEvents = ticks == preset.ticks() ? preset.handoffEvents() : 5 * ticks;
        return new HarnessConfig(preset.label() + (custom ? "+" : ""), ticks, meters, heapMeters, rounds,
            preset.warmupFraction(), handoffEvents, rates, rateSeconds, preset.rateWarmupSeconds(), preset.ringSize(),
            sealing, shuffled, pretouch, out, work, keep);
    }

    /**
     * @return the options text.
     */
    public static String usage()
    {
        return String.join("\n",
            "usage: benchmarks/run [--quick] [options]",
            "  --quick              small scale: 1,000,000 ticks x 5 rounds, 10,000 meters, 50k and 200k ticks/s for 2 s",
            "  --ticks N            ticks per throughput run (default 10,000,000)",
            "  --meters M           meters enrolled (default 100,000)",
            "  --heap-meters H      meters enrolled for the heap-per-meter figure (default 1,000,000, quick 100,000)",
            "  --rounds R           throughput rounds of ceiling, engine and conventional (default 3, quick 5)",
            "  --rates A,B,C        offered rates in ticks/s (default 50000,200000,1000000)",
            "  --rate-seconds S     measured seconds per offered rate (default 10)",
            "  --out DIR            report directory (default bench-results/<timestamp>)",
            "  --work DIR           journal scratch directory, new or empty (default <out>/work, deleted afterwards)",
            "  --keep-journals      keep every phase's journals and JSON output in the scratch directory",
            "                       (a --quick run leaves about 3 GB, a full run about ten times that)",
            "  --sealing S          inline or background: where the engine computes its journals' SHA-256",
            "                       checkpoints (default inline, on the business-logic thread; background needs cores)",
            "  --enrol-order O      tick or shuffled: enrol meters in the order they tick (default), or scattered, so",
            "                       that ticks do not follow the engine's per-meter layout",
            "  --pretouch P         off, idle, thread or adaptive: prepare the journals' pages ahead of the engine's",
            "                       writers not at all, on the business-logic thread while it waits for input, on a",
            "                       thread of their own, or both, the thread only where the business-logic thread",
            "                       falls behind (default, as the engine's)",
            "  benchmarks/run jmh [JMH options]   runs the JMH microbenchmarks instead");
    }

    private static String value(final String[] args, final int i)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + usage());
        }
        return args[i];
    }

    private static Sealing parseSealing(final String text)
    {
        return switch (text)
        {
            case "inline" -> Sealing.INLINE;
            case "background" -> Sealing.BACKGROUND;
            default -> throw new IllegalArgumentException("--sealing must be inline or background: " + text);
        };
    }

    private static Pretouch parsePretouch(final String text)
    {
        return switch (text)
        {
            case "off" -> Pretouch.OFF;
            case "idle" -> Pretouch.IDLE;
            case "thread" -> Pretouch.THREAD;
            case "adaptive" -> Pretouch.ADAPTIVE;
            default -> throw new IllegalArgumentException(
                "--pretouch must be off, idle, thread or adaptive: " + text);
        };
    }

    private static boolean parseEnrolOrder(final String text)
    {
        return switch (text)
        {
            case "tick" -> false;
            case "shuffled" -> true;
            default -> throw new IllegalArgumentException("--enrol-order must be tick or shuffled: " + text);
        };
    }

    private static long parseLong(final String option, final String text)
    {
        try
        {
            return Long.parseLong(text.replace("_", "").replace(",", ""));
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(option + " is not a whole number: " + text, e);
        }
    }

    /** A count kept in an int: a value beyond {@code max} is refused, not wrapped by a cast. */
    private static int parseCount(final String option, final String text, final int max)
    {
        final long value = parseLong(option, text);
        if (value < 1 || value > max)
        {
            throw new IllegalArgumentException(
                String.format(Locale.ROOT, "%s must be 1 to %,d: %s", option, max, text));
        }
        return (int)value;
    }

    private static double parseSeconds(final String option, final String text)
    {
        double value = Double.NaN;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException e)
        {
            // refused below, with the same message as a number out of range
        }
        if (!(value > 0 && value < Double.POSITIVE_INFINITY))
        {
            throw new IllegalArgumentException(option + " must be a positive number of seconds: " + text);
        }
        return value;
    }

    private static long[] parseRates(final String text)
    {
        // split drops trailing empty strings, so "--rates ," is an empty list, refused by the constructor
        return Arrays.stream(text.split(",")).mapToLong(s -> parseLong("--rates", s.trim())).toArray();
    }

    /**
     * @return the ticks applied before each throughput clock starts.
     */
    public long warmupTicks()
    {
        return (long)(ticks * warmupFraction);
    }

    @Override
    public long[] rates()
    {
        return rates.clone();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof HarnessConfig other && toString().equals(other.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    @Override
    public String toString()
    {
        return label + ": ticks=" + ticks + " meters=" + meters + " rounds=" + rounds + " rates=" +
            Arrays.toString(rates) + " rateSeconds=" + rateSeconds + " sealing=" + sealing + " out=" + outDir;
    }
}
