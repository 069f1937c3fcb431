package org.gridsettle.journal.chain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected digests come from a plain {@link MessageDigest} fed one record at a time, by the format's definition:
 * block k's digest is SHA-256(digest of block k-1, or 32 zero bytes, then the bytes of its records). The records
 * range from a byte to larger than the digest's first scratch array, so that array has to grow.
 */
class BlockDigestTest
{
    private static final int MAX_RECORD = 5000;

    @Property(tries = 200)
    void stagedDigestsEqualSha256OfEachBlock(
        @ForAll @Size(min = 1, max = 80) final List<@IntRange(min = 1, max = MAX_RECORD) Integer> lengths,
        @ForAll @Size(max = 5) @UniqueElements final List<@IntRange(min = 0, max = 79) Integer> sealAfter,
        @ForAll @Size(max = 3) @UniqueElements final List<@IntRange(min = 0, max = 79) Integer> updateAfter)
        throws Exception
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_RECORD + 16));
        final MessageDigest reference = MessageDigest.getInstance("SHA-256");
        reference.update(new byte[32]);
        final BlockDigest digest = new BlockDigest();
        final byte[] actual = new byte[32];
        final byte[] extra = {9, 8, 7};
        for (int i = 0; i < lengths.size(); i++)
        {
            final byte[] r = new byte[lengths.get(i)];
            for (int b = 0; b < r.length; b++)
            {
                r[b] = (byte)(i * 31 + b);
            }
            direct.putBytes(3, r);
            digest.add(direct, 3, r.length);
            direct.setMemory(3, r.length, (byte)0x5A); // the digest must have copied the record already
            reference.update(r);
            if (updateAfter.contains(i))
            {
                // bytes added in bulk, as the background sealer does, land after the records
                digest.update(extra, 0, extra.length);
                reference.update(extra);
            }
            if (sealAfter.contains(i) || i == lengths.size() - 1)
            {
                final byte[] expected = reference.digest();
                reference.update(expected);
                digest.seal(actual);
                assertThat(actual).as("block ending at record %d", i).isEqualTo(expected);
                assertThat(digest.previous()).isEqualTo(expected);
                assertThat(digest.recordsInBlock()).isZero();
            }
        }
    }
}
