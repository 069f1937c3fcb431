package org.gridsettle.engine.ledger;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.pricing.money.TokenSymbol;

/**
 * Double-entry balances per (account, token), held in one primitive map with no object per account.
 * <p>
 * A balance is credits minus debits, so a customer's credit is positive and the issuance account of a minted token
 * goes negative by exactly the outstanding supply. Per token the ledger also keeps the running totals of debits and
 * of credits; {@link #checkBalanced()} proves they are equal and that balances sum to zero, and the engine halts if
 * not. Overflow throws rather than wrapping.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class Ledger
{
    /** Tokens a ledger can hold; the token index fits in the low bits of the balance key. */
    public static final int MAX_TOKENS = 16;

    private final Long2LongHashMap balances = new Long2LongHashMap(1 << 12, 0.65f, 0L);
    /** Sorts keys for a snapshot; kept so that a capture allocates nothing once the state stops growing. */
    private long[] snapshotScratch = new long[0];
    private final long[] tokenSymbols = new long[MAX_TOKENS];
    private final long[] debitTotals = new long[MAX_TOKENS];
    private final long[] creditTotals = new long[MAX_TOKENS];
    private final long[] balanceSums = new long[MAX_TOKENS];
    private int tokenCount;

    /**
     * Sizes the array a snapshot sorts the balance keys in, before the business-logic thread starts, so the first
     * snapshot does not allocate it there.
     *
     * @param balances (account, token) balances expected.
     */
    public void reserveSnapshotScratch(final int balances)
    {
        if (snapshotScratch.length < balances)
        {
            snapshotScratch = new long[balances];
        }
    }

    /**
     * Finds or adds a token. Tokens are numbered in order of first use, which is input order, so numbering is
     * deterministic.
     *
     * @param symbol packed token symbol.
     * @return token index.
     */
    public int tokenIndex(final long symbol)
    {
        for (int i = 0; i < tokenCount; i++)
        {
            if (tokenSymbols[i] == symbol)
            {
                return i;
            }
        }
        if (tokenCount == MAX_TOKENS)
        {
            throw new IllegalStateException("more than " + MAX_TOKENS + " tokens");
        }
        tokenSymbols[tokenCount] = symbol;
        return tokenCount++;
    }

    /**
     * @param symbol packed token symbol.
     * @return its index, or -1 if the token was never used.
     */
    public int findToken(final long symbol)
    {
        for (int i = 0; i < tokenCount; i++)
        {
            if (tokenSymbols[i] == symbol)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Lists the customer accounts with a positive balance in a token, sorted ascending so that whatever the caller
     * posts for them comes out in the same order on every run. Allocates; for daily commands, not the tick path.
     *
     * @param tokenIndex     a token.
     * @param firstCustomer  lowest customer account id.
     * @return account ids, ascending.
     */
    public long[] customerAccountsHolding(final int tokenIndex, final long firstCustomer)
    {
        final org.agrona.collections.LongArrayList found = new org.agrona.collections.LongArrayList();
        final Long2LongHashMap.EntryIterator it = balances.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final long key = it.getLongKey();
            if ((key & (MAX_TOKENS - 1)) == tokenIndex && (key >>> 4) >= firstCustomer && it.getLongValue() > 0)
            {
                found.addLong(key >>> 4);
            }
        }
        final long[] accounts = found.toLongArray();
        java.util.Arrays.sort(accounts);
        return accounts;
    }

    /**
     * Posts one transfer.
     *
     * @param debitAccount  account debited.
     * @param creditAccount account credited.
     * @param tokenIndex    from {@link #tokenIndex(long)}.
     * @param amount        micro-units, not negative.
     */
    public void post(final long debitAccount, final long creditAccount, final int tokenIndex, final long amount)
    {
        if (amount < 0)
        {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        final long debitKey = key(debitAccount, tokenIndex);
        final long creditKey = key(creditAccount, tokenIndex);
        final long newDebitBalance = Math.subtractExact(balances.get(debitKey), amount);
        final long newCreditBalance = Math.addExact(balances.get(creditKey), amount);
        debitTotals[tokenIndex] = Math.addExact(debitTotals[tokenIndex], amount);
        creditTotals[tokenIndex] = Math.addExact(creditTotals[tokenIndex], amount);
        store(debitKey, newDebitBalance);
        store(creditKey, newCreditBalance);
    }

    /**
     * How much more can be posted in a token, in any number of transfers between any accounts, before a figure of this
     * ledger could pass {@link Long#MAX_VALUE}. Every balance lies within plus or minus the token's running total (it
     * is some of the credits minus some of the debits, and the totals sum all of them), and so does every partial sum
     * of balances; so the running totals are the first figures to overflow, and the headroom is what they have left.
     * A state machine checks all of one input's postings against this before it makes the first, so that an input
     * takes full effect or none. Allocation-free.
     *
     * @param symbol packed token symbol.
     * @return micro-units that can still be posted in it; {@link Long#MAX_VALUE} for a token never used.
     */
    public long headroom(final long symbol)
    {
        final int i = findToken(symbol);
        return i < 0 ? Long.MAX_VALUE : Long.MAX_VALUE - Math.max(debitTotals[i], creditTotals[i]);
    }

    /**
     * @param accountId  an account.
     * @param tokenIndex a token index.
     * @return credits minus debits.
     */
    public long balance(final long accountId, final int tokenIndex)
    {
        return balances.get(key(accountId, tokenIndex));
    }

    /**
     * @param tokenIndex a token index.
     * @return sum of every amount posted in that token.
     */
    public long totalPosted(final int tokenIndex)
    {
        return creditTotals[tokenIndex];
    }

    /**
     * @return number of tokens in use.
     */
    public int tokenCount()
    {
        return tokenCount;
    }

    /**
     * @param tokenIndex a token index.
     * @return its symbol.
     */
    public String tokenSymbol(final int tokenIndex)
    {
        return TokenSymbol.unpack(tokenSymbols[tokenIndex]);
    }

    /**
     * The per-batch check: in every token total debits equal total credits. O(tokens), so the engine runs it at the
     * end of every Disruptor batch; {@link #checkBalanced()} also sums every balance and runs at snapshots and close.
     *
     * @throws IllegalStateException naming the token if debits and credits differ.
     */
    public void checkTotals()
    {
        for (int i = 0; i < tokenCount; i++)
        {
            if (debitTotals[i] != creditTotals[i])
            {
                throw new IllegalStateException("ledger out of balance in token " + tokenSymbol(i) + ": debits=" +
                    debitTotals[i] + " credits=" + creditTotals[i]);
            }
        }
    }

    /**
     * Proves the bookkeeping invariants: per token, total debits equal total credits and all balances sum to zero.
     *
     * @throws IllegalStateException naming the token if either fails.
     */
    public void checkBalanced()
    {
        java.util.Arrays.fill(balanceSums, 0L);
        final Long2LongHashMap.KeyIterator it = balances.keySet().iterator();
        while (it.hasNext())
        {
            final long key = it.nextValue();
            final int token = (int)(key & (MAX_TOKENS - 1));
            balanceSums[token] = Math.addExact(balanceSums[token], balances.get(key));
        }
        for (int i = 0; i < tokenCount; i++)
        {
            if (debitTotals[i] != creditTotals[i] || balanceSums[i] != 0)
            {
                throw new IllegalStateException("ledger out of balance in token " + tokenSymbol(i) + ": debits=" +
                    debitTotals[i] + " credits=" + creditTotals[i] + " sum of balances=" + balanceSums[i]);
            }
        }
    }

    private void store(final long key, final long balance)
    {
        // the map's missing value is 0, which it cannot hold: a balance back at zero is simply absent
        if (balance == 0)
        {
            balances.remove(key);
        }
        else
        {
            balances.put(key, balance);
        }
    }

    private static long key(final long accountId, final int tokenIndex)
    {
        if (accountId < 0 || accountId > (Long.MAX_VALUE >> 4))
        {
            throw new IllegalArgumentException("account id out of range: " + accountId);
        }
        return (accountId << 4) | tokenIndex;
    }

    /**
     * Writes the ledger in canonical order, for snapshots.
     *
     * @param out destination.
     * @throws IOException on write failure.
     */
    public void writeState(final DataOutput out) throws IOException
    {
        out.writeInt(tokenCount);
        StateIo.writeLongs(out, tokenSymbols, tokenCount);
        StateIo.writeLongs(out, debitTotals, tokenCount);
        StateIo.writeLongs(out, creditTotals, tokenCount);
        snapshotScratch = StateIo.writeMap(out, balances, snapshotScratch);
    }

    /**
     * Replaces the ledger's state with a snapshot's.
     *
     * @param in source.
     * @throws IOException on read failure or a bad token count.
     */
    public void readState(final DataInput in) throws IOException
    {
        final int count = in.readInt();
        if (count < 0 || count > MAX_TOKENS)
        {
            throw new IOException("snapshot has " + count + " tokens");
        }
        tokenCount = count;
        System.arraycopy(StateIo.readLongs(in, MAX_TOKENS), 0, tokenSymbols, 0, MAX_TOKENS);
        System.arraycopy(StateIo.readLongs(in, MAX_TOKENS), 0, debitTotals, 0, MAX_TOKENS);
        System.arraycopy(StateIo.readLongs(in, MAX_TOKENS), 0, creditTotals, 0, MAX_TOKENS);
        StateIo.readMap(in, balances);
    }
}
