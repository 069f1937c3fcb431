package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.chain.ReferenceXxHash64;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chronicle Queue on disk: write, read back, resume, and tamper with the cycle file. Expected digests are computed
 * independently with {@link ReferenceXxHash64} over the encoded records, chained from "gridsetl".
 */
class JournalIntegrationTest
{
    /** High bits of every meter id written here, so a record can be found in the cycle file by its meter id. */
    static final long MARKER = 0x7A3F_5C1E_0000_0000L;
    private static final int APPEND_OFFSET = 16;

    @TempDir
    Path tmp;

    /** Record i: mostly meter ticks with meter id MARKER + i, a transfer every fifth, a tariff version at 7. */
    private static byte[] record(final int i)
    {
        if (i == 7)
        {
            final TouTariff tariff = TouTariff.hourly(9, 1, 0, "USD", "SOLAR", ZoneId.of("America/Los_Angeles"),
                List.of(new TouPeriod("off", 200_000, 40_000), new TouPeriod("peak", 450_000, 90_000)),
                new int[24], new int[24]);
            final byte[] bytes = new byte[TariffVersionCodec.encodedLength(tariff)];
            new TariffVersionCodec().<TariffVersionCodec>wrap(new UnsafeBuffer(bytes), 0).encode(i, tariff);
            return bytes;
        }
        if (i % 5 == 4)
        {
            final byte[] bytes = new byte[TransferCodec.LENGTH];
            new TransferCodec().<TransferCodec>wrap(new UnsafeBuffer(bytes), 0)
                .encode(i, i - 1, 1_000 + i, 2_000 + i, 0x44_53_55L, 12_345L * i, ReasonCode.ENERGY_CHARGE)
                .explain(0x1000 + i, 1_700_000_000L + 900L * i, 100 + i, 250_000, 9, 1, 0, 0);
            return bytes;
        }
        final byte[] bytes = new byte[MeterTickCodec.LENGTH];
        new MeterTickCodec().<MeterTickCodec>wrap(new UnsafeBuffer(bytes), 0)
            .encode(i, MARKER + i, MeterTickCodec.CHANNEL_MAIN, 1_700_000_000L + 900L * i, 900, 100 + i, i % 3, 0);
        return bytes;
    }

