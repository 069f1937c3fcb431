package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.chain.BlockDigest;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * File surgery on journals and snapshots for the corrupt-file tests: finds a record inside a Chronicle cycle file by
 * its header fields, and flips, overwrites, truncates, copies and deletes bytes and directories.
 * <p>
 * A gridsettle record sits in a cycle file as one Chronicle document: a 4-byte Chronicle header holding the length,
 * then the record (type u16, schema version u16, length i32, sequence i64, cause i64, ...). Records are found by
 * scanning for a position where the Chronicle length equals the record's own length field, which does not happen by
 * chance in these small journals. Stateless.
 */
public final class JournalFiles
{
    /** Offset of a record's sequence, for {@link #findRecord}: inputs are found by their sequence. */
    public static final int SEQUENCE = 8;
    /** Offset of an output's cause, for {@link #findRecord}: outputs are found by the input that caused them. */
    public static final int CAUSE = 16;
    /** Offset of the value a one-bit edit changes: a tick's import energy, a transfer's amount. */
    public static final int VALUE = 40;

    private JournalFiles()
    {
    }

    /**
     * Cuts a snapshot's state short and reseals its XXH64 trailer, as a build that wrote less state (one before a
     * section at the end of it) would have written it.
     *
     * @param snapshot the snapshot file.
     * @param stateEnd where the shorter state ends.
     * @throws IOException on failure.
     */
    public static void cutSnapshot(final Path snapshot, final int stateEnd) throws IOException
    {
        final byte[] former = Arrays.copyOf(Files.readAllBytes(snapshot), stateEnd + Long.BYTES);
        new UnsafeBuffer(former).putLong(stateEnd, org.gridsettle.journal.chain.XxHash64.hash(
            new UnsafeBuffer(former), 0, stateEnd, 0), ByteOrder.BIG_ENDIAN);
        Files.write(snapshot, former);
    }

