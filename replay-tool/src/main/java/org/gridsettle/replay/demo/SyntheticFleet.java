package org.gridsettle.replay.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible fleet of household meters for the demo: each meter's load is the NREL SAM residential load
 * shape scaled by a per-household factor with interval-level noise, and a share of the fleet has rooftop solar shaped
 * by the SAM PV profile. Readings are 15-minute import and export watt-hours, netted at the meter.
 * <p>
 * The same arguments always give the same ticks in the same order (time-major, then meter). Not thread-safe.
 */
public final class SyntheticFleet
{
    /** Interval length of the demo's ticks. */
    public static final int INTERVAL_SECONDS = 900;
    /** Account id of the first meter; meter i is billed to account FIRST_ACCOUNT + i. */
    public static final long FIRST_ACCOUNT = 100_000;
    /** Id of the first meter. */
    public static final long FIRST_METER = 5_000_000;
    /** Share of meters with rooftop solar, in percent. */
    public static final int SOLAR_PERCENT = 35;

    private static final HourlyProfile LOAD = HourlyProfile.load("/demo/ssc_pvsamv1_residential_load_8760.csv");
    private static final HourlyProfile SOLAR = HourlyProfile.load("/demo/ssc_gen_25_year_residential_first8760.csv");

    /**
     * Receives the fleet's ticks.
     */
    @FunctionalInterface
    public interface TickSink
    {
        /**
         * @param meterId         meter.
         * @param intervalStart   epoch seconds.
         * @param intervalSeconds interval length.
         * @param importWh        energy imported.
         * @param exportWh        energy exported.
         */
        void onTick(long meterId, long intervalStart, int intervalSeconds, long importWh, long exportWh);
    }

    private final int meters;
    private final int days;
    private final long seed;
    private final LocalDate firstDay;
    private final ZoneId zone;
    private final double[] loadScale;
    private final double[] solarScale;
    private long shedStart;
    private long shedEnd;
    private double shedFactor = 1.0;
    private java.util.function.IntPredicate shedding = m -> false;

    /**
     * @param meters   number of meters.
     * @param days     number of local days.
     * @param seed     random seed.
     * @param firstDay first local day.
     * @param zone     zone the days are in.
     */
    public SyntheticFleet(final int meters, final int days, final long seed, final LocalDate firstDay, final ZoneId zone)
    {
        this.meters = meters;
        this.days = days;
        this.seed = seed;
        this.firstDay = firstDay;
        this.zone = zone;
        this.loadScale = new double[meters];
        this.solarScale = new double[meters];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int m = 0; m < meters; m++)
        {
            loadScale[m] = 0.55 + random.nextDouble() * 1.1;
            solarScale[m] = random.nextInt(100) < SOLAR_PERCENT ? 0.5 + random.nextDouble() * 0.9 : 0.0;
        }
    }

    /**
     * Makes some households shed load over an interval, as customers answering a demand-response event do. The
     * random draws are unchanged, so every other tick stays the same.
     *
     * @param start      first instant, epoch seconds.
     * @param end        exclusive end, epoch seconds.
     * @param households which 0-based meter indexes shed.
     * @param percent    share of their load they shed, 0..100.
     * @return this.
     */
    public SyntheticFleet shedLoad(
        final long start, final long end, final java.util.function.IntPredicate households, final int percent)
    {
        this.shedStart = start;
        this.shedEnd = end;
        this.shedding = households;
        this.shedFactor = 1.0 - percent / 100.0;
        return this;
    }

    /**
     * @param meterIndex 0-based meter index.
     * @return true if that household has rooftop solar.
     */
    public boolean hasSolar(final int meterIndex)
    {
        return solarScale[meterIndex] > 0.0;
    }

    /**
     * @return number of meters.
     */
    public int meters()
    {
        return meters;
    }

    /**
     * @return UTC epoch second of the first local midnight.
     */
    public long startEpochSecond()
    {
        return firstDay.atStartOfDay(zone).toEpochSecond();
    }

    /**
     * @return UTC epoch second of the local midnight after the last day.
     */
    public long endEpochSecond()
    {
        return firstDay.plusDays(days).atStartOfDay(zone).toEpochSecond();
    }

    /**
     * Generates every tick, time-major.
     *
     * @param sink receives ticks.
     * @return number of ticks generated.
     */
    public long forEachTick(final TickSink sink)
    {
        final SplittableRandom noise = new SplittableRandom(seed * 31 + 7);
        final long end = endEpochSecond();
        long count = 0;
        for (long t = startEpochSecond(); t < end; t += INTERVAL_SECONDS)
        {
            final ZonedDateTime local = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(t), zone);
            final int hourOfYear = (local.getDayOfYear() - 1) * 24 + local.getHour();
            final double fraction = local.getMinute() / 60.0;
            final double loadKw = interpolate(LOAD, hourOfYear, fraction);
            final double solarKw = interpolate(SOLAR, hourOfYear, fraction);
            final double cloud = 0.75 + 0.25 * Math.cos(local.getDayOfYear() * 1.7);
            final boolean shedWindow = t >= shedStart && t < shedEnd;
            for (int m = 0; m < meters; m++)
            {
                final double drawn = loadKw * loadScale[m] * (0.8 + 0.4 * noise.nextDouble());
                final double load = shedWindow && shedding.test(m) ? drawn * shedFactor : drawn;
                final double pv = solarKw * solarScale[m] * cloud;
                final long netWh = Math.round((load - pv) * 1000.0 * INTERVAL_SECONDS / 3600.0);
                sink.onTick(FIRST_METER + m, t, INTERVAL_SECONDS, Math.max(0, netWh), Math.max(0, -netWh));
                count++;
            }
        }
        return count;
    }

    private static double interpolate(final HourlyProfile profile, final int hourOfYear, final double fraction)
    {
        return profile.kw(hourOfYear) * (1.0 - fraction) + profile.kw(hourOfYear + 1) * fraction;
    }
}