    static List<byte[]> records(final int n)
    {
        final List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            list.add(record(i));
        }
        return list;
    }

    /** The digest by the format's definition, with the test's own XXH64. */
    private static long referenceDigest(final List<byte[]> records)
    {
        long chain = 0x6c74657364697267L; // "gridsetl" read as a little-endian long
        for (final byte[] r : records)
        {
            chain = ReferenceXxHash64.hash(r, 0, r.length - 8, chain);
        }
        return chain;
    }

    private static List<byte[]> append(final JournalWriter writer, final List<byte[]> records, final long firstPosition)
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        final List<byte[]> sealed = new ArrayList<>();
        long expectedPosition = firstPosition;
        for (final byte[] r : records)
        {
            direct.putBytes(APPEND_OFFSET, r);
            assertThat(writer.append(direct, APPEND_OFFSET, r.length)).isEqualTo(expectedPosition++);
            final byte[] copy = new byte[r.length];
            direct.getBytes(APPEND_OFFSET, copy);
            sealed.add(copy);
        }
        writer.endOfBatch();
        return sealed;
    }

    static long write(final Path dir, final List<byte[]> records)
    {
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            append(writer, records, writer.count());
            return writer.digest();
        }
    }

    private record ReadBack(List<byte[]> records, long digest)
    {
    }

    private static ReadBack readAll(final Path dir)
    {
        final List<byte[]> read = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                // positions count checkpoint records too, which the reader verifies and skips
                assertThat(position).isGreaterThanOrEqualTo(read.size());
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                read.add(copy);
            }))
            {
                assertThat(reader.dataRecords()).isEqualTo(read.size());
            }
            return new ReadBack(read, reader.digest());
        }
    }

    @Test
    void writesRecordsAndReadsThemBackWithTheSameDigest()
    {
        final Path dir = tmp.resolve("journal");
        final List<byte[]> records = records(200);
        final long expected = referenceDigest(records);
        final List<byte[]> sealed;
        try (JournalWriter writer = new JournalWriter(dir, Durability.SYNC_ON_BATCH))
        {
            assertThat(writer.count()).isZero();
            assertThat(writer.digest()).isEqualTo(HashChain.GENESIS);
            sealed = append(writer, records, 0);
            assertThat(writer.count()).isEqualTo(200);
            assertThat(writer.digest()).isEqualTo(expected);
            assertThat(writer.dir()).isEqualTo(dir);
        }
        final ReadBack back = readAll(dir);
        assertThat(back.records()).hasSize(200);
        for (int i = 0; i < 200; i++)
        {
            assertThat(back.records().get(i)).as("record %d as sealed", i).isEqualTo(sealed.get(i));
            // the body is exactly what was encoded; only the trailer was filled in
            final byte[] original = records.get(i);
            assertThat(java.util.Arrays.copyOf(back.records().get(i), original.length - 8))
                .isEqualTo(java.util.Arrays.copyOf(original, original.length - 8));
        }
        assertThat(back.digest()).isEqualTo(expected);
        // the last record's trailer is the digest
        final byte[] last = back.records().get(199);
        assertThat(new UnsafeBuffer(last).getLong(last.length - 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(expected);
    }

    @Test
    void recordsInABufferOverAJavaArrayAreAppendedAsFromDirectMemory()
    {
        // the writer read a heap buffer's addressOffset as an address, which crashed the JVM (SIGSEGV)
        final List<byte[]> records = records(20);
        final Path heap = tmp.resolve("heap");
        try (JournalWriter writer = new JournalWriter(heap, Durability.PAGE_CACHE))
        {
            // a wrapped slice of a larger array, so that the array's own offset counts as well as the record's
            final byte[] array = new byte[8192];
            final UnsafeBuffer buffer = new UnsafeBuffer(array, 40, 4096);
            for (final byte[] r : records)
            {
                buffer.putBytes(APPEND_OFFSET, r);
                writer.append(buffer, APPEND_OFFSET, r.length);
            }
            final UnsafeBuffer overHeapByteBuffer = new UnsafeBuffer(ByteBuffer.allocate(4096));
            overHeapByteBuffer.putBytes(APPEND_OFFSET, records.get(0));
            writer.append(overHeapByteBuffer, APPEND_OFFSET, records.get(0).length);
        }
        final List<byte[]> expected = new ArrayList<>(records);
        expected.add(records.get(0));
        final ReadBack back = readAll(heap);
        assertThat(back.digest()).isEqualTo(referenceDigest(expected));
        for (int i = 0; i < expected.size(); i++)
        {
            assertThat(java.util.Arrays.copyOf(back.records().get(i), expected.get(i).length - 8)).as("record %d", i)
                .isEqualTo(java.util.Arrays.copyOf(expected.get(i), expected.get(i).length - 8));
        }
    }

    @Test
    void reopenedWriterResumesTheChain()
    {
        final List<byte[]> records = records(12);
        final Path resumed = tmp.resolve("resumed");
        final long digestAfterFive = write(resumed, records.subList(0, 5));
        assertThat(digestAfterFive).isEqualTo(referenceDigest(records.subList(0, 5)));

        try (JournalWriter writer = new JournalWriter(resumed, Durability.PAGE_CACHE))
        {
            assertThat(writer.dataRecords()).isEqualTo(5);
            assertThat(writer.digest()).isEqualTo(digestAfterFive);
            // positions count the close checkpoint the first writer left, so continue from count()
            append(writer, records.subList(5, 12), writer.count());
            assertThat(writer.dataRecords()).isEqualTo(12);
        }

        final Path single = tmp.resolve("single");
        final long singleRun = write(single, records);
        assertThat(singleRun).isEqualTo(referenceDigest(records));

        final ReadBack back = readAll(resumed);
        assertThat(back.records()).hasSize(12);
        assertThat(back.digest()).isEqualTo(singleRun);
        assertThat(readAll(single).digest()).isEqualTo(singleRun);
    }

    @Test
    void emptyJournalHasTheGenesisDigest()
    {
        final Path dir = tmp.resolve("empty");
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE))
        {
            assertThat(writer.count()).isZero();
        }
        final ReadBack back = readAll(dir);
        assertThat(back.records()).isEmpty();
        assertThat(back.digest()).isEqualTo(0x6c74657364697267L);
    }

    @Test
    void flippedByteInARecordBodyStopsTheReadAtThatRecord() throws IOException
    {
        final Path dir = tmp.resolve("flipped");
        write(dir, records(10));

        // record 6 is a meter tick whose meter id MARKER + 6 sits at record offset 24; flip a bit of its low byte
        flip(find(dir, MARKER + 6), 0x01);

        final List<Long> delivered = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir))
        {
            assertThatThrownBy(() ->
            {
                while (reader.next((buffer, offset, length, position) -> delivered.add(position)))
                {
                    // keep reading
                }
            })
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("record 6 (sequence 6)")
                .hasMessageContaining("hash chain broken");
            assertThat(reader.position()).isEqualTo(6);
        }
        assertThat(delivered).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void flippedTrailerIsDetected() throws IOException
    {
        final Path dir = tmp.resolve("trailer");
        write(dir, records(10));
        // record 8 is a meter tick (72 bytes): its trailer starts 72 - 8 - 24 = 40 bytes after the meter id
        flip(find(dir, MARKER + 8).plus(40), 0x80);
        assertThatThrownBy(() -> readAll(dir))
            .isInstanceOf(JournalCorruptException.class).hasMessageContaining("record 8 (sequence 8)");
    }

    @Test
    void overwrittenTypeIdIsReportedAsMalformedWithItsPosition() throws IOException
    {
        final Path dir = tmp.resolve("typeid");
        write(dir, records(10));
        // record 3's header starts 24 bytes before its meter id; type id 1 -> 99 (0x63)
        final Hit start = find(dir, MARKER + 3).plus(-24);
        try (FileChannel ch = FileChannel.open(start.file(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer two = ByteBuffer.allocate(2);
            ch.read(two, start.position());
            assertThat(two.get(0)).as("found the type id of a meter tick").isEqualTo((byte)1);
            ch.write(ByteBuffer.wrap(new byte[] {99, 0}), start.position());
        }
        assertThatThrownBy(() -> readAll(dir))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("record 3 (sequence 3)")
            .hasMessageContaining("unknown record type 99");
    }

    @Test
    void recordsSwappedInPlaceOnDiskBreakTheChain() throws IOException
    {
        final Path dir = tmp.resolve("swapped-in-place");
        write(dir, records(10));
        // records 5 and 6 are both 72-byte meter ticks: exchange their bytes inside the cycle file
        final Hit start5 = find(dir, MARKER + 5).plus(-24);
        final Hit start6 = find(dir, MARKER + 6).plus(-24);
        assertThat(start6.file()).as("adjacent records in one cycle file").isEqualTo(start5.file());
        try (FileChannel ch = FileChannel.open(start5.file(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer r5 = ByteBuffer.allocate(72);
            final ByteBuffer r6 = ByteBuffer.allocate(72);
            ch.read(r5, start5.position());
            ch.read(r6, start6.position());
            ch.write(r6.flip(), start5.position());
            ch.write(r5.flip(), start6.position());
        }
        // position 5 now holds the record sealed as the 7th (sequence 6)
        assertThatThrownBy(() -> readAll(dir))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("record 5 (sequence 6)")
            .hasMessageContaining("hash chain broken");
    }

    @Test
    void journalsOfTheSameRecordsInADifferentOrderHaveDifferentDigests()
    {
        final List<byte[]> inOrder = records(10);
        final List<byte[]> swapped = new ArrayList<>(inOrder);
        Collections.swap(swapped, 4, 5);

        final long a = write(tmp.resolve("a"), inOrder);
        final long b = write(tmp.resolve("b"), swapped);
        assertThat(a).isEqualTo(referenceDigest(inOrder));
        assertThat(b).isEqualTo(referenceDigest(swapped));
        assertThat(a).isNotEqualTo(b);
        // each journal is internally consistent; only the digest tells them apart
        assertThat(readAll(tmp.resolve("a")).digest()).isEqualTo(a);
        assertThat(readAll(tmp.resolve("b")).digest()).isEqualTo(b);
    }

    @Test
    void readerRefusesAMissingDirectory()
    {
        final Path missing = tmp.resolve("nothing-here");
        assertThatThrownBy(() -> new JournalReader(missing))
            .isInstanceOf(JournalCorruptException.class).hasMessageContaining("no journal at").hasMessageContaining(
                missing.toString());
    }

    @Test
    void journalsKnowsWhereInputAndOutputLive()
    {
        final Path root = tmp.resolve("root");
        assertThat(Journals.input(root)).isEqualTo(root.resolve("input"));
        assertThat(Journals.output(root)).isEqualTo(root.resolve("output"));
        assertThat(Journals.exists(root)).isFalse();
        write(Journals.input(root), records(1));
        assertThat(Journals.exists(root)).isTrue();
    }

    /** Where a pattern was found: a cycle file and a byte position in it. */
    record Hit(Path file, long position)
    {
        Hit plus(final long delta)
        {
            return new Hit(file, position + delta);
        }
    }

    private static List<Path> cycleFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            // normally one; a run that straddles UTC midnight rolls to a second daily file
            final List<Path> cycles = files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
            assertThat(cycles).as("cycle files in %s", dir).isNotEmpty();
            return cycles;
        }
    }

    /** The one occurrence of a little-endian long in the journal's cycle files. */
    static Hit find(final Path dir, final long value) throws IOException
    {
        final byte[] pattern = new byte[8];
        new UnsafeBuffer(pattern).putLong(0, value, ByteOrder.LITTLE_ENDIAN);
        Hit found = null;
        for (final Path file : cycleFiles(dir))
        {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ))
            {
                // records of a fresh queue are near the start of the (sparse, pre-sized) file
                final int window = (int)Math.min(ch.size(), 16L << 20);
                final ByteBuffer bytes = ByteBuffer.allocate(window);
                while (bytes.hasRemaining() && ch.read(bytes) > 0)
                {
                    // fill
                }
                final byte[] a = bytes.array();
                for (int i = 0; i + 8 <= a.length; i++)
                {
                    int k = 0;
                    while (k < 8 && a[i + k] == pattern[k])
                    {
                        k++;
                    }
                    if (k == 8)
                    {
                        assertThat(found).as("pattern %x occurs once", value).isNull();
                        found = new Hit(file, i);
                    }
                }
            }
        }
        assertThat(found).as("pattern %x in %s", value, dir).isNotNull();
        return found;
    }

    static void flip(final Hit at, final int mask) throws IOException
    {
        try (FileChannel ch = FileChannel.open(at.file(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, at.position());
            ch.write(ByteBuffer.wrap(new byte[] {(byte)(one.get(0) ^ mask)}), at.position());
        }
    }
}
