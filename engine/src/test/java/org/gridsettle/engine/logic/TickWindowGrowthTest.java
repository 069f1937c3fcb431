package org.gridsettle.engine.logic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The correction window grows by doubling when meters enrol beyond what the builder's {@code expectedMeters}
 * reserved. Doubling from 2^24 meters at the default 12 slots asked for 2^25 meters' values, 2^25 x 12 x 6 longs,
 * past an array's int length, so the enrolment of meter 16,777,217 halted the engine with a bare "integer overflow"
 * though {@link TickWindow#MAX_TOTAL_SLOTS} holds 29,826,161 such meters. The arithmetic is checked here, since
 * arrays of that size do not fit a test's heap.
 */
class TickWindowGrowthTest
{
    /** Longs per slot in the values array (TickWindow.STRIDE). */
    private static final long STRIDE = 6;

    @Test
    void doublingStopsAtTheMostMetersTheSlotLimitHolds()
    {
        final int slots = TickWindow.DEFAULT_SLOTS;
        final long most = TickWindow.MAX_TOTAL_SLOTS / slots;
        // MAX_TOTAL_SLOTS = (2^31 - 1 - 8) / 6 = 357,913,939 slots; / 12 slots a meter = 29,826,161 meters
        assertThat(most).isEqualTo(29_826_161L);
        final int capacity = TickWindow.grownCapacity(1 << 24, (1 << 24) + 1, slots);
        assertThat((long)capacity).isEqualTo(most);
        assertThat(capacity * (long)slots * STRIDE).as("values array length").isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(capacity * (long)(slots + 1)).as("keys array length").isLessThanOrEqualTo(Integer.MAX_VALUE);
        // below the limit, plain doubling; a jump past twice the held count takes what is asked
        assertThat(TickWindow.grownCapacity(4, 5, slots)).isEqualTo(8);
        assertThat(TickWindow.grownCapacity(4, 100, slots)).isEqualTo(100);
        assertThat(TickWindow.grownCapacity(0, 1, slots)).isEqualTo(1);
    }

    @Test
    void moreMetersThanTheSlotLimitHoldsAreRefusedNamingTheSetting()
    {
        final int slots = TickWindow.DEFAULT_SLOTS;
        final int tooMany = (int)(TickWindow.MAX_TOTAL_SLOTS / slots) + 1;
        assertThatThrownBy(() -> TickWindow.grownCapacity(tooMany - 1, tooMany, slots))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(tooMany + " meters' correction windows of 12 slots")
            .hasMessageContaining("correctionWindow");
    }
}
