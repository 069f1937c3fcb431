package org.gridsettle.replay.demo;

import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.time.ZoneId;
import java.util.List;

/**
 * The demo's time-of-use tariff, shaped like a Californian residential TOU rate: a 16:00-21:00 peak every day,
 * summer (June to September) and winter seasons, a daily baseline tier, a daily fixed charge, and exports credited
 * in the SOLAR program token; and a net-metering variant for part of the solar fleet.
 * <p>
 * Rates are illustrative round figures of the size such tariffs publish, not a utility's current prices.
 */
public final class DemoTariff
{
    /** Tariff id of the demo's net-billing tariff. */
    public static final long TARIFF_ID = 7001;
    /** Tariff id of the demo's net-metering tariff. */
    public static final long NEM_TARIFF_ID = 7002;
    /** Daily baseline allowance of tier 1, Wh: what Californian tariffs call the baseline quantity. */
    public static final long BASELINE_WH_PER_DAY = 12_000;
    /** Tier 2 surcharge over tier 1, micro-units per kWh. */
    public static final long TIER_2_SURCHARGE = 80_000;
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
        // a daily base charge of 0.33, the size of a Californian base services charge, posted at each end of day;
        // energy above the daily baseline costs 0.08 more; exports are credited per interval (net billing)
        final long[][] imports = new long[periods.size()][];
        final long[][] exports = new long[periods.size()][];
        for (int p = 0; p < periods.size(); p++)
        {
            final TouPeriod period = periods.get(p);
            imports[p] = new long[] {period.importMicrosPerKwh(), period.importMicrosPerKwh() + TIER_2_SURCHARGE};
            exports[p] = new long[] {period.exportMicrosPerKwh(), period.exportMicrosPerKwh()};
        }
        return new TouTariff(TARIFF_ID, 1, effectiveFrom, "USD", "SOLAR", ZONE, 60, periods, schedule, new long[0])
            .withFixedCharges(330_000, 0)
            .withTiers(new TierTable(TierBasis.DAILY, new long[] {BASELINE_WH_PER_DAY, Long.MAX_VALUE}, imports,
                exports))
            .withExportRule(ExportRule.NET_BILLING, 0)
            .withCarbon(DemoCarbon.ADDER_MICROS_PER_KG, DemoCarbon.CREDIT_MICROS_PER_KG, DemoCarbon.CARRY_INTERVALS);
    }

    /**
     * The same periods and rates under net metering: exports offset imports within each billing and TOU period at
     * retail, provisionally credited in the NEM token, and the net surplus is paid at 0.04 per kWh at period close.
     *
     * @param effectiveFrom first instant the tariff prices.
     * @return the tariff.
     */
    public static TouTariff createNetMetering(final long effectiveFrom)
    {
        final TouTariff base = create(effectiveFrom);
        final List<TouPeriod> periods = new java.util.ArrayList<>();
        for (int p = 0; p < base.periodCount(); p++)
        {
            periods.add(base.period(p));
        }
        return new TouTariff(NEM_TARIFF_ID, 1, effectiveFrom, "USD", "NEM", ZONE, 60, periods, base.scheduleCopy(),
            new long[0])
            .withFixedCharges(330_000, 0)
            .withExportRule(ExportRule.NET_METERING, 40_000)
            .withCarbon(DemoCarbon.ADDER_MICROS_PER_KG, DemoCarbon.CREDIT_MICROS_PER_KG, DemoCarbon.CARRY_INTERVALS);
    }
}
