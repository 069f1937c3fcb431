package org.gridsettle.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
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
     * @param cycle a cycle of the journals' daily roll: days since 1970-01-01 (UTC).
     * @return the name of its cycle file, as Chronicle names it ({@code 20261125F.cq4}).
     */
    static String cycleFileName(final int cycle)
    {
        return LocalDate.ofEpochDay(cycle).format(DateTimeFormatter.BASIC_ISO_DATE) + "F.cq4";
    }

    static ChronicleQueue open(final Path queueDir)
    {
        // before Chronicle maps the files: it would zero-extend a cut file and hide the cut
        CycleFileCheck.check(queueDir);
        // a table store left half-written by a killed process would make this open fail after 10 s, every time
        TableStoreRepair.setAsideIfAbandoned(queueDir);
        return SingleChronicleQueueBuilder.binary(queueDir)
            .rollCycle(RollCycles.FAST_DAILY)
            .build();
    }
}
