package org.gridsettle.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Where a gridsettle journal lives and how its Chronicle queues are opened: {@code DIR/input} and
 * {@code DIR/output}, each a binary queue with a daily roll cycle in UTC. Readers follow rolls transparently.
 * <p>
 * Stateless and thread-safe.
 */
public final class Journals
{
    /** Sub-directory of the input journal. */
    public static final String INPUT = "input";
    /** Sub-directory of the output journal. */
    public static final String OUTPUT = "output";
    /** What Chronicle's daily roll puts after a cycle file's date ({@code 20261125F.cq4}). */
    private static final String CYCLE_FILE_SUFFIX = "F.cq4";

    private Journals()
    {
    }

    /**
     * @param journalDir a journal directory.
     * @return its input queue directory.
     */
    public static Path input(final Path journalDir)
    {
        return journalDir.resolve(INPUT);
    }

    /**
     * @param journalDir a journal directory.
     * @return its output queue directory.
     */
    public static Path output(final Path journalDir)
    {
        return journalDir.resolve(OUTPUT);
    }

    /**
     * @param journalDir a directory.
     * @return true if it holds an input journal with at least one cycle file.
     */
    public static boolean exists(final Path journalDir)
    {
        final Path in = input(journalDir);
        if (!Files.isDirectory(in))
        {
            return false;
        }
        try (var files = Files.list(in))
        {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final java.io.IOException e)
        {
            return false;
        }
    }

    /**
     * Sets aside the newest cycle file of each queue of a journal that a writer killed at the instant it created the
     * file left without Chronicle's header (FORMAT.md section 8), as an engine start does, for a tool that must read
     * the journal before it starts an engine on it (settle ingest). Each queue is handled under its writer lock.
     * Unlike an engine start, nothing is put back if what follows fails: the file never held a record, and stays
     * beside the journal as {@code NAME.cq4.abandoned}.
     *
     * @param journalDir a journal directory.
     * @return the files set aside, by their names in the journal; empty in the usual case.
     * @throws IllegalStateException if another writer, in this process or another, holds a queue's lock.
     */
    public static java.util.List<Path> setAsideAbandonedCycleFiles(final Path journalDir)
    {
        final java.util.List<Path> files = new java.util.ArrayList<>(2);
        for (final Path queueDir : new Path[] {input(journalDir), output(journalDir)})
        {
            if (Files.isDirectory(queueDir))
            {
                try (ExclusiveFileLock ignored = WriterLock.acquire(queueDir))
                {
                    final Path aside = AbandonedCycleFile.setAsideIfAbandoned(queueDir);
                    if (aside != null)
                    {
                        files.add(AbandonedCycleFile.original(aside));
                    }
                }
            }
        }
        return java.util.List.copyOf(files);
    }

    /**
     * @param cycle a cycle of the journals' daily roll: days since 1970-01-01 (UTC).
     * @return the name of its cycle file, as Chronicle names it ({@code 20261125F.cq4}).
     */
    static String cycleFileName(final int cycle)
    {
        return LocalDate.ofEpochDay(cycle).format(DateTimeFormatter.BASIC_ISO_DATE) + CYCLE_FILE_SUFFIX;
    }

    /**
     * The inverse of {@link #cycleFileName}.
     *
     * @param file a file of a queue directory.
     * @return the cycle its name gives, or -1 for a name that is not a cycle file's.
     */
    static int cycleOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (name.length() != 8 + CYCLE_FILE_SUFFIX.length() || !name.endsWith(CYCLE_FILE_SUFFIX))
        {
            return -1;
        }
        try
        {
            return Math.toIntExact(LocalDate.parse(name.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE)
                .toEpochDay());
        }
        catch (final java.time.format.DateTimeParseException e)
        {
            return -1;
        }
    }

    /**
     * Opens a queue as its writer's process does: Chronicle may rewrite {@code metadata.cq4t}, rebuild it, and
     * extend a trimmed cycle file to its full size; a half-written table store is set aside first. Appends go into
     * the cycle file of the wall clock's day, or the newest one the queue holds if the clock is behind it.
     */
    static ChronicleQueue open(final Path queueDir)
    {
        // before Chronicle maps the files: it would zero-extend a cut file and hide the cut
        CycleFileCheck.check(queueDir);
        // a table store left half-written by a killed process would make this open fail after 10 s, every time
        TableStoreRepair.setAsideIfAbandoned(queueDir);
        // a clock set back past the newest cycle file would make an appender start an earlier day's file, which
        // readers read before the records it follows
        return SingleChronicleQueueBuilder.binary(queueDir)
            .rollCycle(RollCycles.FAST_DAILY)
            .timeProvider(CycleFloorClock.of(queueDir))
            .build();
    }

    /**
     * Opens a queue for a reader that must leave the journal as it is, every byte and every file name (FORMAT.md
     * section 12): Chronicle's read-only mode, which maps the files read-only and writes nothing, not even
     * {@code metadata.cq4t}. What it cannot read so is refused at once, naming the file ({@link TableStoreCheck}).
     */
    static ChronicleQueue openReadOnly(final Path queueDir)
    {
        CycleFileCheck.check(queueDir);
        TableStoreCheck.checkHeader(queueDir);
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDir)
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(true)
            .build();
        try
        {
            TableStoreCheck.checkCycles(queueDir, queue);
        }
        catch (final RuntimeException e)
        {
            queue.close();
            throw e;
        }
        return queue;
    }
}
