package org.gridsettle.journal;

import org.gridsettle.journal.codec.RecordType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks, before Chronicle opens a queue, that the header and index area at the start of each cycle file lies
 * whole within the file (FORMAT.md section 8).
 * <p>
 * Why: a cycle file cut inside that area (a bad copy, a full disk) reads through Chronicle as an empty queue, and an
 * appender then writes after a broken index where no reader finds the records. Chronicle also extends a short file
 * back to its full size with zeros when it opens it, which erases the evidence, so the check runs on the file as it
 * is, first. Chronicle preallocates every cycle file (sparse) and trims nothing below its last document, so in a
 * sound file, and in a golden file with its trailing zeros removed, no document ever runs past the end of the file.
 * <p>
 * The metadata documents ahead of the first record are read one by one. Then, in a file whose size is not one that
 * Chronicle gives its files (whole blocks and an overlap: a cut file, a golden file trimmed of its zeros), every
 * document header after them, so that a file cut among its records is named too, before Chronicle extends it, and
 * before a read-only open maps past its end (which the JVM reports as an internal error from an unsafe memory
 * access). Stateless and thread-safe.
 */
final class CycleFileCheck
{
    private static final int NOT_COMPLETE = 0x80000000;
    private static final int METADATA = 0x40000000;
    /**
     * What Chronicle puts at byte 0 of a new cycle file before it writes the header (a compare-and-swap from 0, with
     * no length and no metadata bit); the header's length replaces it once the header is written.
     */
    static final int FIRST_HEADER_BEING_WRITTEN = NOT_COMPLETE;
    /**
     * Past the first header of a file created by a process killed at that instant, nothing was written: the index
     * documents (the first one at byte 200 with Chronicle Queue 2026.4) and the records come after the header is done.
     */
    static final int FIRST_HEADER_MAX = 4096;
    static final int UNWRITTEN_CHECKED = 1 << 20;
    private static final int LENGTH_MASK = 0x3FFFFFFF;
    private static final int CHECKPOINT_TYPE = RecordType.CHECKPOINT.id();
    /** Header, index2index and the first index come first; more ahead of the first record would be a new layout. */
    private static final int MAX_METADATA_DOCUMENTS = 16;
    /** A queue's writer lock: absent or free, held by a writer, or not tried (its file cannot be read). */
    private static final int LOCK_FREE = 0;
    private static final int LOCK_HELD = 1;
    private static final int LOCK_UNKNOWN = 2;
    /** Chronicle grows a cycle file a block at a time and keeps an overlap beyond the last block mapped. */
    private static final long CHRONICLE_BLOCK = 64L << 20;
    private static final long CHRONICLE_OVERLAP = CHRONICLE_BLOCK / 4;
    /** Mapped at a time while the record headers are walked: a cycle file may pass 2 GiB. */
    private static final long REGION = 1L << 28;

    private CycleFileCheck()
    {
    }

