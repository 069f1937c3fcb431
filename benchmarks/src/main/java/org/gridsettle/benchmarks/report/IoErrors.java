package org.gridsettle.benchmarks.report;

import java.io.IOException;
import java.nio.file.FileSystemException;

/**
 * Words an I/O error for a one-line message: {@code FileSystemException}'s own message repeats the path, and
 * {@code NoSuchFileException} and its kin carry only the path, so the reason is taken apart from it.
 * <p>
 * Stateless and thread-safe.
 */
public final class IoErrors
{
    private IoErrors()
    {
    }

    /**
     * @param e an I/O error.
     * @return why it failed, without the path: "No space left on device", "file exists", "no such file".
     */
    public static String reason(final IOException e)
    {
        if (e instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        final String name = e.getClass().getSimpleName().replace("Exception", "");
        return switch (name)
        {
            case "FileAlreadyExists" -> "a file is in the way";
            case "NoSuchFile" -> "no such file or directory";
            case "NotDirectory" -> "a file is in the way";
            case "AccessDenied" -> "permission denied";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
