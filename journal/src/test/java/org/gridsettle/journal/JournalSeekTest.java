package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Positioning a reader by sequence: the binary search lands on the right record, and reading on from there still
 * checks every record's chain link, so a reader that seeks ends with the same digest as one that read everything.
 */
class JournalSeekTest
{
    private static final int RECORDS = 10_000;
    /** A checkpoint after every 1,000 data records, so some targets sit right after one. */
    private static final int CHECKPOINT_INTERVAL = 1_000;

    @TempDir
    Path tmp;
    private Path dir;
    private long fullDigest;
    private long fullPosition;

    @BeforeEach
    void writeJournal()
    {
        dir = tmp.resolve("input");
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        final MeterTickCodec tick = new MeterTickCodec();
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL))
        {
            for (long sequence = 1; sequence <= RECORDS; sequence++)
            {
                tick.<MeterTickCodec>wrap(buffer, 0)
                    .encode(sequence, 5_000 + sequence % 7, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900 * sequence,
                        900, sequence % 500, 0, 0);
                writer.append(buffer, 0, MeterTickCodec.LENGTH);
            }
        }
        try (JournalReader reader = new JournalReader(dir))
        {
            fullDigest = reader.verifyToEnd().digest();
            fullPosition = reader.position();
            assertThat(reader.dataRecords()).isEqualTo(RECORDS);
        }
    }

    @Test
    void landsOnTheRecordAndVerifiesOnToTheSameDigest()
    {
        for (final long target : new long[] {2, 999, 1_000, 1_001, 2_500, 4_097, 9_999, RECORDS})
        {
            try (JournalReader reader = new JournalReader(dir).seekToSequence(target))
            {
                final long[] first = {-1};
                assertThat(reader.next((b, o, l, p) -> first[0] = RecordFlyweight.sequenceAt(b, o))).isTrue();
                assertThat(first[0]).as("first sequence after seeking to %d", target).isEqualTo(target);
                // the chain resumes from the link before the target: a wrong seed would fail the first record
                reader.verifyToEnd();
                assertThat(reader.digest()).as("digest after seeking to %d", target).isEqualTo(fullDigest);
                assertThat(reader.dataRecords()).isEqualTo(RECORDS - target + 1);
                // the records skipped, data and checkpoints, are counted into the position, so positions in messages
                // and each checkpoint's count of the records it covers still agree with a full read
                assertThat(reader.lastSequence()).isEqualTo(RECORDS);
                assertThat(reader.position()).isEqualTo(fullPosition);
            }
        }
    }

    @Test
    void seekingToTheStartOrPastTheEnd()
    {
        try (JournalReader reader = new JournalReader(dir).seekToSequence(1))
        {
            assertThat(reader.verifyToEnd().digest()).isEqualTo(fullDigest);
        }
        try (JournalReader reader = new JournalReader(dir).seekToSequence(RECORDS + 1))
        {
            assertThat(reader.next((b, o, l, p) -> { })).isFalse();
            // past the end the chain is the whole journal's, so a snapshot taken at the end can be checked
            assertThat(reader.digest()).isEqualTo(fullDigest);
            assertThat(reader.position()).isEqualTo(fullPosition);
        }
    }

    @Test
    void seekingAfterReadingIsRefused()
    {
        try (JournalReader reader = new JournalReader(dir))
        {
            reader.next((b, o, l, p) -> { });
            assertThatThrownBy(() -> reader.seekToSequence(50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seek before reading");
        }
    }
}
