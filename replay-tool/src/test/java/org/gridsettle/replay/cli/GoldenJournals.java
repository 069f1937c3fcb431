package org.gridsettle.replay.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Copies of the engine's golden journals ({@code engine/src/test/resources/golden}, FORMAT.md section 11) for the
 * command tests: never read in place, since they are the evidence that old journals still read, and a writer's open
 * would change them. Stateless.
 */
final class GoldenJournals
{
    private GoldenJournals()
    {
    }

    /**
     * @param version {@code v1} to {@code v4}.
     * @param into    a directory to copy it into.
     * @return the copy, {@code into/version}, holding {@code input/} and {@code output/}.
     */
    static Path copy(final String version, final Path into) throws IOException, URISyntaxException
    {
        final URL golden = GoldenJournals.class.getResource("/golden/" + version);
        assertThat(golden).as("golden/" + version + " from the engine test-jar").isNotNull();
        final Path copy = into.resolve(version);
        // in a reactor build the engine's test classes come as a jar: walk it through a zip file system
        if ("jar".equals(golden.toURI().getScheme()))
        {
            try (FileSystem jar = FileSystems.newFileSystem(golden.toURI(), Map.of()))
            {
                copyTree(jar.provider().getPath(golden.toURI()), copy);
            }
        }
        else
        {
            copyTree(Path.of(golden.toURI()), copy);
        }
        return copy;
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path p : paths.toList())
            {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
