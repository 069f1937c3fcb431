package org.gridsettle.replay.audit;

/**
 * One reported amount: the sum of some transfers' effects on a customer balance, and the transfers' output
 * sequences.
 * <p>
 * Not thread-safe; filled and read by one thread.
 */
public final class PostingCell
{
    private final SequenceList sequences = new SequenceList();
    private long amount;

    /**
     * @param signedAmount micro-units, positive when the customer is credited.
     * @param sequence     the transfer's output sequence.
     */
    public void add(final long signedAmount, final long sequence)
    {
        amount = Math.addExact(amount, signedAmount);
        sequences.add(sequence);
    }

    /**
     * Adds an amount already cited elsewhere, for totals.
     *
     * @param signedAmount micro-units.
     */
    public void addAmount(final long signedAmount)
    {
        amount = Math.addExact(amount, signedAmount);
    }

    /**
     * @return the sum, micro-units.
     */
    public long amount()
    {
        return amount;
    }

    /**
     * @return the transfers summed.
     */
    public SequenceList sequences()
    {
        return sequences;
    }
}
