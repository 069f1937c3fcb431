package org.gridsettle.engine.ledger;

import org.gridsettle.engine.snapshot.StateIo;
import org.gridsettle.engine.snapshot.StateOutput;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.pricing.money.TokenSymbol;

/**
 * Double-entry balances per (account, token), in primitive arrays with no object per account.
 * <p>
 * A balance is credits minus debits, so a customer's credit is positive and the issuance account of a minted token
 * goes negative by what was minted less what was redeemed ({@link SystemAccounts#ISSUANCE} says where interest and
 * credits taken back leave the supply). Per token the ledger also keeps the running totals of debits and
 * of credits; {@link #checkBalanced()} proves they are equal and that balances sum to zero, and the engine halts if
 * not. Overflow throws rather than wrapping.
 * <p>
 * Layout: each account that was ever posted to has a dense slot, in order of first posting, holding its balance in
 * every token side by side ({@value #MAX_TOKENS} longs, 128 bytes). A caller that keeps an account's slot (the meter
 * registry does, per meter) posts without a hash lookup: on a fleet larger than the cache, that lookup was a miss on
 * a random line for every tick, where the slots of meters ticking in turn lie in turn. Slots are not state: a snapshot
 * holds the non-zero balances sorted by account and token, as it did when they were kept in a map.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
public final class Ledger
{
    /** Tokens a ledger can hold; the token index fits in the low bits of the balance key. */
    public static final int MAX_TOKENS = 16;
    /** Most slots: their balances, {@link #MAX_TOKENS} each, fill one array (some JVMs keep a few header words). */
    static final int MAX_SLOTS = (Integer.MAX_VALUE - 8) / MAX_TOKENS;
    /** Returned by {@link #findSlot} for an account never posted to. */
    public static final int NO_SLOT = -1;

    private static final int TOKEN_SHIFT = 4;
    /** Room for the system accounts, which take slots of their own. */
    private static final int SYSTEM_SLOTS = 8;

    /** System accounts take the low account ids: their slots, looked up for nearly every posting, skip the map. */
    private static final int LOW_ACCOUNTS = 64;

    private Long2LongHashMap slotByAccount = new Long2LongHashMap(1 << 12, 0.65f, NO_SLOT);
    private final int[] lowSlots = newLowSlots();
    /** The account in each slot. */
    private long[] accountAt = new long[1024];
    /** Balances, {@link #MAX_TOKENS} per slot. */
    private long[] balances = new long[1024 * MAX_TOKENS];
    /**
     * How many of each slot's balances are not zero, kept as postings change them, so that a capture knows each
     * account's place in the snapshot without reading every balance while ticks wait.
     */
    private byte[] heldAt = new byte[1024];
    private int slotCount;
    /** The slots in ascending account order, for snapshots. */
    private final AccountOrder order = new AccountOrder(this);
    private final long[] tokenSymbols = new long[MAX_TOKENS];
    private final long[] debitTotals = new long[MAX_TOKENS];
    private final long[] creditTotals = new long[MAX_TOKENS];
    private final long[] balanceSums = new long[MAX_TOKENS];
    private int tokenCount;
    private final LedgerCapture capture = new LedgerCapture(this);

    /**
     * Sizes the slots, the account order a snapshot writes in and its capture for a number of accounts, before the
     * business-logic thread starts, so that neither grows there.
     *
     * @param accounts accounts expected, system accounts aside.
     */
    public void reserveAccounts(final int accounts)
    {
        final int capacity = accounts + SYSTEM_SLOTS;
        if (accountAt.length < capacity)
        {
            // the map too, or it would rehash its way up to the fleet on the logic thread
            final Long2LongHashMap presized = new Long2LongHashMap(
                Math.max(1 << 12, (int)Math.min(1 << 30, (long)(capacity / 0.65f) + 1)), 0.65f, NO_SLOT);
            presized.putAll(slotByAccount);
            slotByAccount = presized;
            accountAt = java.util.Arrays.copyOf(accountAt, capacity);
            balances = java.util.Arrays.copyOf(balances, Math.multiplyExact(capacity, MAX_TOKENS));
            heldAt = java.util.Arrays.copyOf(heldAt, capacity);
        }
        order.reserve(capacity);
        capture.reserveSlots(capacity);
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
        for (int slot = 0; slot < slotCount; slot++)
        {
            if (accountAt[slot] >= firstCustomer && balances[slot * MAX_TOKENS + tokenIndex] > 0)
            {
                found.addLong(accountAt[slot]);
            }
        }
        final long[] accounts = found.toLongArray();
        java.util.Arrays.sort(accounts);
        return accounts;
    }

    /**
     * Finds or adds an account's slot. Slots are numbered in order of first posting, which is input order.
     *
     * @param accountId an account, 0 to {@code Long.MAX_VALUE >> 4}.
     * @return its slot.
     */
    public int slotOf(final long accountId)
    {
        final int slot = findSlot(accountId);
        return slot != NO_SLOT ? slot : addSlot(accountId);
    }

    /**
     * @param accountId an account.
     * @return its slot, or {@link #NO_SLOT} if it was never posted to.
     */
    public int findSlot(final long accountId)
    {
        return accountId >= 0 && accountId < LOW_ACCOUNTS ? lowSlots[(int)accountId] :
            (int)slotByAccount.get(accountId);
    }

    private static int[] newLowSlots()
    {
        final int[] slots = new int[LOW_ACCOUNTS];
        java.util.Arrays.fill(slots, NO_SLOT);
        return slots;
    }

    /**
     * Slots to hold once {@code held} are full: twice as many, but never more than {@link #MAX_SLOTS}, or doubling
     * the balances' int length overflows with a fleet well within the limit.
     *
     * @param held slots held now, all in use.
     * @return the new capacity, more than {@code held}.
     * @throws IllegalStateException naming the limit, if {@code held} is already the most one array holds.
     */
    static int grownSlots(final int held)
    {
        if (held >= MAX_SLOTS)
        {
            throw new IllegalStateException((held + 1L) + " ledger accounts of " + MAX_TOKENS + " balances each are " +
                "more than the " + MAX_SLOTS + " one array holds");
        }
        return (int)Math.min(2L * held, MAX_SLOTS);
    }

    private int addSlot(final long accountId)
    {
        if (accountId < 0 || accountId > (Long.MAX_VALUE >> TOKEN_SHIFT))
        {
            throw new IllegalArgumentException("account id out of range: " + accountId);
        }
        final int slot = slotCount;
        if (slot == accountAt.length)
        {
            final int capacity = grownSlots(slot);
            accountAt = java.util.Arrays.copyOf(accountAt, capacity);
            balances = java.util.Arrays.copyOf(balances, Math.multiplyExact(capacity, MAX_TOKENS));
            heldAt = java.util.Arrays.copyOf(heldAt, capacity);
        }
        accountAt[slot] = accountId;
        if (accountId < LOW_ACCOUNTS)
        {
            lowSlots[(int)accountId] = slot;
        }
        else
        {
            slotByAccount.put(accountId, slot);
        }
        slotCount++;
        order.opened(slot, accountId);
        return slot;
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
        postToSlots(slotOf(debitAccount), slotOf(creditAccount), tokenIndex, amount);
    }

    /**
     * Posts one transfer between accounts given by their slots.
     *
     * @param debitSlot  slot of the account debited, from {@link #slotOf}.
     * @param creditSlot slot of the account credited.
     * @param tokenIndex from {@link #tokenIndex(long)}.
     * @param amount     micro-units, not negative.
     */
    public void postToSlots(final int debitSlot, final int creditSlot, final int tokenIndex, final long amount)
    {
        if (amount < 0)
        {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        // a capture in progress copies these accounts' balances as they were before they change
        capture.beforeChange(debitSlot);
        capture.beforeChange(creditSlot);
        final long[] b = balances;
        final int debit = debitSlot * MAX_TOKENS + tokenIndex;
        final int credit = creditSlot * MAX_TOKENS + tokenIndex;
        final long oldDebitBalance = b[debit];
        final long oldCreditBalance = b[credit];
        final long newDebitBalance = Math.subtractExact(oldDebitBalance, amount);
        // an account paying itself keeps its balance (computing both from the old balance once added the amount)
        final long newCreditBalance = credit == debit ? oldDebitBalance : Math.addExact(oldCreditBalance, amount);
        debitTotals[tokenIndex] = Math.addExact(debitTotals[tokenIndex], amount);
        creditTotals[tokenIndex] = Math.addExact(creditTotals[tokenIndex], amount);
        b[debit] = newDebitBalance;
        b[credit] = newCreditBalance;
        if (credit != debit)
        {
            final byte[] held = heldAt;
            held[debitSlot] += heldChange(oldDebitBalance, newDebitBalance);
            held[creditSlot] += heldChange(oldCreditBalance, newCreditBalance);
        }
    }

    private static int heldChange(final long before, final long after)
    {
        return (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
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
        final int slot = findSlot(accountId);
        return slot == NO_SLOT ? 0 : balances[slot * MAX_TOKENS + tokenIndex];
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
     * end of every Disruptor batch; {@link #checkBalanced()} also sums every balance and runs before a snapshot taken
     * whole, and a periodic capture sums them as it copies them ({@link #writeStateDeferred}).
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
        final long[] sums = balanceSums;
        java.util.Arrays.fill(sums, 0L);
        final long[] b = balances;
        for (int slot = 0; slot < slotCount; slot++)
        {
            for (int token = 0, at = slot * MAX_TOKENS; token < tokenCount; token++, at++)
            {
                sums[token] = Math.addExact(sums[token], b[at]);
            }
        }
        for (int i = 0; i < tokenCount; i++)
        {
            if (debitTotals[i] != creditTotals[i] || sums[i] != 0)
            {
                throw new IllegalStateException("ledger out of balance in token " + tokenSymbol(i) + ": debits=" +
                    debitTotals[i] + " credits=" + creditTotals[i] + " sum of balances=" + sums[i]);
            }
        }
    }

    /**
     * The check {@link #checkBalanced} makes of the balances, for balances summed elsewhere: a capture's, as it copied
     * them.
     *
     * @param sums   per token, the sum of every account's balance.
     * @param tokens tokens summed.
     * @throws IllegalStateException naming the first token whose balances do not sum to zero.
     */
    void checkCaptured(final long[] sums, final int tokens)
    {
        for (int i = 0; i < tokens; i++)
        {
            if (sums[i] != 0)
            {
                throw new IllegalStateException("ledger out of balance in token " + tokenSymbol(i) +
                    ": the balances captured for a snapshot sum to " + sums[i]);
            }
        }
    }

    /**
     * Writes the ledger in canonical order, for snapshots.
     *
     * @param out destination.
     * @throws IOException on write failure.
     */
    public void writeState(final DataOutput out) throws IOException
    {
        writeTokens(out);
        // the form a map of non-zero balances keyed (account << 4 | token) had, sorted by key: accounts in order,
        // and within an account its tokens in order; no token past those in use holds a balance
        final long[] b = balances;
        final int slots = slotCount;
        final int tokens = tokenCount;
        final int[] sorted = order.slots();
        int entries = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            entries += nonZero(b, slot, tokens);
        }
        out.writeInt(entries);
        for (int i = 0; i < slots; i++)
        {
            final int slot = sorted[i];
            final long account = accountAt[slot];
            final int at = slot * MAX_TOKENS;
            for (int token = 0; token < tokens; token++)
            {
                if (b[at + token] != 0)
                {
                    out.writeLong(balanceKey(account, token));
                    out.writeLong(b[at + token]);
                }
            }
        }
    }

    /**
     * Writes what {@link #writeState} writes, except that the balances' entries are left to be copied as the
     * business-logic thread goes on ({@link LedgerCapture}): a few accounts at a time by {@link #captureStep}, and by
     * {@link #postToSlots} itself before it changes an account not copied yet. The bytes are complete, and those
     * {@link #writeState} would have written now, once {@link #captureStep} returns true; the copy also proves the
     * balances it copied balanced, as {@link #checkBalanced} does, and the call that completes it throws if not.
     *
     * @param out the capture.
     * @throws IOException never from a {@link StateOutput}.
     */
    public void writeStateDeferred(final StateOutput out) throws IOException
    {
        capture.copyNext(Integer.MAX_VALUE);
        writeTokens(out);
        capture.begin(out, order.slots(), slotCount, tokenCount);
    }

    /**
     * Copies a few more accounts' balances of a capture begun by {@link #writeStateDeferred}.
     *
     * @param accounts accounts to copy at most.
     * @return true if the capture is complete, or none is pending.
     * @throws IllegalStateException naming the token if this call completed the capture and the balances it holds
     *     are out of balance, or an account's count of balances disagreed with its balances.
     */
    public boolean captureStep(final int accounts)
    {
        return capture.copyNext(accounts);
    }

    /**
     * @return whether a capture begun by {@link #writeStateDeferred} has accounts left to copy.
     */
    public boolean capturePending()
    {
        return capture.copying();
    }

    private void writeTokens(final DataOutput out) throws IOException
    {
        out.writeInt(tokenCount);
        StateIo.writeLongs(out, tokenSymbols, tokenCount);
        StateIo.writeLongs(out, debitTotals, tokenCount);
        StateIo.writeLongs(out, creditTotals, tokenCount);
    }

    static long balanceKey(final long account, final int token)
    {
        return (account << TOKEN_SHIFT) | token;
    }

    long[] balances()
    {
        return balances;
    }

    long accountAt(final int slot)
    {
        return accountAt[slot];
    }

    byte[] heldAt()
    {
        return heldAt;
    }

    private static int nonZero(final long[] b, final int slot, final int tokens)
    {
        int held = 0;
        for (int at = slot * MAX_TOKENS, end = at + tokens; at < end; at++)
        {
            if (b[at] != 0)
            {
                held++;
            }
        }
        return held;
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
        java.util.Arrays.fill(balances, 0, slotCount * MAX_TOKENS, 0L);
        java.util.Arrays.fill(heldAt, 0, slotCount, (byte)0);
        slotByAccount.clear();
        java.util.Arrays.fill(lowSlots, NO_SLOT);
        slotCount = 0;
        order.clear();
        final int entries = StateIo.readCount(in, 2 * Long.BYTES);
        long previousKey = -1;
        for (int i = 0; i < entries; i++)
        {
            final long key = in.readLong();
            final long balance = in.readLong();
            if (key < 0)
            {
                throw new IOException("snapshot has a negative balance key " + key);
            }
            if (key <= previousKey)
            {
                // the ledger writes each balance once, in ascending key order; and counts them as it reads
                throw new IOException("snapshot's balance keys are not in ascending order at entry " + i);
            }
            previousKey = key;
            if ((int)(key & (MAX_TOKENS - 1)) >= count)
            {
                throw new IOException("snapshot has a balance in token " + (key & (MAX_TOKENS - 1)) + " of " + count);
            }
            final int slot = slotOf(key >>> TOKEN_SHIFT);
            balances[slot * MAX_TOKENS + (int)(key & (MAX_TOKENS - 1))] = balance;
            if (balance != 0)
            {
                heldAt[slot]++;
            }
        }
    }
}
