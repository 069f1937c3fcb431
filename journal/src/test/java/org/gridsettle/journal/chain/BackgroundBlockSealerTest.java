package org.gridsettle.journal.chain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected digests come from a plain {@link MessageDigest} over the concatenated bytes, by the format's definition:
 * block k's digest is SHA-256(digest of block k-1, or 32 zero bytes, then the bytes of its records).
 */
class BackgroundBlockSealerTest
{
    @Property(tries = 200)
    void digestsEqualSha256OfEachBlockWhateverTheRingSize(
        @ForAll @Size(min = 1, max = 60) final List<@Size(min = 1, max = 300) byte[]> records,
        @ForAll @IntRange(min = 4, max = 12) final int ringBits,
        @ForAll @Size(max = 4) @UniqueElements final List<@IntRange(min = 0, max = 59) Integer> sealAfter)
        throws Exception
    {
        // rings of 16 bytes to 4 KiB: records wrap around the end and many are larger than the ring itself
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
        final MessageDigest reference = MessageDigest.getInstance("SHA-256");
        reference.update(new byte[32]);
        final byte[] actual = new byte[32];
        try (BackgroundBlockSealer sealer = new BackgroundBlockSealer(new BlockDigest(), 1 << ringBits, "test-seal"))
        {
            for (int i = 0; i < records.size(); i++)
            {
                final byte[] r = records.get(i);
                direct.putBytes(7, r);
                sealer.add(direct, 7, r.length);
                direct.setMemory(7, r.length, (byte)0x5A); // the sealer must have read the record already
                reference.update(r);
                if (sealAfter.contains(i) || i == records.size() - 1)
                {
                    final byte[] expected = reference.digest();
                    reference.update(expected);
                    sealer.seal(actual);
                    assertThat(actual).as("block ending at record %d", i).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void resumesFromADigestPartWayThroughABlock() throws Exception
    {
        final byte[] first = {1, 2, 3, 4, 5};
        final byte[] second = {6, 7, 8};
        final BlockDigest resumed = new BlockDigest();
        resumed.add(new UnsafeBuffer(first), 0, first.length);

        final MessageDigest reference = MessageDigest.getInstance("SHA-256");
        reference.update(new byte[32]);
        reference.update(first);
        reference.update(second);
        final byte[] actual = new byte[32];
        try (BackgroundBlockSealer sealer = new BackgroundBlockSealer(resumed, 64, "test-seal"))
        {
            sealer.add(new UnsafeBuffer(second), 0, second.length);
            sealer.seal(actual);
        }
        assertThat(actual).isEqualTo(reference.digest());
    }

    @Test
    void aClosedSealerFailsTheWriterInsteadOfLeavingItWaiting()
    {
        final BackgroundBlockSealer sealer = new BackgroundBlockSealer(new BlockDigest(), 64, "test-seal-closed");
        sealer.close();
        final byte[] record = new byte[200];
        assertThatThrownBy(() -> sealer.add(new UnsafeBuffer(record), 0, record.length))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
        assertThatThrownBy(() -> sealer.seal(new byte[32]))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
    }

    @Test
    void closeStopsTheSealerThread() throws Exception
    {
        final String name = "test-seal-stop-" + System.nanoTime();
        final BackgroundBlockSealer sealer = new BackgroundBlockSealer(new BlockDigest(), 64, name);
        final Thread thread = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(name) && t.isAlive()).findFirst().orElseThrow();
        sealer.close();
        // Agrona's AgentRunner.close() returns once the agent has closed, which its thread marks a moment before it
        // ends: wait for the end (a liveness check, generous so that a busy machine cannot fail it)
        thread.join(30_000);
        assertThat(thread.isAlive()).as("stopped").isFalse();
    }

    @Test
    void refusesARingThatIsNotAPowerOfTwo()
    {
        assertThatThrownBy(() -> new BackgroundBlockSealer(new BlockDigest(), 100, "x"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("power of two");
    }
}
