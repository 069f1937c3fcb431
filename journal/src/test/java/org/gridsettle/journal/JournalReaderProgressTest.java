package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader tells a progress display how far it has read, every {@link ProgressListener#EVERY} records, offset by
 * the records a longer task had already done.
 */
class JournalReaderProgressTest
{
    @TempDir
    Path tmp;

    @Test
    void reportsEveryBlockOfRecordsOffsetByTheTaskSoFar()
    {
        final Path dir = tmp.resolve("input");
        final int records = 2 * ProgressListener.EVERY + 100;
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        final MeterTickCodec tick = new MeterTickCodec();
        // no checkpoint before the close one, so positions count ticks only
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE, Integer.MAX_VALUE))
        {
            for (long sequence = 1; sequence <= records; sequence++)
            {
                tick.<MeterTickCodec>wrap(buffer, 0)
                    .encode(sequence, 7, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900 * sequence, 900, 1, 0, 0);
                writer.append(buffer, 0, MeterTickCodec.LENGTH);
            }
        }
        final List<long[]> calls = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir))
        {
            final long total = reader.indexedRecords();
            assertThat(total).as("ticks and the close checkpoint").isEqualTo(records + 1);
            reader.progress((done, expected) -> calls.add(new long[] {done, expected}), 1_000, 1_000 + total);
            reader.verifyToEnd();
        }
        assertThat(calls).extracting(c -> c[0])
            .containsExactly(1_000L + ProgressListener.EVERY, 1_000L + 2L * ProgressListener.EVERY);
        assertThat(calls).extracting(c -> c[1]).containsOnly(1_000L + records + 1);
    }
}
