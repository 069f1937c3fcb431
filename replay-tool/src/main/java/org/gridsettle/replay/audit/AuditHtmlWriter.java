package org.gridsettle.replay.audit;

import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * Writes the report as one self-contained HTML page: inline style, inline SVG charts ({@link SvgChart}), tables,
 * and no script, link, image or font from anywhere. Every text is escaped ({@link HtmlText}). Rows and cells carry
 * {@code data-*} attributes with the raw integers so that a machine can check the page against the CSV and JSON.
 * <p>
 * Not thread-safe; one report per instance ({@link AuditWriter}).
 */
public final class AuditHtmlWriter implements AuditWriter
{
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;" +
        "text-align:right;vertical-align:top}th{background:#eee}td.t{text-align:left}" +
        "td.seq{font-family:monospace;font-size:80%;text-align:left;max-width:40em;word-break:break-all}" +
        ".note{color:#8a4b00;font-style:italic}.ct{font-weight:bold;font-size:14px}.cl{font-size:11px}";

    private final PrintWriter out;

    /**
     * @param out destination; flushed at the end, not closed.
     */
    public AuditHtmlWriter(final PrintWriter out)
    {
        this.out = out;
    }

    @Override
    public void begin(final AuditReport report)
    {
        final StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .append(HtmlText.escape("gridsettle M&V audit: " + report.selection())).append("</title><style>")
            .append(STYLE).append("</style></head><body>\n");
        sb.append("<h1>").append(HtmlText.escape("M&V audit: " + report.selection())).append("</h1>\n");
        sb.append("<p>Journal <code>").append(HtmlText.escape(report.journal())).append("</code>, local days in ")
            .append(HtmlText.escape(report.zone().getId())).append(", days ")
            .append(HtmlText.escape(report.from() == null ? "from the first" : "from " + report.from()))
            .append(HtmlText.escape(report.to() == null ? " to the last" : " up to (not including) " + report.to()))
            .append(".</p>\n");
        verified(sb, report);
        sb.append("<p>Amounts are the change in the customer's balance, credits minus debits: a charge is ")
            .append("negative. Every number cites the output sequences of the transfers it sums; look one up with ")
            .append("<code>settle dump --journal DIR --from SEQ --limit 1</code>. Energy is the energyWh of the ")
            .append("energy-charge and export-credit transfers, a reversal counted negatively.</p>\n");
        charts(sb, report);
        notes(sb, report);
        sb.append("<h2 id=\"totals-heading\">Totals</h2>\n");
        totalsTable(sb, "totals", report.totals(null));
        out.print(sb);
    }

    @Override
    public void accounts(final AuditReport group)
    {
        // one account's section at a time: a fleet's page is far larger than the heap that writes it
        final StringBuilder sb = new StringBuilder(1 << 16);
        for (final AccountAudit account : group.accounts())
        {
            sb.setLength(0);
            accountSection(sb, group, account);
            out.print(sb);
        }
    }

    @Override
    public void end(final AuditReport report)
    {
        out.print("</body></html>\n");
        out.flush();
    }

    /**
     * Says which journal state the figures are of, in the lines {@code settle verify} prints, each on a line of its
     * own that ends with its seal: the page, kept, is then a file {@code settle verify --kept} reads, which refuses a
     * line holding a seal that is not one of those lines.
     */
    private static void verified(final StringBuilder sb, final AuditReport report)
    {
        sb.append("<p>The figures are of the journal as <code>settle verify</code> found it just before it was read, ")
            .append("these records and no later one; <code>settle verify --kept</code> given this page compares ")
            .append("their seals with the journal later:</p>\n<pre id=\"verified\">\n")
            .append(HtmlText.escape(report.verifiedInput().sealLine())).append('\n')
            .append(HtmlText.escape(report.verifiedOutput().sealLine())).append("\n</pre>\n");
    }

    private static void notes(final StringBuilder sb, final AuditReport report)
    {
        sb.append("<h2>Carbon and demand response</h2>\n<table id=\"not-priced\"><tr><th>measure</th><th>value</th>")
            .append("</tr><tr><td class=\"t\">carbon, kg CO2</td><td class=\"t note\">")
            .append(report.hasCarbonPostings() ? carbonTotals(report) :
                AuditReport.NOT_PRICED + ": its tariffs price no carbon")
            .append("</td></tr><tr><td class=\"t\">demand-response baseline</td><td class=\"t note\">")
            .append(report.hasDemandResponsePostings() ? "per event day in each account's demand-response section" :
                AuditReport.NOT_PRICED + ": no demand-response event or incentive is in it")
            .append("</td></tr></table>\n");
    }

    private static String drCell(final AuditReport report, final AccountAudit account, final DayEntry day)
    {
        if (!report.hasDemandResponsePostings())
        {
            return AuditReport.NOT_PRICED;
        }
        final StringBuilder cell = new StringBuilder();
        for (final DrMeterDay dr : report.demandResponseOf(account))
        {
            if (dr.date().equals(day.date()))
            {
                cell.append(cell.length() == 0 ? "" : "; ").append(MicroUnits.kwhString(dr.baselineTotalWh()))
                    .append(" baseline / ").append(MicroUnits.kwhString(dr.actualTotalWh())).append(" metered");
            }
        }
        return cell.toString();
    }

