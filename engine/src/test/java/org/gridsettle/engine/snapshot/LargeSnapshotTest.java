package org.gridsettle.engine.snapshot;

import org.gridsettle.engine.logic.SettlementLogic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A capture larger than 2 GiB, the state of some 1.5 million meters or 250,000 in demand response, is written and
 * verified whole. Until offsets were longs, the capture of such a state halted the engine ("engine state larger than
 * 2 GiB cannot be snapshotted"), and so did the next capture after every restart. It takes 2 GiB of native memory and
 * of disk for a few seconds, which is why it is one test of every part at once.
 */
class LargeSnapshotTest
{
    /** Past the int range by several XXH64 stripes and an odd tail, so no boundary lines up by chance. */
    private static final long STATE_BYTES = (1L << 31) + 3 * SnapshotStore.CHUNK + 37;

    @TempDir
    Path tmp;

    @Test
    void aCaptureLargerThan2GiBIsWrittenAndVerifiedWhole() throws IOException
    {
        final StateOutput captured = new StateOutput(1 << 10);
        try
        {
            SnapshotStore.capture(new SettlementLogic((buffer, offset, length) -> { }, 8), 42, 0x5EEDL, captured);
            final long header = captured.length();
            final long region = captured.claim(STATE_BYTES - header);
            // marks either side of the int range and at the end, written into the claimed region as a deferred
            // capture writes its meters' sections
            captured.putLongAt(Integer.MAX_VALUE - 8L, 0x1111_2222_3333_4444L);
            captured.putLongAt(1L << 31, 0x5555_6666_7777_8888L);
            captured.putIntAt(STATE_BYTES - Integer.BYTES, 0x0A0B0C0D);
            assertThat(region).isEqualTo(header);
            assertThat(captured.length()).isEqualTo(STATE_BYTES);

            final SnapshotInfo written = new SnapshotStore(tmp).persist(captured, () -> { });

            assertThat(Files.size(written.file())).isEqualTo(STATE_BYTES + Long.BYTES);
            final SnapshotInfo verified = SnapshotStore.verify(written.file());
            assertThat(verified.outputRecords()).isEqualTo(42);
            assertThat(verified.outputChainHead()).isEqualTo(0x5EEDL);
            try (FileChannel file = FileChannel.open(written.file(), StandardOpenOption.READ))
            {
                assertThat(readLong(file, Integer.MAX_VALUE - 8L)).isEqualTo(0x1111_2222_3333_4444L);
                assertThat(readLong(file, 1L << 31)).isEqualTo(0x5555_6666_7777_8888L);
                assertThat(readLong(file, STATE_BYTES - Integer.BYTES) >>> 32).isEqualTo(0x0A0B0C0DL);
            }

            // and one byte changed past 2 GiB fails the check the start makes before loading
            try (FileChannel file = FileChannel.open(written.file(), StandardOpenOption.WRITE))
            {
                file.write(ByteBuffer.wrap(new byte[] {0x7F}), (1L << 31) + 1);
            }
            assertThatThrownBy(() -> SnapshotStore.verify(written.file())).hasMessage("checksum mismatch");
        }
        finally
        {
            captured.free();
        }
    }

    private static long readLong(final FileChannel file, final long position) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES);
        while (bytes.hasRemaining())
        {
            file.read(bytes, position + bytes.position());
        }
        return bytes.flip().getLong();
    }
}
