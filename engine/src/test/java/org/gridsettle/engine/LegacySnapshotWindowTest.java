package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.chain.XxHash64;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
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
 * window, and to what a full replay of the journal rebuilds: each entry's length is read back from the tick that
 * caused it in the input journal. With the length left unknown, a re-send at another length was acknowledged, an
 * interval starting inside a restored entry was priced a second time, and a correction changed an entry's length,
 * where a full replay (and so {@code settle replay}) rejects each INTERVAL_OVERLAP. 03's keys misread as 04's would
 * lose the entry and price the re-send again.
 */
class LegacySnapshotWindowTest
{
    private static final long EIGHT = EngineFixture.START + 8 * 3_600;

    @TempDir
    Path dir;

    @Test
    void aFormat03SnapshotRestoresTheWindowAsAFullReplayDoes() throws IOException
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                         // 1..3
            engine.submitTick(1, 0, EIGHT, 3_600, 1_000, 0);        // 4: an hourly reading, 08:00-09:00
        }
        final List<Path> snapshots = new SnapshotStore(dir.resolve("snapshots")).newestFirst();
        assertThat(snapshots).hasSize(1);
        asFormat03(snapshots.get(0), 3_600);

        final List<String> notes;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            notes = engine.recoveryNotes();
            engine.submitTick(1, 0, EIGHT, 900, 1_000, 0);          // 5: its start at another length
            engine.submitTick(1, 0, EIGHT + 900, 900, 250, 0);      // 6: a quarter inside it
            engine.submitCorrection(1, 0, EIGHT, 900, 800, 0);      // 7: a correction to another length
            engine.submitTick(1, 0, EIGHT, 3_600, 1_000, 0);        // 8: the reading itself again
        }
        assertThat(notes).anyMatch(n -> n.startsWith("loaded"))
            .anyMatch(n -> n.endsWith("read 1 of them back from the input journal"));
        final Outputs out = Outputs.of(dir);
        for (long input = 5; input <= 7; input++)
        {
            assertThat(out.causedBy(input)).as("input %d", input).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(input).get(0))).as("input %d", input)
                .isEqualTo(ReasonCode.INTERVAL_OVERLAP);
        }
        assertThat(Outputs.isDuplicateAck(out.causedBy(8).get(0))).isTrue();
        final ReplayReport replay = new JournalReplay(dir, Long.MAX_VALUE).run();
        assertThat(replay.firstDivergence()).isNull();
        assertThat(replay.identical()).isTrue();
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
    private static void asFormat03(final Path snapshot, final int seconds) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(snapshot);
        assertThat(new String(bytes, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("GSSNAP04");
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final long key = TickWindow.key(EIGHT, 0, seconds);
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
