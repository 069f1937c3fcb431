package org.gridsettle.replay.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything the audit found for one account: its meters and its days, in date order. Days before the report's
 * range are kept too, because the closing balances carry everything posted before.
 * <p>
 * Not thread-safe; built by {@link AuditCollector} and then only read.
 */
public final class AccountAudit
{
    private final long accountId;
    private final List<Long> meters;
    private final NavigableMap<LocalDate, DayEntry> days = new TreeMap<>();
    private final boolean cites;

    AccountAudit(final long accountId, final List<Long> meters)
    {
        this(accountId, meters, true);
    }

    private AccountAudit(final long accountId, final List<Long> meters, final boolean cites)
    {
        this.accountId = accountId;
        this.meters = List.copyOf(meters);
        this.cites = cites;
    }

    /**
     * @return the audited accounts together, as one account of no id and no meter whose days sum theirs and cite no
     *     sequence: its days are the report's days, its postings its totals and its closing balances the sums of the
     *     accounts' balances, each bounded by the journal's days rather than by how many accounts it has.
     */
    static AccountAudit fleet()
    {
        return new AccountAudit(0, List.of(), false);
    }

    DayEntry day(final LocalDate date)
    {
        return days.computeIfAbsent(date, (d) -> new DayEntry(d, cites));
    }

    void closeDays()
    {
        // balances are cumulative from the first posting, whatever the reported range
        final Map<String, Long> running = new TreeMap<>();
        for (final DayEntry day : days.values())
        {
            day.balanceChanges().forEach((token, change) -> running.merge(token, change.amount(), Math::addExact));
            day.close(running);
        }
    }

    /** @return the account id. */
    public long accountId()
    {
        return accountId;
    }

    /** @return the account's meters, or the one meter audited. */
    public List<Long> meters()
    {
        return meters;
    }

    /**
     * @param from first day reported, or null for no bound.
     * @param to   first day not reported (exclusive), or null for no bound.
     * @return the days in range, in date order.
     */
    public NavigableMap<LocalDate, DayEntry> days(final LocalDate from, final LocalDate to)
    {
        NavigableMap<LocalDate, DayEntry> view = days;
        if (from != null)
        {
            view = view.tailMap(from, true);
        }
        if (to != null)
        {
            view = view.headMap(to, false);
        }
        return view;
    }
}
