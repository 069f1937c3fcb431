package org.gridsettle.replay.ingest;

import org.gridsettle.engine.PostingListener;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the engine made of a run's inputs: rejected readings by reason, rejected set-up commands by input type
 * and reason, duplicates acknowledged, and transfers with their amounts per token and reason (true-ups, which go
 * either way, as the net charged to customers: negative when they were credited more). DR events' rejections
 * are left to {@link DrOutcomeTally}, and a DR event's funding transfer into the DR fund is not added to the
 * amounts, since the credits it funds are.
 * <p>
 * Only outputs of this run are seen: on recovery the engine checks the outputs already journalled without handing
 * them to listeners. Written on the engine's business-logic thread; read only after the engine has closed, which
 * joins that thread.
 */
public final class EngineOutcomeTally implements PostingListener
{
    private static final int CODES = 256;
    private static final int TICK = RecordType.METER_TICK.id();
    private static final int DR_EVENT = RecordType.DR_EVENT.id();
    private static final int DR_WITHDRAWAL = RecordType.DR_EVENT_WITHDRAWAL.id();

    private final long[] tickRejectionsByCode = new long[CODES];
    private final Map<String, Long> otherRejections = new TreeMap<>();
    private final long[] tokenSymbols = new long[Ledger.MAX_TOKENS];
    private final long[][] amountsByTokenAndCode = new long[tokenSymbols.length][CODES];
    private int tokenCount;
    private long tickRejections;
    private long duplicates;
    private long transfers;
    /** The inputs acknowledged as duplicates: an acknowledgement does not say if it was a tick or a calendar event. */
    private final org.agrona.collections.LongArrayList duplicateCauses = new org.agrona.collections.LongArrayList();

    @Override
    public void onTransfer(final TransferCodec transfer)
    {
        transfers++;
        if (transfer.creditAccount() == SystemAccounts.DR_FUND)
        {
            // a DR event's funding leg passes straight through the fund to the meters' credits, which are counted:
            // counting both would show twice what the customers were paid
            return;
        }
        final int token = tokenIndex(transfer.token());
        final int code = transfer.reasonCode() & (CODES - 1);
        final long amount;
        if (code == ReasonCode.TRUE_UP.code())
        {
            // a true-up charges a customer whose tick postings fell short of the period's definition and credits one
            // they overshot: summed as the net charge, as its debit side says (a reversal swaps the sides)
            amount = transfer.debitAccount() >= SystemAccounts.FIRST_CUSTOMER_ACCOUNT ?
                transfer.amount() : -transfer.amount();
        }
        else
        {
            // a reversal undoes an earlier posting, so it counts against that posting's reason
            amount = transfer.reverses() == 0 ? transfer.amount() : -transfer.amount();
        }
        amountsByTokenAndCode[token][code] = Math.addExact(amountsByTokenAndCode[token][code], amount);
    }

    @Override
    public void onRejection(final RejectionCodec rejection)
    {
        final int code = rejection.reasonCode() & (CODES - 1);
        if (rejection.inputType() == DR_EVENT || rejection.inputType() == DR_WITHDRAWAL)
        {
            // reported with the DR events by DrOutcomeTally, not as set-up commands
            return;
        }
        if (rejection.inputType() == TICK)
        {
            tickRejections++;
            tickRejectionsByCode[code]++;
        }
        else
        {
            final RecordType type = RecordType.ofId(rejection.inputType());
            final String key = (type == null ? "input type " + rejection.inputType() : type.name()) + " " +
                reasonName(code);
            otherRejections.merge(key, 1L, Long::sum);
        }
    }

    @Override
    public void onDuplicate(final DuplicateAckCodec ack)
    {
        duplicates++;
        duplicateCauses.addLong(ack.causeSequence());
    }

    private int tokenIndex(final long symbol)
    {
        for (int i = 0; i < tokenCount; i++)
        {
            if (tokenSymbols[i] == symbol)
            {
                return i;
            }
        }
        if (tokenCount == tokenSymbols.length)
        {
            throw new IllegalStateException("more than " + tokenSymbols.length + " tokens");
        }
        tokenSymbols[tokenCount] = symbol;
        return tokenCount++;
    }

    /**
     * @return readings the engine rejected.
     */
    public long tickRejections()
    {
        return tickRejections;
    }

    /**
     * @return inputs of any type acknowledged as exact duplicates, without effect.
     */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * @return the input sequences of those duplicates, in output order; which were readings, the inputs tell.
     */
    public org.agrona.collections.LongArrayList duplicateCauses()
    {
        return duplicateCauses;
    }

    /**
     * @return transfers posted in this run.
     */
    public long transfers()
    {
        return transfers;
    }

    /**
     * @return rejected readings by reason name, in reason-code order.
     */
    public Map<String, Long> tickRejectionsByReason()
    {
        final Map<String, Long> byReason = new LinkedHashMap<>();
        for (int code = 0; code < CODES; code++)
        {
            if (tickRejectionsByCode[code] > 0)
            {
                byReason.put(reasonName(code), tickRejectionsByCode[code]);
            }
        }
        return byReason;
    }

    /**
     * @return rejected inputs other than readings, keyed "INPUT_TYPE REASON", sorted.
     */
    public Map<String, Long> otherRejections()
    {
        return new TreeMap<>(otherRejections);
    }

    /**
     * @return per token symbol, in order of first posting, the amounts posted by reason name in reason-code order.
     */
    public Map<String, Map<String, Long>> amountsByToken()
    {
        final Map<String, Map<String, Long>> byToken = new LinkedHashMap<>();
        for (int t = 0; t < tokenCount; t++)
        {
            final Map<String, Long> byReason = new LinkedHashMap<>();
            for (int code = 0; code < CODES; code++)
            {
                if (amountsByTokenAndCode[t][code] != 0)
                {
                    byReason.put(reasonName(code), amountsByTokenAndCode[t][code]);
                }
            }
            byToken.put(TokenSymbol.unpack(tokenSymbols[t]), byReason);
        }
        return byToken;
    }

    private static String reasonName(final int code)
    {
        final ReasonCode reason = ReasonCode.ofCode(code);
        return reason == null ? "code " + code : reason.name();
    }
}
