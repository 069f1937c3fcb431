package org.gridsettle.replay.bill;

import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;

/**
 * Writes a {@link Bill} as JSON: amounts as decimal strings in token units with 6 decimals and energy as kWh strings
 * with 3 decimals, so no value passes through a binary floating-point number on either side. Keys come in a fixed
 * order, so the same bill always gives the same bytes.
 * <p>
 * Stateless; safe from any thread, given a writer per thread.
 */
public final class BillJsonWriter
{
    private BillJsonWriter()
    {
    }

    /**
     * @param out  where to write; not closed.
     * @param bill the bill.
     */
    public static void write(final PrintWriter out, final Bill bill)
    {
        write(out, bill, java.util.List.of());
    }

    /**
     * @param out      where to write; not closed.
     * @param bill     the bill.
     * @param warnings what the run said on stderr about the bill (gaps, rejected readings, exports that earn
     *                 nothing), in order, so that a system that reads only the JSON does not take a bill of missing
     *                 data for a complete one.
     */
    public static void write(final PrintWriter out, final Bill bill, final java.util.List<String> warnings)
    {
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n");
        field(sb, 1, "meter", string(bill.meter())).append(",\n");
        field(sb, 1, "tariff", string(bill.tariff())).append(",\n");
        field(sb, 1, "zone", string(bill.calendar().zone().getId())).append(",\n");
        field(sb, 1, "token", string(bill.token())).append(",\n");
        field(sb, 1, "from", string(bill.calendar().from().toString())).append(",\n");
        field(sb, 1, "to", string(bill.calendar().to().toString())).append(",\n");
        field(sb, 1, "readings", Long.toString(bill.readingsSubmitted())).append(",\n");
        field(sb, 1, "duplicate_readings", Long.toString(bill.duplicates())).append(",\n");
        indent(sb, 1).append("\"rejections\": {");
        boolean first = true;
        for (final Map.Entry<String, Long> e : bill.rejectionsByReason().entrySet())
        {
            sb.append(first ? "" : ", ").append(string(e.getKey())).append(": ").append(e.getValue());
            first = false;
        }
        sb.append("},\n");
        indent(sb, 1).append("\"periods\": [");
        for (int p = 0; p < bill.periods().size(); p++)
        {
            final Bill.PeriodBill period = bill.periods().get(p);
            final BillingCalendar.Period range = bill.calendar().periods().get(p);
            final LocalDate billingStart = bill.calendar().billingPeriodStartOf(range.from());
            sb.append(p == 0 ? "\n" : ",\n");
            indent(sb, 2).append("{\n");
            amounts(sb, 3, period.amounts()).append(",\n");
            // a period the range cuts: its billing period's bounds, and whether the bill closed it
            field(sb, 3, "billing_period_from", string(billingStart.toString())).append(",\n");
            field(sb, 3, "billing_period_to", string(billingStart.plusMonths(1).toString())).append(",\n");
            field(sb, 3, "closed", Boolean.toString(bill.calendar().closes(range))).append(",\n");
            indent(sb, 3).append("\"lines\": [");
            for (int i = 0; i < period.lines().size(); i++)
            {
                sb.append(i == 0 ? "\n" : ",\n");
                line(sb, 4, period.lines().get(i));
            }
            if (!period.lines().isEmpty())
            {
                indent(sb.append('\n'), 3);
            }
            sb.append("]\n");
            indent(sb, 2).append('}');
        }
        if (!bill.periods().isEmpty())
        {
            indent(sb.append('\n'), 1);
        }
        sb.append("],\n");
        indent(sb, 1).append("\"totals\": {\n");
        amounts(sb, 2, bill.totals()).append('\n');
        indent(sb, 1).append("},\n");
        indent(sb, 1).append("\"warnings\": [");
        for (int i = 0; i < warnings.size(); i++)
        {
            indent(sb.append(i == 0 ? "\n" : ",\n"), 2).append(string(warnings.get(i)));
        }
        if (!warnings.isEmpty())
        {
            indent(sb.append('\n'), 1);
        }
        sb.append("]\n");
        sb.append("}\n");
        out.print(sb);
    }

    private static StringBuilder amounts(final StringBuilder sb, final int depth, final BillAmounts a)
    {
        field(sb, depth, "from", string(a.from().toString())).append(",\n");
        field(sb, depth, "to", string(a.to().toString())).append(",\n");
        field(sb, depth, "import_kwh", string(MicroUnits.kwhString(a.importWh()))).append(",\n");
        field(sb, depth, "export_kwh", string(MicroUnits.kwhString(a.exportWh()))).append(",\n");
        field(sb, depth, "energy_charges", money(a.energy())).append(",\n");
        field(sb, depth, "fixed_charges", money(a.fixed())).append(",\n");
        field(sb, depth, "demand_charges", money(a.demand())).append(",\n");
        field(sb, depth, "export_credits", money(a.exportCredits())).append(",\n");
        field(sb, depth, "carbon", money(a.carbon())).append(",\n");
        field(sb, depth, "true_up", money(a.trueUp())).append(",\n");
        return field(sb, depth, "total", money(a.total()));
    }

    private static void line(final StringBuilder sb, final int depth, final BillLine line)
    {
        indent(sb, depth).append("{\"kind\": ").append(string(line.kind()))
            .append(", \"period\": ").append(string(line.period()))
            .append(", \"tier\": ").append(line.tier())
            .append(", \"kwh\": ").append(string(MicroUnits.kwhString(line.energyWh())))
            .append(", \"rate\": ").append(money(line.rate()))
            .append(", \"count\": ").append(line.count())
            .append(", \"amount\": ").append(money(line.amount())).append('}');
    }

    private static StringBuilder field(final StringBuilder sb, final int depth, final String name, final String value)
    {
        return indent(sb, depth).append('"').append(name).append("\": ").append(value);
    }

    private static StringBuilder indent(final StringBuilder sb, final int depth)
    {
        for (int i = 0; i < depth; i++)
        {
            sb.append("    ");
        }
        return sb;
    }

    private static String money(final long micros)
    {
        return string(MicroUnits.toDecimalString(micros));
    }

    private static String string(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20 || c == '\u2028' || c == '\u2029')
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
