package org.gridsettle.engine;

import org.gridsettle.engine.logic.DrHistory;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DR history keeps each hour's covered seconds, so that a partly read hour is not taken as read; a snapshot holds them
 * in a section of its own at the end of the state. One written before that section, with a DR meter's history, cannot
 * tell a partly read hour from a read one, so recovery replays rather than load it.
 */
class DrCoverageSnapshotTest
{
    private static final long NOON = EngineFixture.START + 12 * 3_600;
    /** 48 days x 24 hours of one DR meter, 2 bytes each, after the "DRCV" mark and the count. */
    private static final int SECTION = Integer.BYTES + Integer.BYTES + DrHistory.DAYS * 24 * Short.BYTES;

    @TempDir
    Path dir;

    @Test
    void aSnapshotWithTheCoverageIsLoadedAndOneWithoutItIsNot() throws Exception
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(EngineFixture.tariff());                                        // 1
            engine.registerAccount(1001);                                                        // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START,
                MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);                                 // 3
            engine.submitTick(1, 0, NOON, 900, 250, 0);                                          // 4
        }                                                                                        // a snapshot
        final Path snapshot = new SnapshotStore(dir.resolve("snapshots")).newestFirst().get(0);
        final byte[] bytes = Files.readAllBytes(snapshot);
        final int sectionAt = bytes.length - Long.BYTES - SECTION;
        assertThat(ByteBuffer.wrap(bytes).getInt(sectionAt)).as("the section's mark, \"DRCV\"").isEqualTo(0x44524356);

        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveryNotes()).anyMatch((n) -> n.startsWith("loaded snapshot"));
        }

        // as the build before wrote it: the state ends before the section
        JournalFiles.cutSnapshot(snapshot, sectionAt);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveryNotes()).anyMatch((n) -> n.contains("predates the covered seconds"))
                .noneMatch((n) -> n.startsWith("loaded snapshot"));
            assertThat(engine.recoveredInputs()).isEqualTo(4);
        }
    }
}
