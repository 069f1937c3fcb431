package org.gridsettle.replay.bill;

import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning that exports earn nothing (settle bill, and settle ingest since 8a76a85) is given only when they do earn
 * nothing: a tariff whose export rate is 0 in every period but that credits the CO2 exports avoid (a carbon credit,
 * minted in CARBON) pays for every exported kWh, and was said to pay nothing.
 */
class UnpaidExportsTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void exportsAtAZeroRateAreSaidToEarnNothing()
    {
        assertThat(UnpaidExports.describe(zeroExportRate(), 4_000)).hasValueSatisfying((line) ->
            assertThat(line).startsWith("4.000 kWh exported earn nothing"));
        assertThat(UnpaidExports.describe(zeroExportRate(), 0)).isEmpty();
    }

    @Test
    void exportsThatEarnACarbonCreditAreNotSaidToEarnNothing()
    {
        // 0.05 CARBON per kg of CO2 the exports avoid, no adder on imports
        assertThat(UnpaidExports.describe(zeroExportRate().withCarbon(0, 50_000, 0), 4_000)).isEmpty();
        // an adder on imports alone pays exports nothing
        assertThat(UnpaidExports.describe(zeroExportRate().withCarbon(50_000, 0, 0), 4_000)).isPresent();
    }

    private static TouTariff zeroExportRate()
    {
        return TouTariff.hourly(1, 1, 0, "USD", "SOLAR", LA, List.of(new TouPeriod("flat", 300_000, 0)),
            new int[24], new int[24]);
    }
}
