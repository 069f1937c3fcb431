package org.gridsettle.replay.demo;

import org.gridsettle.journal.ExclusiveFileLock;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.WriterLock;
import org.gridsettle.replay.ingest.IoErrorText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's journal directory, {@code DIR/journal}, and the marker file that says the demo wrote it.
 * <p>
 * The demo starts from an empty journal, so a rerun must remove the previous one; but {@code --dir} is whatever the
 * user typed, and {@code DIR/journal} may be an ingest journal or a folder of their own files. The demo therefore
 * writes {@value #MARKER} into every journal it creates, before the engine writes anything, and removes an existing
 * journal only when that marker is there. The same goes for the audit reports the demo writes next to the journal
 * ({@value #REPORT} and {@value #DR_REPORT}): they are overwritten only where a demo journal shows that an earlier run
 * wrote them. {@link #check} decides without touching the disk, so a bad {@code --dir} is refused before anything is
 * removed or created.
 * <p>
 * Immutable; the methods touch the file system and are as thread-safe as it is.
 */
public final class DemoJournalDir
{
    /** Name of the marker file inside a journal the demo wrote. */
    public static final String MARKER = ".settle-demo";
    /** Name of the M&V report of a net-metered household, in {@code DIR}. */
    public static final String REPORT = "audit.html";
    /** Name of the M&V report of a household that answered the DR event, in {@code DIR}. */
    public static final String DR_REPORT = "audit-dr.html";

    private final Path dir;
    private final Path journal;
    private final boolean previous;

    private DemoJournalDir(final Path dir, final boolean previous)
    {
        this.dir = dir;
        this.journal = dir.resolve("journal");
        this.previous = previous;
    }

    /**
     * Checks that the demo may write to {@code dir/journal}; reads the file system, writes nothing.
     *
     * @param dir the {@code --dir} option.
     * @return the journal directory to prepare.
     * @throws IllegalArgumentException one line naming the path, if {@code dir} is empty or not a directory, or if
     *                                  {@code dir/journal} or a report exists and was not written by the demo.
     */
    public static DemoJournalDir check(final Path dir)
    {
        if (dir.toString().isBlank())
        {
            // Path.of("") is the working directory: the demo would write ./journal, which nobody asked for
            throw new IllegalArgumentException("--dir is empty; name a directory, such as demo-data");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new IllegalArgumentException("--dir " + dir + " is not a directory");
        }
        final Path journal = dir.resolve("journal");
        if (!Files.exists(journal, LinkOption.NOFOLLOW_LINKS))
        {
            // no demo ran here, so a report of that name is the user's: an audit they wrote there themselves
            for (final String name : new String[] {REPORT, DR_REPORT})
            {
                final Path report = dir.resolve(name);
                if (Files.exists(report, LinkOption.NOFOLLOW_LINKS))
                {
                    throw new IllegalArgumentException(report + " exists and was not written by settle demo; " +
                        "choose another --dir or remove it");
                }
            }
            return new DemoJournalDir(dir, false);
        }
        // the demo creates a real directory and a regular marker file; a link, a file, or a directory without the
        // marker is somebody else's, whatever it holds
        if (!Files.isDirectory(journal, LinkOption.NOFOLLOW_LINKS) ||
            !Files.isRegularFile(journal.resolve(MARKER), LinkOption.NOFOLLOW_LINKS))
        {
            throw new IllegalArgumentException(journal + " exists and was not written by settle demo; choose " +
                "another --dir or remove it");
        }
        // the demo writes its reports as regular files: one of those names that is a link would be written through,
        // into whatever file it points at
        for (final String name : new String[] {REPORT, DR_REPORT})
        {
            final Path report = dir.resolve(name);
            if (Files.exists(report, LinkOption.NOFOLLOW_LINKS) &&
                !Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS))
            {
                throw new IllegalArgumentException(report + " is not a regular file (a link, or a directory), so " +
                    "settle demo did not write it; choose another --dir or remove it");
            }
        }
        return new DemoJournalDir(dir, true);
    }

    /**
     * @return {@code DIR/journal}.
     */
    public Path journal()
    {
        return journal;
    }

    /**
     * @return {@code DIR/}{@value #REPORT}.
     */
    public Path report()
    {
        return dir.resolve(REPORT);
    }

    /**
     * @return {@code DIR/}{@value #DR_REPORT}.
     */
    public Path drReport()
    {
        return dir.resolve(DR_REPORT);
    }

    /**
     * @return true if a journal the demo wrote is there, which {@link #prepare} removes.
     */
    public boolean hasPrevious()
    {
        return previous;
    }

    /**
     * Removes the previous demo journal, if any, then creates an empty journal directory holding the marker, and
     * locks the marker for as long as the returned hold is open.
     * <p>
     * A previous journal that is still in use is not removed: another demo holds its marker's lock until it ends
     * (replay and reports included), and any engine writing it holds its queues' {@link WriterLock}s. Removing it
     * would pull the journal from under that run.
     *
     * @return the lock on the new journal's marker, to close when the demo ends; the operating system releases it
     *         too when the process ends, however it ends.
     * @throws IllegalStateException one line, if the previous journal is in use; nothing is removed.
     * @throws UncheckedIOException  one line naming the path, if the directory cannot be removed or created.
     */
    public ExclusiveFileLock prepare()
    {
        if (previous)
        {
            refuseIfInUse();
            removePrevious();
        }
        final Path marker = journal.resolve(MARKER);
        try
        {
            Files.createDirectories(journal);
            Files.writeString(marker, "Written by settle demo, which removes this journal when " +
                "it is run again with the same --dir.\n", StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot create the demo journal at " + journal + ": " + IoErrorText.of(e),
                e);
        }
        final ExclusiveFileLock inUse = ExclusiveFileLock.tryLock(marker);
        if (inUse == null)
        {
            throw inUse(journal + " was taken by another settle demo as this one created it");
        }
        return inUse;
    }

    private void refuseIfInUse()
    {
        final ExclusiveFileLock other = ExclusiveFileLock.tryLock(journal.resolve(MARKER));
        if (other == null)
        {
            throw inUse(journal + " is in use by another settle demo run with this --dir");
        }
        other.close();
        for (final String queue : new String[] {Journals.INPUT, Journals.OUTPUT})
        {
            final Path queueDir = journal.resolve(queue);
            if (Files.isDirectory(queueDir, LinkOption.NOFOLLOW_LINKS))
            {
                try (ExclusiveFileLock writer = WriterLock.acquire(queueDir))
                {
                    // nobody writes it: it may go
                }
                catch (final IllegalStateException e)
                {
                    throw inUse(queueDir + " is being written by an engine");
                }
            }
        }
    }

    private static IllegalStateException inUse(final String what)
    {
        return new IllegalStateException(what + ": wait for it to finish or choose another --dir; nothing was removed");
    }

    private void removePrevious()
    {
        final Path marker = journal.resolve(MARKER);
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(journal))
        {
            // deepest first; the marker goes last but for the directory itself, so that a removal that fails half
            // way leaves a journal that the next run still recognises as the demo's and can finish removing
            paths = walk.filter(p -> !p.equals(marker) && !p.equals(journal)).sorted(Comparator.reverseOrder())
                .toList();
        }
        catch (final IOException e)
        {
            throw cannotRemove(e);
        }
        catch (final UncheckedIOException e)
        {
            throw cannotRemove(e.getCause());
        }
        for (final Path p : paths)
        {
            delete(p);
        }
        delete(marker);
        delete(journal);
    }

    private UncheckedIOException cannotRemove(final IOException e)
    {
        return new UncheckedIOException("cannot remove the previous demo journal at " + journal + ": " +
            IoErrorText.of(e), e);
    }

    private static void delete(final Path p)
    {
        try
        {
            Files.deleteIfExists(p);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot remove " + p + " of the previous demo journal: " +
                IoErrorText.of(e), e);
        }
    }
}
