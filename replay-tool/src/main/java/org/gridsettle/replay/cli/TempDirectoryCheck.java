package org.gridsettle.replay.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Refuses a {@code java.io.tmpdir} that is not a writable directory before anything of Chronicle's is loaded:
 * Chronicle's {@code OS} class, initialised with the first queue opened, otherwise creates {@code ./tmp} in the
 * working directory in its place ({@code OS.findTmp0}, chronicle-core 2026.5), and {@code settle} would leave a
 * directory behind in whatever folder it was run from. A setting given with {@code -Djava.io.tmpdir} in
 * {@code SETTLE_JAVA_OPTS} is the usual cause.
 * <p>
 * Stateless; called on the main thread before the command line is parsed.
 */
final class TempDirectoryCheck
{
    private TempDirectoryCheck()
    {
    }

    /**
     * @param tmpdir the value of {@code java.io.tmpdir}, or null.
     * @return why it cannot be used, in one line for {@code settle:} to begin; null if it is a writable directory.
     */
    static String problem(final String tmpdir)
    {
        if (tmpdir == null || tmpdir.isEmpty())
        {
            return "java.io.tmpdir is not set: give a writable directory (-Djava.io.tmpdir=DIR in SETTLE_JAVA_OPTS), " +
                "or Chronicle Queue creates ./tmp in the working directory; nothing was done";
        }
        final Path dir;
        try
        {
            dir = Path.of(tmpdir);
        }
        catch (final InvalidPathException e)
        {
            return problemWith(tmpdir, "is not a path");
        }
        if (!Files.isDirectory(dir))
        {
            return problemWith(tmpdir, Files.exists(dir) ? "is not a directory" : "does not exist");
        }
        return Files.isWritable(dir) ? null : problemWith(tmpdir, "is not writable by this user");
    }

    private static String problemWith(final String tmpdir, final String what)
    {
        return "java.io.tmpdir " + tmpdir + " " + what + " (set with -Djava.io.tmpdir in SETTLE_JAVA_OPTS?): give a " +
            "writable directory, or Chronicle Queue creates ./tmp in the working directory instead; nothing was done";
    }
}
