package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.pricing.importer.gridsettle.GridsettleExamples.local;
import static org.gridsettle.pricing.importer.gridsettle.GridsettleExamples.periodAt;
import static org.gridsettle.pricing.importer.gridsettle.GridsettleExamples.read;

/**
 * Reads each example of src/test/resources/tariffs and checks every value against the file, worked by hand.
 * A decimal string d in currency becomes d x 1,000,000 micro-units exactly; a limit in kWh becomes kWh x 1,000 Wh.
 */
class GridsettleExampleTariffsTest
{
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void californianTouWithADailyBaselineTier()
    {
        final TouTariff tariff = read("ca_tou_daily_baseline.json");

        assertThat(tariff.tariffId()).isEqualTo(7001);
        assertThat(tariff.version()).isEqualTo(1);
        // "2024-01-01T00:00" local in Los Angeles is PST (-08:00): 2024-01-01T08:00:00Z
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(Instant.parse("2024-01-01T08:00:00Z").getEpochSecond());
        assertThat(tariff.zone()).isEqualTo(LOS_ANGELES);
        assertThat(tariff.token()).isEqualTo("USD");
        assertThat(tariff.exportToken()).isEqualTo("SOLAR");
        assertThat(tariff.slotMinutes()).as("only whole-hour boundaries").isEqualTo(60);
        // "0.3620" x 1,000,000 = 362,000; "0.045" = 45,000; "0.4940" = 494,000; "0.120" = 120,000
        assertThat(tariff.period(0)).isEqualTo(new TouPeriod("winter-off-peak", 362_000, 45_000));
        assertThat(tariff.period(1)).isEqualTo(new TouPeriod("winter-peak", 391_000, 80_000));
        assertThat(tariff.period(2)).isEqualTo(new TouPeriod("summer-off-peak", 395_000, 50_000));
        assertThat(tariff.period(3)).isEqualTo(new TouPeriod("summer-peak", 494_000, 120_000));

        assertThat(periodAt(tariff, local("2024-01-03T15:59", LOS_ANGELES))).isEqualTo("winter-off-peak");
        assertThat(periodAt(tariff, local("2024-01-03T16:00", LOS_ANGELES))).isEqualTo("winter-peak");
        assertThat(periodAt(tariff, local("2024-01-03T21:00", LOS_ANGELES))).isEqualTo("winter-off-peak");
        assertThat(periodAt(tariff, local("2024-07-06T20:59", LOS_ANGELES))).as("summer Saturday").isEqualTo(
            "summer-peak");
        // 2024-03-10 springs forward at 02:00 PST: 23:00Z is 16:00 PDT (peak), though it would be 15:00 in PST
        assertThat(periodAt(tariff, Instant.parse("2024-03-10T22:59:59Z").getEpochSecond())).isEqualTo(
            "winter-off-peak");
        assertThat(periodAt(tariff, Instant.parse("2024-03-10T23:00:00Z").getEpochSecond())).isEqualTo("winter-peak");

        final TierTable tiers = tariff.tiers();
        assertThat(tiers.basis()).isEqualTo(TierBasis.DAILY);
        // "12" kWh x 1,000 = 12,000 Wh; the last tier is unlimited
        assertThat(tiers.upToWh(0)).isEqualTo(12_000L);
        assertThat(tiers.upToWh(1)).isEqualTo(Long.MAX_VALUE);
        // "0.4420" = 442,000 = 362,000 + 80,000 (DemoTariff's surcharge); tier exports default to the period's
        assertThat(tiers.importRate(0, 1)).isEqualTo(442_000L);
        assertThat(tiers.importRate(3, 1)).isEqualTo(574_000L);
        assertThat(tiers.exportRate(0, 1)).isEqualTo(45_000L);
        assertThat(tiers.exportRate(3, 1)).isEqualTo(120_000L);
        // "0.33" a day = 330,000
        assertThat(tariff.fixedMicrosPerDay()).isEqualTo(330_000L);
        assertThat(tariff.fixedMicrosPerMonth()).isZero();
        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_BILLING);
        assertThat(tariff.hasDemandCharges()).isFalse();
        assertThat(tariff.billingCycleDay()).isEqualTo(1);
    }

    @Test
    void netMeteringTouWithHolidaysAndABillingCycleDay()
    {
        final TouTariff tariff = read("nem_tou.json");

        assertThat(tariff.tariffId()).isEqualTo(7002);
        assertThat(tariff.version()).isEqualTo(2);
        // an explicit offset: 2024-03-01T00:00:00-08:00 = 2024-03-01T08:00:00Z
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(Instant.parse("2024-03-01T08:00:00Z").getEpochSecond());
        assertThat(tariff.exportToken()).isEqualTo("NEM");
        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_METERING);
        // "0.04" = 40,000 micro-units per kWh
        assertThat(tariff.netSurplusMicrosPerKwh()).isEqualTo(40_000L);
        assertThat(tariff.billingCycleDay()).isEqualTo(15);
        assertThat(tariff.fixedMicrosPerDay()).isEqualTo(330_000L);
        assertThat(tariff.tiers()).isNull();
        // holidays sorted whatever their order in the file
        assertThat(tariff.holidayEpochDaysCopy()).containsExactly(LocalDate.parse("2024-01-01").toEpochDay(),
            LocalDate.parse("2024-07-04").toEpochDay(), LocalDate.parse("2024-12-25").toEpochDay());
        // Wednesday 3 July is a weekday; Thursday 4 July a holiday, priced like the weekend: off-peak all day
        assertThat(periodAt(tariff, local("2024-07-03T17:00", LOS_ANGELES))).isEqualTo("peak");
        assertThat(periodAt(tariff, local("2024-07-04T17:00", LOS_ANGELES))).isEqualTo("off-peak");
        assertThat(periodAt(tariff, local("2024-07-06T17:00", LOS_ANGELES))).isEqualTo("off-peak");
        // 3 November 2024 falls back: 01:30 occurs twice, both off-peak; the billing period starts on the 15th
        assertThat(periodAt(tariff, Instant.parse("2024-11-04T00:59:59Z").getEpochSecond())).as("16:59 PST")
            .isEqualTo("off-peak");
        assertThat(tariff.billingPeriodOf(local("2024-07-14T23:00", LOS_ANGELES)))
            .isEqualTo(2024 * 12 + 5);
        assertThat(tariff.billingPeriodOf(local("2024-07-15T00:00", LOS_ANGELES)))
            .isEqualTo(2024 * 12 + 6);
    }

    @Test
    void demandTariffWithFifteenMinuteWindowsAndAWindowAcrossMidnight()
    {
        final TouTariff tariff = read("demand_15min.json");

        // boundaries 22:30, 02:00, 05:00, 06:30, 16:15, 20:45: gcd(60, 1350, 120, 300, 390, 975, 1245) = 15
        assertThat(tariff.slotMinutes()).isEqualTo(15);
        // "2024-01-01" is local midnight in New York, EST (-05:00)
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(Instant.parse("2024-01-01T05:00:00Z").getEpochSecond());
        // "0.2175" = 217,500; "0.081234" = 81,234 (6 decimals: exact); "0.14" = 140,000
        assertThat(tariff.period(1)).isEqualTo(new TouPeriod("on-peak", 217_500, 30_000));
        assertThat(tariff.period(2)).isEqualTo(new TouPeriod("shoulder", 140_000, 30_000));
        assertThat(tariff.period(3)).isEqualTo(new TouPeriod("super-off-peak", 81_234, 30_000));
        // "8.25" per kW = 8,250,000; "12.50" = 12,500,000; "3.125" = 3,125,000; unlisted periods 0
        assertThat(tariff.flatDemandMicrosPerKw()).isEqualTo(8_250_000L);
        assertThat(tariff.touDemandMicrosPerKw(0)).isZero();
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(12_500_000L);
        assertThat(tariff.touDemandMicrosPerKw(2)).isEqualTo(3_125_000L);
        assertThat(tariff.touDemandMicrosPerKw(3)).isZero();
        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(25_000_000L);
        assertThat(tariff.exportRule()).isEqualTo(ExportRule.BUY_ALL_SELL_ALL);
        assertThat(tariff.exportToken()).isEqualTo("USD");

        // Wednesday 3 January 2024
        assertThat(periodAt(tariff, local("2024-01-03T01:59", NEW_YORK))).isEqualTo("super-off-peak");
        assertThat(periodAt(tariff, local("2024-01-03T02:00", NEW_YORK))).isEqualTo("off-peak");
        assertThat(periodAt(tariff, local("2024-01-03T05:00", NEW_YORK))).isEqualTo("shoulder");
        assertThat(periodAt(tariff, local("2024-01-03T06:29", NEW_YORK))).isEqualTo("shoulder");
        assertThat(periodAt(tariff, local("2024-01-03T06:30", NEW_YORK))).isEqualTo("off-peak");
        assertThat(periodAt(tariff, local("2024-01-03T16:14", NEW_YORK))).isEqualTo("off-peak");
        assertThat(periodAt(tariff, local("2024-01-03T16:15", NEW_YORK))).isEqualTo("on-peak");
        assertThat(periodAt(tariff, local("2024-01-03T20:44", NEW_YORK))).isEqualTo("on-peak");
        assertThat(periodAt(tariff, local("2024-01-03T20:45", NEW_YORK))).isEqualTo("off-peak");
        assertThat(periodAt(tariff, local("2024-01-03T22:30", NEW_YORK))).isEqualTo("super-off-peak");
        // Thanksgiving, Thursday 28 November 2024, is a holiday: super-off-peak all day
        assertThat(periodAt(tariff, local("2024-11-28T18:00", NEW_YORK))).isEqualTo("super-off-peak");
        // Sunday 3 November 2024 falls back at 02:00 EDT: 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST again, both
        // super-off-peak by wall clock; 07:00Z is 02:00 EST, off-peak
        assertThat(periodAt(tariff, Instant.parse("2024-11-03T05:30:00Z").getEpochSecond())).isEqualTo(
            "super-off-peak");
        assertThat(periodAt(tariff, Instant.parse("2024-11-03T06:30:00Z").getEpochSecond())).isEqualTo(
            "super-off-peak");
        assertThat(periodAt(tariff, Instant.parse("2024-11-03T07:00:00Z").getEpochSecond())).isEqualTo("off-peak");
        // Sunday 10 March 2024 springs forward: 06:45Z is 01:45 EST, 07:00Z is 03:00 EDT (02:xx never occurs)
        assertThat(periodAt(tariff, Instant.parse("2024-03-10T06:45:00Z").getEpochSecond())).isEqualTo(
            "super-off-peak");
        assertThat(periodAt(tariff, Instant.parse("2024-03-10T07:00:00Z").getEpochSecond())).isEqualTo("off-peak");
    }

    @Test
    void fplTieredFlatTariff()
    {
        final TouTariff tariff = read("fpl_rs1_tiered.json");

        assertThat(tariff.periodCount()).isEqualTo(1);
        // "0.08721" = 87,210; "0.10803" = 108,030; "1000" kWh = 1,000,000 Wh
        assertThat(tariff.period(0)).isEqualTo(new TouPeriod("all hours", 87_210, 0));
        assertThat(tariff.tiers().basis()).isEqualTo(TierBasis.BILLING_PERIOD);
        assertThat(tariff.tiers().upToWh(0)).isEqualTo(1_000_000L);
        assertThat(tariff.importRate(0, 1)).isEqualTo(108_030L);
        assertThat(tariff.exportRate(0, 1)).isZero();
        // "7.57" a month = 7,570,000
        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(7_570_000L);
        assertThat(tariff.fixedMicrosPerDay()).isZero();
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(1_433_116_800L);
        assertThat(periodAt(tariff, local("2015-07-04T12:00", NEW_YORK))).isEqualTo("all hours");
    }
}