    /**
     * @param queueDir an input or output queue directory.
     * @return its (single) cycle file.
     * @throws IOException if the directory cannot be listed.
     */
    public static Path cycleFile(final Path queueDir) throws IOException
    {
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst()
                .orElseThrow(() -> new AssertionError("no cycle file in " + queueDir));
        }
    }

    /**
     * @param daysFromToday days after today (UTC), or before it if negative.
     * @return the name of that day's cycle file, as Chronicle names it.
     */
    public static String cycleFileOfDay(final int daysFromToday)
    {
        return LocalDate.now(ZoneOffset.UTC).plusDays(daysFromToday).format(DateTimeFormatter.BASIC_ISO_DATE) +
            "F.cq4";
    }

    /**
     * Makes a journal of one day's cycle files look written on another day: renames each queue's cycle file, and
     * deletes Chronicle's table store, which remembers the cycles it saw and which a writer's open rebuilds.
     *
     * @param journalDir a journal whose queues hold one cycle file each.
     * @param name       the cycle file name to give them ({@link #cycleFileOfDay}).
     * @throws IOException if a file cannot be renamed or deleted.
     */
    public static void redate(final Path journalDir, final String name) throws IOException
    {
        for (final Path queue : new Path[] {Journals.input(journalDir), Journals.output(journalDir)})
        {
            Files.move(cycleFile(queue), queue.resolve(name));
            Files.delete(queue.resolve("metadata.cq4t"));
        }
    }

    /**
     * @param file        a cycle file.
     * @param typeId      record type id, or -1 for any.
     * @param fieldOffset offset of a long field in the record (8 sequence, 16 cause).
     * @param value       the value that field must hold.
     * @return file offset of the first such record.
     * @throws IOException if the file cannot be read.
     */
    public static long findRecord(final Path file, final int typeId, final int fieldOffset, final long value)
        throws IOException
    {
        final ByteBuffer bb = map(file);
        for (int i = 4; i + 32 < bb.limit(); i++)
        {
            if (isRecordAt(bb, i) && (typeId < 0 || (bb.getShort(i) & 0xFFFF) == typeId) &&
                bb.getLong(i + fieldOffset) == value)
            {
                return i;
            }
        }
        throw new AssertionError("no record of type " + typeId + " with " + value + " at offset " + fieldOffset +
            " in " + file);
    }

    /**
     * @param file a cycle file.
     * @return file offsets of the first record and of the end of the last record.
     * @throws IOException if the file cannot be read.
     */
    public static long[] recordSpan(final Path file) throws IOException
    {
        final ByteBuffer bb = map(file);
        long first = -1;
        long end = -1;
        for (int i = 4; i + 32 < bb.limit(); i++)
        {
            if (isRecordAt(bb, i))
            {
                if (first < 0)
                {
                    first = i;
                }
                end = i + bb.getInt(i + 4);
                i = (int)end - 1;
            }
        }
        if (first < 0)
        {
            throw new AssertionError("no record in " + file);
        }
        return new long[] {first, end};
    }

    private static boolean isRecordAt(final ByteBuffer bb, final int i)
    {
        final int type = bb.getShort(i) & 0xFFFF;
        final int length = bb.getInt(i + 4);
        return type >= 1 && type <= 104 && bb.getShort(i + 2) == 1 && length >= 32 && length < 4096 &&
            i + length <= bb.limit() && (bb.getInt(i - 4) & 0x3FFFFFFF) == length;
    }

    private static ByteBuffer map(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        int used = bytes.length;
        while (used > 0 && bytes[used - 1] == 0)
        {
            used--;
        }
        return ByteBuffer.wrap(Arrays.copyOf(bytes, used + 64)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Flips the low bit of the {@link #VALUE} field of the first record of a type whose field holds a value: an edit
     * that keeps the record well formed, so only the hash chain can notice it.
     *
     * @param queue a queue directory with one cycle file.
     * @param type  the record's type.
     * @param field {@link #SEQUENCE} or {@link #CAUSE}.
     * @param value the value that field holds.
     * @throws IOException on failure.
     */
    public static void flipValue(final Path queue, final RecordType type, final int field, final long value)
        throws IOException
    {
        final Path file = cycleFile(queue);
        flip(file, findRecord(file, type.id(), field, value) + VALUE, 0x01);
    }

    /**
     * @param file a file.
     * @param at   offset of the byte to flip.
     * @param mask bits to flip.
     * @throws IOException on failure.
     */
    public static void flip(final Path file, final long at, final int mask) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at);
            final int b = raf.read();
            raf.seek(at);
            raf.write(b ^ mask);
        }
    }

    /**
     * @param file  a file.
     * @param at    offset.
     * @param value little-endian u16 written there.
     * @throws IOException on failure.
     */
    public static void putShort(final Path file, final long at, final int value) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at);
            raf.write(value & 0xFF);
            raf.write((value >>> 8) & 0xFF);
        }
    }

    /**
     * @param file  a file.
     * @param at    offset.
     * @param value little-endian i32 written there (a Chronicle document header).
     * @throws IOException on failure.
     */
    public static void putInt(final Path file, final long at, final int value) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at);
            raf.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }
    }

    /**
     * Recomputes every XXH64 chain value of a journal's only cycle file, as an editor who knows the algorithm would
     * after changing a record: data records from {@link HashChain#GENESIS}, checkpoints sealed aside. The SHA-256
     * checkpoints are left as they are.
     *
     * @param file the single cycle file of a queue.
     * @throws IOException on failure.
     */
    public static void resealChain(final Path file) throws IOException
    {
        reseal(file, false, false);
    }

    /**
     * Recomputes a journal's only cycle file as an editor who knows every algorithm would after changing a record:
     * the XXH64 chain, optionally the SHA-256 checkpoints, and optionally 8 bytes of the last data record chosen so
     * that the chain ends on the digest it had before (XXH64's last steps invert: FORMAT.md section 6). The last
     * data record's hashed bytes must end on a whole 8-byte lane after the last 32-byte stripe (a TRANSFER's do).
     *
     * @param file       the single cycle file of a queue.
     * @param sha256     also recompute every checkpoint's SHA-256.
     * @param keepDigest choose the last data record's last 8 hashed bytes to keep the old digest.
     * @throws IOException on failure.
     */
    public static void reseal(final Path file, final boolean sha256, final boolean keepDigest) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final List<int[]> documents = new java.util.ArrayList<>();
        int lastData = -1;
        int position = 0;
        while (position + Integer.BYTES <= bytes.length)
        {
            // Chronicle framing (FORMAT.md section 1): a zero or not-complete header ends what was written
            final int header = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
            if (header == 0 || (header & 0x80000000) != 0)
            {
                break;
            }
            final int length = header & 0x3FFFFFFF;
            if ((header & 0x40000000) == 0)
            {
                documents.add(new int[] {position + 4, length});
                if (RecordFlyweight.typeIdAt(buffer, position + 4) != RecordType.CHECKPOINT.id())
                {
                    lastData = documents.size() - 1;
                }
            }
            position = (position + 4 + length + 3) & ~3;
        }
        final HashChain chain = new HashChain();
        final BlockDigest block = new BlockDigest();
        final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
        for (int i = 0; i < documents.size(); i++)
        {
            final int offset = documents.get(i)[0];
            final int length = documents.get(i)[1];
            if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.CHECKPOINT.id())
            {
                if (sha256)
                {
                    block.seal(sha);
                    buffer.putBytes(offset + CHECKPOINT_SHA256, sha);
                }
                chain.sealAside(buffer, offset, length);
                continue;
            }
            if (keepDigest && i == lastData)
            {
                final long digest = buffer.getLong(offset + length - Long.BYTES, ByteOrder.LITTLE_ENDIAN);
                buffer.putLong(offset + length - 2 * Long.BYTES, XxHash64Inversion.lastLaneFor(
                    buffer, offset, length - Long.BYTES, chain.head(), digest), ByteOrder.LITTLE_ENDIAN);
            }
            chain.seal(buffer, offset, length);
            block.add(buffer, offset, length);
        }
        Files.write(file, bytes);
    }

    /** Offset of a checkpoint's sha256 (FORMAT.md section 5). */
    private static final int CHECKPOINT_SHA256 = 48;

    /**
     * Writes a queue again as the writer killed after its {@code keep}-th record leaves it: those records, complete and
     * counted by Chronicle, and no close checkpoint. A journal whose last records are zeroed is not that: Chronicle still
     * counts the zeroed documents, as after a power failure.
     *
     * @param queue a queue directory.
     * @param keep  data records to keep.
     * @return every data record the queue held before, in order.
     * @throws IOException on failure.
     */
    public static List<byte[]> rewriteAsKilled(final Path queue, final int keep) throws IOException
    {
        final List<byte[]> records = EngineFixture.readAll(queue);
        writeAsKilled(queue, records.subList(0, keep));
        return records;
    }

    /**
     * Replaces a queue with these data records, chained and sealed by a journal writer that is then abandoned (no
     * close checkpoint): what an editor who knows the algorithms can make of a journal written by a killed engine.
     *
     * @param queue   a queue directory, deleted first.
     * @param records the data records, in order.
     * @throws IOException on failure.
     */
    public static void writeAsKilled(final Path queue, final List<byte[]> records) throws IOException
    {
        deleteTree(queue);
        final JournalWriter writer = new JournalWriter(queue, Durability.PAGE_CACHE);
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
            for (final byte[] record : records)
            {
                buffer.putBytes(0, record);
                writer.append(buffer, 0, record.length);
            }
        }
        finally
        {
            writer.abandon();
        }
    }

    /**
     * @param file   a file.
     * @param length new length.
     * @throws IOException on failure.
     */
    public static void truncate(final Path file, final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
    }

    /**
     * @param file a file.
     * @param from first offset.
     * @param to   end offset, exclusive.
     * @return those bytes.
     * @throws IOException on failure.
     */
    public static byte[] bytes(final Path file, final long from, final long to) throws IOException
    {
        final byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int)from, (int)Math.min(to, all.length));
    }

    /**
     * @param from a directory.
     * @param to   where its copy goes.
     * @throws IOException on failure.
     */
    public static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path p : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * @param dir a directory, deleted with everything in it.
     * @throws IOException on failure.
     */
    public static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(p);
            }
        }
    }
}