    private static String carbonTotals(final AuditReport report)
    {
        final long[] ug = report.carbonMicrograms();
        return "emitted by priced imports " + CarbonMass.kg(ug[0]) + ", avoided by credited exports " +
            CarbonMass.kg(ug[1]) + " (each CARBON_ADDER and CARBON_CREDIT posting's energy x its rate field, the " +
            "grid intensity in mg CO2/kWh; per day below)";
    }

    private static void charts(final StringBuilder sb, final AuditReport report)
    {
        final NavigableSet<LocalDate> dates = report.allDays();
        final List<String> labels = new ArrayList<>();
        dates.forEach((d) -> labels.add(d.toString().substring(5)));
        final int n = dates.size();
        final long[] importWh = new long[n];
        final long[] exportWh = new long[n];
        final long[] credits = new long[n];
        final Map<LocalDate, long[]> slots = new TreeMap<>();
        int i = 0;
        for (final LocalDate date : dates)
        {
            // every selected account's day summed (AuditFleet), whichever group this report holds
            final DayEntry day = report.fleet().sum().days(null, null).get(date);
            importWh[i] = day.importWh();
            exportWh[i] = day.exportWh();
            for (final NavigableMap<String, PostingCell> reasons : day.postings().values())
            {
                final PostingCell credit = reasons.get("EXPORT_CREDIT");
                credits[i] += credit == null ? 0 : credit.amount();
            }
            slots.put(date, day.importBySlot().clone());
            i++;
        }
        sb.append("<h2>Charts</h2>\n");
        sb.append(new SvgChart("Daily energy (kWh) and export credits (all tokens)", labels,
            MicroUnits::kwhString, MicroUnits::toDecimalString)
            .bars("import kWh", importWh, "#c0392b").bars("export kWh", exportWh, "#27ae60")
            .line("export credits", credits, "#2c3e50", true).render()).append('\n');
        intraday(sb, dates, importWh, slots, report.hasDemandResponsePostings());
        balances(sb, report, dates, labels);
    }

    private static void intraday(
        final StringBuilder sb, final NavigableSet<LocalDate> dates, final long[] importWh,
        final Map<LocalDate, long[]> slots, final boolean demandResponse)
    {
        int peak = 0;
        for (int d = 1; d < importWh.length; d++)
        {
            peak = importWh[d] > importWh[peak] ? d : peak;
        }
        final long[] average = new long[DayEntry.SLOTS];
        for (final long[] day : slots.values())
        {
            for (int s = 0; s < DayEntry.SLOTS; s++)
            {
                average[s] += day[s];
            }
        }
        for (int s = 0; s < DayEntry.SLOTS; s++)
        {
            average[s] = dates.isEmpty() ? 0 : average[s] / dates.size();
        }
        final LocalDate peakDate = dates.isEmpty() ? null : new ArrayList<>(dates).get(peak);
        final List<String> times = new ArrayList<>();
        for (int s = 0; s < DayEntry.SLOTS; s++)
        {
            times.add(String.format(java.util.Locale.ROOT, "%02d:%02d", s / 4, (s % 4) * 15));
        }
        sb.append("<p class=\"note\">The comparison line is the average-day shape over the reported days (Wh ")
            .append("floored to whole Wh), not a demand-response baseline: ")
            .append(demandResponse ? "those are in each account's demand-response section." :
                "this journal has no DR event.").append("</p>\n");
        sb.append(new SvgChart("Import per 15 minutes, highest-import day " +
            (peakDate == null ? "(none)" : peakDate) + " vs average-day shape", times, MicroUnits::kwhString, null)
            .line("highest-import day", peakDate == null ? new long[DayEntry.SLOTS] : slots.get(peakDate),
                "#c0392b", false)
            .line("average-day shape", average, "#7f8c8d", false).render()).append('\n');
    }

    private static void balances(
        final StringBuilder sb, final AuditReport report, final NavigableSet<LocalDate> dates,
        final List<String> labels)
    {
        final AccountAudit fleet = report.fleet().sum();
        final SvgChart chart = new SvgChart("Closing balance per token, audited accounts together", labels,
            MicroUnits::toDecimalString, null);
        final String[] colors = {"#2980b9", "#e67e22", "#8e44ad", "#16a085", "#c0392b", "#7f8c8d"};
        int c = 0;
        for (final String token : report.fleet().chartedTokens())
        {
            final long[] series = new long[dates.size()];
            int i = 0;
            for (final LocalDate date : dates)
            {
                // the accounts' balances summed: a day without postings keeps the balance of the day before it
                final Map.Entry<LocalDate, DayEntry> known = fleet.days(null, date.plusDays(1)).lastEntry();
                series[i++] = known == null ? 0 : known.getValue().closingBalances().getOrDefault(token, 0L);
            }
            chart.line(token, series, colors[c++ % colors.length], false);
        }
        sb.append(chart.render()).append('\n');
    }

