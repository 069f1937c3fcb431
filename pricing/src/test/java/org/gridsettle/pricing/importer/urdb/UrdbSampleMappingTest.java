package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Maps the three real URDB samples (src/test/resources/urdb, copied unchanged from /work/shared/data; origins in
 * {@link UrdbSampleImportTest}: NREL/REopt_API, NREL/OpenStudio-HPXML and NREL/REopt.jl) and prices the one that
 * maps by hand. Every expected value below is worked from the file's own numbers.
 */
class UrdbSampleMappingTest
{
    private static final String FPL = "urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";
    private static final String HPXML = "urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json";
    private static final String REOPT = "urdb_REopt_multi_tier_urdb_response.json";
    /** Florida Power & Light serves the Eastern time zone part of Florida; URDB records no zone. */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 2015-06-01T00:00:00Z, the FPL sample's startdate; before its enddate 2015-08-30T23:00:00Z. */
    private static final long EFFECTIVE_FROM = 1_433_116_800L;
    private static final UrdbMappingOptions OPTIONS =
        new UrdbMappingOptions(11L, 1, EFFECTIVE_FROM, "SOLAR", NEW_YORK, new long[0]);

    private final UrdbImporter importer = new UrdbImporter();

    private TouTariff fpl()
    {
        return UrdbTariffMapper.toTouTariff(importer.read(UrdbSampleImportTest.sample(FPL)).get(0), OPTIONS);
    }

    private UrdbImportException refusal(final String sample)
    {
        final UrdbRate rate = importer.read(UrdbSampleImportTest.sample(sample)).get(0);
        final UrdbImportException ex =
            catchThrowableOfType(UrdbImportException.class, () -> UrdbTariffMapper.toTouTariff(rate, OPTIONS));
        assertThat(ex).as("expected %s to be refused", sample).isNotNull();
        assertThat(ex.getMessage()).doesNotContain("\n");
        return ex;
    }

