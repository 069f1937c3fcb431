package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the optional blocks that add charges and rules to a tariff: {@code "fixed_charges"}, {@code "export_rule"},
 * {@code "demand"} and {@code "carbon"}. A block that is absent leaves the model's default: no fixed or demand
 * charges, net billing, no carbon pricing.
 * <p>
 * Stateless; confined to the reading thread.
 */
final class ChargeReader
{
    private static final List<String> FIXED_FIELDS = List.of("per_day", "per_month");
    private static final List<String> EXPORT_FIELDS = List.of("type", "net_surplus_rate", "export_rate",
        "oracle_carry_intervals", "negative_prices");
    private static final String SOURCES = "\"tou\" or \"oracle\"";
    private static final String NEGATIVE = "\"zero_credit\" or \"charge\"";
    private static final List<String> DEMAND_FIELDS =
        List.of("flat_per_kw", "per_period_per_kw", "tiers", "periods", "schedule");
    private static final List<String> DEMAND_TIER_FIELDS = List.of("limits_kw", "flat_per_kw", "per_period_per_kw");
    private static final List<String> CARBON_FIELDS =
        List.of("import_adder_per_kg", "export_credit_per_kg", "carry_forward_intervals");
    private static final String RULES =
        "\"net_metering\", \"net_billing\", \"net_billing_hourly\" or \"buy_all_sell_all\"";

    private ChargeReader()
    {
    }

    static void fixedCharges(final String source, final LocatedNode node, final TouTariff tariff)
    {
        final Fields fixed = new Fields(source, node, FIXED_FIELDS);
        tariff.withFixedCharges(
            fixed.micros("per_day", 0, "a charge per day in currency"),
            fixed.micros("per_month", 0, "a charge per billing period in currency"));
    }

    static void exportRule(final String source, final LocatedNode node, final TouTariff tariff)
    {
        final Fields export = new Fields(source, node, EXPORT_FIELDS);
        final LocatedNode typeNode = export.required("type", RULES);
        final ExportRule rule = rule(export, typeNode);
        final LocatedNode surplusNode = export.optional("net_surplus_rate");
        if (surplusNode != null && rule != ExportRule.NET_METERING)
        {
            // a surplus rate only means something when exports are netted; elsewhere it would be a silent no-op
            throw export.error(surplusNode, "expected no \"net_surplus_rate\" with " + typeNode.text() +
                "; it applies to \"net_metering\" only");
        }
        tariff.withExportRule(rule, export.micros("net_surplus_rate", 0, "a net-surplus rate in currency per kWh"));
        oracle(export, typeNode, rule, tariff);
    }

    /**
     * The oracle fields: {@code "export_rate": "oracle"} (net billing only), then how many intervals a missing price
     * may be carried forward and what a negative price does. The oracle-only fields are refused without it, because
     * they would silently do nothing.
     */
    private static void oracle(final Fields export, final LocatedNode typeNode, final ExportRule rule,
        final TouTariff tariff)
    {
        final LocatedNode sourceNode = export.optional("export_rate");
        final boolean oracle = sourceNode != null && "oracle".equals(export.stringOf(sourceNode, SOURCES));
        if (sourceNode != null && !oracle && !"tou".equals(sourceNode.text()))
        {
            throw export.error(sourceNode, "expected " + SOURCES + ", found " + sourceNode.describe());
        }
        if (oracle && !rule.isNetBilling())
        {
            throw export.error(sourceNode, "expected \"export_rate\": \"oracle\" with \"net_billing\" or " +
                "\"net_billing_hourly\" only, not " + typeNode.text());
        }
        for (final String field : List.of("oracle_carry_intervals", "negative_prices"))
        {
            final LocatedNode node = export.optional(field);
            if (node != null && !oracle)
            {
                throw export.error(node, "expected no " + org.gridsettle.pricing.importer.ImportException.quote(field) +
                    " without \"export_rate\": \"oracle\"");
            }
        }
        if (!oracle)
        {
            return;
        }
        final int carry = (int)export.integer("oracle_carry_intervals", 0, TouTariff.MAX_ORACLE_CARRY, 0,
            "the intervals a missing oracle price is carried forward (0 rejects the tick)");
        final LocatedNode negativeNode = export.optional("negative_prices");
        NegativePriceRule negative = NegativePriceRule.ZERO_CREDIT;
        if (negativeNode != null)
        {
            final String text = export.stringOf(negativeNode, NEGATIVE);
            if ("charge".equals(text))
            {
                negative = NegativePriceRule.CHARGE;
            }
            else if (!"zero_credit".equals(text))
            {
                throw export.error(negativeNode, "expected " + NEGATIVE + ", found " + negativeNode.describe());
            }
        }
        tariff.withOracleExport(carry, negative);
    }

