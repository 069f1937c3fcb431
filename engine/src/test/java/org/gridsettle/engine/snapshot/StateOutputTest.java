package org.gridsettle.engine.snapshot;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshot files written before {@link StateOutput} existed came from {@code DataOutputStream}; the reference here
 * is that class, so old and new snapshots stay byte-compatible.
 */
class StateOutputTest
{
    private interface Op
    {
        void apply(DataOutput out) throws IOException;
    }

    @Provide
    Arbitrary<Op> ops()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().map(v -> out -> out.writeLong(v)),
            Arbitraries.integers().map(v -> out -> out.writeInt(v)),
            Arbitraries.integers().map(v -> out -> out.writeShort(v)),
            Arbitraries.integers().map(v -> out -> out.writeChar(v)),
            Arbitraries.integers().map(v -> out -> out.writeByte(v)),
            Arbitraries.integers().map(v -> out -> out.write(v)),
            Arbitraries.of(true, false).map(v -> out -> out.writeBoolean(v)),
            Arbitraries.doubles().map(v -> out -> out.writeDouble(v)),
            Arbitraries.floats().map(v -> out -> out.writeFloat(v)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(v -> out -> out.write(v)),
            Arbitraries.strings().ofMaxLength(40).map(v -> out -> out.writeUTF(v)),
            Arbitraries.strings().ofMaxLength(20).map(v -> out -> out.writeChars(v)),
            Arbitraries.strings().ofMaxLength(20).map(v -> out -> out.writeBytes(v)),
            // columns of an interleaved array: StateOutput writes them in one pass, DataOutputStream field by field
            Arbitraries.longs().array(long[].class).ofMaxSize(90)
                .map(v -> out -> StateIo.writeColumns(out, v, 3, new int[] {2, 0}, v.length / 3)));
    }

    @Property(tries = 300)
    void writesExactlyWhatDataOutputStreamWrites(@ForAll @Size(max = 200) final List<@From("ops") Op> ops)
        throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream reference = new DataOutputStream(bytes);
        // a tiny first buffer, so most runs grow it several times
        final StateOutput out = new StateOutput(16);
        try
        {
            for (final Op op : ops)
            {
                op.apply(reference);
                op.apply(out);
            }
            reference.flush();
            assertThat(out.length()).isEqualTo(bytes.size());
            assertThat(toArray(out.bytes())).isEqualTo(bytes.toByteArray());
        }
        finally
        {
            out.free();
        }
    }

    @Test
    void resetKeepsTheMemoryAndStartsOver()
    {
        final StateOutput out = new StateOutput(16);
        try
        {
            for (int i = 0; i < 1000; i++)
            {
                out.writeLong(i);
            }
            out.reset();
            out.writeInt(0x01020304);
            assertThat(toArray(out.bytes())).containsExactly(1, 2, 3, 4);
        }
        finally
        {
            out.free();
        }
    }

    @Test
    void refusesAStringTooLongForModifiedUtf8LikeDataOutputStream()
    {
        final String tooLong = "é".repeat(40_000); // two bytes each: 80,000 > 65,535
        assertThatThrownBy(() -> new DataOutputStream(new ByteArrayOutputStream()).writeUTF(tooLong))
            .isInstanceOf(UTFDataFormatException.class);
        final StateOutput out = new StateOutput(16);
        try
        {
            assertThatThrownBy(() -> out.writeUTF(tooLong)).isInstanceOf(UTFDataFormatException.class);
        }
        finally
        {
            out.free();
        }
    }

    @Test
    void growsOutsideTheDirectMemoryLimitAndKeepsWhatWasWritten()
    {
        // a million meters snapshot to about 1.4 GB; as direct ByteBuffers that counted against MaxDirectMemorySize
        // (the heap size by default) and failed in a 2 GiB heap, so the memory must not be a direct buffer's
        final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> "direct".equals(pool.getName())).findFirst().orElseThrow();
        final long directBefore = direct.getMemoryUsed();
        final StateOutput out = new StateOutput(16);
        try
        {
            out.writeLong(0x0102030405060708L);
            out.reserve(64 << 20);
            assertThat(out.capacity()).isGreaterThanOrEqualTo(64 << 20);
            assertThat(direct.getMemoryUsed() - directBefore).isLessThan(1 << 20);
            out.writeInt(9);
            assertThat(toArray(out.bytes())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 9);
        }
        finally
        {
            out.free();
            out.free();
        }
    }

    @Test
    void aReservationIsExactAndACaptureThatOutgrowsItGrowsByAQuarterOnceLarge()
    {
        final StateOutput out = new StateOutput(1 << 20);
        try
        {
            // the callers' estimates carry their own headroom: doubling the 1 MiB would give 2 MiB, not 1.5
            out.reserve(3 << 19);
            assertThat(out.capacity()).isEqualTo(3 << 19);
            out.reserve(100 << 20);
            final long before = out.capacity();
            assertThat(before).isEqualTo(100 << 20);
            out.claim(before + 1L);
            // doubling 100 MB would take 200 MB; at a million meters it would take 2.8 GB instead of 1.75
            assertThat((long)out.capacity()).isEqualTo(before + 1L + (before + 1L) / 4);
        }
        finally
        {
            out.free();
        }
    }

    @Test
    void aWriteThatGrowsTheMemoryLandsInTheNewMemory()
    {
        // realloc from 64 bytes to a MiB moves the block: a write that took the address before claiming its bytes
        // (the argument order of address + claimRegion(n)) wrote into the freed block, which corrupted the JVM's own
        // memory and crashed the test JVM, and left zeros where the bytes should be
        final byte[] large = new byte[1 << 20];
        for (int i = 0; i < large.length; i++)
        {
            large[i] = (byte)(i * 7 + 1);
        }
        final StateOutput bytes = new StateOutput(64);
        final StateOutput single = new StateOutput(64);
        final StateOutput shorts = new StateOutput(64);
        try
        {
            bytes.write(large);
            assertThat(toArray(bytes.bytes())).isEqualTo(large);
            for (int i = 0; i < 65; i++)
            {
                single.write(i + 1);
            }
            assertThat(toArray(single.bytes())[64]).isEqualTo((byte)65);
            for (int i = 0; i < 33; i++)
            {
                shorts.writeShort(0x0102 + i);
            }
            assertThat(shorts.bytes().getShort(64, java.nio.ByteOrder.BIG_ENDIAN)).isEqualTo((short)(0x0102 + 32));
        }
        finally
        {
            bytes.free();
            single.free();
            shorts.free();
        }
    }

    private static byte[] toArray(final DirectBuffer view)
    {
        final byte[] array = new byte[view.capacity()];
        view.getBytes(0, array);
        return array;
    }

    @Test
    void aClaimedRegionFilledLaterHoldsTheBytesWrittenInOrderWould() throws IOException
    {
        final ByteArrayOutputStream reference = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(reference))
        {
            data.writeInt(7);
            data.writeLong(-2L);
            data.writeInt(0x01020304);
            data.writeLong(Long.MAX_VALUE);
        }
        final StateOutput out = new StateOutput(8);
        try
        {
            out.writeInt(7);
            final long region = out.claim(12);
            out.writeLong(Long.MAX_VALUE);
            out.putIntAt(region + 8, 0x01020304);
            out.putLongAt(region, -2L);
            final DirectBuffer bytes = out.bytes();
            final byte[] written = new byte[bytes.capacity()];
            bytes.getBytes(0, written);
            assertThat(written).isEqualTo(reference.toByteArray());

            // nothing outside what has been claimed can be written
            assertThatThrownBy(() -> out.putLongAt(out.length() - 7, 1L)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> out.putIntAt(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        finally
        {
            out.free();
        }
    }
}
