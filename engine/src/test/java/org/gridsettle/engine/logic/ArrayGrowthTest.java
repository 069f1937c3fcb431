package org.gridsettle.engine.logic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-meter arrays of DR history, billing accumulators and daily tier totals grew by doubling with int arithmetic:
 * doubling from 2^20 DR meters asked for 2^21 x 1,152 hours, past an int, so the DR history's first tick of DR meter
 * 1,048,577 halted the engine (NegativeArraySizeException) though one array holds 1,864,135 such meters; the daily
 * tier totals' doubling from 2^22 meters failed the same way (ArithmeticException) at 4,194,305 of 5,772,805. The
 * arithmetic is checked here, since arrays of that size do not fit a test's heap.
 */
class ArrayGrowthTest
{
    @Test
    void doublingStopsAtTheMostRowsOneArrayHolds()
    {
        final int hours = DrHistory.HOURS_PER_RING;
        // 48 days x 24 hours; (2^31 - 1 - 8) / 1,152 = 1,864,135
        assertThat(hours).isEqualTo(1_152);
        assertThat(DrHistory.MAX_DR_METERS).isEqualTo(1_864_135);
        assertThat(2 * (1 << 20) * hours).as("the old doubling's length").isNegative();
        final int capacity = ArrayGrowth.grownRows(1 << 20, (1 << 20) + 1, hours, "DR meters' history");
        assertThat(capacity).isEqualTo(DrHistory.MAX_DR_METERS);
        assertThat((long)capacity * hours).isLessThanOrEqualTo(Integer.MAX_VALUE);

        // 2 slots x 31 days x 6 periods = 372 longs; (2^31 - 1 - 8) / 372 = 5,772,805
        assertThat(ArrayGrowth.grownRows(1 << 22, (1 << 22) + 1, DailyTierTotals.ROW, "daily"))
            .isEqualTo(5_772_805);
        // 2 slots x 6 periods x 5 fields = 60 longs; (2^31 - 1 - 8) / 60 = 35,791,393
        assertThat(ArrayGrowth.grownRows(1 << 25, (1 << 25) + 1, BillingAccumulators.CELLS_PER_METER, "billing"))
            .isEqualTo(35_791_393);
    }

    @Test
    void belowTheLimitItDoublesOrTakesWhatIsAsked()
    {
        assertThat(ArrayGrowth.grownRows(4, 5, 1_152, "x")).isEqualTo(8);
        assertThat(ArrayGrowth.grownRows(4, 100, 1_152, "x")).isEqualTo(100);
        assertThat(ArrayGrowth.grownRows(0, 1, 1_152, "x")).isEqualTo(1);
    }

    @Test
    void moreRowsThanOneArrayHoldsAreRefusedNamingWhat()
    {
        final int tooMany = DrHistory.MAX_DR_METERS + 1;
        assertThatThrownBy(() -> ArrayGrowth.grownRows(tooMany - 1, tooMany, DrHistory.HOURS_PER_RING,
            "DR meters' history"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("1864136 DR meters' history of 1152 values each are more than the 1864135 one array holds");
    }
}