    @Test
    void fplMapsItsTierLimitBothTierRatesAndTheMonthlyFixedCharge()
    {
        final TouTariff tariff = fpl();

        assertThat(tariff.periodCount()).isEqualTo(1);
        final TierTable tiers = tariff.tiers();
        assertThat(tiers).isNotNull();
        // both tiers say "unit": "kWh", not "kWh daily": the limit counts the billing month
        assertThat(tiers.basis()).isEqualTo(TierBasis.BILLING_PERIOD);
        assertThat(tiers.tierCount()).isEqualTo(2);
        // tier 1 "max": 1000 kWh -> 1,000 x 1,000 = 1,000,000 Wh; tier 2 has no max: unlimited
        assertThat(tiers.upToWh(0)).isEqualTo(1_000_000L);
        assertThat(tiers.upToWh(1)).isEqualTo(Long.MAX_VALUE);
        // tier 1: rate 0.07531 + adj 0.0119 = 0.08721 $/kWh -> 87,210 micro-$/kWh (5 decimals: exact, no rounding)
        assertThat(tiers.importRate(0, 0)).isEqualTo(87_210L);
        // tier 2: rate 0.09613 + adj 0.0119 = 0.10803 $/kWh -> 108,030 micro-$/kWh
        assertThat(tiers.importRate(0, 1)).isEqualTo(108_030L);
        // neither tier has a "sell": exports earn 0
        assertThat(tiers.exportRate(0, 0)).isZero();
        assertThat(tiers.exportRate(0, 1)).isZero();
        // tier 1 is also the period's own rate, as TouTariff.withTiers requires
        assertThat(tariff.period(0).importMicrosPerKwh()).isEqualTo(87_210L);
        // fixedmonthlycharge 7.57 $ -> 7,570,000 micro-$ per billing period, nothing per day
        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(7_570_000L);
        assertThat(tariff.fixedMicrosPerDay()).isZero();
        // no demand charges, no dgrules or usenetmetering: each tick's export at the (zero) sell rate
        assertThat(tariff.hasDemandCharges()).isFalse();
        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_BILLING);
        assertThat(tariff.billingCycleDay()).isEqualTo(1);
    }

    @Test
    void fplMonthOf1200KwhIsChargedByHand()
    {
        final TouTariff tariff = fpl();

        // 1,200 kWh = 1,200,000 Wh: the first 1,000,000 Wh in tier 1, the other 200,000 Wh in tier 2
        //   tier 1: 1,000,000 Wh x 87,210 micro-$/kWh / 1,000 = 87,210,000 micro-$ ($87.21)
        //   tier 2:   200,000 Wh x 108,030 micro-$/kWh / 1,000 = 21,606,000 micro-$ ($21.606)
        //   total 87,210,000 + 21,606,000 = 108,816,000 micro-$ ($108.816); both divisions exact
        assertThat(TouPricer.tieredCharge(tariff, 0, 1_200_000L)).isEqualTo(108_816_000L);
        // exactly at the limit everything is tier 1: 1,000,000 x 87,210 / 1,000 = 87,210,000
        assertThat(TouPricer.tieredCharge(tariff, 0, 1_000_000L)).isEqualTo(87_210_000L);
        // one Wh past it: 87,210,000 + 1 x 108,030 / 1,000 = 87,210,000 + 108.03 -> 108 = 87,210,108
        assertThat(TouPricer.tieredCharge(tariff, 0, 1_000_001L)).isEqualTo(87_210_108L);
    }

    @Test
    void fplTickCrossingTheLimitIsSplitInTwoPartsByHand()
    {
        final TouTariff tariff = fpl();
        final PriceQuote quote = new PriceQuote();
        final long wednesdayNoon = LocalDateTime.parse("2015-07-15T12:00").atZone(NEW_YORK).toEpochSecond();

        // counter 999,500 Wh before a 1,000 Wh tick: 500 Wh fill tier 1 up to 1,000,000 Wh, 500 Wh start tier 2
        TouPricer.price(tariff, wednesdayNoon, 1_000L, 0L, 999_500L, quote);

        assertThat(quote.periodIndex).isZero();
        assertThat(quote.parts).isEqualTo(2);
        assertThat(quote.partTier[0]).isEqualTo(0);
        assertThat(quote.partTier[1]).isEqualTo(1);
        assertThat(quote.partEnergyWh[0]).isEqualTo(500L);
        assertThat(quote.partEnergyWh[1]).isEqualTo(500L);
        assertThat(quote.partRate[0]).isEqualTo(87_210L);
        assertThat(quote.partRate[1]).isEqualTo(108_030L);
        // part 1: 500 x 87,210 = 43,605,000; / 1,000 = 43,605 micro-$
        assertThat(quote.partAmount[0]).isEqualTo(43_605L);
        // part 2: 500 x 108,030 = 54,015,000; / 1,000 = 54,015 micro-$
        assertThat(quote.partAmount[1]).isEqualTo(54_015L);
        // 43,605 + 54,015 = 97,620
        assertThat(quote.importAmount).isEqualTo(97_620L);

        // counter 999,999 Wh before a 3 Wh tick: 1 Wh in tier 1, 2 Wh in tier 2, each part rounded once
        //   1 x 87,210 / 1,000 = 87.21 -> 87; 2 x 108,030 / 1,000 = 216.06 -> 216; 87 + 216 = 303
        TouPricer.price(tariff, wednesdayNoon, 3L, 0L, 999_999L, quote);
        assertThat(quote.parts).isEqualTo(2);
        assertThat(quote.partEnergyWh[0]).isEqualTo(1L);
        assertThat(quote.partAmount[0]).isEqualTo(87L);
        assertThat(quote.partAmount[1]).isEqualTo(216L);
        assertThat(quote.importAmount).isEqualTo(303L);
    }

    @Test
    void openStudioTieredTimeOfUseMapsWithItsTiersCountedOverTheWholeMonth()
    {
        // The file's energyratestructure: period 0 has tiers up to 150 kWh (0.06) then unlimited (0.08); period 1
        // up to 150 kWh (0.09), up to 300 kWh (0.11), then unlimited (0.13). energyweekdayschedule rows 5..7
        // (June..August) put period 1 at hours 11..19 and period 0 elsewhere, so both periods count towards those
        // months' tiers: one counter over all periods, and period 0's unlimited 0.08 also fills tier 3.
        final UrdbRate rate = importer.read(UrdbSampleImportTest.sample(HPXML)).get(0);
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate, OPTIONS);

        final TierTable tiers = tariff.tiers();
        assertThat(tiers.basis()).isEqualTo(TierBasis.BILLING_PERIOD_ALL_PERIODS);
        assertThat(tiers.tierCount()).isEqualTo(3);
        assertThat(tiers.upToWh(0)).isEqualTo(150_000L);
        assertThat(tiers.upToWh(1)).isEqualTo(300_000L);
        assertThat(tiers.importRate(0, 0)).isEqualTo(60_000L);
        assertThat(tiers.importRate(0, 1)).isEqualTo(80_000L);
        assertThat(tiers.importRate(0, 2)).isEqualTo(80_000L);
        assertThat(tiers.importRate(1, 2)).isEqualTo(130_000L);

        // By hand, a month of 100 kWh off-peak, then 100 kWh on-peak, then 150 kWh off-peak:
        //   100 kWh x 0.06 = 6.00 (month at 0..100, tier 1);
        //   on-peak from 100: 50 kWh x 0.09 + 50 kWh x 0.11 = 4.50 + 5.50 = 10.00;
        //   off-peak from 200: 100 kWh x 0.08 (tier 2) + 50 kWh x 0.08 (tier 3) = 12.00.
        final PriceQuote quote = new PriceQuote();
        TouPricer.priceInPeriod(tariff, 0, 100_000L, 0L, 0L, quote);
        assertThat(quote.importAmount).isEqualTo(6_000_000L);
        TouPricer.priceInPeriod(tariff, 1, 100_000L, 0L, 100_000L, quote);
        assertThat(quote.importAmount).isEqualTo(10_000_000L);
        assertThat(quote.parts).isEqualTo(2);
        TouPricer.priceInPeriod(tariff, 0, 150_000L, 0L, 200_000L, quote);
        assertThat(quote.importAmount).isEqualTo(12_000_000L);
    }

    @Test
    void reoptMapsItsOwnDemandScheduleWithTieredDemandPerDemandPeriod()
    {
        // energyratestructure: period 0 one tier (rate 0), period 1 up to 20000 kWh then unlimited, period 2 one tier.
        // Each month has one energy period (1 in May..October, 2 otherwise). demandratestructure: period 0 rate 0,
        // period 1 24.368 $/kW up to 100 kW then 17.031; the demand schedules (January weekdays period 0, all else 1)
        // are not the energy schedules, so they become the tariff's demand schedule. fixedchargefirstmeter 3.298
        // $/day. Before demand schedules it was refused, naming both demand schedules.
        final UrdbRate rate = importer.read(UrdbSampleImportTest.sample(REOPT)).get(0);
        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate, OPTIONS);

        assertThat(tariff.hasDemandSchedule()).isTrue();
        assertThat(tariff.demandPeriodCount()).isEqualTo(2);
        assertThat(tariff.demandPeriodName(1)).isEqualTo("urdb demand period 1");
        assertThat(tariff.fixedMicrosPerDay()).isEqualTo(3_298_000L);
        final DemandTiers tiers = tariff.demandTiers();
        assertThat(tiers.tierCount()).isEqualTo(2);
        assertThat(tiers.upToW(0)).isEqualTo(100_000L);
        assertThat(tiers.periodCount()).isEqualTo(2);
        assertThat(tiers.periodRate(0, 0)).isZero();
        // period 0's single unlimited tier prices its higher tier too
        assertThat(tiers.periodRate(0, 1)).isZero();
        assertThat(tiers.periodRate(1, 0)).isEqualTo(24_368_000L);
        assertThat(tiers.periodRate(1, 1)).isEqualTo(17_031_000L);
        assertThat(tariff.flatDemandMicrosPerKw()).isZero();
        // local times in New York: Tuesday 2015-01-13 14:00 (January weekday: demand 0, energy 2), Saturday
        // 2015-01-17 14:00 (demand 1, energy 2), Wednesday 2015-07-15 09:00 (demand 1, energy 1)
        final long tuesday = java.time.LocalDateTime.of(2015, 1, 13, 14, 0).toEpochSecond(java.time.ZoneOffset.UTC);
        final long saturday = java.time.LocalDateTime.of(2015, 1, 17, 14, 0).toEpochSecond(java.time.ZoneOffset.UTC);
        final long july = java.time.LocalDateTime.of(2015, 7, 15, 9, 0).toEpochSecond(java.time.ZoneOffset.UTC);
        assertThat(tariff.demandPeriodIndexAtLocal(tuesday)).isZero();
        assertThat(tariff.periodIndexAtLocal(tuesday)).isEqualTo(2);
        assertThat(tariff.demandPeriodIndexAtLocal(saturday)).isEqualTo(1);
        assertThat(tariff.demandPeriodIndexAtLocal(july)).isEqualTo(1);
        assertThat(tariff.periodIndexAtLocal(july)).isEqualTo(1);
    }
}
