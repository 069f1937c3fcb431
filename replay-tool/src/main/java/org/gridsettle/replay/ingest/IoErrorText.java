package org.gridsettle.replay.ingest;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
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

    private static String describe(final Throwable t)
    {
        final String m = t.getMessage();
        if (t instanceof NoSuchFileException)
        {
            return "no such file or directory: " + m;
        }
        if (t instanceof AccessDeniedException)
        {
            return "permission denied: " + m;
        }
        if (t instanceof NotDirectoryException)
        {
            return "not a directory: " + m;
        }
        if (t instanceof FileAlreadyExistsException)
        {
            return "already exists: " + m;
        }
        if (t instanceof EOFException && m == null)
        {
            return "the file ends in the middle of its data (cut short?)";
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
