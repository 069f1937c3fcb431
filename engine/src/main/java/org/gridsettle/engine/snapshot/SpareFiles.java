package org.gridsettle.engine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Files kept in a snapshot directory to be overwritten by the next snapshot instead of writing it into a new file:
 * a snapshot too old to keep becomes a spare ({@code spare-<inputSequence>.gsp}) instead of being deleted.
 * <p>
 * Why: writing a snapshot into a new file puts every page of it into freshly allocated page cache, and on a 2-core
 * machine that made a quarter to three quarters of the ticks at 200,000 ticks/s wait over 50 µs while the file was
 * written; overwriting the pages of a file written a few snapshots before brought that down to a few percent
 * (benchmarks/LOG.md has the measurements). Spares are never read: their names are not snapshot names, so
 * recovery does not see them, and their content does not matter.
 * <p>
 * Threading: the snapshot writer's thread, or any one thread while no snapshot is being written.
 */
final class SpareFiles
{
    private static final String PREFIX = "spare-";
    private static final String SUFFIX = ".gsp";

    private final Path dir;

    /**
     * @param dir the snapshot directory.
     */
    SpareFiles(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * @return the spares, by name.
     */
    List<Path> list()
    {
        return SnapshotStore.named(dir, PREFIX, SUFFIX, "spare snapshot files");
    }

    /**
     * @return a spare for the next snapshot to overwrite, or null if there is none.
     */
    Path any()
    {
        final List<Path> spares = list();
        return spares.isEmpty() ? null : spares.get(0);
    }

    /**
     * Turns a snapshot no longer kept into a spare, by renaming it.
     *
     * @param snapshot a snapshot file of this directory.
     * @return the spare's path.
     */
    Path retire(final Path snapshot)
    {
        final String name = snapshot.getFileName().toString();
        final Path spare = dir.resolve(PREFIX + name.replaceAll("[^0-9]", "") + SUFFIX);
        try
        {
            Files.move(snapshot, spare, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return spare;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot turn old snapshot " + snapshot + " into a spare", e);
        }
    }

    /**
     * Deletes spares until the directory holds at most {@code files} snapshots and spares together.
     *
     * @param files     snapshots and spares wanted in all.
     * @param snapshots snapshots the directory holds now.
     */
    void trim(final int files, final int snapshots)
    {
        final List<Path> spares = list();
        for (int i = Math.max(0, files - snapshots); i < spares.size(); i++)
        {
            try
            {
                Files.deleteIfExists(spares.get(i));
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot delete spare snapshot file " + spares.get(i), e);
            }
        }
    }
}
