package org.gridsettle.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Sets aside the newest cycle file of a queue when a writer killed at the instant it created the file left it
 * without Chronicle's header, so that the next writer can create the file again (FORMAT.md section 8).
 * <p>
 * Why: Chronicle creates a cycle file, extends it (sparse) to its first block, then writes its header: marked as
 * being written, filled in, then completed. A {@code kill -9} between those steps leaves the file empty (0 bytes),
 * all zeros, or with the header still marked as being written and nothing after it. No record was ever in such a
 * file. Yet {@link CycleFileCheck} refuses it (an empty one always, the other two at once when no writer holds the
 * queue's lock), and a start waited about a minute for the header of the other two, so without this every later start
 * was refused, or took a minute, and an operator had to move the file by hand (seen in the {@code kill -9} runs,
 * RELIABILITY.md).
 * <p>
 * Only the newest cycle file, since a writer only ever creates the next one; an older file in such a state was cut or
 * wiped, and stays refused. The file is renamed with {@link #SUFFIX}, kept as evidence, not deleted. Whether the
 * journal is sound without it is left to the checks that follow: an output journal is compared record by record with
 * what its inputs produce, and the outputs that are missing are appended again; an input journal whose file held
 * inputs that have outputs is refused by recovery, and the file is then {@link #restore restored}, so that a refused
 * start leaves the journal as it found it.
 * <p>
 * Called only under the queue's {@link WriterLock}, so no live writer is creating the file meanwhile: by a
 * {@link JournalWriter} as it opens (an engine start), and by {@link Journals#setAsideAbandonedCycleFiles} for a tool
 * that reads the journal before it starts an engine (settle ingest), which restores nothing. Stateless and
 * thread-safe.
 */
final class AbandonedCycleFile
{
    /** Added to the name of a cycle file set aside. */
    static final String SUFFIX = ".abandoned";

    /** The same limits as {@link CycleFileCheck}'s check of a first header being written. */
    private static final int HEADER_AREA = CycleFileCheck.FIRST_HEADER_MAX;
    private static final int UNWRITTEN_CHECKED = CycleFileCheck.UNWRITTEN_CHECKED;

    private AbandonedCycleFile()
    {
    }

    /**
     * @param queueDir a queue directory whose writer lock the caller holds.
     * @return the path the newest cycle file was renamed to, or null if it was sound (or there is none).
     */
    static Path setAsideIfAbandoned(final Path queueDir)
    {
        final List<Path> files = CycleFileCheck.cycleFiles(queueDir);
        if (files.isEmpty())
        {
            return null;
        }
        final Path newest = files.get(files.size() - 1);
        try
        {
            if (!abandoned(newest))
            {
                return null;
            }
            final Path aside = newest.resolveSibling(newest.getFileName() + SUFFIX);
            // an earlier file set aside under the same name held nothing either
            return Files.move(newest, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot set aside " + newest, e);
        }
    }

    /**
     * Puts a file set aside back under its name, unless a writer has since created a file of that name.
     *
     * @param aside what {@link #setAsideIfAbandoned} returned.
     * @return true if it was put back.
     */
    static boolean restore(final Path aside)
    {
        final Path original = original(aside);
        try
        {
            if (Files.exists(original) || !Files.exists(aside))
            {
                return false;
            }
            Files.move(aside, original, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot put " + aside + " back as " + original, e);
        }
    }

    /**
     * @param aside what {@link #setAsideIfAbandoned} returned.
     * @return the file's name in the journal.
     */
    static Path original(final Path aside)
    {
        final String name = aside.getFileName().toString();
        return aside.resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
    }

    /**
     * @param file a cycle file.
     * @return true if it is as a writer killed while creating it leaves a file: empty, or all zeros, or its first
     *         header marked as being written, without a length, and nothing after the header area.
     */
    static boolean abandoned(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size == 0)
            {
                return true;
            }
            if (size < 4)
            {
                return false;
            }
            final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(word, 0);
            final int header = word.getInt(0);
            if (header == 0)
            {
                // nothing precedes the header: the whole start of the file must be unwritten
                return unwritten(channel, 4, Math.min(size, UNWRITTEN_CHECKED));
            }
            return header == CycleFileCheck.FIRST_HEADER_BEING_WRITTEN &&
                unwritten(channel, HEADER_AREA, Math.min(size, UNWRITTEN_CHECKED));
        }
    }

    private static boolean unwritten(final FileChannel channel, final long from, final long to) throws IOException
    {
        if (to <= from)
        {
            return true;
        }
        final ByteBuffer bytes = ByteBuffer.allocate((int)(to - from));
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0)
        {
            // a positional read of a regular file returns every byte asked for below its size
        }
        for (int i = 0, n = bytes.position(); i < n; i++)
        {
            if (bytes.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
