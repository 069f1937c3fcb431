package org.gridsettle.engine;

/**
 * A balance as of an input sequence: every input up to and including {@code asOfSequence} is reflected, none after.
 *
 * @param accountId    account.
 * @param token        token symbol.
 * @param micros       credits minus debits, micro-units.
 * @param asOfSequence last input sequence applied when the balance was read.
 */
public record Balance(long accountId, String token, long micros, long asOfSequence)
{
}
