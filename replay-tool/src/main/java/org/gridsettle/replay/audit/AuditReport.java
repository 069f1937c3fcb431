package org.gridsettle.replay.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The measurement-and-verification report of a journal, ready to render: the audited accounts and the range and
 * zone they were cut by, with the fleet-wide views the charts and totals need.
 * <p>
 * Immutable once built; safe to render from any thread.
 *
 * @param journal   the journal directory, as given.
 * @param zone      zone of the local days.
 * @param from      first day reported, or null.
 * @param to        first day not reported, or null.
 * @param selection what was audited, for the heading: {@code "account 100000"}, {@code "meter 5000000"}, ...
 * @param accounts  the accounts, ascending.
 */
public record AuditReport(
    String journal, ZoneId zone, LocalDate from, LocalDate to, String selection, List<AccountAudit> accounts,
    Map<Long, List<DrMeterDay>> demandResponse)
{
    /**
     * A report without demand-response figures.
     */
    public AuditReport(
        final String journal, final ZoneId zone, final LocalDate from, final LocalDate to, final String selection,
        final List<AccountAudit> accounts)
    {
        this(journal, zone, from, to, selection, accounts, Map.of());
    }

    /**
     * @param account an audited account.
     * @return the demand-response days of its meters in the report's range, by date then meter.
     */
    public List<DrMeterDay> demandResponseOf(final AccountAudit account)
    {
        final List<DrMeterDay> days = new ArrayList<>();
        for (final long meter : account.meters())
        {
            for (final DrMeterDay day : demandResponse.getOrDefault(meter, List.of()))
            {
                if ((from == null || !day.date().isBefore(from)) && (to == null || day.date().isBefore(to)))
                {
                    days.add(day);
                }
            }
        }
        days.sort(Comparator.comparing(DrMeterDay::date).thenComparingLong(DrMeterDay::meterId));
        return days;
    }

    /** What the carbon or demand-response columns say when the reported postings have no carbon or DR posting. */
    public static final String NOT_PRICED = "not priced by this journal";

    /**
     * @param account an audited account.
     * @return its days in the report's range.
     */
    public NavigableMap<LocalDate, DayEntry> days(final AccountAudit account)
    {
        return account.days(from, to);
    }

    /**
     * @return every reported day of any account, ascending.
     */
    public NavigableSet<LocalDate> allDays()
    {
        final NavigableSet<LocalDate> dates = new TreeSet<>();
        accounts.forEach((a) -> dates.addAll(days(a).keySet()));
        return dates;
    }

    /**
     * @param account an audited account, or null for every audited account together.
     * @return amount per token, then reason, summed over the reported days; the cells carry no sequences, each
     *     day's cell has them.
     */
    public NavigableMap<String, NavigableMap<String, PostingCell>> totals(final AccountAudit account)
    {
        final NavigableMap<String, NavigableMap<String, PostingCell>> totals = new TreeMap<>();
        for (final AccountAudit a : accounts)
        {
            if (account != null && a != account)
            {
                continue;
            }
            for (final DayEntry day : days(a).values())
            {
                day.postings().forEach((token, reasons) -> reasons.forEach((reason, cell) ->
                {
                    final PostingCell sum = totals.computeIfAbsent(token, (t) -> new TreeMap<>())
                        .computeIfAbsent(reason, (r) -> new PostingCell());
                    sum.addAmount(cell.amount());
                }));
            }
        }
        return totals;
    }

    /**
     * @param account an audited account, or null for every audited account together.
     * @return CO2 of priced imports and of credited exports over the reported days, micrograms: {emitted, avoided}.
     */
    public long[] carbonMicrograms(final AccountAudit account)
    {
        final long[] total = new long[2];
        for (final AccountAudit a : accounts)
        {
            if (account == null || a == account)
            {
                for (final DayEntry day : days(a).values())
                {
                    total[0] = Math.addExact(total[0], day.carbonEmittedMicrograms());
                    total[1] = Math.addExact(total[1], day.carbonAvoidedMicrograms());
                }
            }
        }
        return total;
    }

    /**
     * @return true if any reported posting has a carbon reason: only then are the carbon masses known.
     */
    public boolean hasCarbonPostings()
    {
        return hasReason("CARBON_ADDER") || hasReason("CARBON_CREDIT");
    }

    /**
     * @return true if any reported posting is a demand-response incentive.
     */
    public boolean hasDemandResponsePostings()
    {
        return hasReason("DR_INCENTIVE");
    }

    private boolean hasReason(final String reason)
    {
        return totals(null).values().stream().anyMatch((reasons) -> reasons.containsKey(reason));
    }
}
