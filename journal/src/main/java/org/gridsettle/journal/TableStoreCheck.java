package org.gridsettle.journal;

import net.openhft.chronicle.core.OS;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a queue's table store ({@code metadata.cq4t}) lets Chronicle show a read-only reader the whole journal
 * (FORMAT.md sections 1 and 12). A read-only open changes nothing in the directory, so it can neither set aside a
 * half-written table store nor rebuild one from the directory listing as a writer's open does, and what it cannot
 * use is named here, in one line, rather than met as a wait or a journal silently cut short.
 * <p>
 * Why each check: Chronicle opened read-only waits 10 s for a table store whose first header was never written or
 * never completed (a process killed as it created the file), then fails with "Unable to claim exclusive shared lock";
 * and it takes the cycles to read from the table store alone, never from the directory, so a table store older than
 * the cycle files (an archive whose later cycle files were copied in without it) hides every later file: the reader
 * stopped at the last cycle the table store named and reported the later files as removed. A missing table store is
 * fine: Chronicle then lists the cycle files from the directory. Stateless and thread-safe.
 */
final class TableStoreCheck
{
    private static final int METADATA = 0x40000000;
    private static final int LENGTH_MASK = 0x3FFFFFFF;
    /**
     * How Chronicle's binary wire begins a table store's first document: the field {@code header}, whose value is the
     * store (FORMAT.md section 1; the same in every table store Chronicle Queue 2026.4 writes, the golden ones too).
     */
    private static final byte[] TABLE_STORE_START = { (byte)0xb9, 6, 'h', 'e', 'a', 'd', 'e', 'r' };

    private TableStoreCheck()
    {
    }

    /**
     * Before the open: refuses at once a table store whose first header was never written or never completed, unless
     * a live process holds Chronicle's exclusive lock region on it and may be creating it at this moment (Chronicle
     * then waits for it, as for any creator).
     *
     * @param queueDir a queue directory.
     * @throws JournalCorruptException naming the table store if Chronicle cannot open the queue read-only with it.
     */
    static void checkHeader(final Path queueDir)
    {
        final Path file = queueDir.resolve(TableStoreRepair.TABLE_STORE);
        if (!Files.isRegularFile(file))
        {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            // shorter than a page, Chronicle waits a second, then reads without it: the cycle files are listed
            if (channel.size() < OS.mapAlignment())
            {
                return;
            }
            if (!unwritten(TableStoreRepair.firstHeader(channel)))
            {
                refuseIfNotATableStore(file, queueDir, channel);
                return;
            }
            final FileLock lock = tryShared(channel);
            if (lock == null)
            {
                return;
            }
            try (lock)
            {
                // read again under the lock: a creator that finished just before we locked completed the header
                if (!unwritten(TableStoreRepair.firstHeader(channel)))
                {
                    return;
                }
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot check " + file, e);
        }
        throw new JournalCorruptException(file + ": Chronicle's table store was left without its header by a " +
            "process killed as it created the file, and Chronicle cannot open the queue read-only with it; it is no " +
            "part of the journal, and a reader leaves it as it is: move it out of " + queueDir + " (the cycle files " +
            "are then read without it) and run again, or start an engine or settle ingest on the journal, which " +
            "sets it aside as " + TableStoreRepair.SET_ASIDE);
    }

    /**
     * After the open: refuses a table store that does not list every cycle file of the directory, unless a writer
     * may be live (it keeps the table store as it creates files; a file it is creating may be named a moment later).
     * A table store that lists a cycle whose file is gone is left to the reader, which names the removed files.
     *
     * @param queueDir a queue directory.
     * @param queue    the queue opened read-only on it.
     * @throws JournalCorruptException naming the table store and the cycle files it leaves out.
     */
    static void checkCycles(final Path queueDir, final SingleChronicleQueue queue)
    {
        int oldest = Integer.MAX_VALUE;
        int newest = Integer.MIN_VALUE;
        for (final Path file : CycleFileCheck.cycleFiles(queueDir))
        {
            final int cycle = Journals.cycleOf(file);
            if (cycle >= 0)
            {
                oldest = Math.min(oldest, cycle);
                newest = Math.max(newest, cycle);
            }
        }
        if (oldest > newest)
        {
            return;
        }
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        if (first <= oldest && newest <= last || CycleFileCheck.writerMayBeLive(queueDir))
        {
            return;
        }
        final String listed = first > last ? "no cycle file" : "the cycle files from " +
            Journals.cycleFileName(first) + " to " + Journals.cycleFileName(last);
        throw new JournalCorruptException(queueDir.resolve(TableStoreRepair.TABLE_STORE) + ": Chronicle's table " +
            "store lists " + listed + ", but the directory holds cycle files from " + Journals.cycleFileName(oldest) +
            " to " + Journals.cycleFileName(newest) + ": it is older than the cycle files (copied before them), and " +
            "a reader, which leaves it as it is, would not see the files it leaves out; it is no part of the " +
            "journal: copy the journal's current one beside the cycle files, or move it out of the directory (the " +
            "cycle files are then read without it), and run again");
    }

    /**
     * A first document that reads as complete but is not Chronicle's table store header (another file copied over it,
     * a damaged copy): Chronicle opened read-only waited 20 s for a lock it reads from the wrong bytes, then failed,
     * which was reported as a damaged cycle file.
     */
    private static void refuseIfNotATableStore(final Path file, final Path queueDir, final FileChannel channel)
        throws IOException
    {
        final ByteBuffer start = ByteBuffer.allocate(4 + TABLE_STORE_START.length).order(ByteOrder.LITTLE_ENDIAN);
        while (start.hasRemaining() && channel.read(start, start.position()) >= 0)
        {
            // a positional read of a regular file returns every byte asked for below its size
        }
        final int header = start.getInt(0);
        boolean tableStore = (header & METADATA) != 0 && (header & LENGTH_MASK) >= TABLE_STORE_START.length;
        for (int i = 0; tableStore && i < TABLE_STORE_START.length; i++)
        {
            tableStore = start.get(4 + i) == TABLE_STORE_START[i];
        }
        if (!tableStore)
        {
            throw new JournalCorruptException(file + ": not Chronicle's table store (its first bytes are not the " +
                "header Chronicle writes: replaced by another file, or damaged), and Chronicle cannot open the queue " +
                "read-only with it; it is no part of the journal, and a reader leaves it as it is: move it out of " +
                queueDir + " (the cycle files are then read without it), or copy in the journal's own, and run again");
        }
    }

    private static boolean unwritten(final int header)
    {
        return header == 0 || (header & TableStoreRepair.NOT_COMPLETE) != 0;
    }

    /** @return a shared lock on Chronicle's exclusive region, or null if a live process, or this JVM, holds it. */
    private static FileLock tryShared(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock(TableStoreRepair.EXCLUSIVE_REGION, 1, true);
        }
        catch (final OverlappingFileLockException e)
        {
            return null;
        }
    }
}
