package org.gridsettle.journal;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Words why an I/O operation failed, without the path, for a one-line message that names the file already: the file
 * system's exceptions carry only a path as their message ({@code NoSuchFileException}) or repeat it before their
 * reason, and neither tells an operator what is wrong. Shared by the journal's own refusals, the command line and the
 * benchmark harness, so a full disk or a missing folder reads the same everywhere.
 * <p>
 * Stateless and thread-safe.
 */
public final class IoReason
{
    private IoReason()
    {
    }

    /**
     * @param t a failure, typically an I/O one.
     * @return what went wrong in a few words: "permission denied", "No space left on device", "no such file or
     *     directory", or the failure's own message (its class's simple name when it has none).
     */
    public static String of(final Throwable t)
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
}