    /**
     * @param queueDir a queue directory.
     * @throws JournalCorruptException naming the cycle file and the byte offsets if one is cut short in its header
     *                                 or index area.
     */
    static void check(final Path queueDir)
    {
        // records before the file being checked, or -1 once a file was left unwalked and the count is unknown
        long records = 0;
        final List<Path> files = cycleFiles(queueDir);
        for (final Path file : files)
        {
            if (file == files.get(files.size() - 1))
            {
                refuseIfAbandoned(queueDir, file);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                final long inFile = checkOne(queueDir, file, channel, records);
                records = records < 0 || inFile < 0 ? -1 : records + inFile;
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /**
     * Refuses at once a newest cycle file that a writer killed as it created it left all zeros or with its first
     * header being written, when no writer holds the journal: Chronicle would wait about a minute for the header
     * before reading on. Writers never get here with such a file ({@link AbandonedCycleFile} sets it aside first);
     * while a writer may hold the journal, the file may be one it is creating right now, and is left to Chronicle.
     */
    private static void refuseIfAbandoned(final Path queueDir, final Path file)
    {
        try
        {
            if (Files.size(file) == 0 || !AbandonedCycleFile.abandoned(file) || writerMayBeLive(queueDir))
            {
                return;
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        throw new JournalCorruptException(file + ": left without Chronicle's header by a writer killed as it " +
            "created the file, and no writer holds the journal; the file holds no record: an engine started on the " +
            "journal (or settle ingest) sets it aside as " + file.getFileName() + AbandonedCycleFile.SUFFIX);
    }

    /**
     * The lock is tried shared, on the file opened for reading: a writer holds it exclusive, so a shared lock is
     * refused exactly while one does, and it needs no write access. An exclusive try needed the file opened for
     * writing, which a reader of a read-only copy of a journal cannot do, so such a reader took every copy for one a
     * writer may hold: it waited about a minute on a newest cycle file left without its header, and trusted a table
     * store that left cycle files out ({@link TableStoreCheck}).
     *
     * @return false only if no writer holds the queue's {@link WriterLock}: its file is absent (a writer creates it
     *         before it appends), or this process could take a shared lock on it; true if it is held, in this process
     *         or another, or cannot be tried (the file cannot be read).
     */
    static boolean writerMayBeLive(final Path queueDir)
    {
        return writerLock(queueDir) != LOCK_FREE;
    }

    /**
     * @return true only if a writer holds the queue's {@link WriterLock}, in this process or another; false if it is
     *         free, absent, or cannot be tried: for a reader that would accept on a writer's word what it otherwise
     *         reports (a journal without its close checkpoint).
     */
    static boolean writerHolds(final Path queueDir)
    {
        return writerLock(queueDir) == LOCK_HELD;
    }

    private static int writerLock(final Path queueDir)
    {
        final Path lockFile = queueDir.resolve(WriterLock.FILE);
        if (!Files.exists(lockFile))
        {
            return LOCK_FREE;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ))
        {
            return channel.tryLock(0, Long.MAX_VALUE, true) == null ? LOCK_HELD : LOCK_FREE;
        }
        catch (final java.nio.channels.OverlappingFileLockException e)
        {
            return LOCK_HELD;
        }
        catch (final IOException e)
        {
            return LOCK_UNKNOWN;
        }
    }

    /** @return the records (data documents) in the file, or -1 if its records were not walked. */
    private static long checkOne(final Path queueDir, final Path file, final FileChannel channel, final long before)
        throws IOException
    {
        final long size = channel.size();
        if (size == 0)
        {
            // Chronicle waits for a header that never comes, for about a minute, then reports an empty queue
            throw new JournalCorruptException(file + ": empty (0 bytes), not even Chronicle's header: cut short, or " +
                "created by a process killed at that instant; restore it from a copy (an engine started on the " +
                "journal, or settle ingest, sets it aside if it is the newest cycle file)");
        }
        final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        long position = 0;
        for (int i = 0; i < MAX_METADATA_DOCUMENTS && position + 4 <= size; i++)
        {
            final int header = read(channel, word, position).getInt(0);
            if (position == 0 && (header & NOT_COMPLETE) != 0)
            {
                checkFirstHeaderBeingWritten(file, channel, header, size);
                return 0;
            }
            if (header == 0 || (header & NOT_COMPLETE) != 0)
            {
                // the end of what was written, or a document still being written
                return 0;
            }
            if ((header & METADATA) == 0)
            {
                if (size % CHRONICLE_BLOCK == CHRONICLE_OVERLAP)
                {
                    // the size Chronicle gives its files, block by block: not cut among its records, except exactly
                    // at a block boundary, which the reader's record checks still find. Walking the headers of such
                    // files cost recovery and replay about a tenth of their time (2.9 instead of 3.3 million inputs a
                    // second for a replay of 10 million ticks)
                    return -1;
                }
                // the first record: the rest of the file is walked document by document
                return checkDocuments(queueDir, file, channel, position, size, before);
            }
            final long end = position + 4 + (header & LENGTH_MASK);
            if (end > size)
            {
                if (size % CHRONICLE_BLOCK == CHRONICLE_OVERLAP)
                {
                    // a file of the size Chronicle gives its files, whose metadata (the first few hundred KiB) cannot
                    // be cut by a cut at that size: the document's length was altered (a flipped bit)
                    throw new JournalCorruptException(file + ": the metadata document at byte " + position +
                        " in Chronicle's header and index area has a damaged length (0x" +
                        Integer.toHexString(header) + ": it would run to byte " + end + ", past the file's end at " +
                        size + "); the records after it cannot be found: restore the file from a copy");
                }
                throw new JournalCorruptException(file + ": cut short at byte " + size + " inside Chronicle's " +
                    "header and index area (the metadata document at byte " + position + " runs to byte " + end +
                    "); the records after it cannot be found: restore the file from a copy");
            }
            position = (end + 3) & ~3L;
        }
        if (position + 4 > size)
        {
            // Chronicle preallocates its files, so a sound one never ends right after a metadata document: this one
            // was cut on a document's end (byte 200, after the header, say) and would read as "expecting index2index"
            // followed by a dump of the zeros Chronicle extended it with
            throw new JournalCorruptException(file + ": cut short at byte " + size + " inside Chronicle's header " +
                "and index area (it ends with the metadata document that ends at byte " + Math.min(position, size) +
                "); the index and records after it are missing: restore the file from a copy");
        }
        return 0;
    }

    /**
     * Walks the document headers from the first record to the end of what was written: a header of zero, or one
     * still marked as being written (a record torn by a kill, which recovery handles). A file cut among its records
     * runs out before either, or has a document that runs past its end. Headers only: about a millisecond per
     * hundred thousand records, on pages the verification that follows reads anyway.
     */
    private static long checkDocuments(
        final Path queueDir, final Path file, final FileChannel channel, final long first, final long size,
        final long before) throws IOException
    {
        java.nio.MappedByteBuffer region = null;
        long regionStart = -1;
        long position = first;
        long records = 0;
        // the last record before the one being walked, in this file: the place a cut is named after
        long previous = -1;
        try
        {
            while (true)
            {
                if (position + 4 > size)
                {
                    throw new JournalCorruptException(queueDir + ": record " + name(before, records, file) +
                        after(channel, previous) + ": " + file.getFileName() + " is cut short at byte " + size +
                        ", where the next document's header would begin: what followed (records, or the end-of-cycle " +
                        "marker of a file the journal rolled on from) is lost; restore the file from a copy");
                }
                // headers are 4-byte aligned, so one never straddles two regions
                final long start = position & ~(REGION - 1);
                if (start != regionStart)
                {
                    unmap(region);
                    region = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(REGION, size - start));
                    region.order(ByteOrder.LITTLE_ENDIAN);
                    regionStart = start;
                }
                final int header = region.getInt((int)(position - start));
                if (header == 0 || (header & NOT_COMPLETE) != 0)
                {
                    return records;
                }
                final long end = position + 4 + (header & LENGTH_MASK);
                if (end > size)
                {
                    // the record's own sequence (header offset 8, FORMAT.md section 2), if the cut left it
                    final long sequenceAt = position + 4 + 8;
                    final String sequence = sequenceAt + 8 <= size ?
                        " (sequence " + readLong(channel, sequenceAt) + ")" : after(channel, previous);
                    throw new JournalCorruptException(queueDir + ": record " + name(before, records, file) +
                        sequence + ": " + file.getFileName() + " is cut short at byte " + size +
                        ", inside this record (byte " + position + " to " + end + "): it and the records after it " +
                        "are lost; restore the file from a copy");
                }
                if ((header & METADATA) == 0)
                {
                    records++;
                    previous = position;
                }
                position = (end + 3) & ~3L;
            }
        }
        finally
        {
            unmap(region);
        }
    }

    /**
     * A cycle file whose first header is marked "still being written" is sound only as a process killed while it
     * created the file leaves it: the mark without a length, and nothing written after the header. A header altered
     * after it was written (a flipped bit, a bad copy) reads the same way to Chronicle, which would show none of the
     * file's records to a reader, and, waiting for a writer that never finishes the header, would give up after a
     * while and write over it: a journal being audited would be changed by reading it.
     */
    private static void checkFirstHeaderBeingWritten(
        final Path file, final FileChannel channel, final int header, final long size) throws IOException
    {
        if (header != FIRST_HEADER_BEING_WRITTEN)
        {
            throw new JournalCorruptException(file + ": Chronicle's header at byte 0 (0x" + Integer.toHexString(header) +
                ") is marked as still being written but carries a length, which Chronicle never writes: the file " +
                "was altered, and every record in it would be hidden; restore the file from a copy");
        }
        final long end = Math.min(size, UNWRITTEN_CHECKED);
        if (end > FIRST_HEADER_MAX)
        {
            final java.nio.MappedByteBuffer after =
                channel.map(FileChannel.MapMode.READ_ONLY, FIRST_HEADER_MAX, end - FIRST_HEADER_MAX);
            try
            {
                after.order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0, n = after.capacity() & ~7; i < n; i += 8)
                {
                    if (after.getLong(i) != 0)
                    {
                        throw new JournalCorruptException(file + ": Chronicle's header at byte 0 is marked as still " +
                            "being written, yet byte " + (FIRST_HEADER_MAX + i) + " onwards was written after it: " +
                            "the header was altered, and every record in the file would be hidden; restore the " +
                            "file from a copy");
                    }
                }
            }
            finally
            {
                unmap(after);
            }
        }
    }

    /** The record's index in the journal, or in its file when an earlier file was not walked. */
    private static String name(final long before, final long records, final Path file)
    {
        return before < 0 ? records + " of " + file.getFileName() : Long.toString(before + records);
    }

    /**
     * Where a record whose own sequence the cut took lies, as the reader says it for a journal that stops early: after
     * the sequence of the last data record before it (a checkpoint's lastSequence). Without a record before it in
     * this file (it is the file's first), nothing is added: its place is the record number alone.
     *
     * @param previous file offset of the document header of the record before, or -1.
     */
    private static String after(final FileChannel channel, final long previous) throws IOException
    {
        if (previous < 0)
        {
            return "";
        }
        final ByteBuffer type = read(channel, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN), previous + 4);
        final boolean checkpoint = (type.getShort(0) & 0xFFFF) == CHECKPOINT_TYPE;
        // FORMAT.md sections 3 and 5: a data record's sequence at offset 8, a checkpoint's lastSequence at 32
        return " (after sequence " + readLong(channel, previous + 4 + (checkpoint ? 32 : 8)) + ")";
    }

    private static long readLong(final FileChannel channel, final long at) throws IOException
    {
        return read(channel, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN), at).getLong(0);
    }

    private static ByteBuffer read(final FileChannel channel, final ByteBuffer bytes, final long at) throws IOException
    {
        bytes.clear();
        while (bytes.hasRemaining() && channel.read(bytes, at + bytes.position()) >= 0)
        {
            // a positional read of a regular file returns every byte asked for below its size
        }
        return bytes;
    }

    private static void unmap(final java.nio.MappedByteBuffer region)
    {
        if (region != null)
        {
            org.agrona.IoUtil.unmap(region);
        }
    }

    /**
     * @param queueDir a queue directory.
     * @return its cycle files, oldest first; none if the directory does not exist.
     */
    static List<Path> cycleFiles(final Path queueDir)
    {
        if (!Files.isDirectory(queueDir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot list " + queueDir + ": " + IoReason.of(e), e);
        }
    }
}
