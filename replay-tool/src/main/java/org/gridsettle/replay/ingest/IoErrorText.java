package org.gridsettle.replay.ingest;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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

    /**
     * @param t a failure, typically an I/O one.
     * @return what went wrong in a few words, without the path, for a message that names the file already.
     */
    public static String reason(final Throwable t)
    {
        if (t instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (t instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (t instanceof NotDirectoryException)
        {
            return "not a directory";
        }
        if (t instanceof FileAlreadyExistsException)
        {
            return "already exists";
        }
        if (t instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        if (t instanceof EOFException && t.getMessage() == null)
        {
            return "the file ends in the middle of its data (cut short?)";
        }
        final String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static String describe(final Throwable t)
    {
        // the file system's exceptions carry the path in getFile() and nothing else worth showing in the message
        if (t instanceof FileSystemException fs && fs.getFile() != null)
        {
            return reason(t) + ": " + fs.getFile();
        }
        return reason(t);
    }
}
