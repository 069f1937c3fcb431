package org.gridsettle.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Forces the files a writer's session wrote to the storage device once the writer has closed the journal cleanly, in
 * either {@link Durability}: the seal a clean close hands out ({@link JournalWriter#seal()}, printed by
 * {@code settle ingest} and the demo for an auditor to keep) then describes records that a power failure can no
 * longer take back. Before, with page-cache durability, a power loss shortly after the close could lose records the
 * kept seal covered, and a later {@code settle verify --kept} reported a mismatch where nothing was edited.
 * <p>
 * The files are the cycle files from the newest one the journal held when the writer opened it (appended to since)
 * onwards, Chronicle's {@code metadata.cq4t}, the queue directory itself, whose entries name any cycle file the
 * session created, and, for a journal the writer created, each directory above it up to the one that existed, whose
 * entries name the directories created. {@code fsync} writes back the pages a memory mapping dirtied as well as
 * written ones, and costs nothing for a file with no dirty page beyond the call. The directories are forced where the
 * platform allows opening one (Linux, macOS); elsewhere that step is skipped.
 * <p>
 * Stateless and thread-safe; called on the thread that closes the writer, after the queue is closed and before the
 * writer's lock is released.
 */
final class ClosedJournalSync
{
    private ClosedJournalSync()
    {
    }

    /**
     * @param dir a queue directory.
     * @return the cycle of its newest cycle file, or {@link Integer#MIN_VALUE} if it holds none (or does not exist):
     *         where the files a writer opened now will append to start.
     */
    static int newestCycle(final Path dir)
    {
        int newest = Integer.MIN_VALUE;
        for (final Path file : files(dir))
        {
            newest = Math.max(newest, Journals.cycleOf(file));
        }
        return newest;
    }

    /**
     * @param dir       the queue directory of a journal just closed.
     * @param fromCycle the first cycle whose file the session may have written ({@link #newestCycle} at open).
     * @param existingAtOpen {@link #existingAtOpen} of the queue directory when the writer opened it.
     * @throws JournalWriteException naming the directory, if a file could not be forced: its records may not be on
     *                               the device.
     */
    static void force(final Path dir, final int fromCycle, final Path existingAtOpen)
    {
        for (final Path file : filesToForce(dir, fromCycle))
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.force(true);
            }
            catch (final IOException e)
            {
                throw JournalWriteException.of(dir, e);
            }
        }
        for (final Path directory : directoriesToForce(dir, existingAtOpen))
        {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
            {
                channel.force(true);
            }
            catch (final IOException e)
            {
                // a directory cannot be opened, or forced, on every platform (Windows): the files' own data is forced
            }
        }
    }

    /**
     * @param dir a queue directory a writer is about to open.
     * @return the directory itself if it exists, else its nearest ancestor that does (null if none does): the writer
     *         creates the directories below it, and a clean close forces the entry of each in its parent.
     */
    static Path existingAtOpen(final Path dir)
    {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.isDirectory(existing))
        {
            existing = existing.getParent();
        }
        return existing;
    }

    /**
     * @param dir            a queue directory.
     * @param existingAtOpen {@link #existingAtOpen} of it when the writer opened it.
     * @return the queue directory, whose entries name any cycle file the session created, then each directory above
     *         it up to {@code existingAtOpen}: a journal the writer created is found after a power failure only if
     *         the entries naming its new directories are on the device too.
     */
    static List<Path> directoriesToForce(final Path dir, final Path existingAtOpen)
    {
        final List<Path> directories = new ArrayList<>();
        Path directory = dir.toAbsolutePath();
        directories.add(directory);
        while (existingAtOpen != null && !directory.equals(existingAtOpen) && directory.getParent() != null)
        {
            directory = directory.getParent();
            directories.add(directory);
        }
        return directories;
    }

    /**
     * @param dir       a queue directory.
     * @param fromCycle the first cycle whose file is forced.
     * @return its cycle files of that cycle and later, and Chronicle's table store, by name; not a file set aside
     *         ({@code .abandoned}) or anything else found there.
     */
    static List<Path> filesToForce(final Path dir, final int fromCycle)
    {
        return files(dir).stream().filter((file) -> file.getFileName().toString().equals(TableStoreRepair.TABLE_STORE) ||
            Journals.cycleOf(file) >= Math.max(0, fromCycle)).sorted().toList();
    }

    private static List<Path> files(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (var files = Files.list(dir))
        {
            return files.toList();
        }
        catch (final IOException e)
        {
            throw JournalWriteException.of(dir, e);
        }
    }
}
