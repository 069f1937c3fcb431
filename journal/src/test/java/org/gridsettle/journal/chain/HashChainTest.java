package org.gridsettle.journal.chain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected chain values come from {@link ReferenceXxHash64}, never from {@link HashChain} itself.
 */
class HashChainTest
{
    private static final int TRAILER = 8;

    @Test
    void genesisIsGridsetlInLittleEndianAscii()
    {
        final byte[] ascii = "gridsetl".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashChain.GENESIS).isEqualTo(new UnsafeBuffer(ascii).getLong(0, ByteOrder.LITTLE_ENDIAN));
        assertThat(new HashChain().head()).isEqualTo(HashChain.GENESIS);
    }

    @Test
    void sealWritesTheReferenceChainValueIntoTheTrailer()
    {
        // two records: 40 bytes and 16 bytes, trailers zero before sealing
        final byte[] first = new byte[40];
        final byte[] second = new byte[16];
        for (int i = 0; i < first.length - TRAILER; i++)
        {
            first[i] = (byte)(i * 7 + 1);
        }
        for (int i = 0; i < second.length - TRAILER; i++)
        {
            second[i] = (byte)(0xF0 - i);
        }
        final long c0 = ReferenceXxHash64.hash(first, 0, first.length - TRAILER, HashChain.GENESIS);
        final long c1 = ReferenceXxHash64.hash(second, 0, second.length - TRAILER, c0);

        final HashChain chain = new HashChain();
        final UnsafeBuffer b0 = new UnsafeBuffer(first.clone());
        final UnsafeBuffer b1 = new UnsafeBuffer(second.clone());
        assertThat(chain.seal(b0, 0, first.length)).isEqualTo(c0);
        assertThat(b0.getLong(first.length - TRAILER, ByteOrder.LITTLE_ENDIAN)).isEqualTo(c0);
        assertThat(chain.seal(b1, 0, second.length)).isEqualTo(c1);
        assertThat(b1.getLong(second.length - TRAILER, ByteOrder.LITTLE_ENDIAN)).isEqualTo(c1);
        assertThat(chain.head()).isEqualTo(c1);
        // the body was left alone
        for (int i = 0; i < first.length - TRAILER; i++)
        {
            assertThat(b0.getByte(i)).isEqualTo(first[i]);
        }
    }

    @Test
    void sealHonoursTheOffset()
    {
        final byte[] record = new byte[24];
        record[0] = 42;
        final UnsafeBuffer padded = new UnsafeBuffer(new byte[64]);
        padded.putBytes(13, record);
        final long expected = ReferenceXxHash64.hash(record, 0, 16, HashChain.GENESIS);
        assertThat(new HashChain().seal(padded, 13, 24)).isEqualTo(expected);
        assertThat(padded.getLong(13 + 16, ByteOrder.LITTLE_ENDIAN)).isEqualTo(expected);
        assertThat(padded.getByte(13 + 24)).isZero();
    }

    @Property(tries = 300)
    void verifyAcceptsAnUntouchedChainAndEndsOnTheSameDigest(
        @ForAll @Size(min = 1, max = 12) final List<@Size(min = 8, max = 120) byte[]> records)
    {
        final List<UnsafeBuffer> sealed = seal(records);
        final HashChain verifier = new HashChain();
        long expected = HashChain.GENESIS;
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] r = records.get(i);
            expected = ReferenceXxHash64.hash(r, 0, r.length - TRAILER, expected);
            assertThat(verifier.verify(sealed.get(i), 0, r.length)).as("record %d", i).isTrue();
        }
        assertThat(verifier.head()).isEqualTo(expected);
    }

    @Property(tries = 500)
    void flippingAnyBitOfAnyRecordBreaksTheChainAtThatRecord(
        @ForAll @Size(min = 1, max = 8) final List<@Size(min = 8, max = 80) byte[]> records,
        @ForAll @IntRange(min = 0, max = 1_000_000) final int recordPick,
        @ForAll @IntRange(min = 0, max = 1_000_000) final int bytePick,
        @ForAll @IntRange(min = 0, max = 7) final int bit)
    {
        final List<UnsafeBuffer> sealed = seal(records);
        final int victim = recordPick % records.size();
        final int length = records.get(victim).length;
        final int at = bytePick % length; // body or trailer
        final UnsafeBuffer v = sealed.get(victim);
        v.putByte(at, (byte)(v.getByte(at) ^ (1 << bit)));

        final HashChain verifier = new HashChain();
        for (int i = 0; i < victim; i++)
        {
            assertThat(verifier.verify(sealed.get(i), 0, records.get(i).length)).isTrue();
        }
        final long headBefore = verifier.head();
        assertThat(verifier.verify(v, 0, length)).as("flipped bit %d of byte %d of record %d", bit, at, victim)
            .isFalse();
        assertThat(verifier.head()).as("a failed verify leaves the head alone").isEqualTo(headBefore);
    }

    @Test
    void reorderingTwoRecordsBreaksTheChain()
    {
        final List<byte[]> records = List.of(bytes(32, 1), bytes(32, 2), bytes(32, 3));
        final List<UnsafeBuffer> sealed = seal(records);
        final HashChain verifier = new HashChain();
        assertThat(verifier.verify(sealed.get(0), 0, 32)).isTrue();
        // record 2 presented where record 1 belongs
        assertThat(verifier.verify(sealed.get(2), 0, 32)).isFalse();
        // and a removed record is detected the same way: record 1 is still expected next
        assertThat(verifier.verify(sealed.get(1), 0, 32)).isTrue();
        assertThat(verifier.verify(sealed.get(2), 0, 32)).isTrue();
    }

    @Test
    void identicalRecordsGetDifferentChainValues()
    {
        // the same bytes twice: each trailer is seeded by the one before, so a replayed duplicate is not a copy
        final List<UnsafeBuffer> sealed = seal(List.of(bytes(24, 9), bytes(24, 9)));
        assertThat(sealed.get(0).getLong(16, ByteOrder.LITTLE_ENDIAN))
            .isNotEqualTo(sealed.get(1).getLong(16, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void resumeContinuesFromAGivenHead()
    {
        final List<byte[]> records = List.of(bytes(40, 1), bytes(40, 2));
        final List<UnsafeBuffer> sealed = seal(records);
        final long afterFirst = sealed.get(0).getLong(32, ByteOrder.LITTLE_ENDIAN);
        final HashChain resumed = new HashChain();
        resumed.resume(afterFirst);
        assertThat(resumed.verify(sealed.get(1), 0, 40)).isTrue();
        final HashChain fresh = new HashChain();
        assertThat(fresh.verify(sealed.get(1), 0, 40)).isFalse();
    }

    @Test
    void toHexIsSixteenLowerCaseDigits()
    {
        assertThat(HashChain.toHex(0L)).isEqualTo("0000000000000000");
        assertThat(HashChain.toHex(1L)).isEqualTo("0000000000000001");
        assertThat(HashChain.toHex(-1L)).isEqualTo("ffffffffffffffff");
        assertThat(HashChain.toHex(0xABCL)).isEqualTo("0000000000000abc");
        assertThat(HashChain.toHex(HashChain.GENESIS)).isEqualTo("6c74657364697267");
    }

    private static byte[] bytes(final int length, final int fill)
    {
        final byte[] b = new byte[length];
        for (int i = 0; i < length - TRAILER; i++)
        {
            b[i] = (byte)(fill + i);
        }
        return b;
    }

    private static List<UnsafeBuffer> seal(final List<byte[]> records)
    {
        final HashChain writer = new HashChain();
        final List<UnsafeBuffer> sealed = new ArrayList<>();
        for (final byte[] r : records)
        {
            final UnsafeBuffer b = new UnsafeBuffer(r.clone());
            writer.seal(b, 0, r.length);
            sealed.add(b);
        }
        return sealed;
    }
}
