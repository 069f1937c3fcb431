package org.gridsettle.engine;

import org.agrona.MutableDirectBuffer;
import org.gridsettle.journal.chain.XxHash64;

/**
 * Chooses the last 8 bytes of an input so that its XXH64 is a given value: what makes the XXH64 digest of a journal no
 * proof against an editor (FORMAT.md section 6). XXH64 ends by mixing the last 8-byte lane into its state,
 * {@code acc = rotl(acc ^ round(lane), 27) * P1 + P4}, then an avalanche; every one of those steps is a bijection of
 * 64-bit words, so both can be run backwards. Stateless.
 */
final class XxHash64Inversion
{
    // the published XXH64 primes
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;

    private XxHash64Inversion()
    {
    }

    /**
     * @param buffer holding the input; its last 8 bytes are overwritten with zero while computing.
     * @param offset of the input.
     * @param length of the input: its last 8 bytes must be a whole lane after the last 32-byte stripe
     *               ({@code length % 32} is 8, 16 or 24).
     * @param seed   the XXH64 seed.
     * @param target the hash wanted.
     * @return the last 8 bytes (a little-endian long) that give {@code target}.
     */
    static long lastLaneFor(
        final MutableDirectBuffer buffer, final int offset, final int length, final long seed, final long target)
    {
        if (length < 40 || length % 32 == 0 || length % 8 != 0)
        {
            throw new IllegalArgumentException("the last 8 bytes are not a tail lane: length " + length);
        }
        buffer.putLong(offset + length - Long.BYTES, 0);
        // with a zero lane, whose round is zero, the state before the lane falls out of the hash
        final long before =
            Long.rotateRight((beforeAvalanche(XxHash64.hash(buffer, offset, length, seed)) - P4) * inverse(P1), 27);
        final long round = Long.rotateRight((beforeAvalanche(target) - P4) * inverse(P1), 27) ^ before;
        // round(lane) = rotl(lane * P2, 31) * P1
        return Long.rotateRight(round * inverse(P1), 31) * inverse(P2);
    }

    private static long beforeAvalanche(final long hash)
    {
        long h = unshiftRight(hash, 32);
        h *= inverse(P3);
        h = unshiftRight(h, 29);
        h *= inverse(P2);
        return unshiftRight(h, 33);
    }

    /** Inverts {@code h ^= h >>> shift}. */
    private static long unshiftRight(final long value, final int shift)
    {
        long x = value;
        for (int i = 0; i < 64 / shift + 1; i++)
        {
            x = value ^ (x >>> shift);
        }
        return x;
    }

    /** The inverse of an odd number modulo 2^64, by Newton's iteration. */
    private static long inverse(final long odd)
    {
        long x = odd;
        for (int i = 0; i < 6; i++)
        {
            x *= 2 - odd * x;
        }
        return x;
    }
}
