package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.chain.XxHash64;
import org.gridsettle.journal.codec.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot of format 03, written before correction-window keys held the interval's length, still restores the
 * window: its entries keep their identity with the length unknown. The three ways the second session could go tell
 * the cases apart: the keys read as 03's give a DUPLICATE_ACK for the re-send at another length; a full replay
 * (snapshot skipped) knows the length and rejects it INTERVAL_OVERLAP; 03's keys misread as 04's would lose the entry
 * and price the re-send again.
 */
class LegacySnapshotWindowTest
{
    private static final long EIGHT = EngineFixture.START + 8 * 3_600;

    @TempDir
    Path dir;

    @Test
    void aFormat03SnapshotRestoresTheWindowWithLengthsUnknown() throws IOException
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                         // 1..3
            engine.submitTick(1, 0, EIGHT, 900, 1_000, 0);          // 4
        }
        final List<Path> snapshots = new SnapshotStore(dir.resolve("snapshots")).newestFirst();
        assertThat(snapshots).hasSize(1);
        asFormat03(snapshots.get(0));

        final List<String> notes;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            notes = engine.recoveryNotes();
            engine.submitTick(1, 0, EIGHT, 3_600, 1_000, 0);        // 5
        }
        assertThat(notes).anyMatch(n -> n.startsWith("loaded"));
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(5)).hasSize(1);
        assertThat(Outputs.isDuplicateAck(out.causedBy(5).get(0))).isTrue();
    }

    @Test
    void withoutTheSnapshotTheLengthIsKnownAndTheResendOverlaps()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshots(false).build().start())
        {
            EngineFixture.setUp(engine, 1);
            engine.submitTick(1, 0, EIGHT, 900, 1_000, 0);
        }
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshots(false).build().start())
        {
            engine.submitTick(1, 0, EIGHT, 3_600, 1_000, 0);        // 5
        }
        assertThat(Outputs.rejection(Outputs.of(dir).causedBy(5).get(0))).isEqualTo(ReasonCode.INTERVAL_OVERLAP);
    }

    /** Rewrites the one window key as format 03 had it ({@code start << 4 | channel}), with 03's magic. */
    private static void asFormat03(final Path snapshot) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(snapshot);
        assertThat(new String(bytes, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("GSSNAP04");
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final long key = TickWindow.key(EIGHT, 0, 900);
        int at = -1;
        for (int i = 8; i + Long.BYTES <= bytes.length - 8; i++)
        {
            if (buffer.getLong(i) == key)
            {
                assertThat(at).as("one place holds the key").isEqualTo(-1);
                at = i;
            }
        }
        assertThat(at).as("the key is in the snapshot").isPositive();
        buffer.putLong(at, EIGHT << 4);
        bytes[7] = '3';
        new UnsafeBuffer(bytes).putLong(bytes.length - 8, XxHash64.hash(new UnsafeBuffer(bytes), 0,
            bytes.length - 8, 0), ByteOrder.BIG_ENDIAN);
        Files.write(snapshot, bytes);
    }
}
