package org.gridsettle.engine.ledger;

import org.gridsettle.engine.snapshot.IncrementalCopy;
import org.gridsettle.engine.snapshot.StateOutput;

import java.util.Arrays;

/**
 * The balances' part of a snapshot capture that does not stop the business-logic thread. The section lists every
 * non-zero balance sorted by account and token, so its length and each account's place in it are known once the
 * non-zero balances are counted: {@link #begin} counts them, writes the count, claims the entries' bytes and notes
 * where each slot's entries go; each slot's entries are then copied a few slots at a time ({@link #copyNext}) or,
 * copy-on-write, just before a posting changes that slot ({@link #beforeChange}). Either way each slot is copied as
 * it was when the capture began, and the bytes are those {@link Ledger#writeState} would have written then.
 * <p>
 * Why: written at once, the balances of 100,000 accounts were 55% of the stall of a periodic capture. Counting them
 * still reads the balances once, and that read also proves them balanced, as {@link Ledger#checkBalanced} did in a
 * pass of its own before every capture; writing them no longer happens while ticks wait.
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
    /** Where each slot's first entry goes in the capture. */
    private int[] entryAt = new int[0];

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
     * Counts the balances, proving them balanced on the way, writes the entry count, claims the entries and places
     * each slot's; the entries follow.
     *
     * @param out    the capture, written up to the entry count.
     * @param order  the slots in ascending account order.
     * @param slots  slots open now.
     * @param tokens tokens in use now.
     * @throws IllegalStateException naming the token if the ledger is out of balance.
     */
    void begin(final StateOutput out, final int[] order, final int slots, final int tokens)
    {
        if (entryAt.length < slots)
        {
            // once per growth of the accounts, not per capture
            entryAt = Arrays.copyOf(entryAt, slots + slots / 4 + 16);
        }
        final long[] b = ledger.balances();
        final long[] sums = ledger.clearedSums();
        final int[] at = entryAt;
        int entries = 0;
        for (int i = 0; i < slots; i++)
        {
            final int slot = order[i];
            at[slot] = entries;
            entries += Ledger.addBalances(b, slot, tokens, sums);
        }
        // the pass that counts the balances proves them too: the snapshot's check of the ledger, for one read of it
        ledger.checkSums();
        out.writeInt(entries);
        final int base = out.claim((long)entries * ENTRY_BYTES);
        for (int slot = 0; slot < slots; slot++)
        {
            at[slot] = base + at[slot] * ENTRY_BYTES;
        }
        this.tokens = tokens;
        this.out = out;
        start(entries > 0 ? slots : 0);
    }

    @Override
    protected void copy(final int slot)
    {
        // read here, not kept: a posting to a new account may have grown the array since the capture began
        final long[] b = ledger.balances();
        final long account = ledger.accountAt(slot);
        final StateOutput o = out;
        int at = entryAt[slot];
        for (int token = 0, from = slot * Ledger.MAX_TOKENS; token < tokens; token++)
        {
            final long balance = b[from + token];
            if (balance != 0)
            {
                o.putLongAt(at, Ledger.balanceKey(account, token));
                o.putLongAt(at + Long.BYTES, balance);
                at += ENTRY_BYTES;
            }
        }
    }
}
