package org.gridsettle.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates and removes the scratch directories benchmarks write journals into, so no run leaves gigabytes behind.
 * <p>
 * Stateless and thread-safe.
 */
public final class TempDirs
{
    private TempDirs()
    {
    }

    /**
     * @param parent where to create it, or null for the JVM's temporary directory.
     * @param prefix name prefix.
     * @return a new empty directory.
     */
    public static Path create(final Path parent, final String prefix)
    {
        try
        {
            if (parent == null)
            {
                return Files.createTempDirectory(prefix);
            }
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a directory tree; a missing directory is not an error.
     *
     * @param dir the tree.
     */
    public static void delete(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            // children before parents
            paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteOne);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteOne(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
