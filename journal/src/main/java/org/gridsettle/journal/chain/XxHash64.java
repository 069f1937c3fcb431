package org.gridsettle.journal.chain;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

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
    static final long P1 = 0x9E3779B185EBCA87L;
    static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    static final long P5 = 0x27D4EB2F165667C5L;
    private static final boolean NATIVE_LE = BufferUtil.NATIVE_BYTE_ORDER == ByteOrder.LITTLE_ENDIAN;

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
        // one bounds check for the region, then unchecked reads: this runs on every journalled record
        buffer.boundsCheck(offset, length);
        final Object base = buffer.byteArray();
        final long address = buffer.addressOffset();
        long p = offset;
        final long end = offset + (long)length;
        long h;
        if (length >= 32)
        {
            final long limit = end - 32;
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            do
            {
                v1 = round(v1, getLong(base, address + p));
                v2 = round(v2, getLong(base, address + p + 8));
                v3 = round(v3, getLong(base, address + p + 16));
                v4 = round(v4, getLong(base, address + p + 24));
                p += 32;
            }
            while (p <= limit);
            h = converge(v1, v2, v3, v4);
        }
        else
        {
            h = seed + P5;
        }
        h += length;
        return tail(h, base, address, p, end);
    }

    /**
     * The lanes' merge once all 32-byte stripes are consumed; shared with {@link XxHash64Stream}.
     */
    static long converge(final long v1, final long v2, final long v3, final long v4)
    {
        long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        h = mergeRound(h, v4);
        return h;
    }

    /**
     * Mixes in the last bytes (fewer than 32) and finalises; shared with {@link XxHash64Stream}.
     */
    static long tail(final long hash, final Object base, final long address, final long from, final long end)
    {
        long h = hash;
        long p = from;
        while (p + 8 <= end)
        {
            h ^= round(0, getLong(base, address + p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= end)
        {
            h ^= (getInt(base, address + p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < end)
        {
            h ^= (UnsafeApi.getByte(base, address + p) & 0xFFL) * P5;
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

    static long getLong(final Object base, final long address)
    {
        final long value = UnsafeApi.getLong(base, address);
        return NATIVE_LE ? value : Long.reverseBytes(value);
    }

    private static int getInt(final Object base, final long address)
    {
        final int value = UnsafeApi.getInt(base, address);
        return NATIVE_LE ? value : Integer.reverseBytes(value);
    }

    static long round(final long acc, final long input)
    {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(final long acc, final long val)
    {
        return (acc ^ round(0, val)) * P1 + P4;
    }
}
