package org.gridsettle.replay.audit;

import org.agrona.collections.Long2LongHashMap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The tokens of the fleet's closing-balance chart, without holding any account's days: a token is charted when an
 * account with a reported day held it by its last reported day, that is, when the account moved it on a day before
 * the report's end ({@code --to}) and has a transfer on some reported day. Kept as one bit per token and one
 * "reported" bit per account, so a million accounts cost tens of megabytes, not their days.
 * <p>
 * Not thread-safe; fed by one collector, in any order of days.
 */
final class BalanceTokens
{
    /** The engine's ledger holds 16 tokens; a long's other bit says the account has a reported day. */
    private static final int MAX_TOKENS = 63;
    private static final long REPORTED = 1L << MAX_TOKENS;

    private final LocalDate from;
    private final LocalDate to;
    private final List<String> tokens = new ArrayList<>();
    /** Per account: bit i set when it moved token i before the report's end; {@link #REPORTED} when it has a day. */
    private final Long2LongHashMap byAccount = new Long2LongHashMap(0);

    /**
     * @param from first day reported, or null.
     * @param to   first day not reported, or null.
     */
    BalanceTokens(final LocalDate from, final LocalDate to)
    {
        this.from = from;
        this.to = to;
    }

    /**
     * @param account a selected account.
     * @param date    the local day a transfer of it is reported under.
     * @param token   the transfer's token.
     */
    void add(final long account, final LocalDate date, final String token)
    {
        if (to != null && !date.isBefore(to))
        {
            return;
        }
        long bits = byAccount.get(account) | 1L << indexOf(token);
        if (from == null || !date.isBefore(from))
        {
            bits |= REPORTED;
        }
        byAccount.put(account, bits);
    }

    /**
     * @return the tokens some account with a reported day held by then, in token order.
     */
    NavigableSet<String> held()
    {
        long union = 0;
        final Long2LongHashMap.ValueIterator values = byAccount.values().iterator();
        while (values.hasNext())
        {
            final long bits = values.nextValue();
            if ((bits & REPORTED) != 0)
            {
                union |= bits;
            }
        }
        final NavigableSet<String> held = new TreeSet<>();
        for (int i = 0; i < tokens.size(); i++)
        {
            if ((union & 1L << i) != 0)
            {
                held.add(tokens.get(i));
            }
        }
        return held;
    }

    private int indexOf(final String token)
    {
        final int known = tokens.indexOf(token);
        if (known >= 0)
        {
            return known;
        }
        if (tokens.size() == MAX_TOKENS)
        {
            throw new IllegalStateException("the journal's transfers move more than " + MAX_TOKENS + " tokens, " +
                "which no ledger of this engine holds; the audit cannot chart their balances");
        }
        tokens.add(token);
        return tokens.size() - 1;
    }
}
