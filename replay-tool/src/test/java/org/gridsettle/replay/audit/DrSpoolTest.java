package org.gridsettle.replay.audit;

import org.gridsettle.journal.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The temporary file of an audit's demand-response baselines: never left behind by a replay that fails, whatever the
 * failure, and a folder it cannot be made in is named with the reason and the way to choose another.
 */
class DrSpoolTest
{
    /** No record verified: the replay fails, or the file cannot be made, before a record count matters. */
    private static final VerifiedRecords NONE_VERIFIED = new VerifiedRecords(false, 0, 0, "");

    @TempDir
    Path tmp;

    @Test
    void aReplayThatFailsLeavesNoTemporaryFile() throws IOException
    {
        final Path spoolDir = Files.createDirectory(tmp.resolve("spool"));

        // the journal is missing: the replay fails after the file was made, and not with an I/O error
        assertThatThrownBy(() -> DrSpool.replay(tmp.resolve("no-journal"), Set.of(1L), ProgressListener.NONE,
            NONE_VERIFIED, spoolDir)).hasMessageContaining("no journal at");

        try (Stream<Path> left = Files.list(spoolDir))
        {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFolderTheFileCannotBeMadeInIsNamedWithWhyAndWhatToDo()
    {
        final Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> DrSpool.replay(tmp.resolve("journal"), Set.of(1L), ProgressListener.NONE,
            NONE_VERIFIED, missing))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessage("cannot keep the demand-response baselines in a temporary file in " + missing +
                ": no such file or directory");
    }
}
