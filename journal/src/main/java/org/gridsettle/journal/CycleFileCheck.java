package org.gridsettle.journal;

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
 * Only the metadata documents ahead of the first record are walked (a few tens of KiB per daily cycle): a cut among
 * the records is found by {@link JournalReader}'s record checks. Stateless and thread-safe.
 */
final class CycleFileCheck
{
    private static final int NOT_COMPLETE = 0x80000000;
    private static final int METADATA = 0x40000000;
    private static final int LENGTH_MASK = 0x3FFFFFFF;
    /** Header, index2index and the first index come first; more ahead of the first record would be a new layout. */
    private static final int MAX_METADATA_DOCUMENTS = 16;

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
        for (final Path file : cycleFiles(queueDir))
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                checkOne(file, channel);
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    private static void checkOne(final Path file, final FileChannel channel) throws IOException
    {
        final long size = channel.size();
        final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        long position = 0;
        for (int i = 0; i < MAX_METADATA_DOCUMENTS && position + 4 <= size; i++)
        {
            word.clear();
            while (word.hasRemaining() && channel.read(word, position + word.position()) >= 0)
            {
                // a positional read of a regular file returns every byte asked for below its size
            }
            final int header = word.getInt(0);
            if (header == 0 || (header & NOT_COMPLETE) != 0 || (header & METADATA) == 0)
            {
                // the end of what was written, a document still being written, or the first record
                return;
            }
            final long end = position + 4 + (header & LENGTH_MASK);
            if (end > size)
            {
                throw new JournalCorruptException(file + ": cut short at byte " + size + " inside Chronicle's " +
                    "header and index area (the metadata document at byte " + position + " runs to byte " + end +
                    "); the records after it cannot be found: restore the file from a copy");
            }
            position = (end + 3) & ~3L;
        }
    }

    private static List<Path> cycleFiles(final Path queueDir)
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
            throw new UncheckedIOException("cannot list " + queueDir, e);
        }
    }
}
