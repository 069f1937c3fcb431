package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.ExportRule;

import java.util.OptionalLong;

/**
 * Maps URDB {@code dgrules} (and the older {@code usenetmetering}) onto a gridsettle {@link ExportRule}:
 * <ul>
 *     <li>"Net Metering", or {@code usenetmetering: true} without {@code dgrules}: {@link ExportRule#NET_METERING},
 *     with the net-surplus rate the caller supplies in {@link UrdbMappingOptions}. URDB carries no such rate, so
 *     without one the rate is refused. gridsettle settles each billing period's surplus at period close; credits
 *     carried from month to month are not modelled.</li>
 *     <li>"Net Billing Instantaneous": {@link ExportRule#NET_BILLING}, each tick's export at the sell rate.</li>
 *     <li>"Net Billing Hourly": {@link ExportRule#NET_BILLING_HOURLY}, each tick at its rates, then imports and
 *     exports netted within each clock hour so that only the hour's net import is charged and its net export
 *     credited.</li>
 *     <li>"Buy All Sell All": {@link ExportRule#BUY_ALL_SELL_ALL}.</li>
 *     <li>Neither field: {@link ExportRule#NET_BILLING}, as the untiered mapping always did.</li>
 * </ul>
 * {@code usenetmetering} that contradicts {@code dgrules} is refused naming both, since either reading is a guess.
 * <p>
 * Stateless and thread-safe.
 */
final class UrdbExportRuleMapper
{
    private UrdbExportRuleMapper()
    {
    }

    /**
     * @param rate       the rate.
     * @param netSurplus the caller's net-surplus rate, micro-units per kWh, if any.
     * @param log        receives every problem found.
     * @return the export terms; {@link ExportTerms#DEFAULT} after logging problems.
     */
    static ExportTerms map(final UrdbRate rate, final OptionalLong netSurplus, final UrdbProblemLog log)
    {
        final boolean netMeteringFlag = rate.useNetMetering().orElse(false);
        if (rate.dgRule().isEmpty())
        {
            return netMeteringFlag ? netMetering("usenetmetering", netSurplus, log) : ExportTerms.DEFAULT;
        }
        final UrdbDgRule rule = rate.dgRule().get();
        if (rate.useNetMetering().isPresent() && netMeteringFlag != (rule == UrdbDgRule.NET_METERING))
        {
            log.add("usenetmetering", netMeteringFlag + " contradicts dgrules \"" + rule.urdbText() + "\"");
            log.add("dgrules", "\"" + rule.urdbText() + "\" contradicts usenetmetering " + netMeteringFlag);
            return ExportTerms.DEFAULT;
        }
        return switch (rule)
        {
            case NET_METERING -> netMetering("dgrules", netSurplus, log);
            case NET_BILLING_INSTANTANEOUS -> ExportTerms.DEFAULT;
            case BUY_ALL_SELL_ALL -> new ExportTerms(ExportRule.BUY_ALL_SELL_ALL, 0);
            case NET_BILLING_HOURLY -> new ExportTerms(ExportRule.NET_BILLING_HOURLY, 0);
        };
    }

    private static ExportTerms netMetering(final String field, final OptionalLong netSurplus, final UrdbProblemLog log)
    {
        if (netSurplus.isEmpty())
        {
            // said for both readers of the line: a program (the options) and a settle user, whose commands take no
            // such rate
            log.add(field, "net metering pays a billing period's net surplus at a rate URDB does not carry; supply " +
                "it with UrdbMappingOptions.withNetSurplusMicrosPerKwh, or, for settle, write the rate as a " +
                "gridsettle tariff with export_rule net_metering and its net_surplus_rate");
            return ExportTerms.DEFAULT;
        }
        return new ExportTerms(ExportRule.NET_METERING, netSurplus.getAsLong());
    }

    /**
     * Export terms ready for {@link org.gridsettle.pricing.tariff.TouTariff#withExportRule}.
     *
     * @param rule                   the rule.
     * @param netSurplusMicrosPerKwh the net-surplus rate; 0 except under net metering.
     */
    record ExportTerms(ExportRule rule, long netSurplusMicrosPerKwh)
    {
        static final ExportTerms DEFAULT = new ExportTerms(ExportRule.NET_BILLING, 0);
    }
}
