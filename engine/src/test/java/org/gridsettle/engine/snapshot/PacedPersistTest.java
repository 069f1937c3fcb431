package org.gridsettle.engine.snapshot;

import org.gridsettle.engine.logic.SettlementLogic;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot written in bursts ({@link SnapshotStore#persist(StateOutput, Runnable)}) is the capture's bytes and a
 * checksum that {@link SnapshotStore#verify} accepts: the writer hashes the capture a chunk at a time, the check
 * hashes the file in one piece, so a chunk boundary mishandled by either fails here.
 */
class PacedPersistTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} bytes of state after the header")
    // under a chunk; exactly two chunks in all with the header; two chunks and an odd tail, not whole XXH64 stripes
    @ValueSource(ints = {100, 2 * SnapshotStore.CHUNK, 2 * SnapshotStore.CHUNK + 37})
    void writesTheCaptureInBurstsWithAChecksumThatVerifiesWhole(final int filler) throws IOException
    {
        final StateOutput captured = new StateOutput(1 << 10);
        SnapshotStore.capture(new SettlementLogic((buffer, offset, length) -> { }, 8), 42, 0x5EEDL, captured);
        final byte[] pattern = new byte[filler];
        for (int i = 0; i < filler; i++)
        {
            pattern[i] = (byte)(i * 31 + 7);
        }
        captured.write(pattern);
        final int length = (int)captured.length();
        final AtomicInteger pauses = new AtomicInteger();

        final SnapshotInfo written = new SnapshotStore(tmp).persist(captured, pauses::incrementAndGet);

        // a pause after every chunk but the last
        assertThat(pauses.get()).isEqualTo((length + SnapshotStore.CHUNK - 1) / SnapshotStore.CHUNK - 1);
        final SnapshotInfo verified = SnapshotStore.verify(written.file());
        assertThat(verified.outputRecords()).isEqualTo(42);
        assertThat(verified.outputChainHead()).isEqualTo(0x5EEDL);
        final byte[] file = Files.readAllBytes(written.file());
        final byte[] expected = new byte[length];
        captured.bytes().getBytes(0, expected);
        assertThat(file).hasSize(length + Long.BYTES);
        assertThat(Arrays.copyOf(file, length)).isEqualTo(expected);
    }
}
