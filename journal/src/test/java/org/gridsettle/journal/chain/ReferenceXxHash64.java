package org.gridsettle.journal.chain;

/**
 * An independent, deliberately plain XXH64 for tests, written from the xxHash specification
 * (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md, "XXH64 algorithm description") rather than from
 * {@link XxHash64}: it works on a {@code byte[]}, assembles little-endian words byte by byte, keeps the four
 * accumulators in an array and writes the constants as the spec's decimal values.
 * <p>
 * It is itself checked against the published vectors in {@code XxHash64Test}, so the production code is compared
 * with something known to be right.
 */
public final class ReferenceXxHash64
{
    // The spec's primes, in the decimal form the spec gives.
    static final long PRIME64_1 = Long.parseUnsignedLong("11400714785074694791");
    static final long PRIME64_2 = Long.parseUnsignedLong("14029467366897019727");
    static final long PRIME64_3 = Long.parseUnsignedLong("1609587929392839161");
    static final long PRIME64_4 = Long.parseUnsignedLong("9650029242287828579");
    static final long PRIME64_5 = Long.parseUnsignedLong("2870177450012600261");

    private ReferenceXxHash64()
    {
    }

    /**
     * @param input bytes.
     * @param seed  seed.
     * @return XXH64 of the input.
     */
    public static long hash(final byte[] input, final long seed)
    {
        return hash(input, 0, input.length, seed);
    }

    /**
     * @param input bytes.
     * @param from  first byte.
     * @param len   number of bytes.
     * @param seed  seed.
     * @return XXH64 of the range.
     */
    public static long hash(final byte[] input, final int from, final int len, final long seed)
    {
        int pos = 0;
        long acc;
        if (len >= 32)
        {
            // Step 1: initialise the four lane accumulators; step 2: consume whole 32-byte stripes
            final long[] lane = {seed + PRIME64_1 + PRIME64_2, seed + PRIME64_2, seed, seed - PRIME64_1};
            final int stripes = len / 32;
            for (int s = 0; s < stripes; s++)
            {
                for (int l = 0; l < 4; l++)
                {
                    lane[l] = laneRound(lane[l], word64(input, from + s * 32 + l * 8));
                }
            }
            pos = stripes * 32;
            // Step 3: converge
            acc = Long.rotateLeft(lane[0], 1) + Long.rotateLeft(lane[1], 7) +
                Long.rotateLeft(lane[2], 12) + Long.rotateLeft(lane[3], 18);
            for (int l = 0; l < 4; l++)
            {
                acc = acc ^ laneRound(0, lane[l]);
                acc = acc * PRIME64_1 + PRIME64_4;
            }
        }
        else
        {
            // Special case: fewer than 32 bytes
            acc = seed + PRIME64_5;
        }
        // Step 4: add the input length
        acc = acc + (len & 0xFFFFFFFFL);
        // Step 5: consume the remaining input: 8 bytes, then 4 bytes, then single bytes
        int remaining = len - pos;
        while (remaining >= 8)
        {
            acc = acc ^ laneRound(0, word64(input, from + pos));
            acc = Long.rotateLeft(acc, 27) * PRIME64_1 + PRIME64_4;
            pos += 8;
            remaining -= 8;
        }
        if (remaining >= 4)
        {
            acc = acc ^ (word32(input, from + pos) * PRIME64_1);
            acc = Long.rotateLeft(acc, 23) * PRIME64_2 + PRIME64_3;
            pos += 4;
            remaining -= 4;
        }
        while (remaining > 0)
        {
            acc = acc ^ ((input[from + pos] & 0xFFL) * PRIME64_5);
            acc = Long.rotateLeft(acc, 11) * PRIME64_1;
            pos++;
            remaining--;
        }
        // Step 6: final mix (avalanche)
        acc = acc ^ (acc >>> 33);
        acc = acc * PRIME64_2;
        acc = acc ^ (acc >>> 29);
        acc = acc * PRIME64_3;
        acc = acc ^ (acc >>> 32);
        return acc;
    }

    private static long laneRound(final long accN, final long laneN)
    {
        long a = accN + laneN * PRIME64_2;
        a = Long.rotateLeft(a, 31);
        return a * PRIME64_1;
    }

    private static long word64(final byte[] b, final int at)
    {
        long v = 0;
        for (int i = 7; i >= 0; i--)
        {
            v = (v << 8) | (b[at + i] & 0xFFL);
        }
        return v;
    }

    private static long word32(final byte[] b, final int at)
    {
        long v = 0;
        for (int i = 3; i >= 0; i--)
        {
            v = (v << 8) | (b[at + i] & 0xFFL);
        }
        return v;
    }
}
