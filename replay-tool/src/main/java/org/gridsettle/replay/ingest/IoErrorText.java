package org.gridsettle.replay.ingest;

import org.gridsettle.journal.IoReason;

import java.nio.file.FileSystemException;
import java.util.regex.Pattern;

/**
 * Words an exception for the one line an operator reads: what happened, without Java class names. The file system's
 * exceptions carry only a path as their message, and {@code toString()} puts a class name first; neither tells a
 * settlement engineer what is wrong. Stateless and thread-safe.
 */
public final class IoErrorText
{
    /** A Java class name before a message ({@code java.io.EOFException: }). */
    private static final Pattern JAVA_NAMES =
        Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");

    private IoErrorText()
    {
    }

    /**
     * @param t a failure.
     * @return its first line in words, with class names removed.
     */
    public static String of(final Throwable t)
    {
        // one line: a library's message may go on with a dump of the bytes it choked on
        final String m = JAVA_NAMES.matcher(describe(t)).replaceAll("").strip();
        final int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end).strip();
    }

    private static String describe(final Throwable t)
    {
        // the file system's exceptions carry the path in getFile() and nothing else worth showing in the message
        if (t instanceof FileSystemException fs && fs.getFile() != null)
        {
            return IoReason.of(t) + ": " + fs.getFile();
        }
        return IoReason.of(t);
    }
}
