package org.gridsettle.replay.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --out} file of a report command ({@code settle audit}, {@code settle rerate}), checked before the work
 * starts, so that a report never overwrites the journal or another input and a missing directory is named at once
 * rather than after the work.
 * <p>
 * Not thread-safe; one per command invocation.
 */
final class ReportFile
{
    private final Path out;

    /**
     * @param out the {@code --out} path, as given.
     */
    ReportFile(final Path out)
    {
        this.out = out;
    }

    /**
     * Refuses, before any work, an {@code --out} that cannot be written or would destroy an input.
     *
     * @param journal the journal directory read: no report may be written anywhere inside it.
     * @param inputs  other input files by option name ({@code --tariff}): the report may not be any of them.
     * @throws IllegalArgumentException naming the problem in one line.
     */
    void check(final Path journal, final Map<String, Path> inputs)
    {
        if (Files.isDirectory(out))
        {
            throw new IllegalArgumentException("--out " + out + ": is a directory; give a file name");
        }
        final Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent))
        {
            throw new IllegalArgumentException("--out " + out + ": directory " + parent +
                (Files.exists(parent) ? " is not a directory" : " does not exist"));
        }
        final Path target = realTarget();
        // real paths on both sides, so that "J/../J/input/x.cq4", a symbolic link or a relative path all compare equal
        if (target.startsWith(realPath("--journal", journal)))
        {
            throw new IllegalArgumentException("--out " + out + ": is inside the journal directory " + journal +
                "; write the report elsewhere");
        }
        for (final Map.Entry<String, Path> input : inputs.entrySet())
        {
            if (Files.exists(input.getValue()) && (target.equals(realPath(input.getKey(), input.getValue())) ||
                sameFile(input.getValue())))
            {
                throw new IllegalArgumentException("--out " + out + ": is the " + input.getKey() + " file; write " +
                    "the report elsewhere");
            }
        }
    }

    /** A hard link has its own real path: only the file system can tell that it is the same file. */
    private boolean sameFile(final Path input)
    {
        try
        {
            return Files.exists(out) && Files.isSameFile(out, input);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--out " + out + ": " + reason(ex), ex);
        }
    }

    private Path realTarget()
    {
        if (Files.exists(out))
        {
            return realPath("--out", out);
        }
        return realPath("--out", out.toAbsolutePath().getParent()).resolve(out.getFileName());
    }

    private static Path realPath(final String option, final Path path)
    {
        try
        {
            return path.toRealPath();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(option + " " + path + ": " + reason(ex), ex);
        }
    }

    /**
     * @param ex an I/O failure.
     * @return what went wrong in a few words: NIO puts only the path in the message of its own exceptions.
     */
    static String reason(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
