package org.gridsettle.engine.ledger;

import org.gridsettle.engine.snapshot.StateOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A periodic capture is also the snapshot's proof that the ledger is balanced: the pass that counts the balances sums
 * them, and the engine no longer runs {@link Ledger#checkBalanced} in a pass of its own before it.
 */
class LedgerCaptureTest
{
    @Test
    void aCaptureOfALedgerOutOfBalanceIsRefused()
    {
        final Ledger ledger = new Ledger();
        final int token = ledger.tokenIndex(0x5350L);
        ledger.post(1, 1_000, token, 70);
        ledger.post(1, 1_001, token, 30);
        // as a bug that changed one balance alone would leave it: the totals still agree, the balances do not sum to 0
        ledger.balances()[ledger.findSlot(1_001) * Ledger.MAX_TOKENS + token] += 1;
        final StateOutput out = new StateOutput(64);
        try
        {
            assertThatThrownBy(() -> ledger.writeStateDeferred(out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger out of balance")
                .hasMessageContaining("sum of balances=1");
        }
        finally
        {
            out.free();
        }
    }
}
