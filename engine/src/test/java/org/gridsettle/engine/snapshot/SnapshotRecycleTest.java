package org.gridsettle.engine.snapshot;

import org.gridsettle.engine.logic.SettlementLogic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots written over spare files ({@link SnapshotStore#persist(StateOutput, Runnable, Path)}) are the same
 * files as snapshots written into new ones, whatever the spare held before; the directory keeps the newest
 * snapshots whole and one spare, and spares are never taken for snapshots.
 */
class SnapshotRecycleTest
{
    private static final Runnable NO_PAUSE = () -> { };

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "spare of {0} bytes")
    // empty, shorter than the snapshot, a little longer, much longer (its old tail must be cut off)
    @ValueSource(ints = {0, 1_000, 70_000, 400_000})
    void aSnapshotWrittenOverASpareIsTheFileANewOneWouldBe(final int spareBytes) throws IOException
    {
        final StateOutput captured = capture(42, 2 * SnapshotStore.CHUNK + 37);
        final Path fresh = tmp.resolve("fresh");
        final Path recycled = tmp.resolve("recycled");
        final SnapshotInfo expected = new SnapshotStore(fresh).persist(captured, NO_PAUSE);
        Files.createDirectories(recycled);
        final Path spare = Files.write(recycled.resolve("spare-1.gsp"), garbage(spareBytes));

        final SnapshotInfo written = new SnapshotStore(recycled).persist(captured, NO_PAUSE, spare);

        assertThat(Files.readAllBytes(written.file())).isEqualTo(Files.readAllBytes(expected.file()));
        assertThat(SnapshotStore.verify(written.file()).inputSequence()).isEqualTo(42);
        assertThat(spare).doesNotExist();
        assertThat(names(recycled)).containsExactly(written.file().getFileName().toString());
    }

    @Test
    void aSpareThatIsGoneMeansANewFile() throws IOException
    {
        final StateOutput captured = capture(7, 500);

        final SnapshotInfo written = new SnapshotStore(tmp).persist(captured, NO_PAUSE, tmp.resolve("spare-9.gsp"));

        assertThat(SnapshotStore.verify(written.file()).inputSequence()).isEqualTo(7);
    }

    @Test
    void recyclingKeepsTheNewestWholeAndTurnsTheNextIntoTheOnlySpare() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(tmp);
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            store.persist(capture(sequence, 300), NO_PAUSE, store.spare());
            store.recycle(2);
        }

        assertThat(names(tmp)).containsExactly(
            "snapshot-00000000000000000004.gss", "snapshot-00000000000000000005.gss", "spare-00000000000000000003.gsp");
        assertThat(store.newestFirst()).extracting(p -> p.getFileName().toString())
            .containsExactly("snapshot-00000000000000000005.gss", "snapshot-00000000000000000004.gss");
        for (final Path snapshot : store.newestFirst())
        {
            SnapshotStore.verify(snapshot);
        }
    }

    @Test
    void recyclingDeletesSparesBeyondOne() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(tmp);
        store.persist(capture(1, 300), NO_PAUSE);
        store.persist(capture(2, 300), NO_PAUSE);
        for (int i = 0; i < 3; i++)
        {
            Files.write(tmp.resolve("spare-left-over-" + i + ".gsp"), garbage(100));
        }

        store.recycle(2);

        assertThat(names(tmp)).hasSize(3).filteredOn(n -> n.startsWith("spare-")).hasSize(1);
        assertThat(store.newestFirst()).hasSize(2);
    }

    /** A capture of an empty engine, made to look taken at {@code inputSequence}, which names its file. */
    private static StateOutput capture(final long inputSequence, final int filler)
    {
        final StateOutput captured = new StateOutput(1 << 10);
        SnapshotStore.capture(new SettlementLogic((buffer, offset, length) -> { }, 8), inputSequence, 0x5EEDL,
            captured);
        final byte[] pattern = new byte[filler];
        for (int i = 0; i < filler; i++)
        {
            pattern[i] = (byte)(i * 31 + inputSequence);
        }
        captured.write(pattern);
        // the header's input sequence follows the 8-byte magic
        captured.putLongAt(Long.BYTES, inputSequence);
        return captured;
    }

    private static byte[] garbage(final int bytes)
    {
        final byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++)
        {
            b[i] = (byte)(0xA5 ^ i);
        }
        return b;
    }

    private static List<String> names(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
