package org.gridsettle.engine;

import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DR event book holds each event's OpenADR modification number, since a modification (DR_EVENT schema 3)
 * replaces a pending event only above it; a snapshot holds the numbers in a section of its own at the end of the
 * state. One written before that section, with a pending event, cannot tell whether a modification replaces it, so
 * recovery replays rather than load it.
 */
class DrModificationSnapshotTest
{
    /** One event's number after the "DRMN" mark and the count. */
    private static final int SECTION = Integer.BYTES + Integer.BYTES + Long.BYTES;

    @TempDir
    Path dir;

    @Test
    void aSnapshotWithTheNumbersIsLoadedAndOneWithoutThemHoldingAPendingEventIsNot() throws Exception
    {
        final long start = EngineFixture.START + 14 * 3_600;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(EngineFixture.tariff());                                        // 1
            engine.registerAccount(1001);                                                        // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START,
                MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);                                 // 3
            engine.publishDrEvent(9, TokenSymbol.pack("DR"), EngineFixture.TARIFF, start, start + 3_600, 1,
                BaselineMethod.DECLARED, 100, 3);                                                // 4, pending
        }                                                                                        // a snapshot
        final Path snapshot = new SnapshotStore(dir.resolve("snapshots")).newestFirst().get(0);
        final byte[] bytes = Files.readAllBytes(snapshot);
        final int sectionAt = bytes.length - Long.BYTES - SECTION;
        final ByteBuffer section = ByteBuffer.wrap(bytes, sectionAt, SECTION);
        assertThat(section.getInt()).as("the section's mark, \"DRMN\"").isEqualTo(0x44524D4E);
        assertThat(section.getInt()).as("one event").isEqualTo(1);
        assertThat(section.getLong()).as("its modification number").isEqualTo(3);

        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveryNotes()).anyMatch((n) -> n.startsWith("loaded snapshot"));
        }

        // as the build before wrote it: the state ends before the section
        JournalFiles.cutSnapshot(snapshot, sectionAt);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveryNotes()).anyMatch((n) -> n.contains("predates the modification numbers"))
                .noneMatch((n) -> n.startsWith("loaded snapshot"));
            assertThat(engine.recoveredInputs()).isEqualTo(4);
        }
    }
}
