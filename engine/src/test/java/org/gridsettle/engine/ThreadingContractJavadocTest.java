package org.gridsettle.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public type a host touches says in its Javadoc which threads may use it: the engine's API and its
 * pipeline and ledger, the replay API, and the journal types the builder takes, the listeners are given and the
 * engine throws. A host reading a {@link Balance} on another thread, or holding a {@code TransferCodec} past the
 * callback, has only that sentence to go by.
 */
class ThreadingContractJavadocTest
{
    /** What a type's Javadoc says to state its threading contract, in the words this code base uses. */
    private static final Pattern CONTRACT = Pattern.compile(
        "Threading:|thread-safe|Thread-safe|[Ii]mmutable|Owned by the business-logic thread|from any thread");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
        "(?s)/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*public (?:final |abstract |sealed )*" +
            "(?:class|interface|record|enum) ");

    @Test
    void everyPublicTypeAHostTouchesStatesItsThreadingContract() throws IOException
    {
        final Path root = EmbeddingExampleTest.repositoryRoot();
        final Path engine = root.resolve("engine/src/main/java/org/gridsettle");
        final Path journal = root.resolve("journal/src/main/java/org/gridsettle/journal");
        final List<Path> files = new ArrayList<>();
        for (final Path dir : List.of(engine.resolve("engine"), engine.resolve("engine/ledger"),
            engine.resolve("engine/pipeline"), engine.resolve("replay"), journal.resolve("codec")))
        {
            try (Stream<Path> listing = Files.list(dir))
            {
                listing.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        for (final String name : List.of("Durability", "Sealing", "JournalWriteException", "JournalCorruptException",
            "pretouch/Pretouch"))
        {
            files.add(journal.resolve(name + ".java"));
        }
        final List<String> silent = new ArrayList<>();
        for (final Path file : files)
        {
            final String source = Files.readString(file);
            final Matcher type = PUBLIC_TYPE.matcher(source);
            final boolean documented = type.find();
            if (documented ? !CONTRACT.matcher(type.group(1)).find() : source.contains("\npublic "))
            {
                silent.add(root.relativize(file).toString());
            }
        }
        assertThat(silent).as("public types whose Javadoc says nothing of threads").isEmpty();
    }
}
