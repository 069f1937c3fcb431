package org.gridsettle.replay;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word-at-a-time comparison against {@link Arrays#equals}, at every offset and length, with one byte changed
 * anywhere, in the words or in the tail.
 */
class OutputComparerTest
{
    @Property(tries = 500)
    void sameBytesAgreesWithArraysEquals(
        @ForAll @Size(min = 0, max = 200) final byte[] record,
        @ForAll @IntRange(min = 0, max = 9) final int offsetA,
        @ForAll @IntRange(min = 0, max = 9) final int offsetB,
        @ForAll @IntRange(min = -1, max = 199) final int changed)
    {
        final byte[] other = record.clone();
        if (changed >= 0 && changed < other.length)
        {
            other[changed] ^= (byte)(1 + (changed % 255));
        }
        final UnsafeBuffer a = new UnsafeBuffer(new byte[offsetA + record.length]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[offsetB + other.length]);
        a.putBytes(offsetA, record);
        b.putBytes(offsetB, other);
        assertThat(OutputComparer.sameBytes(a, offsetA, b, offsetB, record.length))
            .isEqualTo(Arrays.equals(record, other));
    }
}
