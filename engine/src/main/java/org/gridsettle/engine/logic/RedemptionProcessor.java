package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.LongHashSet;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;

/**
 * Applies redemptions, the off-ramp: program tokens are burnt by debiting the customer and crediting the token's
 * issuance account, which lowers supply by exactly the amount redeemed, keeping supply equal to the reserve.
 * <p>
 * A redemption never overdraws: it is rejected with {@link ReasonCode#INSUFFICIENT_BALANCE} instead. Request ids
 * that were applied are remembered for the life of the journal, so a retry is acknowledged and burns nothing; a
 * rejected request may be retried. Because every redemption passes through the single business-logic thread, the
 * balance check and the debit cannot interleave with another host thread's request.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class RedemptionProcessor
{
    private static final int REDEMPTION = RecordType.REDEMPTION.id();

    private final MeterRegistry meters;
    private final Postings postings;
    private final LongHashSet applied = new LongHashSet();
    /** Sorts keys for a snapshot; kept so that a capture allocates nothing once the state stops growing. */
    private long[] snapshotScratch = new long[0];

    RedemptionProcessor(final MeterRegistry meters, final Postings postings)
    {
        this.meters = meters;
        this.postings = postings;
    }

    void apply(final long sequence, final RedemptionCodec request)
    {
        final long requestId = request.requestId();
        final long account = request.accountId();
        final long amount = request.amount();
        if (applied.contains(requestId))
        {
            postings.acknowledgeDuplicate(sequence, account, requestId);
            return;
        }
        if (!meters.hasAccount(account))
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_ACCOUNT, REDEMPTION, account);
            return;
        }
        if (amount <= 0)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, REDEMPTION, requestId);
            return;
        }
        final Ledger ledger = postings.ledger();
        final int token = ledger.findToken(request.token());
        if (token < 0 || ledger.balance(account, token) < amount)
        {
            postings.reject(sequence, ReasonCode.INSUFFICIENT_BALANCE, REDEMPTION, account);
            return;
        }
        if (amount > ledger.headroom(request.token()))
        {
            // checked before the request id is burnt, so the refused request leaves no trace
            postings.reject(sequence, ReasonCode.OVERFLOW, REDEMPTION, account);
            return;
        }
        applied.add(requestId);
        postings.transfer(sequence, account, SystemAccounts.ISSUANCE, request.token(), amount, ReasonCode.REDEMPTION)
            .explain(0, 0, 0, 0, 0, 0, 0, 0);
        postings.emitTransfer();
    }

    /**
     * @return request ids applied, for snapshots.
     */
    LongHashSet applied()
    {
        return applied;
    }

    void writeState(final DataOutput out) throws IOException
    {
        snapshotScratch = StateIo.writeSet(out, applied, snapshotScratch);
    }

    void readState(final DataInput in) throws IOException
    {
        StateIo.readSet(in, applied);
    }
}
