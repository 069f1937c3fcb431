package org.gridsettle.journal.chain;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * XXH64 (Yann Collet's xxHash, 64-bit variant) over a region of a {@link DirectBuffer}, allocation-free.
 * <p>
 * Written here rather than borrowed from Chronicle's internal hashing because the chain values are part of the
 * journal format and must not change when a dependency is upgraded. The algorithm follows the published xxHash
 * specification (XXH64, little-endian reads); {@code XxHash64Test} checks it against the reference test vectors.
 * <p>
 * Stateless and thread-safe.
 */
public final class XxHash64
{
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private XxHash64()
    {
    }

    /**
     * @param buffer holding the bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @param seed   seed, here the previous chain value.
     * @return the 64-bit hash.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length, final long seed)
    {
        int p = offset;
        final int end = offset + length;
        long h;
        if (length >= 32)
        {
            final int limit = end - 32;
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            do
            {
                v1 = round(v1, buffer.getLong(p, LE));
                v2 = round(v2, buffer.getLong(p + 8, LE));
                v3 = round(v3, buffer.getLong(p + 16, LE));
                v4 = round(v4, buffer.getLong(p + 24, LE));
                p += 32;
            }
            while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        }
        else
        {
            h = seed + P5;
        }
        h += length;
        while (p + 8 <= end)
        {
            h ^= round(0, buffer.getLong(p, LE));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= end)
        {
            h ^= (buffer.getInt(p, LE) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < end)
        {
            h ^= (buffer.getByte(p) & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(final long acc, final long input)
    {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(final long acc, final long val)
    {
        return (acc ^ round(0, val)) * P1 + P4;
    }
}
