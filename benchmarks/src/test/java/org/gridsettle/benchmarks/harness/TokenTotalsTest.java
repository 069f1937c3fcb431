package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.conventional.ConventionalLedger;
import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two designs must agree on what each customer was charged and credited, not only on the sums: a design that
 * charged the right amounts to the wrong customers (a meter-to-account mapping off by one) used to pass the check,
 * whose only figures were the two tokens' totals.
 */
class TokenTotalsTest
{
    private static final int METERS = 3;

    private static ConventionalLedger ledger(final long firstCustomer, final long secondCustomer)
    {
        final ConventionalLedger ledger = new ConventionalLedger();
        ledger.postCharge(firstCustomer, SystemAccounts.REVENUE, new BigDecimal("1.250000"));
        ledger.postCharge(secondCustomer, SystemAccounts.REVENUE, new BigDecimal("0.750000"));
        ledger.postCredit(SystemAccounts.ISSUANCE, Fleet.accountOf(3), new BigDecimal("0.100000"));
        return ledger;
    }

    @Test
    void theSameAmountsToTheSameCustomersAgree()
    {
        assertThat(TokenTotals.of(ledger(Fleet.accountOf(1), Fleet.accountOf(2)), METERS))
            .isEqualTo(TokenTotals.of(ledger(Fleet.accountOf(1), Fleet.accountOf(2)), METERS));
    }

    @Test
    void theSameSumsChargedToOtherCustomersDoNotAgree()
    {
        final TokenTotals right = TokenTotals.of(ledger(Fleet.accountOf(1), Fleet.accountOf(2)), METERS);
        final TokenTotals swapped = TokenTotals.of(ledger(Fleet.accountOf(2), Fleet.accountOf(1)), METERS);

        assertThat(swapped.usdMicros()).isEqualTo(right.usdMicros()).isEqualTo(2_000_000);
        assertThat(swapped.solarMicros()).isEqualTo(right.solarMicros()).isEqualTo(100_000);
        assertThat(swapped).isNotEqualTo(right);
    }
}
