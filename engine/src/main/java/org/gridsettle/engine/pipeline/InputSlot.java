package org.gridsettle.engine.pipeline;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated Disruptor ring entry: an encoded input record waiting to be journalled and applied.
 * <p>
 * Fixed-size inputs (ticks, registrations, enrolments) are encoded straight into {@link #buffer()} by the producer.
 * Rare large inputs (tariff versions) bring their own buffer, attached with {@link #attachLarge}. Ownership passes
 * from the producer to the business-logic thread through the Disruptor's sequence barrier.
 */
public final class InputSlot
{
    /** Capacity of the inline buffer, enough for every fixed-size input. */
    public static final int INLINE_CAPACITY = 128;

    private final UnsafeBuffer inline = new UnsafeBuffer(BufferUtil.allocateDirectAligned(INLINE_CAPACITY, 64));
    private MutableDirectBuffer current = inline;
    private int length;

    /**
     * @return the buffer a producer encodes into.
     */
    public MutableDirectBuffer buffer()
    {
        return inline;
    }

    /**
     * @param length whole length of the record now in the slot.
     */
    public void length(final int length)
    {
        this.length = length;
        this.current = inline;
    }

    /**
     * Uses a separately allocated direct buffer for a large record.
     *
     * @param buffer holding the record at offset 0.
     * @param length its length.
     */
    public void attachLarge(final MutableDirectBuffer buffer, final int length)
    {
        this.current = buffer;
        this.length = length;
    }

    /**
     * @return the buffer holding the record.
     */
    public MutableDirectBuffer record()
    {
        return current;
    }

    /**
     * @return the record length.
     */
    public int recordLength()
    {
        return length;
    }

    /**
     * Drops a large buffer once applied so the ring does not keep it alive.
     */
    public void clear()
    {
        current = inline;
        length = 0;
    }
}
