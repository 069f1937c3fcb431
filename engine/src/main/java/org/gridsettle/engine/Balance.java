package org.gridsettle.engine;

/**
 * A balance as of an input sequence: every input up to and including {@code asOfSequence} is reflected, none after.
 * <p>
 * Threading: immutable; made on the business-logic thread, which completes the query with it, and safe to read on
 * any thread.
 *
 * @param accountId    account.
 * @param token        token symbol.
 * @param micros       credits minus debits, micro-units.
 * @param asOfSequence last input sequence applied when the balance was read; its batch is finished, so the input
 *                     and its outputs are journalled and {@code appliedSequence()} has reached it.
 */
public record Balance(long accountId, String token, long micros, long asOfSequence)
{
}
