package org.gridsettle.engine.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.agrona.collections.Long2LongHashMap;
import org.gridsettle.engine.snapshot.StateIo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger keeps balances in dense slots, but its snapshot must stay the bytes of the map it replaced: the
 * non-zero balances keyed {@code account << 4 | token}, sorted, as {@link StateIo#writeMap} writes them. The model
 * here is that map, posted to alongside.
 */
class LedgerSlotProperties
{
    @Property(tries = 300)
    void snapshotIsTheSortedMapOfNonZeroBalances(
        @ForAll @Size(max = 80) final List<@LongRange(min = 1, max = 30) Long> debits,
        @ForAll @Size(max = 80) final List<@LongRange(min = 1, max = 30) Long> credits,
        @ForAll @Size(max = 80) final List<@IntRange(min = 0, max = 3) Integer> tokens,
        @ForAll @Size(max = 80) final List<@LongRange(min = 0, max = 1_000) Long> amounts,
        @ForAll @IntRange(min = 0, max = 80) final int captureAt) throws IOException
    {
        final Ledger ledger = new Ledger();
        final Long2LongHashMap model = new Long2LongHashMap(0L);
        for (int t = 0; t < 4; t++)
        {
            ledger.tokenIndex(100 + t);
        }
        final int n = Math.min(Math.min(debits.size(), credits.size()), Math.min(tokens.size(), amounts.size()));
        for (int i = 0; i < n; i++)
        {
            if (i == captureAt)
            {
                // a capture part way keeps the account order for the next: accounts first seen after it must be
                // placed in it, not missed
                assertThat(state(ledger)).isEqualTo(expected(model, tokens, amounts, i));
            }
            final long debit = account(debits.get(i));
            final long credit = account(credits.get(i));
            final int token = tokens.get(i);
            final long amount = amounts.get(i);
            if (i % 2 == 0)
            {
                ledger.post(debit, credit, token, amount);
            }
            else
            {
                ledger.postToSlots(ledger.slotOf(debit), ledger.slotOf(credit), token, amount);
            }
            add(model, (debit << 4) | token, -amount);
            add(model, (credit << 4) | token, amount);
            assertThat(ledger.balance(debit, token)).isEqualTo(model.get((debit << 4) | token));
        }
        ledger.checkBalanced();

        final byte[] snapshot = state(ledger);
        assertThat(snapshot).isEqualTo(expected(model, tokens, amounts, n));

        // and a ledger restored from it writes it again, byte for byte, and answers the same balances
        final Ledger restored = new Ledger();
        restored.readState(new DataInputStream(new ByteArrayInputStream(snapshot)));
        assertThat(state(restored)).isEqualTo(snapshot);
        // restoring over a ledger that has captured before: its slots are dealt out again, in another order
        ledger.readState(new DataInputStream(new ByteArrayInputStream(snapshot)));
        assertThat(state(ledger)).isEqualTo(snapshot);
        for (long drawn = 1; drawn <= 30; drawn++)
        {
            final long account = account(drawn);
            for (int token = 0; token < 4; token++)
            {
                assertThat(restored.balance(account, token)).isEqualTo(model.get((account << 4) | token));
            }
        }
    }

    /** The model's snapshot after the first {@code posted} postings. */
    private static byte[] expected(
        final Long2LongHashMap model, final List<Integer> tokens, final List<Long> amounts, final int posted)
        throws IOException
    {
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected))
        {
            out.writeInt(4);
            StateIo.writeLongs(out, new long[] {100, 101, 102, 103}, 4);
            final long[] totals = new long[4];
            for (int i = 0; i < posted; i++)
            {
                totals[tokens.get(i)] += amounts.get(i);
            }
            StateIo.writeLongs(out, totals, 4);
            StateIo.writeLongs(out, totals, 4);
            StateIo.writeMap(out, model, new long[0]);
        }
        return expected.toByteArray();
    }

    /** Half system accounts (low ids, kept apart from the map), half customers. */
    private static long account(final long drawn)
    {
        return drawn <= 15 ? drawn : 990 + drawn;
    }

    private static void add(final Long2LongHashMap map, final long key, final long delta)
    {
        final long balance = map.get(key) + delta;
        if (balance == 0)
        {
            map.remove(key);
        }
        else
        {
            map.put(key, balance);
        }
    }

    private static byte[] state(final Ledger ledger) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            ledger.writeState(out);
        }
        return bytes.toByteArray();
    }
}
