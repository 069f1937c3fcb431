package org.gridsettle.replay.demo;

import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.ZoneId;
import java.util.List;

/**
 * The demo's time-of-use tariff, shaped like a Californian residential TOU rate: a 16:00-21:00 peak every day,
 * summer (June to September) and winter seasons, exports credited in the SOLAR program token.
 * <p>
 * Rates are illustrative round figures of the size such tariffs publish, not a utility's current prices.
 */
public final class DemoTariff
{
    /** Tariff id of the demo tariff. */
    public static final long TARIFF_ID = 7001;
    /** Zone of the demo tariff. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private DemoTariff()
    {
    }

    /**
     * @param effectiveFrom first instant the tariff prices.
     * @return the tariff.
     */
    public static TouTariff create(final long effectiveFrom)
    {
        final List<TouPeriod> periods = List.of(
            new TouPeriod("winter-off-peak", 362_000, 45_000),
            new TouPeriod("winter-peak", 391_000, 80_000),
            new TouPeriod("summer-off-peak", 395_000, 50_000),
            new TouPeriod("summer-peak", 494_000, 120_000));
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int month = 1; month <= 12; month++)
        {
            final boolean summer = month >= 6 && month <= 9;
            for (int dayType = 0; dayType < 3; dayType++)
            {
                for (int hour = 0; hour < 24; hour++)
                {
                    final boolean peak = hour >= 16 && hour < 21;
                    final int period = (summer ? 2 : 0) + (peak ? 1 : 0);
                    schedule[((month - 1) * 3 + dayType) * 24 + hour] = (byte)period;
                }
            }
        }
        // a daily base charge of 0.33, the size of a Californian base services charge, posted at each end of day
        return new TouTariff(TARIFF_ID, 1, effectiveFrom, "USD", "SOLAR", ZONE, 60, periods, schedule, new long[0])
            .withFixedCharges(330_000, 0);
    }
}
