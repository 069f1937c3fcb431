package org.gridsettle.replay.cli;

import org.gridsettle.journal.IoReason;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The {@code --out} file of a report command ({@code settle audit}, {@code settle rerate}). It is checked before the
 * work starts, so that a report never overwrites the journal or another input and a missing directory is named at
 * once rather than after the work; and it is written to a temporary file in its directory, flushed to disk and
 * renamed into place only when complete, so that a full disk or any other write error, or a signal that stops the
 * command (anything but {@code kill -9}), leaves the file that was there (or none) and no temporary file, never a
 * truncated report.
 * <p>
 * A path that exists and is not a regular file (a device such as {@code /dev/stdout}, a pipe) cannot be replaced by a
 * rename and is written in place, with write errors still reported. A symbolic link is followed: the file it points
 * to is the one replaced, and the link is kept.
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
        if (out.toString().isEmpty())
        {
            // Path.of("") is the working directory, which the next check would report as "is a directory"
            throw new IllegalArgumentException("--out is empty; give a file name");
        }
        if (Files.isDirectory(out))
        {
            throw new IllegalArgumentException("--out " + out + ": is a directory; give a file name");
        }
        final Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent))
        {
            throw new IllegalArgumentException("--out " + out + ": " + (Files.exists(parent) ?
                parent + " is a file, so it cannot hold one" : "directory " + parent + " does not exist"));
        }
        if (Files.exists(out) && !Files.isRegularFile(out))
        {
            // a device or pipe (--out /dev/stdout) is written in place, not replaced, and a pipe has no real path
            return;
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

    /**
     * @return the folder the report's temporary copy is written in, whose disk must hold the report anyway: the
     *     destination's (a symbolic link's target's); null for a device or pipe ({@code /dev/stdout}), written in
     *     place, whose folder is no place for a file.
     * @throws IllegalArgumentException naming {@code --out} when its real path cannot be found.
     */
    Path folder()
    {
        if (Files.exists(out) && !Files.isRegularFile(out))
        {
            return null;
        }
        return (Files.exists(out) ? realPath("--out", out) : out.toAbsolutePath()).getParent();
    }

    /**
     * Writes the report: to a temporary file beside the destination, flushed and synced, then renamed over it.
     *
     * @param body writes the report; it may flush but must not close the writer.
     * @throws IllegalStateException naming the file and the error in one line when anything cannot be written; the
     *                               destination is then as it was, and the temporary file is removed.
     */
    void write(final Consumer<PrintWriter> body)
    {
        try
        {
            if (Files.exists(out) && !Files.isRegularFile(out))
            {
                // a device or pipe: nothing to rename over, and nothing kept that a failure could lose
                try (OutputStream stream = Files.newOutputStream(out))
                {
                    writeChecked(stream, body);
                }
                return;
            }
            replace(Files.exists(out) ? out.toRealPath() : out.toAbsolutePath(), body);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write " + out + ": " + IoReason.of(ex), ex);
        }
    }

    private static void replace(final Path destination, final Consumer<PrintWriter> body) throws IOException
    {
        final Path temp = destination.resolveSibling("." + destination.getFileName() + "." +
            Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try
        {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
            {
                // a report stopped by a signal runs shutdown hooks: its part written does not outlive it (an audit
                // written in account groups reads the journal while it writes, for most of its run)
                temp.toFile().deleteOnExit();
                writeChecked(Channels.newOutputStream(channel), body);
                // on disk before the rename, so that a crash cannot leave the new name on an empty file
                channel.force(true);
            }
            if (Files.exists(destination))
            {
                copyPermissions(destination, temp);
            }
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                deleteQuietly(temp);
            }
        }
    }

    private static void writeChecked(final OutputStream stream, final Consumer<PrintWriter> body) throws IOException
    {
        // PrintWriter swallows IOExceptions; this keeps the first one so that its reason can be reported
        final FirstError errors = new FirstError(new BufferedWriter(new OutputStreamWriter(stream,
            StandardCharsets.UTF_8)));
        final PrintWriter writer = new PrintWriter(errors);
        body.accept(writer);
        writer.flush();
        if (writer.checkError())
        {
            throw errors.first != null ? errors.first : new IOException("write failed");
        }
    }

    private static void copyPermissions(final Path from, final Path to) throws IOException
    {
        try
        {
            // a report replaced in place keeps who may read it, as rewriting the file would have
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
        catch (final UnsupportedOperationException ex)
        {
            // not a POSIX file system: the new file has the default permissions
        }
    }

    private static void deleteQuietly(final Path temp)
    {
        try
        {
            Files.deleteIfExists(temp);
        }
        catch (final IOException ex)
        {
            // the write error being reported is the one to show; this one would only hide it
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
            throw new IllegalArgumentException("--out " + out + ": " + IoReason.of(ex), ex);
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
            throw new IllegalArgumentException(option + " " + path + ": " + IoReason.of(ex), ex);
        }
    }

    /** Passes writes through and remembers the first one that failed. */
    private static final class FirstError extends FilterWriter
    {
        private IOException first;

        FirstError(final Writer out)
        {
            super(out);
        }

        @Override
        public void write(final int c) throws IOException
        {
            try
            {
                super.write(c);
            }
            catch (final IOException ex)
            {
                throw keep(ex);
            }
        }

        @Override
        public void write(final char[] buffer, final int offset, final int length) throws IOException
        {
            try
            {
                super.write(buffer, offset, length);
            }
            catch (final IOException ex)
            {
                throw keep(ex);
            }
        }

        @Override
        public void write(final String text, final int offset, final int length) throws IOException
        {
            try
            {
                super.write(text, offset, length);
            }
            catch (final IOException ex)
            {
                throw keep(ex);
            }
        }

        @Override
        public void flush() throws IOException
        {
            try
            {
                super.flush();
            }
            catch (final IOException ex)
            {
                throw keep(ex);
            }
        }

        @Override
        public void close() throws IOException
        {
            try
            {
                super.close();
            }
            catch (final IOException ex)
            {
                throw keep(ex);
            }
        }

        private IOException keep(final IOException ex)
        {
            if (first == null)
            {
                first = ex;
            }
            return ex;
        }
    }
}
