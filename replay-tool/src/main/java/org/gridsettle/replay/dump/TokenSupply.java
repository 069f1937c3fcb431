package org.gridsettle.replay.dump;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A treasurer's reconciliation of an output journal, per token: what was minted, redeemed and paid as interest, what
 * the system accounts hold, and what customers hold and owe, as of an input sequence (the state after that input was
 * applied, as a balance query's {@code asOfSequence} names it). Everything is added up from the transfers, verified
 * as they are read (journal/FORMAT.md section 5, "Supply and reserve", says where each token's supply sits).
 * <p>
 * {@code minted} is the issuance account's debits less its credits other than REDEMPTION (reversals and credits
 * trued down), so {@code reserve} = minted - redeemed = minus the issuance balance. {@code held} and {@code owed}
 * are the sums of the customers' balances above and below zero: in a program token, held exceeds reserve + interest
 * by what customers owe back after a credit they had redeemed was taken back; in a charge token (USD), owed is the
 * charges due and revenue and the carbon fund hold their counterpart.
 * <p>
 * Not thread-safe; one run per instance. Keeps one map entry per customer account and token; allocates only for a
 * token's first transfer and a customer's first of a token.
 */
public final class TokenSupply
{
    private static final int TRANSFER = RecordType.TRANSFER.id();
    private static final int REDEMPTION = ReasonCode.REDEMPTION.code();
    private static final int INTEREST = ReasonCode.INTEREST.code();
    /** System accounts are 1 to 5: their balances are kept apart from the customers'. */
    private static final int SYSTEM_ACCOUNTS = (int)SystemAccounts.YIELD + 1;

    private final long asOfInput;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final TransferCodec transfer = new TransferCodec();
    /** In the order the journal first posts in each token; a journal has a handful, so a scan finds one. */
    private final List<Totals> byToken = new ArrayList<>();
    private final RecordHandler add = this::onRecord;
    private long lastCause;
    private boolean past;

    /**
     * @param asOfInput the last input sequence whose outputs are counted; {@link Long#MAX_VALUE} for all.
     */
    public TokenSupply(final long asOfInput)
    {
        this.asOfInput = asOfInput;
    }

    /**
     * Adds up an output journal to its end, or to the last output of the input sequence asked for.
     *
     * @param queueDir the output journal's queue directory.
     * @param archive  true for an archive of closed cycle files, whose last roll is its end (FORMAT.md section 12).
     * @throws JournalCorruptException at the first record that fails verification, or at the end of a journal whose
     *                                 later cycle files were removed.
     */
    public void run(final Path queueDir, final boolean archive)
    {
        try (JournalReader reader = JournalReader.readOnly(queueDir))
        {
            while (!past && reader.next(add))
            {
                // onRecord adds
            }
            final String removed = past || archive ? null : reader.removedCycleFilesProblem();
            if (removed != null)
            {
                throw new JournalCorruptException(removed);
            }
        }
    }

    /**
     * @return the input sequence the figures are as of: the one asked for, or, when the journal ends before it, the
     *     last input that has an output; 0 for a journal without outputs.
     */
    public long asOfInput()
    {
        return past ? asOfInput : lastCause;
    }

    /**
     * @return true if no transfer was counted: no token has figures, and {@link #write} writes nothing.
     */
    public boolean countedNoTransfer()
    {
        return byToken.isEmpty();
    }

    /**
     * Writes one JSON object per token, in the order the journal first posts in each.
     *
     * @param fields where the lines go.
     * @throws IOException            if the output cannot be written.
     * @throws JournalCorruptException when a token's customers' balances sum past a long, which no journal of this
     *                                 engine holds.
     */
    public void write(final JsonFields fields) throws IOException
    {
        for (final Totals totals : byToken)
        {
            try
            {
                write(fields, totals);
            }
            catch (final ArithmeticException ex)
            {
                throw overflow(totals.token, "the sum of its customers' balances as of input " + asOfInput());
            }
        }
    }

    /** Writes one token's line; every figure is worked out before its first byte, so an overflow writes nothing. */
    private void write(final JsonFields fields, final Totals totals) throws IOException
    {
        long held = 0;
        long owed = 0;
        long owing = 0;
        final Long2LongHashMap.ValueIterator balances = totals.customers.values().iterator();
        while (balances.hasNext())
        {
            final long balance = balances.nextValue();
            if (balance > 0)
            {
                held = Math.addExact(held, balance);
            }
            else if (balance < 0)
            {
                owed = Math.subtractExact(owed, balance);
                owing++;
            }
        }
        final long reserve = Math.subtractExact(totals.minted, totals.redeemed);
        final long outstanding = Math.subtractExact(held, owed);
        fields.generator().writeStartObject();
        fields.token("token", totals.token);
        fields.number("asOfInput", asOfInput());
        fields.amount("minted", totals.minted);
        fields.amount("redeemed", totals.redeemed);
        fields.amount("reserve", reserve);
        fields.amount("interest", totals.interest);
        fields.amount("held", held);
        fields.amount("owed", owed);
        fields.number("accountsOwing", owing);
        fields.amount("outstanding", outstanding);
        fields.amount("revenue", totals.system[(int)SystemAccounts.REVENUE]);
        fields.amount("drFund", totals.system[(int)SystemAccounts.DR_FUND]);
        fields.amount("carbonFund", totals.system[(int)SystemAccounts.CARBON_FUND]);
        fields.amount("issuanceBalance", totals.system[(int)SystemAccounts.ISSUANCE]);
        fields.amount("yieldBalance", totals.system[(int)SystemAccounts.YIELD]);
        fields.generator().writeEndObject();
        fields.generator().writeRaw('\n');
    }

    private void onRecord(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.CHECKPOINT.id())
        {
            return;
        }
        final long cause = RecordFlyweight.causeSequenceAt(buffer, offset);
        if (cause > asOfInput)
        {
            // outputs come in the order of the inputs that caused them: nothing after this one is counted
            past = true;
            return;
        }
        lastCause = cause;
        if (RecordFlyweight.typeIdAt(buffer, offset) != TRANSFER)
        {
            return;
        }
        record.wrap(buffer, offset, length);
        transfer.wrap(record, 0);
        final Totals totals = totalsOf(transfer.token());
        try
        {
            add(totals);
        }
        catch (final ArithmeticException ex)
        {
            throw overflow(totals.token, "output record " + position + " (sequence " + transfer.sequence() + ")");
        }
    }

    /** Adds the wrapped transfer to its token's figures. */
    private void add(final Totals totals)
    {
        final long amount = transfer.amount();
        final long debit = transfer.debitAccount();
        final long credit = transfer.creditAccount();
        totals.post(debit, -amount);
        totals.post(credit, amount);
        final int reason = transfer.reasonCode();
        if (debit == SystemAccounts.ISSUANCE)
        {
            totals.minted = Math.addExact(totals.minted, amount);
        }
        if (credit == SystemAccounts.ISSUANCE)
        {
            if (reason == REDEMPTION)
            {
                totals.redeemed = Math.addExact(totals.redeemed, amount);
            }
            else
            {
                totals.minted = Math.subtractExact(totals.minted, amount);
            }
        }
        if (reason == INTEREST)
        {
            totals.interest = Math.addExact(totals.interest, amount);
        }
    }

    /**
     * A verified chain with totals past a long: amounts this engine never posts, so a journal it did not write, or a
     * forgery whose chain was rebuilt. Said as a corrupt journal, naming where, rather than as a bare overflow.
     */
    private static JournalCorruptException overflow(final long token, final String where)
    {
        return new JournalCorruptException("token " + TokenSymbol.unpack(token) + ": the figures overflow a long at " +
            where + "; no ledger of this engine holds such amounts, so the journal was not written by it");
    }

    private Totals totalsOf(final long token)
    {
        final List<Totals> tokens = byToken;
        for (int i = 0, size = tokens.size(); i < size; i++)
        {
            final Totals totals = tokens.get(i);
            if (totals.token == token)
            {
                return totals;
            }
        }
        final Totals first = new Totals(token);
        tokens.add(first);
        return first;
    }

    /**
     * One token's running figures.
     */
    private static final class Totals
    {
        private final long token;
        private final long[] system = new long[SYSTEM_ACCOUNTS];
        private final Long2LongHashMap customers = new Long2LongHashMap(Long.MIN_VALUE);
        private long minted;
        private long redeemed;
        private long interest;

        Totals(final long token)
        {
            this.token = token;
        }

        void post(final long account, final long change)
        {
            if (account > 0 && account < SYSTEM_ACCOUNTS)
            {
                system[(int)account] = Math.addExact(system[(int)account], change);
                return;
            }
            final long before = customers.get(account);
            customers.put(account, Math.addExact(before == Long.MIN_VALUE ? 0 : before, change));
        }
    }
}
