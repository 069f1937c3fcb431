package org.gridsettle.engine.ledger;

import org.gridsettle.engine.snapshot.IncrementalCopy;
import org.gridsettle.engine.snapshot.StateOutput;

import java.util.Arrays;

/**
 * The balances' part of a snapshot capture that does not stop the business-logic thread. The section lists every
 * non-zero balance sorted by account and token, so its length and each account's place in it follow from how many
 * non-zero balances each account holds, which the ledger keeps as postings change them: {@link #begin} writes the
 * count, claims the entries' bytes and notes where each slot's entries go, reading no balance; each slot's entries are
 * then copied a few slots at a time ({@link #copyNext}) or, copy-on-write, just before a posting changes that slot
 * ({@link #beforeChange}). Either way each slot is copied as it was when the capture began, and the bytes are those
 * {@link Ledger#writeState} would have written then.
 * <p>
 * The copy also sums the balances it copies, per token, and the call that copies the last slot checks that they sum
 * to zero, as {@link Ledger#checkBalanced} does: the snapshot's proof that the ledger is balanced is made on the
 * balances it holds. A slot whose count of non-zero balances disagrees with its balances fails the capture too, since
 * its entries would not fill their place.
 * <p>
 * Why: written at once, the balances of 100,000 accounts were 55% of the stall of a periodic capture, and reading
 * them once to count them, with the check before every capture, took 1.2-2.4 ms more while ticks waited.
 * <p>
 * A slot opened after the capture began had no balance then, so it has no entries and is never copied. A token
 * added after it began had no balance then either, so only the tokens in use at the start are copied.
 * <p>
 * Threading: the business-logic thread only, as the ledger it belongs to.
 */
final class LedgerCapture extends IncrementalCopy
{
    private static final int ENTRY_BYTES = 2 * Long.BYTES;

    private final Ledger ledger;
    private StateOutput out;
    private int tokens;
    /** Per token, the sum of the balances copied so far. */
    private final long[] sums = new long[Ledger.MAX_TOKENS];
    /** Where each slot's first entry goes in the capture: a byte offset, which passes 2 GiB for a large ledger. */
    private long[] entryAt = new long[0];

    LedgerCapture(final Ledger ledger)
    {
        this.ledger = ledger;
    }

    /**
     * Sizes the capture for a number of slots ahead of the first capture, so that it does not allocate while ticks
     * wait.
     *
     * @param slots slots expected.
     */
    void reserveSlots(final int slots)
    {
        reserve(slots);
        if (entryAt.length < slots)
        {
            entryAt = Arrays.copyOf(entryAt, slots);
        }
    }

    /**
     * Writes the entry count, claims the entries and places each slot's; the entries follow.
     *
     * @param out    the capture, written up to the entry count.
     * @param order  the slots in ascending account order.
     * @param slots  slots open now.
     * @param tokens tokens in use now.
     */
    void begin(final StateOutput out, final int[] order, final int slots, final int tokens)
    {
        if (entryAt.length < slots)
        {
            // once per growth of the accounts, not per capture
            entryAt = Arrays.copyOf(entryAt, slots + slots / 4 + 16);
        }
        final byte[] held = ledger.heldAt();
        final long[] at = entryAt;
        long entries = 0;
        for (int i = 0; i < slots; i++)
        {
            final int slot = order[i];
            at[slot] = entries;
            entries += held[slot];
        }
        out.writeInt(Math.toIntExact(entries));
        final long base = out.claim(entries * ENTRY_BYTES);
        for (int slot = 0; slot < slots; slot++)
        {
            at[slot] = base + at[slot] * ENTRY_BYTES;
        }
        Arrays.fill(sums, 0L);
        this.tokens = tokens;
        this.out = out;
        start(slots);
    }

    @Override
    protected void copy(final int slot)
    {
        // read here, not kept: a posting to a new account may have grown the array since the capture began
        final long[] b = ledger.balances();
        final long account = ledger.accountAt(slot);
        final StateOutput o = out;
        final long[] sum = sums;
        final long first = entryAt[slot];
        long at = first;
        for (int token = 0, from = slot * Ledger.MAX_TOKENS; token < tokens; token++)
        {
            final long balance = b[from + token];
            if (balance != 0)
            {
                o.putLongAt(at, Ledger.balanceKey(account, token));
                o.putLongAt(at + Long.BYTES, balance);
                at += ENTRY_BYTES;
                sum[token] = Math.addExact(sum[token], balance);
            }
        }
        final int held = ledger.heldAt()[slot];
        if (at - first != held * ENTRY_BYTES)
        {
            throw new IllegalStateException("ledger account " + account + " counts " + held +
                " non-zero balances and holds " + (at - first) / ENTRY_BYTES);
        }
    }

    @Override
    protected void completed()
    {
        ledger.checkCaptured(sums, tokens);
    }
}
