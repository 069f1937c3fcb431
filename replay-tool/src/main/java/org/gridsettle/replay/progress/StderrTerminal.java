package org.gridsettle.replay.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers whether standard error is an interactive terminal, so that a progress bar is drawn for a person and never
 * written into a log file or a pipe.
 * <p>
 * Java has no portable test for one stream: {@link System#console()} needs standard input and output to be a
 * terminal too, which is wrong for {@code settle replay ... > report.txt}. On Linux the descriptor's link in
 * {@code /proc/self/fd/2} names the device, so that is asked first; elsewhere the console test is the fallback.
 * Stateless and thread-safe.
 */
public final class StderrTerminal
{
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private StderrTerminal()
    {
    }

    /**
     * @return true if standard error is a terminal and {@code TERM} is not {@code dumb}.
     */
    public static boolean isTerminal()
    {
        if ("dumb".equals(System.getenv("TERM")))
        {
            return false;
        }
        if (Files.isSymbolicLink(STDERR_LINK))
        {
            try
            {
                return isTerminalDevice(Files.readSymbolicLink(STDERR_LINK).toString());
            }
            catch (final IOException | SecurityException e)
            {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }

    /**
     * @param device the path a descriptor links to.
     * @return true if it is a terminal device.
     */
    static boolean isTerminalDevice(final String device)
    {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }
}
