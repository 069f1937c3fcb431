package org.gridsettle.replay.audit;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.TransferCodec;

/**
 * Reads a transfer from its customer's side: which customer account it touches and by how much it moves that
 * account's balance (credits minus debits, the ledger's convention, so a charge is negative and a credit positive).
 * <p>
 * Stateless; safe from any thread.
 */
public final class CustomerPosting
{
    private CustomerPosting()
    {
    }

    /**
     * @param transfer a wrapped transfer.
     * @return the customer account it debits or credits, or 0 when it moves only system accounts.
     */
    public static long customer(final TransferCodec transfer)
    {
        if (transfer.creditAccount() >= SystemAccounts.FIRST_CUSTOMER_ACCOUNT)
        {
            return transfer.creditAccount();
        }
        return transfer.debitAccount() >= SystemAccounts.FIRST_CUSTOMER_ACCOUNT ? transfer.debitAccount() : 0;
    }

    /**
     * @param transfer a wrapped transfer.
     * @return its effect on the customer's balance, micro-units: positive when the customer is credited.
     */
    public static long signedAmount(final TransferCodec transfer)
    {
        return transfer.creditAccount() >= SystemAccounts.FIRST_CUSTOMER_ACCOUNT ?
            transfer.amount() : Math.negateExact(transfer.amount());
    }
}
