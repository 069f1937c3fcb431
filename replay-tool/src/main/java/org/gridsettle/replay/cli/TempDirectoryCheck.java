package org.gridsettle.replay.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Refuses a {@code java.io.tmpdir} that is not a writable directory before anything of Chronicle's is loaded:
 * Chronicle's {@code OS} class, initialised with the first queue opened, otherwise creates {@code ./tmp} in the
 * working directory in its place ({@code OS.findTmp0}, chronicle-core 2026.5), and {@code settle} would leave a
 * directory behind in whatever folder it was run from. A setting given with {@code -Djava.io.tmpdir} in
 * {@code SETTLE_JAVA_OPTS} is the usual cause.
 * <p>
 * A command line that asks only for help or the version is not checked: it opens no journal, and it is what a user
 * puzzled by the refusal runs next.
 * <p>
 * Stateless; called on the main thread before the command line is parsed.
 */
final class TempDirectoryCheck
{
    private static final Set<String> HELP_AND_VERSION = Set.of("-h", "--help", "-V", "--version");

    private TempDirectoryCheck()
    {
    }

    /**
     * @param args the command line.
     * @return false if it only asks for help or the version, which picocli answers without running a command: no
     *     arguments (the usage), the {@code help} command, or a help or version option before any {@code --}.
     */
    static boolean needed(final String... args)
    {
        if (args.length == 0 || "help".equals(args[0]))
        {
            return false;
        }
        for (final String arg : args)
        {
            if ("--".equals(arg))
            {
                return true;
            }
            if (HELP_AND_VERSION.contains(arg))
            {
                return false;
            }
        }
        return true;
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
            return problemWith(tmpdir + whereItLeads(dir), Files.exists(dir) ? "is not a directory" : "does not exist");
        }
        return Files.isWritable(dir) ? null : problemWith(tmpdir + whereItLeads(dir), "is not writable by this user");
    }

    /**
     * @return what the JVM reads the setting as, where the setting alone does not say: the link's target for a
     *     symbolic link (which may be what is missing), the absolute path for a relative one (taken from the working
     *     directory, which the user may not have had in mind); else nothing.
     */
    private static String whereItLeads(final Path dir)
    {
        if (Files.isSymbolicLink(dir))
        {
            try
            {
                return " (a link to " + Files.readSymbolicLink(dir) + ")";
            }
            catch (final IOException | UnsupportedOperationException e)
            {
                return " (a link)";
            }
        }
        return dir.isAbsolute() ? "" : " (" + dir.toAbsolutePath() + ")";
    }

    private static String problemWith(final String tmpdir, final String what)
    {
        return "java.io.tmpdir " + tmpdir + " " + what + " (set with -Djava.io.tmpdir in SETTLE_JAVA_OPTS?): give a " +
            "writable directory, or Chronicle Queue creates ./tmp in the working directory instead; nothing was done";
    }
}
