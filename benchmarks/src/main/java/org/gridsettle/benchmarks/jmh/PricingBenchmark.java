package org.gridsettle.benchmarks.jmh;

import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.benchmarks.conventional.BigDecimalPricer;
import org.gridsettle.benchmarks.conventional.PricedTick;
import org.gridsettle.benchmarks.workload.BenchTariff;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.IntensitySource;
import org.gridsettle.pricing.carbon.MissingIntensityPolicy;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.IntervalFit;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
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
 * the conventional {@link BigDecimalPricer} of the same tariff, and the whole per-tick pricing issue #3 budgets (at
 * most 100 ns, 0 B/op): TOU + tiers + net billing + carbon. Ticks cycle through 1,024 interval starts spread over
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
    /** Tier counters cycled through, standing in for the meters of a fleet. */
    private static final int METERS = 64;
    /** A billing period's tier-1 allowance: 350 kWh, after which each period's import rate rises by a fifth. */
    private static final long TIER_1_WH = 350_000;
    private static final int HALF_HOUR = 1_800;

    private final long[] starts = new long[SAMPLES];
    private final long[] locals = new long[SAMPLES];
    private final long[] importWh = new long[SAMPLES];
    private final long[] exportWh = new long[SAMPLES];
    private final PriceQuote quote = new PriceQuote();
    private final long[] tierCounterWh = new long[METERS];
    private TouTariff tariff;
    private TouTariff fullTariff;
    private CarbonIntensitySeries intensity;
    private MissingIntensityPolicy carry;
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
        fullTariff = BenchTariff.create().withTiers(tiers(tariff))
            .withExportRule(ExportRule.NET_BILLING, 0)
            .withCarbon(50_000, 40_000, 2);
        intensity = yearOfHalfHours();
        carry = MissingIntensityPolicy.carryForward(2);
        bigDecimal = new BigDecimalPricer();
        final long step = (YEAR_SECONDS / SAMPLES) / 900 * 900;
        for (int i = 0; i < SAMPLES; i++)
        {
            // a step that is not a whole number of days walks through every hour of the day over the year
            starts[i] = BenchTariff.EFFECTIVE_FROM + i * step;
            locals[i] = tariff.zoneTable().localEpochSecond(starts[i]);
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
     * One tick the way the engine prices it for a tiered, net-billing, carbon-priced tariff: the TOU period from the
     * zone table, the tier split against the meter's billing-period counter, the export credit at the period's sell
     * rate, and the carbon adder and credit at the grid intensity of the tick's half hour (carried forward over a
     * gap).
     *
     * @return the amounts, so the work is not dead code.
     */
    @Benchmark
    public long touTiersNetBillingCarbon()
    {
        final int i = next++ & MASK;
        final int meter = i & (METERS - 1);
        final TouTariff t = fullTariff;
        final long start = starts[i];
        final long imported = importWh[i];
        final long exported = exportWh[i];
        TouPricer.priceInPeriod(t, t.periodIndexAt(start), imported, exported, tierCounterWh[meter], quote);
        // a billing period's worth of ticks later the counter starts again, so ticks keep crossing the tier boundary
        final long counted = tierCounterWh[meter] + imported;
        tierCounterWh[meter] = counted > 2 * TIER_1_WH ? 0 : counted;
        final long mgPerKwh = carry.intensityAt(start, intensity);
        return quote.importAmount + quote.exportAmount +
            MicroUnits.carbonAmountFor(imported, mgPerKwh, t.carbonAdderMicrosPerKg()) +
            MicroUnits.carbonAmountFor(exported, mgPerKwh, t.carbonCreditMicrosPerKg());
    }

    /**
     * The engine's check, per tick, that a 15-minute tick's interval lies where its start's TOU period holds
     * ({@link IntervalFit}), with the start's local time given, as the engine's interval locator gives it.
     *
     * @return the answers, so the work is not dead code.
     */
    @Benchmark
    public boolean intervalFit()
    {
        final int i = next++ & MASK;
        return IntervalFit.fits(fullTariff, starts[i], locals[i], 900);
    }

    private static TierTable tiers(final TouTariff tariff)
    {
        final int periods = tariff.periodCount();
        final long[][] importRates = new long[periods][2];
        final long[][] exportRates = new long[periods][2];
        for (int p = 0; p < periods; p++)
        {
            importRates[p][0] = tariff.period(p).importMicrosPerKwh();
            importRates[p][1] = tariff.period(p).importMicrosPerKwh() * 6 / 5;
            exportRates[p][0] = tariff.period(p).exportMicrosPerKwh();
            exportRates[p][1] = tariff.period(p).exportMicrosPerKwh();
        }
        return new TierTable(TierBasis.BILLING_PERIOD, new long[] {TIER_1_WH, Long.MAX_VALUE}, importRates,
            exportRates);
    }

    /** A year of half-hourly intensities with a daily shape and one missing half hour a day. */
    private static CarbonIntensitySeries yearOfHalfHours()
    {
        final int n = (int)(YEAR_SECONDS / HALF_HOUR) + 96;
        final long[] starts = new long[n];
        final int[] seconds = new int[n];
        final long[] mg = new long[n];
        final byte[] sources = new byte[n];
        for (int i = 0; i < n; i++)
        {
            starts[i] = BenchTariff.EFFECTIVE_FROM - 86_400 + (long)i * HALF_HOUR;
            seconds[i] = HALF_HOUR;
            final boolean missing = i % 48 == 17;
            mg[i] = missing ? CarbonIntensitySeries.MISSING : 150_000 + (i % 48) * 3_000;
            sources[i] = missing ? IntensitySource.MISSING : IntensitySource.ACTUAL;
        }
        return CarbonIntensitySeries.of("CAISO", starts, seconds, mg, sources);
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
