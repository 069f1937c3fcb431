package org.gridsettle.engine.logic;

import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * What the engine can settle faithfully, said before a tariff version is journalled. The engine rejects any other
 * version as UNSUPPORTED_TARIFF; a host or the command line asks here first, so that a tariff the engine would refuse
 * stops an ingest in one line instead of leaving every enrolment and reading of it rejected in the journal.
 * Stateless and thread-safe.
 */
public final class TariffSupport
{
    private TariffSupport()
    {
    }

    /**
     * @param tariff a tariff version.
     * @return why the engine cannot settle it, or null if it can.
     */
    public static String whyUnsupported(final TouTariff tariff)
    {
        if (tariff.periodCount() > BillingAccumulators.MAX_PERIODS)
        {
            // true-ups and TOU demand keep per-period state for at most MAX_PERIODS periods
            return tariff.periodCount() + " TOU periods; the engine settles at most " + BillingAccumulators.MAX_PERIODS;
        }
        if (tariff.demandPeriodCount() > BillingAccumulators.MAX_PERIODS)
        {
            // a demand period's peak is kept in the per-period cells, of which there are MAX_PERIODS
            return tariff.demandPeriodCount() + " demand periods; the engine settles at most " +
                BillingAccumulators.MAX_PERIODS;
        }
        if (tariff.exportRule() == ExportRule.NET_METERING && tariff.tiers() != null &&
            tariff.tiers().basis() != TierBasis.BILLING_PERIOD)
        {
            // net metering trues each TOU period up to its own tiered total, which needs tiers counted per period
            return "net metering with " + tariff.tiers().basis() + " tiers; net metering needs tiers counted per TOU " +
                "period over the billing period";
        }
        if (tariff.oraclePricedExports() && !tariff.exportRule().isNetBilling())
        {
            return "oracle-priced exports under " + tariff.exportRule() + "; they are defined for net billing only";
        }
        if (tariff.oraclePricedExports() && tariff.exportRule() == ExportRule.NET_BILLING_HOURLY &&
            tariff.negativePriceRule() == NegativePriceRule.CHARGE)
        {
            // hourly netting takes credits back in the export token; an export charged was posted in the import token
            return "hourly netting with exports charged at negative oracle prices; the two cannot be netted in one " +
                "hour";
        }
        if (tariff.version() < 0 || tariff.version() > TickWindow.MAX_VERSION)
        {
            // the correction window records a tick's tariff version in 16 bits, unsigned; a negative one, accepted, had
            // its first tick posted and then refused when the window would not take it, and -1 marks mixed versions
            return "version " + tariff.version() + "; the engine records versions 0 to " + TickWindow.MAX_VERSION;
        }
        return null;
    }
}