    /**
     * Reads the demand block's own periods and schedule, if it has them: time-of-use demand charged by a schedule of
     * its own, whose per-period rates then name these periods.
     *
     * @return the demand periods' names and compiled schedule, or null when demand is charged in the energy periods.
     */
    static DemandSchedule demandSchedule(final String source, final LocatedNode node)
    {
        final Fields demand = new Fields(source, node, DEMAND_FIELDS);
        final LocatedNode periodsNode = demand.optional("periods");
        final LocatedNode scheduleNode = demand.optional("schedule");
        if (periodsNode == null && scheduleNode == null)
        {
            return null;
        }
        if (periodsNode == null || scheduleNode == null)
        {
            throw demand.error(periodsNode == null ? scheduleNode : periodsNode, "expected \"periods\" and " +
                "\"schedule\" together: demand periods are chosen by their own schedule");
        }
        final List<LocatedNode> list = demand.array(periodsNode, "demand period names such as \"on-peak\"");
        if (list.isEmpty() || list.size() > TouTariff.MAX_PERIODS)
        {
            throw demand.error(periodsNode, "expected 1.." + TouTariff.MAX_PERIODS + " demand periods, found " +
                list.size());
        }
        final List<String> names = new ArrayList<>();
        for (final LocatedNode nameNode : list)
        {
            final String name = demand.stringOf(nameNode, "a demand period name of 1..32 characters");
            if (name.length() > 32 || !TouPeriod.isPrintableAscii(name) || names.contains(name))
            {
                throw demand.error(nameNode, "expected a unique demand period name of 1..32 printable ASCII " +
                    "characters, found " + nameNode.describe());
            }
            names.add(name);
        }
        final PeriodNames demandNames = new PeriodNames(source, names, "\"demand.periods\"");
        final ScheduleCompiler compiler = new ScheduleCompiler(source, demandNames);
        compiler.compile(scheduleNode);
        return new DemandSchedule(demandNames, compiler);
    }

    /**
     * A demand block's own periods and schedule.
     *
     * @param names    the demand periods, which the block's per-period rates name.
     * @param schedule the compiled demand schedule.
     */
    record DemandSchedule(PeriodNames names, ScheduleCompiler schedule)
    {
    }

    /**
     * @param names the periods the per-period rates name: the demand block's own, when it has a schedule, else the
     *              tariff's TOU periods.
     */
    static void demand(final String source, final LocatedNode node, final PeriodNames names, final TouTariff tariff)
    {
        final Fields demand = new Fields(source, node, DEMAND_FIELDS);
        final LocatedNode tiersNode = demand.optional("tiers");
        if (tiersNode != null)
        {
            if (demand.optional("flat_per_kw") != null || demand.optional("per_period_per_kw") != null)
            {
                throw demand.error(tiersNode, "expected \"tiers\" alone: with demand tiers every rate is per tier");
            }
            tariff.withDemandTiers(demandTiers(source, tiersNode, names));
            return;
        }
        final long flat = demand.micros("flat_per_kw", 0, "a flat demand charge in currency per kW");
        final LocatedNode perPeriodNode = demand.optional("per_period_per_kw");
        long[] perPeriod = new long[0];
        if (perPeriodNode != null)
        {
            final Fields byName = new Fields(source, perPeriodNode, names.names());
            perPeriod = new long[names.count()];
            final List<String> periodNames = names.names();
            for (int p = 0; p < periodNames.size(); p++)
            {
                // a period not listed has no demand charge of its own
                perPeriod[p] = byName.micros(periodNames.get(p), 0,
                    "a demand charge of period \"" + periodNames.get(p) + "\" in currency per kW");
            }
        }
        tariff.withDemand(flat, perPeriod);
    }

