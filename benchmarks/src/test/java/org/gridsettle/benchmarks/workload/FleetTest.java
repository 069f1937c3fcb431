package org.gridsettle.benchmarks.workload;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shuffled enrolment must enrol every meter exactly once, or the shuffled run would price a different fleet
 * from the conventional design's.
 */
class FleetTest
{
    @Property(tries = 200)
    void shuffledOrderIsAPermutationOfTheFleet(@ForAll @IntRange(min = 1, max = 3_000_000) final int meters)
    {
        final int sampled = Math.min(meters, 200_000);
        final BitSet seen = new BitSet(meters + 1);
        for (int k = 0; k < sampled; k++)
        {
            final long m = Fleet.shuffledMeter(k, meters);
            assertThat(m).isBetween(1L, (long)meters);
            assertThat(seen.get((int)m)).as("meter %d enrolled twice", m).isFalse();
            seen.set((int)m);
        }
    }

    @Property(tries = 5)
    void aFleetThatIsAMultipleOfTheScatterPrimeIsStillCovered(@ForAll @IntRange(min = 1, max = 2) final int times)
    {
        final int meters = 1_000_003 * times;
        final BitSet seen = new BitSet(meters + 1);
        for (int k = 0; k < meters; k++)
        {
            seen.set((int)Fleet.shuffledMeter(k, meters));
        }
        assertThat(seen.cardinality()).isEqualTo(meters);
    }
}
