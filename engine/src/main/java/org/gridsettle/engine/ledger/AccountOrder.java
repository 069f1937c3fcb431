package org.gridsettle.engine.ledger;

import java.util.Arrays;

/**
 * The ledger's slots in ascending account order, which a snapshot writes its balances in, kept as slots are opened
 * rather than sorted when a capture begins.
 * <p>
 * Why: slots are opened in order of first posting, and sorting 100,000 accounts and looking each one's slot up again
 * held up the first capture of every engine for 7-11 ms while ticks waited. An account opened after every account
 * already in order, as most are, is appended at once. Any other (a system account first posted to late, a fleet
 * enrolled out of order) waits in a list that the next capture sorts and merges in, in place, from the back.
 * <p>
 * Threading: the business-logic thread only, as the ledger it belongs to.
 */
final class AccountOrder
{
    private final Ledger ledger;
    private long[] accounts = new long[0];
    private int[] slots = new int[0];
    private int ordered;
    /** Accounts opened out of order since the last merge, unsorted. */
    private long[] pending = new long[16];
    private int pendingCount;

    AccountOrder(final Ledger ledger)
    {
        this.ledger = ledger;
    }

    /**
     * Sizes the order for a number of slots, so that neither opening them nor merging allocates.
     *
     * @param capacity slots expected.
     */
    void reserve(final int capacity)
    {
        if (accounts.length < capacity)
        {
            accounts = Arrays.copyOf(accounts, capacity);
            slots = Arrays.copyOf(slots, capacity);
        }
    }

    /**
     * Forgets every slot, for a ledger that reads a snapshot into fresh slots.
     */
    void clear()
    {
        ordered = 0;
        pendingCount = 0;
    }

    /**
     * Places a slot just opened.
     *
     * @param slot    the slot.
     * @param account its account.
     */
    void opened(final int slot, final long account)
    {
        final int n = ordered;
        if (n == 0 || account > accounts[n - 1])
        {
            if (n == accounts.length)
            {
                accounts = Arrays.copyOf(accounts, n * 2 + 16);
                slots = Arrays.copyOf(slots, accounts.length);
            }
            accounts[n] = account;
            slots[n] = slot;
            ordered = n + 1;
        }
        else
        {
            if (pendingCount == pending.length)
            {
                pending = Arrays.copyOf(pending, pendingCount * 2);
            }
            pending[pendingCount++] = account;
        }
    }

    /**
     * @return every open slot in ascending account order, from index 0.
     */
    int[] slots()
    {
        if (pendingCount > 0)
        {
            merge();
        }
        return slots;
    }

    private void merge()
    {
        final long[] late = pending;
        final int lateCount = pendingCount;
        Arrays.sort(late, 0, lateCount);
        final int total = ordered + lateCount;
        if (accounts.length < total)
        {
            accounts = Arrays.copyOf(accounts, total + total / 4 + 16);
            slots = Arrays.copyOf(slots, accounts.length);
        }
        final long[] a = accounts;
        final int[] s = slots;
        // merged from the back, in place: the places written are past any not yet read
        int i = ordered - 1;
        int j = lateCount - 1;
        for (int k = total - 1; j >= 0; k--)
        {
            // accounts are distinct, so one side is always strictly larger
            if (i >= 0 && a[i] > late[j])
            {
                a[k] = a[i];
                s[k] = s[i];
                i--;
            }
            else
            {
                a[k] = late[j];
                s[k] = ledger.findSlot(late[j]);
                j--;
            }
        }
        ordered = total;
        pendingCount = 0;
    }
}
