package org.gridsettle.benchmarks.jmh;

import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.benchmarks.conventional.BigDecimalPricer;
import org.gridsettle.benchmarks.conventional.PricedTick;
import org.gridsettle.benchmarks.workload.BenchTariff;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Pricing one tick: the engine's {@link TouPricer} against the benchmark's six-period time-of-use tariff, next to
 * the conventional {@link BigDecimalPricer} of the same tariff. Ticks cycle through 1,024 interval starts spread over
 * a whole year, so weekdays, weekends, holidays, both seasons and both daylight-saving changes are all priced.
 * <p>
 * JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PricingBenchmark
{
    private static final int SAMPLES = 1024;
    private static final int MASK = SAMPLES - 1;
    private static final long YEAR_SECONDS = 365L * 86_400L;

    private final long[] starts = new long[SAMPLES];
    private final long[] importWh = new long[SAMPLES];
    private final long[] exportWh = new long[SAMPLES];
    private final PriceQuote quote = new PriceQuote();
    private TouTariff tariff;
    private BigDecimalPricer bigDecimal;
    private int next;

    /**
     * Builds the tariff and the tick samples.
     */
    @Setup
    public void setUp()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        tariff = BenchTariff.create();
        bigDecimal = new BigDecimalPricer();
        final long step = (YEAR_SECONDS / SAMPLES) / 900 * 900;
        for (int i = 0; i < SAMPLES; i++)
        {
            // a step that is not a whole number of days walks through every hour of the day over the year
            starts[i] = BenchTariff.EFFECTIVE_FROM + i * step;
            final boolean exporting = i % 3 == 0;
            importWh[i] = exporting ? 0 : 50 + (i * 37) % 900;
            exportWh[i] = exporting ? 100 + (i * 11) % 400 : 0;
        }
    }

    /**
     * @return the amounts, so the work is not dead code.
     */
    @Benchmark
    public long touPricer()
    {
        final int i = next++ & MASK;
        TouPricer.price(tariff, starts[i], importWh[i], exportWh[i], quote);
        return quote.importAmount + quote.exportAmount;
    }

    /**
     * @return the priced tick.
     */
    @Benchmark
    public PricedTick bigDecimalPricer()
    {
        final int i = next++ & MASK;
        return bigDecimal.price(starts[i], importWh[i], exportWh[i]);
    }
}