    private static void totalsTable(
        final StringBuilder sb, final String id, final NavigableMap<String, NavigableMap<String, PostingCell>> totals)
    {
        sb.append("<table id=\"").append(HtmlText.escape(id))
            .append("\"><tr><th>token</th><th>reason</th><th>amount</th></tr>\n");
        totals.forEach((token, reasons) -> reasons.forEach((reason, cell) ->
            sb.append("<tr data-token=\"").append(HtmlText.escape(token)).append("\" data-reason=\"")
                .append(HtmlText.escape(reason)).append("\" data-micros=\"").append(cell.amount())
                .append("\"><td class=\"t\">").append(HtmlText.escape(token)).append("</td><td class=\"t\">")
                .append(HtmlText.escape(reason)).append("</td><td>")
                .append(MicroUnits.toDecimalString(cell.amount())).append("</td></tr>\n")));
        sb.append("</table>\n");
    }

    private static void accountSection(final StringBuilder sb, final AuditReport report, final AccountAudit account)
    {
        final String id = "account-" + account.accountId();
        sb.append("<h2 id=\"").append(id).append("\">Account ").append(account.accountId()).append("</h2>\n<p>Meters: ")
            .append(HtmlText.escape(account.meters().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")))).append("</p>\n");
        sb.append("<table class=\"energy\" id=\"").append(id).append("-energy\"><tr><th>day</th><th>import kWh</th>")
            .append("<th>import sequences</th><th>export kWh</th><th>export sequences</th>")
            .append("<th>carbon kg emitted / avoided</th><th>carbon sequences</th>")
            .append("<th>DR baseline</th></tr>\n");
        for (final DayEntry day : report.days(account).values())
        {
            sb.append("<tr data-account=\"").append(account.accountId()).append("\" data-date=\"").append(day.date())
                .append("\" data-import-wh=\"").append(day.importWh()).append("\" data-export-wh=\"")
                .append(day.exportWh()).append("\"><td class=\"t\">").append(day.date()).append("</td><td>")
                .append(MicroUnits.kwhString(day.importWh())).append("</td><td class=\"seq\">")
                .append(day.importSequences().toText(", ")).append("</td><td>")
                .append(MicroUnits.kwhString(day.exportWh())).append("</td><td class=\"seq\">")
                .append(day.exportSequences().toText(", ")).append("</td><td>")
                .append(report.hasCarbonPostings() ? CarbonMass.kg(day.carbonEmittedMicrograms()) + " / " +
                    CarbonMass.kg(day.carbonAvoidedMicrograms()) : AuditReport.NOT_PRICED)
                .append("</td><td class=\"seq\">").append(day.carbonSequences().toText(", "))
                .append("</td><td class=\"t note\">")
                .append(drCell(report, account, day))
                .append("</td></tr>\n");
        }
        sb.append("</table>\n");
        DrSectionHtml.write(sb, report, account);
        sb.append("<table class=\"postings\" id=\"").append(id).append("-postings\"><tr><th>day</th>")
            .append("<th>token</th><th>reason</th><th>amount</th><th>sequences</th></tr>\n");
        for (final DayEntry day : report.days(account).values())
        {
            day.postings().forEach((token, reasons) -> reasons.forEach((reason, cell) ->
                sb.append("<tr data-account=\"").append(account.accountId()).append("\" data-date=\"")
                    .append(day.date()).append("\" data-token=\"").append(HtmlText.escape(token))
                    .append("\" data-reason=\"").append(HtmlText.escape(reason)).append("\" data-micros=\"")
                    .append(cell.amount()).append("\"><td class=\"t\">").append(day.date())
                    .append("</td><td class=\"t\">").append(HtmlText.escape(token)).append("</td><td class=\"t\">")
                    .append(HtmlText.escape(reason)).append("</td><td>")
                    .append(MicroUnits.toDecimalString(cell.amount())).append("</td><td class=\"seq\">")
                    .append(cell.sequences().toText(", ")).append("</td></tr>\n")));
        }
        sb.append("</table>\n<table class=\"balances\" id=\"").append(id).append("-balances\"><tr><th>day</th>")
            .append("<th>token</th><th>closing balance</th><th>changed on the day by</th></tr>\n");
        for (final DayEntry day : report.days(account).values())
        {
            day.closingBalances().forEach((token, balance) ->
            {
                final PostingCell change = day.balanceChanges().get(token);
                sb.append("<tr data-token=\"").append(HtmlText.escape(token)).append("\"><td class=\"t\">")
                    .append(day.date()).append("</td><td class=\"t\">").append(HtmlText.escape(token))
                    .append("</td><td>").append(MicroUnits.toDecimalString(balance)).append("</td><td class=\"seq\">")
                    .append(change == null ? "no change" : change.sequences().toText(", ")).append("</td></tr>\n");
            });
        }
        sb.append("</table>\n");
        sb.append("<h3>Totals of account ").append(account.accountId()).append("</h3>\n");
        totalsTable(sb, id + "-totals", report.totals(account));
    }
}
