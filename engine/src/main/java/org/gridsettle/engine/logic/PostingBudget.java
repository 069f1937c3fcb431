package org.gridsettle.engine.logic;

import org.gridsettle.engine.ledger.Ledger;

/**
 * Adds up, per token, the amounts one input is about to post, and says whether the ledger can take them all
 * ({@link Ledger#headroom}). Used by {@link Postings} in its check mode, so that an input whose postings would overflow
 * the ledger is rejected before its first posting instead of halting the engine after some of them.
 * <p>
 * Pre-allocated arrays, one slot per token: nothing is allocated per input. Owned by the business-logic thread. Not
 * thread-safe.
 */
final class PostingBudget
{
    private final Ledger ledger;
    private final long[] symbols = new long[Ledger.MAX_TOKENS];
    private final long[] sums = new long[Ledger.MAX_TOKENS];
    private int count;
    private boolean exceeded;

    PostingBudget(final Ledger ledger)
    {
        this.ledger = ledger;
    }

    void clear()
    {
        count = 0;
        exceeded = false;
    }

    /**
     * @param tokenSymbol packed token symbol.
     * @param amount      micro-units to be posted, not negative.
     */
    void add(final long tokenSymbol, final long amount)
    {
        int i = 0;
        while (i < count && symbols[i] != tokenSymbol)
        {
            i++;
        }
        if (i == count)
        {
            if (count == Ledger.MAX_TOKENS)
            {
                // more tokens than a ledger holds: Ledger.tokenIndex would refuse the posting anyway
                exceeded = true;
                return;
            }
            symbols[count] = tokenSymbol;
            sums[count++] = 0;
        }
        if (amount < 0 || sums[i] > Long.MAX_VALUE - amount)
        {
            exceeded = true;
            return;
        }
        sums[i] += amount;
    }

    /**
     * @return true if every token's sum fits in what the ledger can still take in that token.
     */
    boolean fits()
    {
        if (exceeded)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            if (sums[i] > ledger.headroom(symbols[i]))
            {
                return false;
            }
        }
        return true;
    }
}