    static void carbon(final String source, final LocatedNode node, final TouTariff tariff)
    {
        final Fields carbon = new Fields(source, node, CARBON_FIELDS);
        final long adder = carbon.micros("import_adder_per_kg", 0, "a carbon adder on imports in currency per kg CO2");
        final long credit = carbon.micros("export_credit_per_kg", 0,
            "an avoided-emissions credit on exports in CARBON per kg CO2");
        if (adder < 0 || credit < 0)
        {
            throw carbon.error(node, "expected carbon prices of zero or more");
        }
        if (adder == 0 && credit == 0)
        {
            // a block that prices nothing would read as carbon pricing in a review and do nothing in settlement
            throw carbon.error(node, "expected \"import_adder_per_kg\" or \"export_credit_per_kg\" above zero");
        }
        // a missing intensity rejects the tick unless the tariff allows carrying the last value forward; never zero
        tariff.withCarbon(adder, credit, (int)carbon.integer("carry_forward_intervals", 0, 96, 0,
            "the intervals a missing intensity may be carried forward, 0..96"));
    }

    private static DemandTiers demandTiers(final String source, final LocatedNode node, final PeriodNames names)
    {
        final Fields tiers = new Fields(source, node, DEMAND_TIER_FIELDS);
        final List<LocatedNode> limits = tiers.array(tiers.required("limits_kw", "ascending kW limits such as " +
            "[\"10\"]"), "kW limits as decimal strings");
        if (limits.isEmpty() || limits.size() >= DemandTiers.MAX_TIERS)
        {
            throw tiers.error(node, "expected 1 to " + (DemandTiers.MAX_TIERS - 1) + " demand tier limits");
        }
        final int count = limits.size() + 1;
        final long[] upToW = new long[count];
        for (int t = 0; t < limits.size(); t++)
        {
            // kW to W scales like kWh to Wh: three decimals, exact
            upToW[t] = ExactDecimal.wattHours(source, limits.get(t), "a demand tier limit in kW");
            if (upToW[t] <= (t == 0 ? 0 : upToW[t - 1]))
            {
                throw Fields.error(source, limits.get(t), "expected demand tier limits that ascend from above 0, " +
                    "found " + limits.get(t).text());
            }
        }
        upToW[count - 1] = Long.MAX_VALUE;
        final LocatedNode flatNode = tiers.optional("flat_per_kw");
        final long[] flat = flatNode == null ? new long[count] : rates(source, tiers, flatNode, count, "flat");
        final LocatedNode perPeriodNode = tiers.optional("per_period_per_kw");
        long[][] perPeriod = new long[0][];
        if (perPeriodNode != null)
        {
            final Fields byName = new Fields(source, perPeriodNode, names.names());
            perPeriod = new long[names.count()][];
            for (int p = 0; p < names.count(); p++)
            {
                final LocatedNode periodNode = byName.optional(names.names().get(p));
                // a period not listed has no demand charge of its own
                perPeriod[p] = periodNode == null ? new long[count] :
                    rates(source, byName, periodNode, count, "period \"" + names.names().get(p) + "\"");
            }
        }
        return new DemandTiers(upToW, flat, perPeriod);
    }

    private static long[] rates(
        final String source, final Fields fields, final LocatedNode node, final int count, final String whose)
    {
        final List<LocatedNode> values = fields.array(node, "rates in currency per kW, one per tier");
        if (values.size() != count)
        {
            throw fields.error(node, "expected " + count + " " + whose + " demand rates, one per tier, found " +
                values.size());
        }
        final long[] rates = new long[count];
        for (int t = 0; t < count; t++)
        {
            rates[t] = ExactDecimal.micros(source, values.get(t), "a demand rate in currency per kW");
        }
        return rates;
    }

    private static ExportRule rule(final Fields export, final LocatedNode typeNode)
    {
        final String text = export.stringOf(typeNode, RULES);
        switch (text)
        {
            case "net_metering":
                return ExportRule.NET_METERING;
            case "net_billing":
                return ExportRule.NET_BILLING;
            case "net_billing_hourly":
                return ExportRule.NET_BILLING_HOURLY;
            case "buy_all_sell_all":
                return ExportRule.BUY_ALL_SELL_ALL;
            default:
                throw export.error(typeNode, "expected " + RULES + ", found " + typeNode.describe());
        }
    }
}
