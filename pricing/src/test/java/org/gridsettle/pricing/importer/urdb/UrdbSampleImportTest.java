package org.gridsettle.pricing.importer.urdb;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Month;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports the three public URDB samples of /work/shared/data (copied unchanged to src/test/resources/urdb) and checks
 * values read off each file by hand. Origins, from the data README:
 * <ul>
 *     <li>urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json: NREL/REopt_API,
 *     {@code reo/tests/test_tiered_energy_rate.py} (URDB record values re-serialised), BSD-3.</li>
 *     <li>urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json: NREL/OpenStudio-HPXML,
 *     {@code ReportUtilityBills/resources/detailed_rates/Sample Tiered Time-of-Use Rate.json}, BSD-3-style.</li>
 *     <li>urdb_REopt_multi_tier_urdb_response.json: NREL/REopt.jl,
 *     {@code test/scenarios/multi_tier_urdb_response.json}, Apache-2.0.</li>
 * </ul>
 */
class UrdbSampleImportTest
{
    private static final String FPL = "urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";
    private static final String HPXML = "urdb_OpenStudioHPXML_Sample_Tiered_Time-of-Use_Rate.json";
    private static final String REOPT = "urdb_REopt_multi_tier_urdb_response.json";

    private final UrdbImporter importer = new UrdbImporter();

