package org.gridsettle.benchmarks.harness;

import org.gridsettle.journal.IoReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Makes sure a run can write its results folder and its scratch folder before any phase starts: a full run measures
 * for many minutes before it writes its report, and a folder that is a file or cannot be written would otherwise
 * be found only then. The scratch folder is deleted whole when the run ends or is stopped (unless its journals are
 * kept), so it must be new or empty and must not hold the results folder: a {@code --work} naming a data disk's
 * mount point or the results' parent would otherwise lose what is there.
 * <p>
 * Stateless and thread-safe.
 */
final class ResultsFolders
{
    private ResultsFolders()
    {
    }

    /**
     * Creates both folders if missing and writes and deletes a file in each. A results folder this call created is
     * removed again when the scratch folder is refused, so that a refused run leaves no empty timestamped folder
     * among the real ones.
     *
     * @param config the run.
     * @throws IllegalArgumentException naming the folder and why, if one cannot be created or written.
     */
    static void prepare(final HarnessConfig config)
    {
        final Path outDir = config.outDir();
        final Path work = config.workDir();
        if (outDir.toAbsolutePath().normalize().startsWith(work.toAbsolutePath().normalize()))
        {
            throw new IllegalArgumentException("the results folder " + outDir + " is inside the scratch " +
                "folder " + work + ", which a run deletes whole when it ends: give --work a folder of its own");
        }
        refuseNonEmpty(work);
        final boolean outDirExisted = Files.exists(outDir);
        prepare(outDir, "results folder");
        try
        {
            prepare(work, "scratch folder");
        }
        catch (final IllegalArgumentException e)
        {
            if (!outDirExisted)
            {
                removeIfEmpty(outDir);
            }
            throw e;
        }
    }

    /** Checked before either folder is created, so that a refused run leaves nothing behind. */
    private static void refuseNonEmpty(final Path work)
    {
        if (!Files.isDirectory(work))
        {
            return;
        }
        try (Stream<Path> entries = Files.list(work))
        {
            if (entries.findAny().isPresent())
            {
                throw new IllegalArgumentException("the scratch folder " + work + " is not empty: a run deletes " +
                    "its scratch folder whole when it ends, so give --work a new or empty folder");
            }
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("cannot read the scratch folder " + work + ": " + IoReason.of(e), e);
        }
    }

    private static void removeIfEmpty(final Path dir)
    {
        try
        {
            Files.deleteIfExists(dir);
        }
        catch (final IOException ignored)
        {
            // Not empty (the scratch folder may be inside it) or not removable: the refusal is what to report.
        }
    }

    private static void prepare(final Path dir, final String what)
    {
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new IllegalArgumentException("the " + what + " " + dir + " is a file, not a folder");
        }
        try
        {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("cannot write the " + what + " " + dir + ": " + IoReason.of(e), e);
        }
    }
}
