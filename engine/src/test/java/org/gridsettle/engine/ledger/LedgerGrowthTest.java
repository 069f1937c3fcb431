package org.gridsettle.engine.ledger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's slots grew by doubling with an exact int product for their balances, 16 longs a slot: doubling from
 * 2^26 slots asked for 2^31 balances, so the first posting to the 67,108,865th account (system accounts included)
 * halted the engine (ArithmeticException, "integer overflow") though one array holds 134,217,727 slots' balances, as
 * a541436 found for the per-meter arrays. The arithmetic is checked here, since such arrays do not fit a test's heap.
 */
class LedgerGrowthTest
{
    @Test
    void doublingStopsAtTheMostSlotsOneArrayHolds()
    {
        // (2^31 - 1 - 8) / 16 = 134,217,727
        assertThat(Ledger.MAX_SLOTS).isEqualTo(134_217_727);
        assertThat(Ledger.grownSlots(1 << 26)).isEqualTo(Ledger.MAX_SLOTS);
        assertThat((long)Ledger.grownSlots(1 << 26) * Ledger.MAX_TOKENS).isLessThanOrEqualTo(Integer.MAX_VALUE - 8);
        assertThat(Ledger.grownSlots(1_024)).isEqualTo(2_048);
    }

    @Test
    void oneSlotMoreThanOneArrayHoldsIsRefusedNamingTheLimit()
    {
        assertThatThrownBy(() -> Ledger.grownSlots(Ledger.MAX_SLOTS))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("134217728 ledger accounts of 16 balances each are more than the 134217727 one array holds");
    }
}
