package org.gridsettle.replay.bill;

import org.gridsettle.engine.PostingListener;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies what the engine posts for a bill: every transfer, and which inputs it refused (rejected, or acknowledged
 * as exact duplicates) keyed by input sequence, so the bill counts only the energy the engine accepted.
 * <p>
 * A bill is one meter over weeks, so copying each output is cheap. Written on the engine's business-logic thread;
 * read only after the engine has closed, which joins that thread.
 */
final class EngineTranscript implements PostingListener
{
    private final List<Posted> transfers = new ArrayList<>();
    private final Map<Long, Integer> rejectedReasonBySequence = new HashMap<>();
    private final Set<Long> duplicateSequences = new HashSet<>();

    @Override
    public void onTransfer(final TransferCodec t)
    {
        // a reversal, or a true-up paid to the customer, lowers the bill; so do an export charged at a negative price
        // (it lowers the export credits line) and an hourly netting that hands charges back or takes credits back
        final boolean systemDebited = t.debitAccount() < SystemAccounts.FIRST_CUSTOMER_ACCOUNT;
        final boolean toCustomer = t.reasonCode() == ReasonCode.TRUE_UP.code() && systemDebited ||
            t.reasonCode() == ReasonCode.EXPORT_CHARGE.code() ||
            t.reasonCode() == ReasonCode.HOURLY_NETTING.code() && (t.tier() == 0) == systemDebited;
        transfers.add(new Posted(t.causeSequence(), t.reasonCode(),
            (t.reverses() != 0) != toCustomer ? -t.amount() : t.amount(),
            t.intervalStart(), t.reverses() != 0 ? -t.energyWh() : t.energyWh(), t.rate(), t.period(), t.tier()));
    }

    @Override
    public void onRejection(final RejectionCodec rejection)
    {
        rejectedReasonBySequence.put(rejection.causeSequence(), rejection.reasonCode());
    }

    @Override
    public void onDuplicate(final DuplicateAckCodec ack)
    {
        duplicateSequences.add(ack.causeSequence());
    }

    List<Posted> transfers()
    {
        return transfers;
    }

    /**
     * @param inputSequence an input.
     * @return the reason code it was rejected with, or null if it was not.
     */
    Integer rejectionOf(final long inputSequence)
    {
        return rejectedReasonBySequence.get(inputSequence);
    }

    /**
     * @param inputSequence an input.
     * @return true if it was refused: rejected, or an exact duplicate that changed nothing.
     */
    boolean refused(final long inputSequence)
    {
        return rejectedReasonBySequence.containsKey(inputSequence) || duplicateSequences.contains(inputSequence);
    }

    Map<Long, Integer> rejections()
    {
        return rejectedReasonBySequence;
    }

    /**
     * A transfer as posted, signed: a reversal counts negative.
     *
     * @param cause         input sequence that caused it.
     * @param reason        reason code.
     * @param amount        micro-units.
     * @param intervalStart the interval priced, or for a fixed charge the instant the day or period ended.
     * @param energyWh      energy priced.
     * @param rate          micro-units per kWh, or for a fixed charge the charge itself.
     * @param period        time-of-use period index.
     * @param tier          tier index.
     */
    record Posted(
        long cause, int reason, long amount, long intervalStart, long energyWh, long rate, int period, int tier)
    {
    }
}
