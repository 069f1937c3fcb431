package org.gridsettle.replay.bill;

import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.Optional;

/**
 * Tells when a bill's exports earn nothing because the tariff pays nothing for them, so that a solar customer billed
 * under a rate that has no export terms is not shown a bill that reads as if credits were simply small.
 * <p>
 * A URDB rate without {@code dgrules} and without {@code sell} rates is net billing at 0 per kWh: the importer reads
 * the JSON faithfully, and a rate that compensates exports says so in those fields. A careless choice of tariff for a
 * net-metered customer is then invisible in the bill's totals, which is why it is said on stderr. Net metering credits
 * exports at retail, oracle prices come from elsewhere and a carbon credit pays exports in CARBON, so none of them is
 * checked.
 * <p>
 * Stateless and thread-safe.
 */
public final class UnpaidExports
{
    private UnpaidExports()
    {
    }

    /**
     * @param tariff the tariff the bill was priced by.
     * @param bill   the bill.
     * @return one line when the bill has exports and every TOU period's export rate is 0; else empty.
     */
    public static Optional<String> describe(final TouTariff tariff, final Bill bill)
    {
        return describe(tariff, bill.totals().exportWh());
    }

    /**
     * @param tariff   the tariff exports are priced by.
     * @param exportWh the energy exported.
     * @return one line when there are exports, every TOU period's export rate is 0 and no carbon credit pays them;
     *     else empty.
     */
    public static Optional<String> describe(final TouTariff tariff, final long exportWh)
    {
        // a carbon credit pays every exported kWh for the CO2 it avoids, in CARBON, whatever the export rate
        if (exportWh <= 0 || tariff.exportRule() == ExportRule.NET_METERING ||
            tariff.oraclePricedExports() || tariff.carbonCreditMicrosPerKg() != 0)
        {
            return Optional.empty();
        }
        for (int p = 0; p < tariff.periodCount(); p++)
        {
            if (tariff.period(p).exportMicrosPerKwh() != 0)
            {
                return Optional.empty();
            }
        }
        return Optional.of(MicroUnits.kwhString(exportWh) + " kWh exported earn nothing: the " +
            "tariff's export rate is 0 in every period (a URDB rate with no sell rate and no dgrules credits no " +
            "export); a customer on net metering or a sell rate needs a tariff that says so");
    }
}
