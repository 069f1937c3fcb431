package org.gridsettle.engine.ledger;

/**
 * The utility's own accounts, one set per token, and the range reserved for them. Customer account ids must be at
 * least {@link #FIRST_CUSTOMER_ACCOUNT}.
 * <p>
 * Threading: constants only; thread-safe.
 */
public final class SystemAccounts
{
    /** Utility revenue: credited by energy charges. */
    public static final long REVENUE = 1;
    /**
     * Reserve-backed issuance account of a program token. Minting debits it and redemption credits it, so minus its
     * balance is what was minted less what was redeemed: the reserve. Interest is minted by {@link #YIELD} instead,
     * so the supply customers hold is minus (issuance + yield), and a redemption of interest can leave this account
     * above zero. A credit taken back after it was redeemed (a correction, a true-up, hourly netting) is debited to
     * the customer whatever the balance, which can then be below zero: tokens owed, which the reserve paid out
     * (journal/FORMAT.md section 5, "Supply and reserve").
     */
    public static final long ISSUANCE = 2;
    /** Demand-response program fund. */
    public static final long DR_FUND = 3;
    /** Carbon fund: credited by carbon adders. */
    public static final long CARBON_FUND = 4;
    /** Pays interest on held program tokens: mints them, as issuance does, but outside the reserve. */
    public static final long YIELD = 5;
    /** Lowest id a customer account may have. */
    public static final long FIRST_CUSTOMER_ACCOUNT = 1000;

    private SystemAccounts()
    {
    }

    /**
     * @param accountId an account id.
     * @return a short name for system accounts, or the number for customers.
     */
    public static String name(final long accountId)
    {
        if (accountId == REVENUE)
        {
            return "utility:revenue";
        }
        if (accountId == ISSUANCE)
        {
            return "utility:issuance";
        }
        if (accountId == DR_FUND)
        {
            return "utility:dr-fund";
        }
        if (accountId == CARBON_FUND)
        {
            return "utility:carbon-fund";
        }
        if (accountId == YIELD)
        {
            return "utility:yield";
        }
        return Long.toString(accountId);
    }
}
