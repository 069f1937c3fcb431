package org.gridsettle.replay.ingest;

import org.gridsettle.engine.PostingListener;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the engine made of a run's demand-response events: per event, the meters credited, their reduction and
 * credit; the DR rejections by reason; which events were refused when published, and which withdrawals were refused.
 * <p>
 * A DR settlement posts a funding transfer (ISSUANCE to DR_FUND) and one DR_INCENTIVE transfer per credited meter
 * (DR_FUND to the meter's account), both carrying the event's start as their interval start; only the second kind
 * is counted, per event by that start (events of one tariff that settle never overlap, so a start names one event;
 * a withdrawn event posts nothing). Rejections of input type DR_EVENT_WITHDRAWAL name the event (UNKNOWN_DR_EVENT,
 * DR_EVENT_SETTLED). Rejections
 * of input type DR_EVENT name the event (MALFORMED, DR_EVENT_OVERLAP, TOKEN_LIMIT, CONFLICTING_DUPLICATE when
 * published; UNKNOWN_TARIFF names the tariff instead) or the meter without a baseline (DR_BASELINE_UNAVAILABLE,
 * OVERFLOW when settled).
 * <p>
 * Written on the engine's business-logic thread; read only after the engine has closed, which joins that thread.
 */
public final class DrOutcomeTally implements PostingListener
{
    private static final int DR_EVENT = RecordType.DR_EVENT.id();
    private static final int WITHDRAWAL = RecordType.DR_EVENT_WITHDRAWAL.id();
    private static final int DR_INCENTIVE = ReasonCode.DR_INCENTIVE.code();

    private final Map<Long, Credits> creditsByStart = new HashMap<>();
    private final Map<String, Long> rejectionsByReason = new TreeMap<>();
    private final Map<Long, String> publicationRejections = new HashMap<>();
    private final Map<Long, String> withdrawalRejections = new HashMap<>();

    /**
     * What one event paid.
     *
     * @param meters      meters credited.
     * @param reductionWh their reductions, summed.
     * @param micros      their credits, summed, in micro-units of the program token.
     */
    public record Credits(long meters, long reductionWh, long micros)
    {
        /** Nothing paid. */
        public static final Credits NONE = new Credits(0, 0, 0);

        Credits plus(final long reductionWh, final long micros)
        {
            return new Credits(meters + 1, Math.addExact(this.reductionWh, reductionWh),
                Math.addExact(this.micros, micros));
        }
    }

    @Override
    public void onTransfer(final TransferCodec transfer)
    {
        if (transfer.reasonCode() == DR_INCENTIVE && transfer.creditAccount() >= SystemAccounts.FIRST_CUSTOMER_ACCOUNT)
        {
            creditsByStart.merge(transfer.intervalStart(), Credits.NONE.plus(transfer.energyWh(), transfer.amount()),
                (a, b) -> a.plus(b.reductionWh(), b.micros()));
        }
    }

    @Override
    public void onRejection(final RejectionCodec rejection)
    {
        if (rejection.inputType() != DR_EVENT && rejection.inputType() != WITHDRAWAL)
        {
            return;
        }
        final ReasonCode reason = ReasonCode.ofCode(rejection.reasonCode());
        final String name = reason == null ? "code " + rejection.reasonCode() : reason.name();
        rejectionsByReason.merge(name, 1L, Long::sum);
        if (rejection.inputType() == WITHDRAWAL)
        {
            withdrawalRejections.putIfAbsent(rejection.subject(), name);
        }
        else if (reason != ReasonCode.DR_BASELINE_UNAVAILABLE && reason != ReasonCode.OVERFLOW)
        {
            publicationRejections.putIfAbsent(rejection.subject(), name);
        }
    }

    /**
     * @param eventStart an event's start, epoch seconds.
     * @return what it paid in this run.
     */
    public Credits credits(final long eventStart)
    {
        return creditsByStart.getOrDefault(eventStart, Credits.NONE);
    }

    /**
     * @param engineId an event's id.
     * @return the reason the engine refused it when it was published, or null.
     */
    public String publicationRejection(final long engineId)
    {
        return publicationRejections.get(engineId);
    }

    /**
     * @param engineId an event's id.
     * @return the reason the engine refused its withdrawal, or null.
     */
    public String withdrawalRejection(final long engineId)
    {
        return withdrawalRejections.get(engineId);
    }

    /**
     * @return DR rejections of this run by reason name, sorted.
     */
    public Map<String, Long> rejectionsByReason()
    {
        return new TreeMap<>(rejectionsByReason);
    }
}
