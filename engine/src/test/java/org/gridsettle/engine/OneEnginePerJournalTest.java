package org.gridsettle.engine;

import org.gridsettle.journal.JournalVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host that builds a second engine on a journal directory another engine has open is refused before the second
 * one appends anything, and the first engine's journal stays one intact chain. Before the writers' lock, both
 * engines appended, each chaining onto the records it had recovered, and the journal failed verification for good.
 */
class OneEnginePerJournalTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondEngineOnAnOpenJournalIsRefusedAndTheFirstGoesOn()
    {
        try (SettlementEngine first = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(first, 2);
            assertThatThrownBy(() -> SettlementEngine.builder().journalDir(dir).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is being written by another journal writer");
            EngineFixture.submitDay(first, 2, 8);
        }
        assertThat(JournalVerifier.verify(dir).problems()).isEmpty();

        // once the first engine is closed, the directory takes a writer again, and recovers what the first wrote
        try (SettlementEngine next = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(next.appliedSequence()).as("inputs recovered").isEqualTo(1 + 2 * 2 + 2 * 8);
        }
        assertThat(JournalVerifier.verify(dir).problems()).isEmpty();
    }
}
