package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sealing on a background thread must write the very same journal as sealing inline, checkpoints included, also
 * when a writer resumes a journal that was left part-way through a block.
 */
class JournalSealingTest
{
    private static final int CHECKPOINT_INTERVAL = 7;

    @TempDir
    Path tmp;

    @Test
    void backgroundSealingWritesTheSameRecordsAndCheckpointsAsInline()
    {
        final Path inline = tmp.resolve("inline");
        final Path background = tmp.resolve("background");
        for (final Sealing sealing : Sealing.values())
        {
            final Path dir = sealing == Sealing.INLINE ? inline : background;
            // three sessions: closed cleanly, abandoned part-way through a block, closed
            try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL, sealing))
            {
                append(writer, 0, 30);
            }
            final JournalWriter abandoned = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL, sealing);
            append(abandoned, 30, 40);
            abandoned.abandon();
            try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL, sealing))
            {
                append(writer, 40, 75);
            }
        }

        final List<byte[]> inlineRecords = allRecords(inline);
        // 75 data records, a checkpoint after every 7th of a block and one per clean close
        assertThat(inlineRecords).hasSizeGreaterThan(75 + 75 / CHECKPOINT_INTERVAL);
        assertThat(allRecords(background)).containsExactlyElementsOf(inlineRecords);
        try (JournalReader reader = new JournalReader(background))
        {
            // checks every record's chain value and every checkpoint's SHA-256
            assertThat(reader.verifyToEnd().dataRecords()).isEqualTo(75);
            assertThat(reader.endsWithCloseCheckpoint()).isTrue();
        }
    }

    @Test
    void theSealOfAJournalLeftWithoutACloseCheckpointIsWhatItsCloseCheckpointThenHolds()
    {
        final Path dir = tmp.resolve("journal");
        // 10 records: a periodic checkpoint after the 7th, then 3 records of an open block
        final JournalWriter abandoned = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL);
        append(abandoned, 0, 10);
        abandoned.abandon();
        final byte[] open;
        try (JournalReader reader = new JournalReader(dir))
        {
            assertThat(reader.verifyToEnd().endsWithCloseCheckpoint()).isFalse();
            open = reader.seal();
        }

        new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL).close();

        final List<byte[]> records = allRecords(dir);
        final byte[] close = new byte[CheckpointCodec.SHA_LENGTH];
        new CheckpointCodec().<CheckpointCodec>wrap(new UnsafeBuffer(records.get(records.size() - 1)), 0)
            .sha256(close);
        assertThat(open).isEqualTo(close);
        try (JournalReader reader = new JournalReader(dir))
        {
            assertThat(reader.verifyToEnd().endsWithCloseCheckpoint()).isTrue();
            assertThat(reader.seal()).isEqualTo(close);
        }
    }

    // what a host keeps without reading the journal again must be what settle verify prints for it later
    @Test
    void aCleanlyClosedWriterAnswersTheSealAReaderFindsAndAnAbandonedOneNone()
    {
        final Path dir = tmp.resolve("journal");
        final JournalWriter first = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL);
        append(first, 0, 10);
        assertThat(first.seal()).as("not sealed before its close").isNull();
        first.close();
        final JournalSeal sealed = first.seal();
        assertThat(sealed).isEqualTo(readSeal(dir));
        assertThat(sealed.dataRecords()).isEqualTo(10);

        // a session that appends nothing keeps the close checkpoint the journal ends with, and its seal
        final JournalWriter idle = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL);
        idle.close();
        assertThat(idle.seal()).isEqualTo(sealed).isEqualTo(readSeal(dir));

        final JournalWriter more =
            new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL, Sealing.BACKGROUND);
        append(more, 10, 25);
        more.close();
        assertThat(more.seal()).isEqualTo(readSeal(dir)).isNotEqualTo(sealed);

        final JournalWriter abandoned = new JournalWriter(dir, Durability.PAGE_CACHE, CHECKPOINT_INTERVAL);
        append(abandoned, 25, 27);
        abandoned.abandon();
        assertThat(abandoned.seal()).as("left without a close checkpoint").isNull();
    }

    private static JournalSeal readSeal(final Path dir)
    {
        try (JournalReader reader = new JournalReader(dir))
        {
            reader.verifyToEnd();
            assertThat(reader.endsWithCloseCheckpoint()).isTrue();
            return new JournalSeal(reader.dataRecords(), reader.digest(), HexFormat.of().formatHex(reader.seal()));
        }
    }

    private static void append(final JournalWriter writer, final int from, final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        for (int i = from; i < to; i++)
        {
            final int length;
            if (i % 3 == 0)
            {
                new TransferCodec().<TransferCodec>wrap(buffer, 0)
                    .encode(i, i, 1_000 + i, 2_000 + i, 0x44_53_55L, 12_345L * i, ReasonCode.ENERGY_CHARGE)
                    .explain(0x1000 + i, 1_700_000_000L + 900L * i, 100 + i, 250_000, 9, 1, 0, 0);
                length = TransferCodec.LENGTH;
            }
            else
            {
                new MeterTickCodec().<MeterTickCodec>wrap(buffer, 0)
                    .encode(i, 42 + i, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900L * i, 900, 100 + i, 0, 0);
                length = MeterTickCodec.LENGTH;
            }
            writer.append(buffer, 0, length);
        }
    }

    private static List<byte[]> allRecords(final Path dir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir).includeCheckpoints(true))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                records.add(copy);
            }))
            {
                assertThat(records).isNotEmpty();
            }
        }
        return records;
    }
}
