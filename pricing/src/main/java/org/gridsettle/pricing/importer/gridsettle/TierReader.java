package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;

import java.util.List;

/**
 * Reads the {@code "tiers"} block: the counter basis, the upper limits in kWh of every tier but the last (which is
 * unlimited), and per period a list of tier rates. Tier 1 must repeat the period's own rates, as
 * {@link org.gridsettle.pricing.tariff.TouTariff#withTiers(TierTable)} requires, so a tariff reads the same whether
 * or not one looks at its tiers; a tier's {@code "export"} defaults to the period's export rate and may only repeat
 * it, since tiers count imports and every export earns the period's rate (another rate would be read and never paid).
 * <p>
 * Stateless; confined to the reading thread.
 */
final class TierReader
{
    private static final List<String> TIER_FIELDS = List.of("basis", "limits_kwh", "rates");
    private static final List<String> RATE_FIELDS = List.of("import", "export");

    private TierReader()
    {
    }

    static TierTable read(
        final String source, final LocatedNode tiersNode, final PeriodNames names, final List<TouPeriod> periods)
    {
        final Fields tiers = new Fields(source, tiersNode, TIER_FIELDS);
        final LocatedNode basisNode = tiers.required("basis", "\"billing_period\" or \"daily\"");
        final TierBasis basis = basis(tiers, basisNode);
        final LocatedNode limitsNode = tiers.required("limits_kwh",
            "the upper limits in kWh of every tier but the last, such as [\"1000\"]");
        final List<LocatedNode> limitNodes = tiers.array(limitsNode, "kWh limits as decimal strings");
        if (limitNodes.isEmpty() || limitNodes.size() >= TierTable.MAX_TIERS)
        {
            throw tiers.error(limitsNode, "expected 1.." + (TierTable.MAX_TIERS - 1) + " limits (the last tier is " +
                "unlimited), found " + limitNodes.size());
        }
        final int tierCount = limitNodes.size() + 1;
        final long[] upToWh = new long[tierCount];
        for (int t = 0; t < limitNodes.size(); t++)
        {
            upToWh[t] = ExactDecimal.wattHours(source, limitNodes.get(t), "a tier limit in kWh");
            if (upToWh[t] <= 0 || (t > 0 && upToWh[t] <= upToWh[t - 1]))
            {
                throw tiers.error(limitNodes.get(t), "expected positive, strictly ascending tier limits, found " +
                    limitNodes.get(t).text());
            }
        }
        upToWh[tierCount - 1] = Long.MAX_VALUE;

        final LocatedNode ratesNode = tiers.required("rates", "per period name, a list of " + tierCount +
            " tier rates {\"import\", \"export\"}");
        final Fields rates = new Fields(source, ratesNode, names.names());
        final long[][] importRates = new long[periods.size()][tierCount];
        final long[][] exportRates = new long[periods.size()][tierCount];
        for (int p = 0; p < periods.size(); p++)
        {
            final TouPeriod period = periods.get(p);
            final LocatedNode listNode = rates.required(period.name(), tierCount + " tier rates for period " +
                ImportException.quote(period.name()) + "; every period needs them");
            final List<LocatedNode> list = rates.array(listNode, "tier rates {\"import\", \"export\"}");
            if (list.size() != tierCount)
            {
                throw rates.error(listNode, "expected " + tierCount + " tier rates (one more than limits_kwh), " +
                    "found " + list.size());
            }
            for (int t = 0; t < tierCount; t++)
            {
                final Fields rate = new Fields(source, list.get(t), RATE_FIELDS);
                importRates[p][t] = ExactDecimal.micros(source,
                    rate.required("import", "an import rate in currency per kWh"), "an import rate in currency per kWh");
                exportRates[p][t] = rate.micros("export", period.exportMicrosPerKwh(),
                    "an export rate in currency per kWh");
                if (t == 0 && (importRates[p][0] != period.importMicrosPerKwh() ||
                    exportRates[p][0] != period.exportMicrosPerKwh()))
                {
                    throw rate.error(list.get(0), "expected tier 1 to repeat the rates of period " +
                        ImportException.quote(period.name()) + " (import " + decimal(period.importMicrosPerKwh()) +
                        ", export " + decimal(period.exportMicrosPerKwh()) + "), found import " +
                        decimal(importRates[p][0]) + ", export " + decimal(exportRates[p][0]));
                }
                if (t > 0 && exportRates[p][t] != period.exportMicrosPerKwh())
                {
                    // tiers count imports only: every export earns the period's rate, so another rate here would be
                    // accepted and never paid
                    throw rate.error(rate.optional("export"), "expected no export rate, or the export rate of " +
                        "period " + ImportException.quote(period.name()) + " (" +
                        decimal(period.exportMicrosPerKwh()) + "): tiers count imports, and every export earns the " +
                        "period's rate; found " + decimal(exportRates[p][t]));
                }
            }
        }
        return new TierTable(basis, upToWh, importRates, exportRates);
    }

    private static TierBasis basis(final Fields tiers, final LocatedNode node)
    {
        final String expected = "\"billing_period\", \"daily\" or \"billing_period_all_periods\"";
        final String text = tiers.stringOf(node, expected);
        switch (text)
        {
            case "billing_period":
                return TierBasis.BILLING_PERIOD;
            case "daily":
                return TierBasis.DAILY;
            case "billing_period_all_periods":
                return TierBasis.BILLING_PERIOD_ALL_PERIODS;
            default:
                throw tiers.error(node, "expected " + expected + ", found " + node.describe());
        }
    }

    private static String decimal(final long micros)
    {
        return org.gridsettle.pricing.money.MicroUnits.toDecimalString(micros);
    }
}
