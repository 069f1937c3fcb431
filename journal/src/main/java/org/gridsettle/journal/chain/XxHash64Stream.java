package org.gridsettle.journal.chain;

import org.agrona.DirectBuffer;

/**
 * {@link XxHash64} over bytes fed a piece at a time, with the same result as hashing them in one call, so that a
 * long region (a snapshot of 130 MB) can be hashed in short bursts with pauses between them.
 * <p>
 * Every piece but the last must be a multiple of {@value #STRIPE} bytes, XXH64's stripe, so no bytes are held back
 * between calls; the last may have any length. Allocation-free. One instance per thread at a time; reusable after
 * {@link #reset}.
 */
public final class XxHash64Stream
{
    /** Bytes XXH64 consumes per round of its four lanes. */
    public static final int STRIPE = 32;

    private long seed;
    private long v1;
    private long v2;
    private long v3;
    private long v4;
    private long total;

    /**
     * A stream at its start, seeded with 0.
     */
    public XxHash64Stream()
    {
        reset(0);
    }

    /**
     * Starts a new hash.
     *
     * @param seed as for {@link XxHash64#hash}.
     * @return this.
     */
    public XxHash64Stream reset(final long seed)
    {
        this.seed = seed;
        v1 = seed + XxHash64.P1 + XxHash64.P2;
        v2 = seed + XxHash64.P2;
        v3 = seed;
        v4 = seed - XxHash64.P1;
        total = 0;
        return this;
    }

    /**
     * Adds a piece that is not the last.
     *
     * @param buffer holding the bytes.
     * @param offset first byte.
     * @param length number of bytes, a multiple of {@value #STRIPE}.
     * @throws IllegalArgumentException if the length is not a whole number of stripes.
     */
    public void update(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length % STRIPE != 0)
        {
            throw new IllegalArgumentException("a piece before the last must be a multiple of " + STRIPE +
                " bytes, not " + length);
        }
        buffer.boundsCheck(offset, length);
        stripes(buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    /**
     * Adds the last piece and returns the hash of everything fed since {@link #reset}.
     *
     * @param buffer holding the bytes.
     * @param offset first byte.
     * @param length number of bytes, any.
     * @return the hash, equal to {@link XxHash64#hash} over all the pieces in order.
     */
    public long finish(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        final Object base = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final int whole = length - length % STRIPE;
        stripes(base, address, whole);
        final long all = total + (length - whole);
        final long h = total > 0 ? XxHash64.converge(v1, v2, v3, v4) : seed + XxHash64.P5;
        return XxHash64.tail(h + all, base, address, whole, length);
    }

    private void stripes(final Object base, final long address, final int length)
    {
        long a1 = v1;
        long a2 = v2;
        long a3 = v3;
        long a4 = v4;
        for (long p = address, end = address + length; p < end; p += STRIPE)
        {
            a1 = XxHash64.round(a1, XxHash64.getLong(base, p));
            a2 = XxHash64.round(a2, XxHash64.getLong(base, p + 8));
            a3 = XxHash64.round(a3, XxHash64.getLong(base, p + 16));
            a4 = XxHash64.round(a4, XxHash64.getLong(base, p + 24));
        }
        v1 = a1;
        v2 = a2;
        v3 = a3;
        v4 = a4;
        total += length;
    }
}
