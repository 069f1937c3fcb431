package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.urdb.UrdbImporter;
import org.gridsettle.pricing.importer.urdb.UrdbMappingOptions;
import org.gridsettle.pricing.importer.urdb.UrdbTariffMapper;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two independent readers, one tariff: the hand-written gridsettle FPL RS-1 example and the real URDB FPL RS-1 sample
 * (src/test/resources/urdb, copied unchanged from /work/shared/data) must price a month the same.
 */
class GridsettleFplCrossCheckTest
{
    private static final long EFFECTIVE_FROM = 1_433_116_800L; // 2015-06-01T00:00:00Z, the sample's startdate

    @Test
    void a1200KwhMonthCostsTheSameUnderBothReaders() throws URISyntaxException
    {
        final TouTariff gridsettle = GridsettleExamples.read("fpl_rs1_tiered.json");
        final Path urdbFile = Path.of(GridsettleFplCrossCheckTest.class
            .getResource("/urdb/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json").toURI());
        final TouTariff urdb = UrdbTariffMapper.toTouTariff(new UrdbImporter().read(urdbFile).get(0),
            new UrdbMappingOptions(11L, 1, EFFECTIVE_FROM, "SOLAR", ZoneId.of("America/New_York"), new long[0]));

        final long energyWh = 1_200_000L;
        // by hand: 1,000 kWh x 0.08721 = 87.210000; 200 kWh x 0.10803 = 21.606000; energy 108.816000
        assertThat(TouPricer.tieredCharge(gridsettle, 0, energyWh)).isEqualTo(108_816_000L);
        assertThat(TouPricer.tieredCharge(gridsettle, 0, energyWh)).isEqualTo(TouPricer.tieredCharge(urdb, 0, energyWh));
        // plus the 7.57 monthly charge: 116.386000 under both
        assertThat(gridsettle.fixedMicrosPerMonth() + TouPricer.tieredCharge(gridsettle, 0, energyWh))
            .isEqualTo(116_386_000L)
            .isEqualTo(urdb.fixedMicrosPerMonth() + TouPricer.tieredCharge(urdb, 0, energyWh));
        assertThat(gridsettle.fixedMicrosPerDay()).isEqualTo(urdb.fixedMicrosPerDay());
        assertThat(gridsettle.tiers().basis()).isEqualTo(urdb.tiers().basis());
        assertThat(gridsettle.tiers().upToWh(0)).isEqualTo(urdb.tiers().upToWh(0));
        assertThat(gridsettle.exportRule()).isEqualTo(urdb.exportRule());
        assertThat(gridsettle.scheduleCopy()).containsOnly((byte)0);
        assertThat(urdb.scheduleCopy()).containsOnly((byte)0);
    }
}
