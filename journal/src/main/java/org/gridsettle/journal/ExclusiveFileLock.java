package org.gridsettle.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive operating-system lock on one file, taken without waiting: the one mechanism behind the holds that keep
 * two writers off one journal ({@link WriterLock}) and the command line's own holds on a directory.
 * <p>
 * The lock is the process's: another process is refused, and so is another holder in this process (the JVM's
 * {@link OverlappingFileLockException}), so two engines embedded in one host are kept apart too. The operating system
 * drops it when the process ends, however it ends, so a killed holder leaves no stale lock; the file stays.
 * <p>
 * Not thread-safe: taken and released by one owner.
 */
public final class ExclusiveFileLock implements AutoCloseable
{
    private final FileChannel channel;

    private ExclusiveFileLock(final FileChannel channel)
    {
        this.channel = channel;
    }

    /**
     * Takes the lock on a file, creating the file and its directory if they do not exist yet.
     *
     * @param file the lock file.
     * @return the lock, or null if another holder, in this process or another, has it.
     * @throws UncheckedIOException if the file cannot be created, opened for writing or locked; the message names it.
     */
    public static ExclusiveFileLock tryLock(final Path file)
    {
        final FileChannel channel;
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (final FileAlreadyExistsException e)
        {
            // createDirectories' word for a file where a directory of the path should be (a journal's input/ that is
            // a file, a --journal that names a file): "already exists" misleads, and the class name said it worse
            final NotDirectoryException notDirectory = new NotDirectoryException(e.getFile());
            notDirectory.initCause(e);
            throw new UncheckedIOException("cannot create or open the lock file " + file + ": " + e.getFile() +
                " is a file, not a directory", notDirectory);
        }
        catch (final IOException e)
        {
            // a file further up than the parent (a journal directory that names a file) is ENOTDIR, worded
            // "Not a directory" for a path that is one: name the file that stands in the way instead
            final Path inTheWay = fileInTheWay(file.toAbsolutePath().getParent());
            throw new UncheckedIOException("cannot create or open the lock file " + file + ": " +
                (inTheWay != null ? inTheWay + " is a file, not a directory" : IoReason.of(e)), e);
        }
        try
        {
            if (channel.tryLock() != null)
            {
                return new ExclusiveFileLock(channel);
            }
        }
        catch (final OverlappingFileLockException e)
        {
            // held in this process
        }
        catch (final IOException e)
        {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + IoReason.of(e), e);
        }
        close(channel);
        return null;
    }

    /** Releases the lock (closing the channel releases it); the file stays. */
    @Override
    public void close()
    {
        close(channel);
    }

    /** @return the nearest existing path at or above {@code dir} if it is not a directory, else null. */
    private static Path fileInTheWay(final Path dir)
    {
        Path existing = dir;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        return existing != null && !Files.isDirectory(existing) ? existing : null;
    }

    private static void close(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            // the lock goes with the channel, and with the process at the latest
        }
    }
}
