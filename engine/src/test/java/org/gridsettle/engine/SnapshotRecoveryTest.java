package org.gridsettle.engine;

import org.gridsettle.engine.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotRecoveryTest
{
    @TempDir
    Path tmp;

    @Test
    void restartLoadsTheNewestSnapshotAndSkipsACorruptOneSayingSo() throws IOException
    {
        final long single;
        final SettlementEngine once = SettlementEngine.builder().journalDir(tmp.resolve("once")).build().start();
        try (once)
        {
            EngineFixture.setUp(once, 4);
            EngineFixture.submitDay(once, 4, 96);
        }
        single = once.outputDigest();

        final Path dir = tmp.resolve("snapshotted");
        try (SettlementEngine first = SettlementEngine.builder().journalDir(dir).snapshotInterval(100).build().start())
        {
            EngineFixture.setUp(first, 4);                   // 9 inputs
            EngineFixture.submitDay(first, 4, 48);           // 192 more: periodic snapshots at 100 and 200
        }                                                    // and one at shutdown, at 201; the newest two are kept
        final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        final List<Path> kept = store.newestFirst();
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).getFileName().toString()).isEqualTo("snapshot-00000000000000000201.gss");

        // damage the newest: recovery must say so and use the older one
        try (RandomAccessFile raf = new RandomAccessFile(kept.get(0).toFile(), "rw"))
        {
            raf.seek(raf.length() / 2);
            final int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x40);
        }
        final SettlementEngine second = SettlementEngine.builder().journalDir(dir).snapshotInterval(0).build().start();
        try (second)
        {
            assertThat(second.recoveryNotes()).anyMatch(n -> n.contains("201") && n.contains("checksum mismatch"))
                .anyMatch(n -> n.contains("loaded snapshot snapshot-00000000000000000200.gss"));
            for (int i = 48; i < 96; i++)
            {
                for (int m = 1; m <= 4; m++)
                {
                    final boolean midday = i >= 40 && i < 64;
                    final long exportWh = (m % 2 == 0 && midday) ? 150 + m : 0;
                    final long importWh = exportWh > 0 ? 0 : 100 + (i * 7 + m * 13) % 400;
                    second.submitTick(m, 0, EngineFixture.START + i * 900L, 900, importWh, exportWh);
                }
            }
        }
        assertThat(second.outputDigest()).isEqualTo(single);
        assertThat(second.counters().ticksPriced()).isEqualTo(4 * 96);
    }
}
