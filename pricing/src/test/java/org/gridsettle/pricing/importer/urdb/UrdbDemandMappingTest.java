package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * URDB demand charges onto {@link TouTariff#withDemand}: one flat rate for all months, and single-tier time-of-use
 * rates in the energy periods. Synthetic, hand-made rates from {@link UrdbJsonFixture}, whose energy schedule has
 * period 1 on June..September weekdays from 16:00 to 20:59 and period 0 at all other times.
 */
class UrdbDemandMappingTest
{
    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static final long EFFECTIVE_FROM = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final String ENERGY_WEEKDAY = UrdbJsonFixture.schedule(1, 5, 8, 16, 20);
    private static final String ENERGY_WEEKEND = UrdbJsonFixture.schedule(0, 0, 0, 0, 0);
    private static final String ALL_ZERO = UrdbJsonFixture.zeros(12, 24);

    private final UrdbImporter importer = new UrdbImporter();

    private TouTariff map(final UrdbJsonFixture fixture)
    {
        return UrdbTariffMapper.toTouTariff(importer.read("demand.json", fixture.json()).get(0),
            new UrdbMappingOptions(5L, 1, EFFECTIVE_FROM, "SOLAR", DENVER, new long[0]));
    }

    private UrdbImportException refusal(final UrdbJsonFixture fixture)
    {
        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () -> map(fixture));
        assertThat(ex).as("expected a refusal").isNotNull();
        return ex;
    }

    private static UrdbJsonFixture flat(final String structure, final String months)
    {
        return UrdbJsonFixture.touEnergyOnly().with("flatdemandstructure", structure).with("flatdemandmonths", months);
    }

    private static UrdbJsonFixture tou(final String structure, final String weekday, final String weekend)
    {
        return UrdbJsonFixture.touEnergyOnly()
            .with("demandratestructure", structure)
            .with("demandweekdayschedule", weekday)
            .with("demandweekendschedule", weekend);
    }

    @Test
    void flatDemandWithOneRateForEveryMonthMaps()
    {
        // Two periods, but 4.5 $/kW and 4 + 0.5 $/kW are the same 4,500,000 micro-$/kW, so every month agrees.
        final TouTariff tariff = map(flat("[[{\"rate\": 4.5}], [{\"rate\": 4, \"adj\": 0.5}]]",
            "[0,0,0,0,0,1,1,1,1,0,0,0]"));

        assertThat(tariff.flatDemandMicrosPerKw()).isEqualTo(4_500_000L);
        assertThat(tariff.hasDemandCharges()).isTrue();
        assertThat(tariff.touDemandMicrosPerKw(0)).isZero();
        assertThat(tariff.touDemandMicrosPerKw(1)).isZero();

        // A period no month uses never applies, so its different rate does not matter.
        final TouTariff unused = map(flat("[[{\"rate\": 4.5}], [{\"rate\": 9}]]", "[0,0,0,0,0,0,0,0,0,0,0,0]"));
        assertThat(unused.flatDemandMicrosPerKw()).isEqualTo(4_500_000L);
    }

    @Test
    void flatDemandThatDiffersByMonthIsRefused()
    {
        final UrdbImportException ex = refusal(flat("[[{\"rate\": 4.5}], [{\"rate\": 7.25, \"adj\": 0.5}]]",
            "[0,0,0,0,0,1,1,1,1,0,0,0]"));

        assertThat(ex.fields()).containsExactly("flatdemandmonths");
        // 7.25 + 0.5 = 7.75 $/kW in June..September against 4.5 $/kW otherwise
        assertThat(ex.problems().get(0).reason()).isEqualTo("the months' periods charge different rates " +
            "(period 0: 4.500000 $/kW, period 1: 7.750000 $/kW): TouTariff has one flat demand rate for every month");
    }

    @Test
    void tieredFlatDemandMapsOntoDemandTiers()
    {
        final TouTariff tariff = map(flat("[[{\"rate\": 7.25, \"max\": 50}, {\"rate\": 9}]]",
            "[0,0,0,0,0,0,0,0,0,0,0,0]"));

        // 7.25 $/kW up to 50 kW, 9 $/kW above
        final DemandTiers tiers = tariff.demandTiers();
        assertThat(tiers.tierCount()).isEqualTo(2);
        assertThat(tiers.upToW(0)).isEqualTo(50_000L);
        assertThat(tiers.flatRate(0)).isEqualTo(7_250_000L);
        assertThat(tiers.flatRate(1)).isEqualTo(9_000_000L);
        assertThat(tiers.periodCount()).isZero();
    }

    @Test
    void timeOfUseDemandOnTheEnergySchedulesMapsPerEnergyPeriod()
    {
        final TouTariff tariff = map(tou("[[{\"rate\": 2}], [{\"rate\": 12.5}]]", ENERGY_WEEKDAY, ENERGY_WEEKEND)
            .with("flatdemandstructure", "[[{\"rate\": 1.25}]]")
            .with("flatdemandmonths", "[0,0,0,0,0,0,0,0,0,0,0,0]"));

        // 2 $/kW off-peak, 12.5 $/kW on-peak, and 1.25 $/kW on the month's highest demand at any time
        assertThat(tariff.touDemandMicrosPerKw(0)).isEqualTo(2_000_000L);
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(12_500_000L);
        assertThat(tariff.flatDemandMicrosPerKw()).isEqualTo(1_250_000L);
    }

    @Test
    void anEnergyPeriodTheDemandStructureLacksIsNeverInForceAndPaysNothing()
    {
        // Energy period 1 exists but no schedule names it; demand has only period 0, on the same all-zero schedules.
        final TouTariff tariff = map(tou("[[{\"rate\": 2}]]", ALL_ZERO, ALL_ZERO)
            .with("energyweekdayschedule", ALL_ZERO)
            .with("energyweekendschedule", ALL_ZERO));

        assertThat(tariff.touDemandMicrosPerKw(0)).isEqualTo(2_000_000L);
        assertThat(tariff.touDemandMicrosPerKw(1)).isZero();
    }

    @Test
    void timeOfUseDemandOnItsOwnScheduleMapsOntoADemandSchedule()
    {
        // The demand weekday schedule is all period 0; the energy one has period 1 in summer afternoons. The demand
        // schedules become the tariff's demand schedule (weekend rows also pricing holidays), rates per demand period.
        final TouTariff tariff = map(tou("[[{\"rate\": 2}], [{\"rate\": 12.5}]]", ALL_ZERO, ALL_ZERO));

        assertThat(tariff.hasDemandSchedule()).isTrue();
        assertThat(tariff.demandPeriodCount()).isEqualTo(2);
        assertThat(tariff.demandPeriodName(0)).isEqualTo("urdb demand period 0");
        assertThat(tariff.touDemandMicrosPerKw(0)).isEqualTo(2_000_000L);
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(12_500_000L);
        assertThat(tariff.demandScheduleCopy()).containsOnly((byte)0);
        assertThat(tariff.scheduleCopy()).contains((byte)1);
    }

    @Test
    void timeOfUseDemandOnTheEnergySchedulesKeepsNoDemandScheduleOfItsOwn()
    {
        // equal schedules map as they always did, so an existing tariff version keeps its journal schema
        final TouTariff tariff = map(tou("[[{\"rate\": 2}], [{\"rate\": 12.5}]]", ENERGY_WEEKDAY, ENERGY_WEEKEND));

        assertThat(tariff.hasDemandSchedule()).isFalse();
        assertThat(tariff.touDemandMicrosPerKw(1)).isEqualTo(12_500_000L);
    }

    @Test
    void tieredTimeOfUseDemandMapsAndUnequalLimitsBoundedAndNegativeRatesAreRefused()
    {
        // period 0 is tiered at 10 kW; period 1's single unlimited 12.5 $/kW prices both of its tiers
        final DemandTiers tiers = map(tou("[[{\"rate\": 2, \"max\": 10}, {\"rate\": 3}], [{\"rate\": 12.5}]]",
            ENERGY_WEEKDAY, ENERGY_WEEKEND)).demandTiers();
        assertThat(tiers.upToW(0)).isEqualTo(10_000L);
        assertThat(tiers.periodRate(0, 1)).isEqualTo(3_000_000L);
        assertThat(tiers.periodRate(1, 0)).isEqualTo(12_500_000L);
        assertThat(tiers.periodRate(1, 1)).isEqualTo(12_500_000L);
        final UrdbImportException unequal = refusal(tou(
            "[[{\"rate\": 2, \"max\": 10}, {\"rate\": 3}], [{\"rate\": 5, \"max\": 20}, {\"rate\": 6}]]",
            ENERGY_WEEKDAY, ENERGY_WEEKEND));
        assertThat(unequal.fields()).containsExactly("demandratestructure[1][0].max");

        final UrdbImportException bad = refusal(
            tou("[[{\"rate\": -1}], [{\"rate\": 5, \"max\": 20}]]", ENERGY_WEEKDAY, ENERGY_WEEKEND));
        assertThat(bad.fields()).containsExactly("demandratestructure[0][0].rate", "demandratestructure[1][0].max");
        assertThat(bad.problems().get(0).reason())
            .isEqualTo("rate+adj is negative (-1.000000 $/kW); TouTariff demand rates are not negative");
        // max 20 kW -> 20,000 W, shown back in kW
        assertThat(bad.problems().get(1).reason())
            .isEqualTo("a bounded single tier: URDB does not say what is charged above 20.000 kW");
    }
}
