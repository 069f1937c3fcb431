package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Mapping imported URDB rates onto {@link TouTariff} as a whole: what every rate gets (periods, schedule, zone,
 * holidays, effective window), all mappable features together, and every problem listed at once. Synthetic, hand-made
 * rates from {@link UrdbJsonFixture}; the real samples are mapped in {@link UrdbSampleMappingTest}, and each feature
 * in its own test class (tiers, demand, fixed charges, export rules).
 */
class UrdbTariffMapperTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final long EFFECTIVE_FROM = 1_433_116_800L; // 2015-06-01T00:00:00Z, the FPL sample's startdate

    private final UrdbImporter importer = new UrdbImporter();

    private UrdbRate synthetic(final UrdbJsonFixture fixture)
    {
        return importer.read("synthetic.json", fixture.json()).get(0);
    }

    private static long epochSecond(final String localDateTime, final ZoneId zone)
    {
        return LocalDateTime.parse(localDateTime).atZone(zone).toEpochSecond();
    }

    private static UrdbImportException refusal(final UrdbRate rate)
    {
        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class,
            () -> UrdbTariffMapper.toTouTariff(rate, 7L, 1, EFFECTIVE_FROM, "SOLAR", NEW_YORK, new long[0]));
        assertThat(ex).as("expected the mapping to be refused").isNotNull();
        assertThat(ex.getMessage()).doesNotContain("\n");
        return ex;
    }

    @Test
    void untieredTimeOfUseEnergyMapsPeriodsRatesAndSchedules()
    {
        final long independenceDay = LocalDate.parse("2024-07-04").toEpochDay();

        final TouTariff tariff = UrdbTariffMapper.toTouTariff(synthetic(UrdbJsonFixture.touEnergyOnly()),
            7L, 3, EFFECTIVE_FROM, "SOLAR", NEW_YORK, new long[]{independenceDay});

        assertThat(tariff.tariffId()).isEqualTo(7L);
        assertThat(tariff.version()).isEqualTo(3);
        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(EFFECTIVE_FROM);
        assertThat(tariff.token()).isEqualTo("USD");
        assertThat(tariff.exportToken()).isEqualTo("SOLAR");
        assertThat(tariff.zone()).isEqualTo(NEW_YORK);
        assertThat(tariff.slotMinutes()).isEqualTo(60);
        assertThat(tariff.periodCount()).isEqualTo(2);
        // period 0: 0.10 $/kWh, no sell -> export 0
        assertThat(tariff.period(0).importMicrosPerKwh()).isEqualTo(100_000L);
        assertThat(tariff.period(0).exportMicrosPerKwh()).isZero();
        // period 1: 0.25 + 0.01 $/kWh -> 260000; sell 0.05 -> 50000
        assertThat(tariff.period(1).name()).isEqualTo("urdb period 1");
        assertThat(tariff.period(1).importMicrosPerKwh()).isEqualTo(260_000L);
        assertThat(tariff.period(1).exportMicrosPerKwh()).isEqualTo(50_000L);

        // Wednesday 2024-06-12 17:30 New York is 21:30 UTC: the zone, not UTC, picks the hour
        assertThat(tariff.periodIndexAt(epochSecond("2024-06-12T17:30", NEW_YORK))).isEqualTo(1);
        assertThat(tariff.periodIndexAt(epochSecond("2024-06-12T17:30", ZoneId.of("UTC")))).isZero();
        assertThat(tariff.periodIndexAt(epochSecond("2024-06-12T15:59", NEW_YORK))).isZero();
        assertThat(tariff.periodIndexAt(epochSecond("2024-06-12T20:59", NEW_YORK))).isEqualTo(1);
        assertThat(tariff.periodIndexAt(epochSecond("2024-06-12T21:00", NEW_YORK))).isZero();
        // Saturday, and October (outside June..September), use period 0
        assertThat(tariff.periodIndexAt(epochSecond("2024-06-15T17:30", NEW_YORK))).isZero();
        assertThat(tariff.periodIndexAt(epochSecond("2024-10-02T17:30", NEW_YORK))).isZero();
        // a Thursday holiday is priced with the weekend schedule; the day before is a weekday
        assertThat(tariff.periodIndexAt(epochSecond("2024-07-04T17:30", NEW_YORK))).isZero();
        assertThat(tariff.periodIndexAt(epochSecond("2024-07-03T17:30", NEW_YORK))).isEqualTo(1);
        // nothing else in the rate: no tiers, fixed charges or demand; exports per tick at the sell rate
        assertThat(tariff.tiers()).isNull();
        assertThat(tariff.fixedMicrosPerDay()).isZero();
        assertThat(tariff.fixedMicrosPerMonth()).isZero();
        assertThat(tariff.hasDemandCharges()).isFalse();
        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_BILLING);
    }

    @Test
    void everyMappableFeatureMapsTogether()
    {
        final String seasonal = UrdbJsonFixture.schedule(1, 5, 8, 0, 23); // period 1 all of June..September
        final UrdbRate rate = synthetic(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure",
                "[[{\"rate\": 0.10, \"max\": 300, \"unit\": \"kWh\"}, {\"rate\": 0.14, \"sell\": 0.02}], " +
                "[{\"rate\": 0.20, \"adj\": 0.01, \"sell\": 0.05, \"max\": 300, \"unit\": \"kWh\"}, " +
                "{\"rate\": 0.30}]]")
            .with("energyweekdayschedule", seasonal)
            .with("energyweekendschedule", seasonal)
            .with("demandratestructure", "[[{\"rate\": 3}], [{\"rate\": 9.75}]]")
            .with("demandweekdayschedule", seasonal)
            .with("demandweekendschedule", seasonal)
            .with("flatdemandstructure", "[[{\"rate\": 4.5}]]")
            .with("flatdemandmonths", "[0,0,0,0,0,0,0,0,0,0,0,0]")
            .with("fixedchargefirstmeter", "12.5")
            .with("fixedchargeunits", "\"$/month\"")
            .with("dgrules", "\"Net Metering\""));
        final UrdbMappingOptions options = new UrdbMappingOptions(7L, 2, EFFECTIVE_FROM, "NEM", NEW_YORK, new long[0])
            .withNetSurplusMicrosPerKwh(31_250L);

        final TouTariff tariff = UrdbTariffMapper.toTouTariff(rate, options);

        assertThat(tariff.exportToken()).isEqualTo("NEM");
        // period 0: tier 1 0.10 $/kWh, no sell; period 1: tier 1 0.20 + 0.01 = 0.21 $/kWh, sell 0.05
        assertThat(tariff.period(0).importMicrosPerKwh()).isEqualTo(100_000L);
        assertThat(tariff.period(1).importMicrosPerKwh()).isEqualTo(210_000L);
        assertThat(tariff.period(1).exportMicrosPerKwh()).isEqualTo(50_000L);
        // one shared limit of 300 kWh = 300,000 Wh; tier 2 rates 0.14 (sell 0.02) and 0.30 (no sell)
        assertThat(tariff.tiers().upToWh(0)).isEqualTo(300_000L);
        assertThat(tariff.tiers().importRate(0, 1)).isEqualTo(140_000L);
        assertThat(tariff.tiers().exportRate(0, 1)).isEqualTo(20_000L);
        assertThat(tariff.tiers().importRate(1, 1)).isEqualTo(300_000L);
        assertThat(tariff.tiers().exportRate(1, 1)).isZero();
        // demand: flat 4.5 $/kW; time-of-use 3 and 9.75 $/kW in energy periods 0 and 1
        assertThat(tariff.flatDemandMicrosPerKw()).isEqualTo(4_500_000L);
        assertThat(tariff.touDemandMicrosPerKw(0)).isEqualTo(3_000_000L);
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(9_750_000L);
        // 12.5 $/month -> 12,500,000 micro-$ per billing period
        assertThat(tariff.fixedMicrosPerMonth()).isEqualTo(12_500_000L);
        assertThat(tariff.fixedMicrosPerDay()).isZero();
        assertThat(tariff.exportRule()).isEqualTo(ExportRule.NET_METERING);
        assertThat(tariff.netSurplusMicrosPerKwh()).isEqualTo(31_250L);
        // July 3 a.m. is summer (period 1), October 3 a.m. winter (period 0)
        assertThat(tariff.periodIndexAt(epochSecond("2024-07-10T03:00", NEW_YORK))).isEqualTo(1);
        assertThat(tariff.periodIndexAt(epochSecond("2024-10-10T03:00", NEW_YORK))).isZero();
    }

    @Test
    void problemsFromEveryPartAreListedTogetherInOrder()
    {
        final String seasonal = UrdbJsonFixture.schedule(1, 5, 8, 0, 23);
        final UrdbRate rate = synthetic(UrdbJsonFixture.touEnergyOnly()
            .with("startdate", String.valueOf(EFFECTIVE_FROM + 1))
            .with("energyratestructure",
                "[[{\"rate\": 0.1, \"max\": 200, \"unit\": \"kWh\"}, {\"rate\": 0.2}], " +
                "[{\"rate\": 0.1, \"max\": 250, \"unit\": \"kWh\"}, {\"rate\": 0.2}]]")
            .with("energyweekdayschedule", seasonal)
            .with("energyweekendschedule", seasonal)
            // tiered demand maps, but a bounded last tier does not say what is charged above it
            .with("flatdemandstructure", "[[{\"rate\": 4, \"max\": 50}, {\"rate\": 6, \"max\": 80}]]")
            .with("flatdemandmonths", "[0,0,0,0,0,0,0,0,0,0,0,0]")
            .with("fixedchargefirstmeter", "120")
            .with("fixedchargeunits", "\"$/year\"")
            .with("usenetmetering", "true")
            .with("dgrules", "\"Net Billing Hourly\""));

        final UrdbImportException ex = refusal(rate);

        assertThat(ex.fields()).containsExactly("startdate", "energyratestructure[1][0].max",
            "flatdemandstructure[0][1].max", "fixedchargefirstmeter", "usenetmetering", "dgrules");
        assertThat(ex.problems()).allSatisfy((p) -> assertThat(p.label()).isEqualTo(UrdbJsonFixture.LABEL));
    }

    @Test
    void theOlderSignatureMapsLikeOptionsWithoutANetSurplusRate()
    {
        final UrdbRate rate = synthetic(UrdbJsonFixture.touEnergyOnly()
            .with("fixedchargefirstmeter", "0.5").with("fixedchargeunits", "\"$/day\""));

        final TouTariff viaArguments =
            UrdbTariffMapper.toTouTariff(rate, 7L, 1, EFFECTIVE_FROM, "SOLAR", NEW_YORK, new long[0]);
        final TouTariff viaOptions = UrdbTariffMapper.toTouTariff(
            rate, new UrdbMappingOptions(7L, 1, EFFECTIVE_FROM, "SOLAR", NEW_YORK, new long[0]));

        // 0.5 $/day -> 500,000 micro-$ per day either way
        assertThat(viaArguments.fixedMicrosPerDay()).isEqualTo(500_000L).isEqualTo(viaOptions.fixedMicrosPerDay());
        assertThat(viaArguments.scheduleCopy()).isEqualTo(viaOptions.scheduleCopy());
        assertThat(viaArguments.period(1)).isEqualTo(viaOptions.period(1));
        // and without a net-surplus rate net metering is refused
        assertThat(refusal(synthetic(UrdbJsonFixture.touEnergyOnly().with("dgrules", "\"Net Metering\"")))
            .fields()).containsExactly("dgrules");
    }

    @Test
    void effectiveFromMustLieWithinTheRatesDates()
    {
        final UrdbRate rate = synthetic(UrdbJsonFixture.touEnergyOnly()
            .with("startdate", String.valueOf(EFFECTIVE_FROM + 1))
            .with("enddate", String.valueOf(EFFECTIVE_FROM)));

        final UrdbImportException ex = refusal(rate);

        assertThat(ex.fields()).containsExactly("startdate", "enddate");
    }

    @Test
    void boundedSingleTiersAndNegativeRatesAreRefused()
    {
        final UrdbRate rate = synthetic(UrdbJsonFixture.touEnergyOnly()
            .with("energyratestructure", "[[{\"rate\": 0.1, \"max\": 500, \"unit\": \"kWh\"}], " +
                "[{\"rate\": 0.02, \"adj\": -0.03, \"sell\": -0.01}]]"));

        final UrdbImportException ex = refusal(rate);

        assertThat(ex.fields()).containsExactly(
            "energyratestructure[0][0].max", "energyratestructure[1][0].rate", "energyratestructure[1][0].sell");
        assertThat(ex.problems().get(1).reason())
            .isEqualTo("rate+adj is negative (-0.010000 $/kWh); TouTariff rates are not negative");
    }
}
