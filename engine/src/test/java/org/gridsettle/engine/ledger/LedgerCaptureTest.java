package org.gridsettle.engine.ledger;

import org.gridsettle.engine.snapshot.StateOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A periodic capture is also the snapshot's proof that the ledger is balanced: it sums the balances as it copies them,
 * and the call that copies the last refuses a sum that is not zero, as {@link Ledger#checkBalanced} would. It places
 * each account's entries by the ledger's count of its non-zero balances, so a count that disagrees with the balances
 * fails the capture too.
 */
class LedgerCaptureTest
{
    private static final long SOLAR = 0x5350L;
    private final StateOutput out = new StateOutput(64);

    @AfterEach
    void free()
    {
        out.free();
    }

    @Test
    void aBalancedLedgerIsCapturedAndTheCopyCompletes() throws IOException
    {
        final Ledger ledger = ledgerWithTwoCustomers();
        ledger.writeStateDeferred(out);
        assertThat(ledger.capturePending()).isTrue();
        assertThat(ledger.captureStep(Integer.MAX_VALUE)).isTrue();
        assertThat(ledger.capturePending()).isFalse();
    }

    @Test
    void aCaptureOfALedgerOutOfBalanceFailsWhenItsCopyCompletes() throws IOException
    {
        final Ledger ledger = ledgerWithTwoCustomers();
        final int token = ledger.findToken(SOLAR);
        // as a bug that changed one balance alone would leave it: the totals still agree, the balances do not sum to 0
        ledger.balances()[ledger.findSlot(1_001) * Ledger.MAX_TOKENS + token] += 1;
        ledger.writeStateDeferred(out);
        assertThat(ledger.captureStep(1)).as("the first account copied, the check not made yet").isFalse();

        assertThatThrownBy(() -> ledger.captureStep(Integer.MAX_VALUE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("ledger out of balance in token ")
            .hasMessageEndingWith(": the balances captured for a snapshot sum to 1");
        // never complete, so never written: a writer finishing it at close fails the same way
        assertThat(ledger.capturePending()).isTrue();
        assertThatThrownBy(() -> ledger.captureStep(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCountOfNonZeroBalancesThatDisagreesWithTheBalancesFailsTheCapture() throws IOException
    {
        final Ledger ledger = ledgerWithTwoCustomers();
        final int token = ledger.findToken(SOLAR);
        final int slot = ledger.findSlot(1_001);
        // moved to another token behind the count's back: the sum still balances, the count is now one short
        ledger.balances()[slot * Ledger.MAX_TOKENS + token] = 0;
        ledger.balances()[ledger.findSlot(1_000) * Ledger.MAX_TOKENS + token] += 30;
        ledger.writeStateDeferred(out);

        assertThatThrownBy(() -> ledger.captureStep(Integer.MAX_VALUE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("counts 1 non-zero balances and holds 0");
    }

    private static Ledger ledgerWithTwoCustomers()
    {
        final Ledger ledger = new Ledger();
        final int token = ledger.tokenIndex(SOLAR);
        ledger.post(1, 1_000, token, 70);
        ledger.post(1, 1_001, token, 30);
        return ledger;
    }
}
