package org.gridsettle.benchmarks.conventional;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Balances per account in a {@code HashMap<Long, BigDecimal>} per token, plus each token's running total of amounts
 * posted, which is what the harness compares with the engine's {@code Ledger.totalPosted}.
 * <p>
 * Worker thread only; not thread-safe.
 */
public final class ConventionalLedger
{
    private final Map<Long, BigDecimal> usdBalances = new HashMap<>();
    private final Map<Long, BigDecimal> solarBalances = new HashMap<>();
    private BigDecimal usdPosted = BigDecimal.ZERO;
    private BigDecimal solarPosted = BigDecimal.ZERO;

    /**
     * Posts an import charge: the customer pays the utility's revenue account.
     *
     * @param customer account debited.
     * @param revenue  account credited.
     * @param amount   positive amount.
     */
    public void postCharge(final long customer, final long revenue, final BigDecimal amount)
    {
        usdBalances.merge(customer, amount.negate(), BigDecimal::add);
        usdBalances.merge(revenue, amount, BigDecimal::add);
        usdPosted = usdPosted.add(amount);
    }

    /**
     * Posts an export credit: the issuance account mints the program token to the customer.
     *
     * @param issuance account debited.
     * @param customer account credited.
     * @param amount   positive amount.
     */
    public void postCredit(final long issuance, final long customer, final BigDecimal amount)
    {
        solarBalances.merge(issuance, amount.negate(), BigDecimal::add);
        solarBalances.merge(customer, amount, BigDecimal::add);
        solarPosted = solarPosted.add(amount);
    }

    /**
     * @param account an account.
     * @return its USD balance, credits minus debits; zero if never posted to.
     */
    public BigDecimal usdBalance(final long account)
    {
        return usdBalances.getOrDefault(account, BigDecimal.ZERO);
    }

    /**
     * @param account an account.
     * @return its SOLAR balance, credits minus debits; zero if never posted to.
     */
    public BigDecimal solarBalance(final long account)
    {
        return solarBalances.getOrDefault(account, BigDecimal.ZERO);
    }

    /**
     * @return sum of import charges posted.
     */
    public BigDecimal usdPosted()
    {
        return usdPosted;
    }

    /**
     * @return sum of export credits posted.
     */
    public BigDecimal solarPosted()
    {
        return solarPosted;
    }
}
