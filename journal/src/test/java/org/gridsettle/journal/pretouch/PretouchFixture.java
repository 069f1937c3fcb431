package org.gridsettle.journal.pretouch;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.codec.MeterTickCodec;

import java.nio.ByteBuffer;

/**
 * What the pretoucher tests share: a small headroom, so that exact page counts stay readable, and ticks appended to a
 * real journal.
 */
final class PretouchFixture
{
    /** 16 pages: far less than the defaults, so a test can count every page. */
    static final int HEADROOM = 64 * 1024;

    private PretouchFixture()
    {
    }

    /**
     * @return a buffer for one tick record.
     */
    static UnsafeBuffer tickRecord()
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
    }

    /**
     * Appends ticks {@code from} (inclusive) to {@code to} (exclusive), one record each, distinct per index.
     *
     * @param writer the journal.
     * @param record a buffer from {@link #tickRecord()}.
     * @param from   first tick index.
     * @param to     tick index after the last.
     */
    static void append(final JournalWriter writer, final UnsafeBuffer record, final int from, final int to)
    {
        final MeterTickCodec tick = new MeterTickCodec();
        tick.wrap(record, 0);
        for (int i = from; i < to; i++)
        {
            tick.encode(i + 1, 42 + i, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900L * i, 900, 100 + i, 0, 0);
            writer.append(record, 0, MeterTickCodec.LENGTH);
        }
    }
}