    static Path sample(final String fileName)
    {
        try
        {
            return Path.of(UrdbSampleImportTest.class.getResource("/urdb/" + fileName).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void fplReadsDescriptionTiersAndMonthlyFixedCharge()
    {
        final List<UrdbRate> rates = importer.read(sample(FPL));

        assertThat(rates).hasSize(1);
        final UrdbRate rate = rates.get(0);
        assertThat(rate.source()).isEqualTo(FPL);
        assertThat(rate.label()).contains("5550d6fd5457a3187e8b4567");
        assertThat(rate.name()).contains("RS-1 Residential Service");
        assertThat(rate.utility()).contains("Florida Power & Light Co.");
        assertThat(rate.startDate()).contains(Instant.parse("2015-06-01T00:00:00Z")); // startdate 1433116800
        assertThat(rate.endDate()).contains(Instant.parse("2015-08-30T23:00:00Z")); // enddate 1440975600

        final UrdbTouEnergy energy = rate.energy().orElseThrow();
        assertThat(energy.periods()).hasSize(1);
        assertThat(energy.periods().get(0)).hasSize(2);
        // rate 0.07531 + adj 0.0119 = 0.08721 $/kWh -> 87210 micro-$/kWh (as doubles the sum is 0.08721000000000001)
        // max 1000 kWh -> 1 000 000 Wh
        assertThat(energy.tier(0, 0))
            .isEqualTo(new UrdbEnergyTier(87_210L, OptionalLong.empty(), OptionalLong.of(1_000_000L), false));
        // rate 0.09613 + adj 0.0119 = 0.10803 $/kWh -> 108030 micro-$/kWh, no max: the last tier is unbounded
        assertThat(energy.tier(0, 1))
            .isEqualTo(new UrdbEnergyTier(108_030L, OptionalLong.empty(), OptionalLong.empty(), false));
        assertThat(energy.weekday().periodAt(Month.JUNE, 17)).isZero();
        assertThat(energy.weekend().periodAt(Month.DECEMBER, 23)).isZero();
        assertThat(energy.isTiered()).isTrue();

        // fixedmonthlycharge 7.57 $ -> 7 570 000 micro-$ per month
        assertThat(rate.fixedChargeFirstMeter())
            .contains(new UrdbCharge("fixedmonthlycharge", 7_570_000L, UrdbChargeUnit.PER_MONTH));
        assertThat(rate.fixedChargeAdditionalMeter()).isEmpty();
        assertThat(rate.minimumCharges()).isEmpty();
        assertThat(rate.demand()).isEmpty();
        assertThat(rate.flatDemand()).isEmpty();
        assertThat(rate.dgRule()).isEmpty();
        assertThat(rate.useNetMetering()).isEmpty();
        assertThat(rate.roundings()).isEmpty();
    }

    @Test
    void openStudioItemsFormReadsTieredTimeOfUse()
    {
        final List<UrdbRate> rates = importer.read(sample(HPXML));

        assertThat(rates).hasSize(1);
        final UrdbRate rate = rates.get(0);
        assertThat(rate.source()).isEqualTo(HPXML);
        assertThat(rate.label()).isEmpty();
        assertThat(rate.name()).contains("Sample Tiered Time-of-Use Rate");

        final UrdbTouEnergy energy = rate.energy().orElseThrow();
        assertThat(energy.periods()).hasSize(2);
        assertThat(energy.periods().get(0)).hasSize(2);
        assertThat(energy.periods().get(1)).hasSize(3);
        // period 0: 0.06 $/kWh up to 150 kWh -> 60000 micro-$/kWh up to 150 000 Wh; then 0.08 -> 80000
        assertThat(energy.tier(0, 0))
            .isEqualTo(new UrdbEnergyTier(60_000L, OptionalLong.empty(), OptionalLong.of(150_000L), false));
        assertThat(energy.tier(0, 1).microsPerKwh()).isEqualTo(80_000L);
        // period 1: 0.09 to 150 kWh, 0.11 to 300 kWh, then 0.13
        assertThat(energy.tier(1, 0).microsPerKwh()).isEqualTo(90_000L);
        assertThat(energy.tier(1, 1))
            .isEqualTo(new UrdbEnergyTier(110_000L, OptionalLong.empty(), OptionalLong.of(300_000L), false));
        assertThat(energy.tier(1, 2))
            .isEqualTo(new UrdbEnergyTier(130_000L, OptionalLong.empty(), OptionalLong.empty(), false));

        // energyweekdayschedule rows 5..7 (June..August) are 1 from hour 11 to hour 19, 0 elsewhere
        assertThat(energy.weekday().periodAt(Month.JUNE, 17)).isEqualTo(1);
        assertThat(energy.weekday().periodAt(Month.JUNE, 10)).isZero();
        assertThat(energy.weekday().periodAt(Month.JUNE, 20)).isZero();
        assertThat(energy.weekday().periodAt(Month.AUGUST, 11)).isEqualTo(1);
        assertThat(energy.weekday().periodAt(Month.SEPTEMBER, 17)).isZero();
        assertThat(energy.weekend().periodAt(Month.JUNE, 17)).isZero();

        // fixedchargefirstmeter 9 with fixedchargeunits "$/month" -> 9 000 000 micro-$ per month
        assertThat(rate.fixedChargeFirstMeter())
            .contains(new UrdbCharge("fixedchargefirstmeter", 9_000_000L, UrdbChargeUnit.PER_MONTH));
        assertThat(rate.demand()).isEmpty();
        assertThat(rate.flatDemand()).isEmpty();
    }

    @Test
    void reoptReadsSeasonalEnergyTieredDemandAndDailyFixedCharge()
    {
        final UrdbRate rate = importer.read(sample(REOPT)).get(0);

        assertThat(rate.label()).isEmpty();
        final UrdbTouEnergy energy = rate.energy().orElseThrow();
        assertThat(energy.periods()).extracting(List::size).containsExactly(1, 2, 1);
        assertThat(energy.tier(0, 0).microsPerKwh()).isZero();
        // 0.078891 $/kWh -> 78891 micro-$/kWh, max 20000 kWh -> 20 000 000 Wh
        assertThat(energy.tier(1, 0))
            .isEqualTo(new UrdbEnergyTier(78_891L, OptionalLong.empty(), OptionalLong.of(20_000_000L), false));
        assertThat(energy.tier(1, 1).microsPerKwh()).isEqualTo(60_000L);
        assertThat(energy.tier(2, 0).microsPerKwh()).isEqualTo(61_731L); // 0.061731 $/kWh
        // rows 4..9 (May..October) are period 1, the other months period 2, on weekdays and weekends alike
        assertThat(energy.weekday().periodAt(Month.JUNE, 17)).isEqualTo(1);
        assertThat(energy.weekday().periodAt(Month.JANUARY, 17)).isEqualTo(2);
        assertThat(energy.weekday().periodAt(Month.NOVEMBER, 0)).isEqualTo(2);
        assertThat(energy.weekend().periodAt(Month.MAY, 23)).isEqualTo(1);

        final UrdbTouDemand demand = rate.demand().orElseThrow();
        assertThat(demand.periods()).extracting(List::size).containsExactly(1, 2);
        assertThat(demand.tier(0, 0)).isEqualTo(new UrdbDemandTier(0L, OptionalLong.empty()));
        // 24.368 $/kW up to 100.0 kW -> 24 368 000 micro-$/kW up to 100 000 W; then 17.031 $/kW -> 17 031 000
        assertThat(demand.tier(1, 0)).isEqualTo(new UrdbDemandTier(24_368_000L, OptionalLong.of(100_000L)));
        assertThat(demand.tier(1, 1)).isEqualTo(new UrdbDemandTier(17_031_000L, OptionalLong.empty()));
        // demandweekdayschedule: January is period 0, the other months period 1; the weekend schedule is all 1
        assertThat(demand.weekday().periodAt(Month.JANUARY, 17)).isZero();
        assertThat(demand.weekday().periodAt(Month.FEBRUARY, 17)).isEqualTo(1);
        assertThat(demand.weekend().periodAt(Month.JANUARY, 17)).isEqualTo(1);
        assertThat(rate.flatDemand()).isEmpty();

        // fixedchargefirstmeter 3.298 with "$/day" -> 3 298 000 micro-$ per day
        assertThat(rate.fixedChargeFirstMeter())
            .contains(new UrdbCharge("fixedchargefirstmeter", 3_298_000L, UrdbChargeUnit.PER_DAY));
        assertThat(rate.roundings()).isEmpty();
    }
}
