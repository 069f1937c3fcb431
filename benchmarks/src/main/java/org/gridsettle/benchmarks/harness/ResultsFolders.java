package org.gridsettle.benchmarks.harness;

import org.gridsettle.journal.IoReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure a run can write its results folder and its scratch folder before any phase starts: a full run measures
 * for many minutes before it writes its report, and a folder that is a file or cannot be written would otherwise
 * be found only then.
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
        final boolean outDirExisted = Files.exists(outDir);
        prepare(outDir, "results folder");
        try
        {
            prepare(config.workDir(), "scratch folder");
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
