package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * Emits the state machine's outputs: posts each transfer to the ledger and encodes it, encodes rejections and
 * duplicate acknowledgements, numbers every output, and hands each one to the {@link OutputSink}.
 * <p>
 * An input takes full effect or none. A processor whose input posts more than one transfer first runs the posting
 * code between {@link #beginCheck()} and {@link #endCheck()}: in that check mode a transfer only adds its amount to a
 * {@link PostingBudget} and nothing is posted, numbered or emitted; if the budget does not fit the ledger the
 * processor rejects the input (OVERFLOW) before its first real posting.
 * <p>
 * One pre-allocated output buffer and one flyweight per type: nothing is allocated per output.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class Postings
{
    private final OutputSink sink;
    private final Ledger ledger;
    private final UnsafeBuffer out = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private final TransferCodec transfer = new TransferCodec();
    private final RejectionCodec rejection = new RejectionCodec();
    private final DuplicateAckCodec duplicate = new DuplicateAckCodec();
    private final PostingBudget budget;
    private boolean checking;
    private long outputSequence;
    private long transfers;
    private long rejections;

    Postings(final OutputSink sink, final Ledger ledger)
    {
        this.sink = sink;
        this.ledger = ledger;
        this.budget = new PostingBudget(ledger);
        transfer.wrap(out, 0);
        rejection.wrap(out, 0);
        duplicate.wrap(out, 0);
    }

    /**
     * Posts a transfer to the ledger and starts encoding it; the caller adds the explanation with
     * {@link TransferCodec#explain} on the returned codec and then calls {@link #emitTransfer()}.
     */
    TransferCodec transfer(
        final long cause,
        final long debit,
        final long credit,
        final long tokenSymbol,
        final long amount,
        final ReasonCode reason)
    {
        return transfer(cause, debit, Ledger.NO_SLOT, credit, Ledger.NO_SLOT, tokenSymbol, amount, reason);
    }

    /**
     * As {@link #transfer(long, long, long, long, long, ReasonCode)}, for a caller that knows the ledger slot of
     * either account ({@link Ledger#NO_SLOT} if not), so the ledger need not look it up.
     */
    TransferCodec transfer(
        final long cause,
        final long debit,
        final int debitSlot,
        final long credit,
        final int creditSlot,
        final long tokenSymbol,
        final long amount,
        final ReasonCode reason)
    {
        if (checking)
        {
            // encoded only so the caller's explain() has a record to write to; never emitted
            budget.add(tokenSymbol, amount);
            return transfer.encode(outputSequence + 1, cause, debit, credit, tokenSymbol, amount, reason);
        }
        ledger.postToSlots(debitSlot == Ledger.NO_SLOT ? ledger.slotOf(debit) : debitSlot,
            creditSlot == Ledger.NO_SLOT ? ledger.slotOf(credit) : creditSlot, ledger.tokenIndex(tokenSymbol), amount);
        transfers++;
        return transfer.encode(++outputSequence, cause, debit, credit, tokenSymbol, amount, reason);
    }

    void emitTransfer()
    {
        if (!checking)
        {
            sink.onOutput(out, 0, TransferCodec.LENGTH);
        }
    }

    /**
     * Enters check mode: until {@link #endCheck()}, {@link #transfer} adds up amounts instead of posting them.
     */
    void beginCheck()
    {
        budget.clear();
        checking = true;
    }

    /**
     * Leaves check mode.
     *
     * @return true if the ledger can take every transfer made since {@link #beginCheck()}.
     */
    boolean endCheck()
    {
        checking = false;
        return budget.fits();
    }

    void reject(final long cause, final ReasonCode reason, final int inputType, final long subject)
    {
        // a processor may throw in check mode (SettlementLogic rejects the input then): nothing was posted yet
        checking = false;
        rejection.encode(++outputSequence, cause, reason, inputType, subject);
        rejections++;
        sink.onOutput(out, 0, RejectionCodec.LENGTH);
    }

    void acknowledgeDuplicate(final long cause, final long subject, final long key)
    {
        duplicate.encode(++outputSequence, cause, subject, key);
        sink.onOutput(out, 0, DuplicateAckCodec.LENGTH);
    }

    long outputSequence()
    {
        return outputSequence;
    }

    long transfers()
    {
        return transfers;
    }

    long rejections()
    {
        return rejections;
    }

    Ledger ledger()
    {
        return ledger;
    }

    void writeState(final DataOutput out) throws IOException
    {
        out.writeLong(outputSequence);
        out.writeLong(transfers);
        out.writeLong(rejections);
    }

    void readState(final DataInput in) throws IOException
    {
        outputSequence = in.readLong();
        transfers = in.readLong();
        rejections = in.readLong();
    }
}
