package org.gridsettle.engine.snapshot;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.chain.XxHash64;
import org.gridsettle.journal.chain.XxHash64Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A snapshot's XXH64 is checked a window of the file at a time, as one mapping addresses at most 2 GiB; with the
 * engine's 256 MiB window only {@link LargeSnapshotTest}, minutes and 2 GiB of disk, hashes across windows. Here the
 * window is 4 KiB, so snapshots of a few kilobytes put every boundary case in reach: a file within one window, a
 * checksummed part that ends at a window boundary, one byte past it, and several windows; and the 8-byte trailer
 * (the XXH64 of everything before it) before, at and across where a window would end, since the last window runs on
 * to take it in whole. The header (magic and three longs, 32 bytes) is hashed with the first window and mapped on its
 * own to be read, so no window boundary can fall inside it, but with a window of one stripe (32 bytes) one falls
 * right after it. Each snapshot is written by {@link SnapshotStore#persist}, which hashes 64 KiB bursts, so the
 * windows split the file where the writer did not.
 */
class VerifyWindowTest
{
    /** A whole number of XXH64 stripes, as a window must be. */
    private static final int WINDOW = 4 << 10;
    /** Magic and three longs: input sequence, output record count, output chain head. */
    private static final int HEADER = 8 + 24;
    private static final long OUTPUT_RECORDS = 42;
    private static final long CHAIN_HEAD = 0x5EEDL;

    @TempDir
    Path tmp;

    /**
     * @param checksummed bytes before the trailer: header and state.
     */
    @ParameterizedTest(name = "{0} checksummed bytes")
    @ValueSource(ints = {
        WINDOW - 40,          // the trailer ends a stripe before the window does
        WINDOW - 8,           // the trailer ends where the window does
        WINDOW - 3,           // the trailer runs across where the window would end
        WINDOW,               // the checksummed part fills the window, the trailer is past it
        WINDOW + 1,           // one byte of the checksummed part in the second window
        3 * WINDOW + 17,      // several windows and an odd tail
        5 * WINDOW})          // several windows exactly
    void aSnapshotVerifiesWhateverWindowsItSpansAndAnyByteChangedFailsIt(final int checksummed) throws IOException
    {
        final Path file = snapshot(checksummed);
        assertThat(Files.size(file)).isEqualTo(checksummed + Long.BYTES);

        final SnapshotInfo windowed = SnapshotStore.verify(file, WINDOW);
        assertThat(windowed.outputRecords()).isEqualTo(OUTPUT_RECORDS);
        assertThat(windowed.outputChainHead()).isEqualTo(CHAIN_HEAD);
        assertThat(SnapshotStore.verify(file).inputSequence()).isEqualTo(windowed.inputSequence());
        // the trailer is the XXH64 of all before it in one piece: the windows add up to the real hash, not one of
        // their own that a wrong split would agree with
        final byte[] bytes = Files.readAllBytes(file);
        assertThat(ByteBuffer.wrap(bytes, checksummed, Long.BYTES).getLong())
            .isEqualTo(XxHash64.hash(new UnsafeBuffer(bytes), 0, checksummed, 0));

        for (final long position : positionsInEveryWindow(bytes.length, WINDOW))
        {
            final Path changed = flipped(bytes, position);
            assertThatThrownBy(() -> SnapshotStore.verify(changed, WINDOW))
                .as("byte %d of %d changed", position, bytes.length)
                .isInstanceOf(IOException.class).hasMessage("checksum mismatch");
        }
    }

    @Test
    void aWindowOfOneStripeEndsRightAfterTheHeaderAndStillAddsUp() throws IOException
    {
        final int checksummed = 3 * WINDOW + 17;
        final Path file = snapshot(checksummed);
        final byte[] bytes = Files.readAllBytes(file);

        assertThat(SnapshotStore.verify(file, XxHash64Stream.STRIPE).outputRecords()).isEqualTo(OUTPUT_RECORDS);
        // the last byte of the header and the first after it, either side of the first window's end
        for (final long position : new long[] {HEADER - 1, HEADER, checksummed - 1, checksummed})
        {
            final Path changed = flipped(bytes, position);
            assertThatThrownBy(() -> SnapshotStore.verify(changed, XxHash64Stream.STRIPE))
                .as("byte %d changed", position).hasMessage("checksum mismatch");
        }
    }

    @Test
    void aWindowOfPartStripesIsRefused() throws IOException
    {
        final Path file = snapshot(WINDOW);

        assertThatThrownBy(() -> SnapshotStore.verify(file, WINDOW + 8))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("verify window 4104 is not a positive multiple of 32 bytes");
        assertThatThrownBy(() -> SnapshotStore.verify(file, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A snapshot of an engine with no state, padded with a pattern to {@code checksummed} bytes before the trailer,
     * as a capture's per-meter sections pad it.
     */
    private Path snapshot(final int checksummed) throws IOException
    {
        final StateOutput captured = new StateOutput(1 << 10);
        try
        {
            SnapshotStore.capture(
                new SettlementLogic((buffer, offset, length) -> { }, 8), OUTPUT_RECORDS, CHAIN_HEAD, captured);
            final long state = captured.length();
            assertThat(state).as("an empty engine's capture fits the smallest case").isLessThan(WINDOW - 40);
            final byte[] padding = new byte[(int)(checksummed - state)];
            for (int i = 0; i < padding.length; i++)
            {
                padding[i] = (byte)(i * 31 + 7);
            }
            captured.write(padding);
            final Path dir = Files.createDirectory(tmp.resolve("at-" + checksummed));
            return new SnapshotStore(dir, false).persist(captured, () -> { }).file();
        }
        finally
        {
            captured.free();
        }
    }

    /**
     * @return the first, middle and last byte of each window of a file of {@code size} bytes, past the magic (whose
     *     change is refused as no snapshot before the checksum is looked at).
     */
    private static TreeSet<Long> positionsInEveryWindow(final long size, final int window)
    {
        final TreeSet<Long> positions = new TreeSet<>();
        for (long start = 0; start < size; start += window)
        {
            for (final long position : new long[] {start, start + window / 2, start + window - 1})
            {
                positions.add(Math.max(8, Math.min(position, size - 1)));
            }
        }
        positions.add(size - 1);
        return positions;
    }

    private Path flipped(final byte[] bytes, final long position) throws IOException
    {
        final byte[] copy = bytes.clone();
        copy[(int)position] ^= 0x5A;
        final Path changed = tmp.resolve("changed.gss");
        Files.write(changed, copy);
        return changed;
    }
}
