package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Mapping imported URDB rates onto {@link TouTariff}: untiered time-of-use energy maps exactly; everything the tariff
 * cannot express is refused by field. The samples come from /work/shared/data, origins in
 * {@link UrdbSampleImportTest}.
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
    }

    @Test
    void netBillingMapsButNetMeteringAndBuyAllSellAllAreRefused()
    {
        final TouTariff hourly = UrdbTariffMapper.toTouTariff(
            synthetic(UrdbJsonFixture.touEnergyOnly().with("dgrules", "\"Net Billing Hourly\"")),
            7L, 1, EFFECTIVE_FROM, "SOLAR", NEW_YORK, new long[0]);
        assertThat(hourly.period(1).exportMicrosPerKwh()).isEqualTo(50_000L);

        assertThat(refusal(synthetic(UrdbJsonFixture.touEnergyOnly().with("dgrules", "\"Net Metering\"")))
            .fields()).containsExactly("dgrules");
        assertThat(refusal(synthetic(UrdbJsonFixture.touEnergyOnly().with("dgrules", "\"Buy All Sell All\"")))
            .fields()).containsExactly("dgrules");
        assertThat(refusal(synthetic(UrdbJsonFixture.touEnergyOnly().with("usenetmetering", "true")))
            .fields()).containsExactly("usenetmetering");
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
    void fplIsRefusedAsTieredWithAFixedCharge()
    {
        final UrdbRate fpl = importer.read(UrdbSampleImportTest.sample(
            "urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json")).get(0);

        final UrdbImportException ex = refusal(fpl);

        assertThat(ex.fields()).containsExactly("fixedmonthlycharge", "energyratestructure[0]");
        assertThat(ex.getMessage()).isEqualTo("urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json: " +
            "URDB tariff refused: label 5550d6fd5457a3187e8b4567: " +
            "fixedmonthlycharge (7.570000 $/month: TouTariff has no fixed or minimum charges); " +
            "energyratestructure[0] (2 tiers: needs the tiered tariff model)");
    }

    @Test
    void reoptIsRefusedForDemandTiersAndItsDailyCharge()
    {
        final UrdbRate reopt = importer.read(UrdbSampleImportTest.sample(
            "urdb_REopt_multi_tier_urdb_response.json")).get(0);

        final UrdbImportException ex = refusal(reopt);

        assertThat(ex.fields())
            .containsExactly("demandratestructure", "fixedchargefirstmeter", "energyratestructure[1]");
        assertThat(ex.getMessage()).contains("label (none)")
            .contains("demandratestructure (time-of-use demand charges need the demand tariff model)")
            .contains("fixedchargefirstmeter (3.298000 $/day: TouTariff has no fixed or minimum charges)");
    }

    @Test
    void openStudioSampleIsRefusedForEveryTieredPeriod()
    {
        final UrdbRate hpxml = importer.read(UrdbSampleImportTest.sample(
            "urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json")).get(0);

        final UrdbImportException ex = refusal(hpxml);

        assertThat(ex.fields())
            .containsExactly("fixedchargefirstmeter", "energyratestructure[0]", "energyratestructure[1]");
        assertThat(ex.problems().get(2).reason()).isEqualTo("3 tiers: needs the tiered tariff model");
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
