package org.gridsettle.replay.cli;

import org.gridsettle.engine.snapshot.SnapshotWriteException;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.FreeSpace;
import org.gridsettle.journal.JournalWriteException;
import org.gridsettle.replay.ingest.IoErrorText;
import picocli.CommandLine;

import java.io.FileNotFoundException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns any failure into one line on stderr and exit code 2, so that a bad file or argument never shows a stack
 * trace; {@code --verbose} on the command line restores the trace for debugging. A journal that could not be written
 * (a full disk) exits 4 instead: the input was good, and the same command succeeds once there is room.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler
{
    /** Exit code for a journal that fails its checks, as for a verification that found a difference. */
    static final int JOURNAL_CORRUPT = 1;
    /** Exit code for bad usage or input. */
    static final int BAD_INPUT = 2;
    /**
     * Exit code for a journal the file system could not take (no space left, or a file failing under the writer), or
     * any other file the command wrote that the disk had no room for (a report), or a snapshot that could not be
     * written for any reason: the input was good, and the same command succeeds once the file system is put right.
     */
    static final int JOURNAL_WRITE_FAILED = 4;

    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final boolean verbose = Arrays.asList(parseResult.originalArgs().toArray()).contains("--verbose");
        final String command = commandLine.getParent() == null ? "settle" : "settle " + commandLine.getCommandName();
        final JournalWriteException notWritten = JournalWriteException.find(ex);
        final String shut = shutJournalFile(ex);
        commandLine.getErr().println(command + ": " +
            (notWritten != null ? notWritten.getMessage() : shut != null ? shut : message(ex)));
        if (verbose)
        {
            ex.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        // a snapshot or report the disk had no room for is the same trouble as a journal that could not be written
        if (notWritten != null || shut != null || FreeSpace.noSpaceLeft(ex) || snapshotNotWritten(ex))
        {
            return JOURNAL_WRITE_FAILED;
        }
        // a journal that fails its checks is what a verification exists to find, whichever command met it: exit 1,
        // as settle verify, replay and dump do
        return corrupt(ex) ? JOURNAL_CORRUPT : BAD_INPUT;
    }

    @Override
    public int handleParseException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cli = ex.getCommandLine();
        final String command = cli.getParent() == null ? "settle" : "settle " + cli.getCommandName();
        // picocli starts some of its messages with "Error: ", which the prefix already says
        final String problem = ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
        cli.getErr().println(command + ": " + problem.replace('\n', ' ') + " (see '" + command + " --help')");
        cli.getErr().flush();
        return BAD_INPUT;
    }

    /**
     * Chronicle maps a journal's cycle files read-write, and the operating system's refusal reaches here as a
     * {@code FileNotFoundException} whose message is the path and, in brackets, the reason. A cycle file made
     * read-only or immutable (as an archive's files may be) is the file system's trouble, not the input's: it is said
     * as such and exits 4, so the operator makes the file writable and runs the same command again.
     *
     * @return the one line for a journal file the file system would not open for writing, or null if it is not that.
     */
    static String shutJournalFile(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            final String m = t.getMessage();
            if (t instanceof FileNotFoundException && m != null && m.endsWith(")"))
            {
                final int open = m.lastIndexOf(" (");
                final String file = open < 0 ? "" : m.substring(0, open);
                final String reason = open < 0 ? "" : m.substring(open + 2, m.length() - 1);
                if ((file.endsWith(".cq4") || file.endsWith(".cq4t")) && (reason.equals("Operation not permitted") ||
                    reason.equals("Permission denied") || reason.equals("Read-only file system")))
                {
                    return "cannot open journal file " + file + " for writing: " + reason.toLowerCase(Locale.ROOT) +
                        " (a read-only or immutable file, or a read-only mount; make it " +
                        "writable and run the same command again)";
                }
            }
        }
        return null;
    }

    private static boolean snapshotNotWritten(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            if (t instanceof SnapshotWriteException)
            {
                return true;
            }
        }
        return false;
    }

    private static boolean corrupt(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            if (t instanceof JournalCorruptException)
            {
                return true;
            }
        }
        return false;
    }

    static String message(final Throwable ex)
    {
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof IllegalStateException &&
            t.getMessage().startsWith("gridsettle halted")))
        {
            t = t.getCause();
        }
        return IoErrorText.of(t);
    }
}
