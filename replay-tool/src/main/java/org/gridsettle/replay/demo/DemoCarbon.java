package org.gridsettle.replay.demo;

import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.IntensitySource;
import org.gridsettle.pricing.money.TokenSymbol;

/**
 * The demo's grid carbon intensity: half-hourly values shaped like a Californian day (about 300 g/kWh at night,
 * down to about 120 g/kWh when solar peaks at noon), with one gap of two half-hours that the tariffs' policy carries
 * forward. Synthetic, deterministic, and journalled like real data would be.
 */
public final class DemoCarbon
{
    /** The demo fleet's carbon region. */
    public static final long REGION = TokenSymbol.pack("CAISO");
    /** Carbon price on imports: 50 per tonne = 0.05 per kg. */
    public static final long ADDER_MICROS_PER_KG = 50_000;
    /** Avoided-emissions credit on exports, CARBON per kg. */
    public static final long CREDIT_MICROS_PER_KG = 40_000;
    /** Half-hours a missing value may be carried forward. */
    public static final int CARRY_INTERVALS = 2;

    private DemoCarbon()
    {
    }

    /**
     * @param start first half-hour, epoch seconds (a local midnight).
     * @param end   end of the series, epoch seconds.
     * @return the series, with the half-hours 12:00-13:00 of the second day missing.
     */
    public static CarbonIntensitySeries series(final long start, final long end)
    {
        final int n = (int)((end - start) / 1800);
        final long[] starts = new long[n];
        final int[] seconds = new int[n];
        final long[] mg = new long[n];
        final byte[] sources = new byte[n];
        for (int i = 0; i < n; i++)
        {
            starts[i] = start + i * 1800L;
            seconds[i] = 1800;
            final int halfHourOfDay = i % 48;
            // a smooth dip around noon, in whole milligrams: 300 g at night, 120 g at 12:00
            final int fromNoon = Math.abs(halfHourOfDay - 24);
            mg[i] = fromNoon >= 12 ? 300_000 : 120_000 + 15_000L * fromNoon;
            sources[i] = IntensitySource.ACTUAL;
            if (i == 48 + 24 || i == 48 + 25)
            {
                mg[i] = CarbonIntensitySeries.MISSING;
                sources[i] = IntensitySource.MISSING;
            }
        }
        return CarbonIntensitySeries.of("CAISO", starts, seconds, mg, sources);
    }
}
