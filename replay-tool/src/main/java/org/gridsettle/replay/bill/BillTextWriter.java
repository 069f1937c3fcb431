package org.gridsettle.replay.bill;

import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link Bill} as a table for a person: one row per billing period and a total row, then each period's
 * lines. Amounts are in token units with 6 decimals, energy in kWh with 3.
 * <p>
 * Stateless; safe from any thread, given a writer per thread.
 */
public final class BillTextWriter
{
    private static final String ROW = "%-23s %11s %11s %13s %13s %13s %13s %13s %13s %13s%n";
    private static final String LINE = "  %-14s %-20s %4s %12s %12s %6s %14s%n";

    private BillTextWriter()
    {
    }

    /**
     * @param out  where to write; not closed.
     * @param bill the bill.
     */
    public static void write(final PrintWriter out, final Bill bill)
    {
        out.printf("bill: meter %s, %s to %s (exclusive), %s, amounts in %s%n", bill.meter(),
            bill.calendar().from(), bill.calendar().to(), bill.calendar().zone().getId(), bill.token());
        out.printf("tariff: %s%n", bill.tariff());
        out.printf("readings: %,d in range, %s rejected by the engine, %,d exact duplicates%n",
            bill.readingsSubmitted(), rejections(bill.rejectionsByReason()), bill.duplicates());
        out.println();
        out.printf(ROW, "period", "import kWh", "export kWh", "energy", "fixed", "demand", "export credit",
            "carbon", "true-up", "total");
        for (final Bill.PeriodBill period : bill.periods())
        {
            row(out, label(period.amounts()), period.amounts());
        }
        row(out, "total", bill.totals());
        final List<BillingCalendar.Period> periods = bill.calendar().periods();
        for (final BillingCalendar.Period period : periods)
        {
            note(out, bill.calendar(), period);
        }
        for (final Bill.PeriodBill period : bill.periods())
        {
            out.println();
            out.printf("%s%n", label(period.amounts()));
            // a demand line's energy column holds its peak in kW (FORMAT.md's demand field), so the header says both
            out.printf(LINE, "kind", "period", "tier", "kWh or kW", "rate", "count", "amount");
            for (final BillLine line : period.lines())
            {
                out.printf(LINE, line.kind(), line.period(), line.tier(), MicroUnits.kwhString(line.energyWh()),
                    MicroUnits.toDecimalString(line.rate()), line.count(), MicroUnits.toDecimalString(line.amount()));
            }
            if (period.lines().isEmpty())
            {
                out.println("  (nothing posted)");
            }
        }
    }

    /**
     * Says what a period cut by the bill's range is charged, where an engineer checking it against the tariff sheet
     * would otherwise look for a missing monthly charge or a whole one for half a month.
     */
    private static void note(final PrintWriter out, final BillingCalendar calendar, final BillingCalendar.Period p)
    {
        final LocalDate start = calendar.billingPeriodStartOf(p.from());
        final String whole = start + ".." + start.plusMonths(1);
        if (!calendar.closes(p))
        {
            out.printf("note: %s..%s is part of the billing period %s, which ends after --to: it is not closed, so " +
                "no monthly fixed charge, demand charge or true-up is posted and its charges are the readings' " +
                "provisional ones%n", p.from(), p.to(), whole);
        }
        if (!start.equals(p.from()))
        {
            out.printf("note: %s..%s is part of the billing period %s, which began before --from: the engine does " +
                "not prorate, so %s a whole period's, applied to the readings from --from%n", p.from(), p.to(), whole,
                calendar.closes(p) ? "the monthly fixed charge and the tier limits are" : "the tier limits are");
        }
    }

    private static void row(final PrintWriter out, final String label, final BillAmounts a)
    {
        out.printf(ROW, label, MicroUnits.kwhString(a.importWh()), MicroUnits.kwhString(a.exportWh()),
            MicroUnits.toDecimalString(a.energy()), MicroUnits.toDecimalString(a.fixed()),
            MicroUnits.toDecimalString(a.demand()), MicroUnits.toDecimalString(a.exportCredits()),
            MicroUnits.toDecimalString(a.carbon()), MicroUnits.toDecimalString(a.trueUp()),
            MicroUnits.toDecimalString(a.total()));
    }

    private static String label(final BillAmounts a)
    {
        return a.from() + ".." + a.to();
    }

    private static String rejections(final Map<String, Long> byReason)
    {
        final long count = byReason.values().stream().mapToLong(Long::longValue).sum();
        return count == 0 ? "0" : count + " (" + byReason.entrySet().stream()
            .map((e) -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
