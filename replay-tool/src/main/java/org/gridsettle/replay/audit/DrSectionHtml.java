package org.gridsettle.replay.audit;

import org.gridsettle.pricing.dr.DrQuote;
import org.gridsettle.pricing.money.MicroUnits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The demand-response part of an account's HTML audit: per event day and meter, the baseline against the metered
 * load hour by hour, the reduction and the credit, next to the DR_INCENTIVE transfers that paid it, and a chart of the
 * day's hourly load against the baseline over the event hours.
 * <p>
 * Stateless; safe from any thread.
 */
final class DrSectionHtml
{
    private DrSectionHtml()
    {
    }

    static void write(final StringBuilder sb, final AuditReport report, final AccountAudit account)
    {
        final List<DrMeterDay> days = report.demandResponseOf(account);
        if (days.isEmpty())
        {
            return;
        }
        final String id = "account-" + account.accountId() + "-dr";
        sb.append("<h3>Demand response of account ").append(account.accountId()).append("</h3>\n")
            .append("<p class=\"note\">Baselines as the engine computed them when each event settled, recovered by ")
            .append("replaying the input journal through the engine; reduction = sum over event hours of ")
            .append("max(0, baseline - metered); credit = reduction x incentive, rounded half-even once.</p>\n");
        for (final DrMeterDay day : days)
        {
            final DayEntry entry = report.days(account).get(day.date());
            final PostingCell paid = entry == null ? null : entry.postings().values().stream()
                .map((reasons) -> reasons.get("DR_INCENTIVE")).filter(Objects::nonNull).findFirst()
                .orElse(null);
            sb.append("<table class=\"dr\" id=\"").append(id).append('-').append(day.eventId()).append('-')
                .append(day.meterId()).append("\" data-event=\"").append(day.eventId()).append("\" data-meter=\"")
                .append(day.meterId()).append("\" data-reduction-wh=\"").append(day.reductionWh())
                .append("\" data-credit-micros=\"").append(day.creditMicros()).append("\"><tr><th colspan=\"4\"")
                .append(" class=\"t\">event ").append(day.eventId()).append(", meter ").append(day.meterId())
                .append(", ").append(day.date()).append(' ').append(day.firstHour()).append(":00-")
                .append(day.endHour()).append(":00: ").append(HtmlText.escape(describe(day)))
                .append("</th></tr>\n<tr><th>hour</th><th>baseline kWh</th><th>metered kWh</th>")
                .append("<th>reduction kWh</th></tr>\n");
            if (day.status() == DrQuote.OK)
            {
                for (int h = day.firstHour(); h < day.endHour(); h++)
                {
                    sb.append("<tr data-hour=\"").append(h).append("\" data-baseline-wh=\"")
                        .append(day.baselineWh()[h]).append("\" data-actual-wh=\"").append(day.actualWh()[h])
                        .append("\"><td class=\"t\">").append(h).append(":00</td><td>")
                        .append(MicroUnits.kwhString(day.baselineWh()[h])).append("</td><td>")
                        .append(MicroUnits.kwhString(day.actualWh()[h])).append("</td><td>")
                        .append(MicroUnits.kwhString(Math.max(0, day.baselineWh()[h] - day.actualWh()[h])))
                        .append("</td></tr>\n");
                }
            }
            sb.append("<tr><td class=\"t\">total</td><td>").append(MicroUnits.kwhString(day.baselineTotalWh()))
                .append("</td><td>").append(MicroUnits.kwhString(day.actualTotalWh())).append("</td><td>")
                .append(MicroUnits.kwhString(day.reductionWh())).append("</td></tr>\n<tr><td class=\"t\">credit")
                .append("</td><td colspan=\"3\" class=\"t\">").append(MicroUnits.toDecimalString(day.creditMicros()))
                .append(paid == null ? "" : "; DR_INCENTIVE transfers of the day: " + paid.sequences().toText(", "))
                .append("; settled by input ").append(day.settledBy()).append("</td></tr>\n</table>\n");
            if (entry != null && day.status() == DrQuote.OK)
            {
                sb.append(chart(day, entry)).append('\n');
            }
        }
    }

    private static String describe(final DrMeterDay day)
    {
        return switch (day.status())
        {
            case DrQuote.OK -> day.baselineDays() == 0 ? "declared baseline" :
                "baseline over " + day.baselineDays() + " similar days (10-in-10 on weekdays, 4-in-4 on weekends and " +
                    "holidays), day-of adjustment x" +
                    BigDecimal.valueOf(day.ratioPpm(), 6).stripTrailingZeros().toPlainString();
            case DrQuote.INSUFFICIENT_HISTORY -> "no credit: fewer eligible baseline days than the " +
                "10 weekdays (4 weekend days or holidays) the baseline needs";
            case DrQuote.ACTUAL_MISSING -> "no credit: a metered hour of the event or its adjustment window is missing";
            default -> "status " + day.status();
        };
    }

    private static String chart(final DrMeterDay day, final DayEntry entry)
    {
        final List<String> hours = new ArrayList<>();
        final long[] metered = new long[24];
        final long[] baseline = new long[24];
        final long[] slots = entry.importBySlot();
        for (int h = 0; h < 24; h++)
        {
            hours.add(h + "h");
            for (int q = 0; q < 4; q++)
            {
                metered[h] += slots[h * 4 + q];
            }
        }
        for (int h = day.firstHour(); h < day.endHour(); h++)
        {
            baseline[h] = day.baselineWh()[h];
        }
        return new SvgChart("Load on " + day.date() + " (kWh per hour) against the event's baseline", hours,
            MicroUnits::kwhString, null)
            .bars("metered kWh", metered, "#c0392b").bars("baseline kWh (event hours)", baseline, "#2980b9")
            .render();
    }
}
