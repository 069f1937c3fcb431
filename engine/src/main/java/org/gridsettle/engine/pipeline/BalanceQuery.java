package org.gridsettle.engine.pipeline;

import org.gridsettle.engine.Balance;

import java.util.concurrent.CompletableFuture;

/**
 * A host's question about a balance, carried through the ring like an input but never journalled: it has no effect.
 * Answered on the business-logic thread after every input submitted before it, so the answer is consistent
 * "as of" a known input sequence without locks and without stalling that thread.
 * <p>
 * Threading: immutable; made on a producer thread, carried to the business-logic thread by the ring, whose
 * sequence barrier orders the two, and its answer completed there.
 *
 * @param accountId   account asked about.
 * @param tokenSymbol packed token.
 * @param answer      completed with the balance.
 */
public record BalanceQuery(long accountId, long tokenSymbol, CompletableFuture<Balance> answer)
{
}
