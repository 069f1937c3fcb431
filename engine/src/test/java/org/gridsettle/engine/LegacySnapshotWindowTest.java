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
 * Snapshots of earlier formats. One of format 04, written before the correction window kept eviction watermarks, is
 * used if every meter with a full window ticked on one channel (such a meter never has a watermark), and otherwise
 * not: recovery replays the journal, as only a replay tells which intervals were evicted.
 * <p>
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

    @Test
    void aFormat04SnapshotOfAMeterOfSeveralChannelsWithAFullWindowIsNotUsed() throws IOException
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EvictedIntervalTest.evictTheHour(engine);                   // 1..17
        }
        asFormat04(onlySnapshot());

        final List<String> notes;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            notes = engine.recoveryNotes();
            engine.submitTick(1, 1, EIGHT + 1_800, 900, 250, 0);    // 18: inside the evicted hour
        }
        // 04 kept no watermark: loaded, the hour's would be missing and the quarter hour priced, unlike in a replay
        assertThat(notes).anyMatch(n -> n.contains("is unusable (it predates eviction watermarks") &&
            n.contains("1 of its meters with full windows ticked on several channels"));
        assertThat(notes).noneMatch(n -> n.startsWith("loaded"));
        assertThat(Outputs.rejection(Outputs.of(dir).causedBy(18).get(0)))
            .isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        EvictedIntervalTest.assertReplayIdentical(dir);
    }

    @Test
    void aFormat04SnapshotOfMetersOfOneChannelIsUsed() throws IOException
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                             // 1..3
            for (int q = 0; q <= 12; q++)
            {
                engine.submitTick(1, 0, EIGHT + q * 900L, 900, 250, 0); // 4..16: the window full, 08:00 evicted
            }
        }
        asFormat04(onlySnapshot());

        final List<String> notes;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            notes = engine.recoveryNotes();
            engine.submitTick(1, 0, EIGHT + 13 * 900L, 900, 250, 0);    // 17: the next quarter hour
            engine.submitTick(1, 0, EIGHT, 900, 250, 0);                // 18: the evicted one again
        }
        assertThat(notes).anyMatch(n -> n.startsWith("loaded"))
            .anyMatch(n -> n.endsWith("each meter with a full window ticked on one channel, so none has one"));
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(17).get(0)).amount()).isEqualTo(75_000);
        assertThat(Outputs.rejection(out.causedBy(18).get(0))).isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        EvictedIntervalTest.assertReplayIdentical(dir);
    }

    private Path onlySnapshot()
    {
        final List<Path> snapshots = new SnapshotStore(dir.resolve("snapshots")).newestFirst();
        assertThat(snapshots).hasSize(1);
        return snapshots.get(0);
    }

    /** Rewrites a snapshot of one meter as format 04 had it: without the eviction watermarks, with 04's magic. */
    private static void asFormat04(final Path snapshot) throws IOException
    {
        Files.write(snapshot, withoutWatermarks(Files.readAllBytes(snapshot), '4'));
    }

    /**
     * @return the snapshot of one meter without its last sections, the eviction watermarks (a count of 1 and a long)
     *     and the interest APYs (a count of 0), with the magic of an earlier format and its checksum.
     */
    private static byte[] withoutWatermarks(final byte[] snapshot, final char format)
    {
        assertThat(new String(snapshot, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("GSSNAP05");
        assertThat(ByteBuffer.wrap(snapshot).getInt(snapshot.length - 8 - Integer.BYTES)).as("no APY").isZero();
        final int stateEnd = snapshot.length - 8 - Integer.BYTES - Integer.BYTES - Long.BYTES;
        assertThat(ByteBuffer.wrap(snapshot).getInt(stateEnd)).as("watermarks of one meter").isEqualTo(1);
        final byte[] bytes = java.util.Arrays.copyOf(snapshot, stateEnd + 8);
        bytes[7] = (byte)format;
        new UnsafeBuffer(bytes).putLong(stateEnd, XxHash64.hash(new UnsafeBuffer(bytes), 0, stateEnd, 0),
            ByteOrder.BIG_ENDIAN);
        return bytes;
    }

    /**
     * Rewrites the one window key as format 03 had it ({@code start << 4 | channel}), with 03's magic and without the
     * eviction watermarks.
     */
    private static void asFormat03(final Path snapshot, final int seconds) throws IOException
    {
        final byte[] bytes = withoutWatermarks(Files.readAllBytes(snapshot), '3');
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
        new UnsafeBuffer(bytes).putLong(bytes.length - 8, XxHash64.hash(new UnsafeBuffer(bytes), 0,
            bytes.length - 8, 0), ByteOrder.BIG_ENDIAN);
        Files.write(snapshot, bytes);
    }
}
