package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;
import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;

/**
 * Applies redemptions, the off-ramp: program tokens are burnt by debiting the customer and crediting the token's
 * issuance account, which lowers supply and the reserve by exactly the amount redeemed (tokens paid as interest,
 * minted by the yield account, are burnt into issuance too: {@link SystemAccounts#ISSUANCE}).
 * <p>
 * A redemption never overdraws: it is rejected with {@link ReasonCode#INSUFFICIENT_BALANCE} instead, also when the
 * balance is below zero because a credit was taken back after it was redeemed. Request ids
 * that were applied are remembered for the life of the journal, so a retry is acknowledged and burns nothing, and
 * the same id for another account, token or amount is rejected (CONFLICTING_DUPLICATE); a rejected request may be
 * retried. Because every redemption passes through the single business-logic thread, the
 * balance check and the debit cannot interleave with another host thread's request.
 * Owned by the business-logic thread. Not thread-safe.
 */
final class RedemptionProcessor
{
    private static final int REDEMPTION = RecordType.REDEMPTION.id();
    private static final long NO_BODY = Long.MIN_VALUE;

    private final MeterRegistry meters;
    private final Postings postings;
    private final LongHashSet applied = new LongHashSet();
    /**
     * A fingerprint of each applied request's account, token and amount, by request id, so that an id reused for
     * another redemption is refused rather than acknowledged. Ids restored from a snapshot written before the
     * fingerprints were kept have none: their retries are acknowledged, as they were then.
     */
    private final Long2LongHashMap bodies = new Long2LongHashMap(NO_BODY);
    /** Sorts keys for a snapshot; kept so that a capture allocates nothing once the state stops growing. */
    private long[] snapshotScratch = new long[0];
    private long[] bodiesScratch = new long[0];

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
            final long body = bodies.get(requestId);
            if (body == NO_BODY || body == fingerprint(account, request.token(), amount))
            {
                postings.acknowledgeDuplicate(sequence, account, requestId);
            }
            else
            {
                // the id of an applied redemption, for another one: acknowledging it would say this one was paid
                postings.reject(sequence, ReasonCode.CONFLICTING_DUPLICATE, REDEMPTION, requestId);
            }
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
        bodies.put(requestId, fingerprint(account, request.token(), amount));
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
        bodies.clear();
    }

    void writeBodies(final DataOutput out) throws IOException
    {
        bodiesScratch = StateIo.writeMap(out, bodies, bodiesScratch);
    }

    void readBodies(final DataInput in) throws IOException
    {
        StateIo.readMap(in, bodies);
    }

    /**
     * 64 bits of the request's body, mixed (SplitMix64's finaliser) so that bodies differing in one field differ
     * everywhere; never {@link #NO_BODY}. Two bodies share a fingerprint with a chance of about 2^-64.
     */
    static long fingerprint(final long account, final long token, final long amount)
    {
        long h = mix(account) ^ Long.rotateLeft(mix(token), 21) ^ Long.rotateLeft(mix(amount), 42);
        h = mix(h);
        return h == NO_BODY ? 0 : h;
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
