package org.gridsettle.replay.cli;

import org.gridsettle.journal.Journals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Tells a directory that is no journal at all (bad usage, exit 2) from a journal with one of its two halves gone,
 * which is a journal that fails its checks (exit 1, as {@code settle verify} reports it), for every command that
 * reads a journal's two halves.
 * <p>
 * Stateless.
 */
final class JournalDirectory
{
    private JournalDirectory()
    {
    }

    /**
     * @param journal the {@code --journal} directory.
     * @throws IllegalArgumentException when neither {@code input/} nor {@code output/} holds a cycle file.
     */
    static void requireEitherHalf(final Path journal)
    {
        if (!holdsCycleFiles(Journals.input(journal)) && !holdsCycleFiles(Journals.output(journal)))
        {
            throw new IllegalArgumentException("no gridsettle journal at " + journal + (holdsCycleFiles(journal) ?
                ": it is a queue of one (its output/ or input/, holding cycle files); give the journal directory " +
                "that holds it, " + journal.toAbsolutePath().getParent() : " (expected " + Journals.input(journal) +
                " and " + Journals.output(journal) + " with .cq4 files)"));
        }
    }

    /**
     * @param journal a journal directory.
     * @return true when both {@code input/} and {@code output/} hold a cycle file.
     */
    static boolean hasBothHalves(final Path journal)
    {
        return holdsCycleFiles(Journals.input(journal)) && holdsCycleFiles(Journals.output(journal));
    }

    /**
     * @param queueDir a journal half, {@code input/} or {@code output/}.
     * @return true when it is a directory holding a cycle file.
     */
    static boolean holdsCycleFiles(final Path queueDir)
    {
        if (!Files.isDirectory(queueDir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.anyMatch((p) -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
