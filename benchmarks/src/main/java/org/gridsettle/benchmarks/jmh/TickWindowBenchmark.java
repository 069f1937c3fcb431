package org.gridsettle.benchmarks.jmh;

import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.engine.logic.TickWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The correction window's part of accepting a new tick: {@link TickWindow#find} (duplicate, age and overlap checks in
 * one scan of the meter's keys) then {@link TickWindow#insert}, for meters drawn at random from a fleet whose windows
 * are full, as on a large fleet in steady state. With 100,000 meters the keys and values (77 MB at 12 slots) are far
 * beyond the caches, so the figure is mostly the cache misses of one meter's entries.
 * <p>
 * JMH state, one per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TickWindowBenchmark
{
    private static final long T0 = 1_772_438_400L; // 2026-03-02T08:00:00Z
    private static final int SECONDS = 900;
    private static final int ORDER = 1 << 16;

    /** Meters in the fleet. */
    @Param({"1000", "100000"})
    public int meters;

    private final int[] order = new int[ORDER];
    private TickWindow window;
    private long[] nextStart;
    private int next;

    /**
     * Fills every meter's window with 12 quarter hours, and draws the order in which meters tick.
     */
    @Setup
    public void setUp()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        window = new TickWindow(TickWindow.DEFAULT_SLOTS);
        window.ensureMeters(meters);
        nextStart = new long[meters];
        for (int m = 0; m < meters; m++)
        {
            for (int i = 0; i < TickWindow.DEFAULT_SLOTS; i++)
            {
                accept(m);
            }
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < ORDER; i++)
        {
            order[i] = random.nextInt(meters);
        }
    }

    /**
     * A random meter's next quarter hour: found absent, then inserted over the meter's oldest entry.
     *
     * @return the entry evicted's place, so the work is not dead code.
     */
    @Benchmark
    public long findAndInsert()
    {
        final int meter = order[next++ & (ORDER - 1)];
        return accept(meter);
    }

    private long accept(final int meter)
    {
        final long start = nextStart[meter];
        nextStart[meter] = start + SECONDS;
        final long key = TickWindow.key(T0 + start, 0, SECONDS);
        if (window.find(meter, key) != TickWindow.ABSENT)
        {
            throw new IllegalStateException("the next quarter hour of meter " + meter + " is not new to its window");
        }
        return window.insert(meter, key, 250, 0, 1, start, 0, -1, TickWindow.NO_PLACE);
    }
}
