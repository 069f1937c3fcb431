package org.gridsettle.replay.audit;

import org.agrona.collections.LongHashSet;

import java.time.LocalDate;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.NavigableSet;

/**
 * What the report says of all its accounts together: the reported days, the totals, the carbon masses, the charts'
 * daily sums and the tokens whose balances are charted. Filled by the collector's first pass over every selected
 * account, so that a report written an account group at a time can write these first, and sized by the journal's days
 * and tokens, never by its accounts' days (the one exception: {@link BalanceTokens}, a long per account).
 * <p>
 * Not thread-safe while it is filled; read-only, and safe to read from any thread, once {@link #close() closed}.
 */
public final class AuditFleet
{
    private final LocalDate from;
    private final LocalDate to;
    private final LongHashSet accountIds = new LongHashSet();
    private final AccountAudit sum = AccountAudit.fleet();
    private final BalanceTokens balanceTokens;
    private NavigableSet<String> chartedTokens;
    private NavigableMap<String, NavigableMap<String, PostingCell>> totals;
    private long[] carbon;
    private boolean closed;

    /**
     * @param from       first day reported, or null.
     * @param to         first day not reported, or null.
     * @param accountIds every selected account.
     */
    public AuditFleet(final LocalDate from, final LocalDate to, final Collection<Long> accountIds)
    {
        this.from = from;
        this.to = to;
        this.balanceTokens = new BalanceTokens(from, to);
        accountIds.forEach(this.accountIds::add);
    }

    boolean selects(final long account)
    {
        return accountIds.contains(account);
    }

    /**
     * @param account a selected account.
     * @param date    the day a transfer of it is reported under.
     * @param token   its token.
     * @return the day of all accounts together, to file the transfer under.
     */
    DayEntry day(final long account, final LocalDate date, final String token)
    {
        balanceTokens.add(account, date, token);
        return sum.day(date);
    }

    void close()
    {
        sum.closeDays();
        chartedTokens = balanceTokens.held();
        totals = DayEntry.sumPostings(sum.days(from, to).values());
        carbon = new long[2];
        for (final DayEntry day : sum.days(from, to).values())
        {
            carbon[0] = Math.addExact(carbon[0], day.carbonEmittedMicrograms());
            carbon[1] = Math.addExact(carbon[1], day.carbonAvoidedMicrograms());
        }
        closed = true;
    }

    /**
     * @return the selected accounts' days summed, every day including those outside the range; closing balances are
     *     the accounts' balances summed.
     */
    public AccountAudit sum()
    {
        requireClosed();
        return sum;
    }

    /**
     * @return every reported day of any account, ascending.
     */
    public NavigableSet<LocalDate> days()
    {
        requireClosed();
        return sum.days(from, to).navigableKeySet();
    }

    /**
     * @return every day any selected account has a transfer on, reported or not, ascending.
     */
    public NavigableSet<LocalDate> heldDays()
    {
        requireClosed();
        return sum.days(null, null).navigableKeySet();
    }

    /**
     * @return amount per token, then reason, summed over the reported days; the cells carry no sequences.
     */
    public NavigableMap<String, NavigableMap<String, PostingCell>> totals()
    {
        requireClosed();
        return totals;
    }

    /**
     * @return CO2 of priced imports and of credited exports over the reported days, micrograms: {emitted, avoided}.
     */
    public long[] carbonMicrograms()
    {
        requireClosed();
        return carbon.clone();
    }

    /**
     * @return the tokens of the closing-balance chart: those an account with a reported day held by its last one.
     */
    public NavigableSet<String> chartedTokens()
    {
        requireClosed();
        return chartedTokens;
    }

    /**
     * @param reason a reason name.
     * @return true if any reported posting has it.
     */
    public boolean hasReason(final String reason)
    {
        requireClosed();
        return totals.values().stream().anyMatch((reasons) -> reasons.containsKey(reason));
    }

    private void requireClosed()
    {
        if (!closed)
        {
            throw new IllegalStateException("the fleet is read before its pass over the journal has ended");
        }
    }
}
