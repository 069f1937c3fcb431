package org.gridsettle.journal.chain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link XxHash64Stream} must give exactly what {@link ReferenceXxHash64}, written from the spec, gives for the same
 * bytes in one piece, however they are cut: a snapshot's checksum is hashed a piece at a time and read back whole.
 */
class XxHash64StreamTest
{
    @Property(tries = 300)
    void anyCutIntoWholeStripesHashesAsOnePiece(
        @ForAll @Size(max = 700) final byte[] bytes,
        @ForAll @Size(max = 8) final List<@IntRange(min = 0, max = 6) Integer> stripesPerPiece,
        @ForAll final long seed)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final XxHash64Stream stream = new XxHash64Stream().reset(seed);
        int at = 0;
        for (final int stripes : stripesPerPiece)
        {
            final int length = stripes * XxHash64Stream.STRIPE;
            if (at + length > bytes.length)
            {
                break;
            }
            stream.update(buffer, at, length);
            at += length;
        }
        assertThat(stream.finish(buffer, at, bytes.length - at)).isEqualTo(ReferenceXxHash64.hash(bytes, seed));
    }

    @Test
    void resetStartsOverAndShortInputsTakeTheSeedOnlyPath()
    {
        // published vector: XXH64("abc", 0) = 44BC2CF5AD770999 (Zig's std/hash/xxhash.zig test "xxhash64");
        // three bytes never fill a stripe, so this is the branch that skips the lanes
        final byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        final XxHash64Stream stream = new XxHash64Stream();
        final byte[] other = new byte[64];
        stream.update(new UnsafeBuffer(other), 0, 64);
        stream.reset(0);
        assertThat(stream.finish(new UnsafeBuffer(abc), 0, abc.length))
            .isEqualTo(Long.parseUnsignedLong("44BC2CF5AD770999", 16));
    }

    @Test
    void refusesAPieceThatIsNotWholeStripesBeforeTheLast()
    {
        final XxHash64Stream stream = new XxHash64Stream();
        assertThatThrownBy(() -> stream.update(new UnsafeBuffer(new byte[40]), 0, 40))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("multiple of 32");
    }
}
