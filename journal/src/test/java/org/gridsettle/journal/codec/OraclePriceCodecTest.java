package org.gridsettle.journal.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.RecordValidator;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OraclePriceCodec} and the {@link PricingNodeField}: round trips (jqwik), the layout at the documented
 * offsets, and what {@link OraclePriceCodec#consistent()} refuses.
 */
class OraclePriceCodecTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final byte FILL = (byte)0xA5;

    @Provide
    Arbitrary<String> nodes()
    {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars(',', '"').ofMinLength(1).ofMaxLength(32);
    }

    @Provide
    Arbitrary<List<Long>> prices()
    {
        // any sign (LMPs go negative), the extremes, and the missing marker
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(OraclePriceCodec.MISSING, 0L, Long.MAX_VALUE,
            -45_678_910L)).list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 300)
    void roundTripsEveryFieldAtItsDocumentedOffset(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll("nodes") final String node,
        @ForAll final long start,
        @ForAll @IntRange(min = 1) final int seconds,
        @ForAll("prices") final List<Long> prices,
        @ForAll @IntRange(max = 3) final int from)
    {
        final long[] values = new long[from + prices.size()];
        for (int i = 0; i < prices.size(); i++)
        {
            values[from + i] = prices.get(i);
        }
        final int length = OraclePriceCodec.lengthFor(prices.size());
        assertThat(length).isEqualTo(80 + 8 * prices.size());
        final UnsafeBuffer b = new UnsafeBuffer(new byte[at + length + 16]);
        b.setMemory(0, b.capacity(), FILL);
        new OraclePriceCodec().<OraclePriceCodec>wrap(b, at)
            .encode(sequence, node, start, seconds, values, from, prices.size());

        final OraclePriceCodec d = new OraclePriceCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.ORACLE_PRICE);
        assertThat(d.node()).isEqualTo(node);
        assertThat(d.start()).isEqualTo(start);
        assertThat(d.intervalSeconds()).isEqualTo(seconds);
        assertThat(d.count()).isEqualTo(prices.size());
        for (int i = 0; i < prices.size(); i++)
        {
            assertThat(d.microsPerMwh(i)).isEqualTo(prices.get(i));
            assertThat(b.getLong(at + 72 + 8 * i, LE)).isEqualTo(prices.get(i));
        }
        CodecRoundTripTest.assertFrame(b, at, 6, 1, length, sequence, 0);
        for (int i = 0; i < 32; i++)
        {
            assertThat(b.getByte(at + 24 + i)).isEqualTo(i < node.length() ? (byte)node.charAt(i) : 0);
        }
        assertThat(b.getLong(at + 56, LE)).isEqualTo(start);
        assertThat(b.getInt(at + 64, LE)).isEqualTo(seconds);
        assertThat(b.getInt(at + 68, LE)).isEqualTo(prices.size());
        final boolean endFits = start >= -(Long.MAX_VALUE >> 4) &&
            start <= Long.MAX_VALUE - (long)prices.size() * seconds;
        assertThat(d.consistent()).isEqualTo(endFits);
    }

    @Property(tries = 200)
    void nodeNamesRoundTripAndBadBytesAreRefused(@ForAll("nodes") final String node, @ForAll @Size(max = 31) final
        List<@IntRange(min = 0, max = 255) Integer> noise)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[32]);
        PricingNodeField.write(b, 0, node);
        assertThat(PricingNodeField.read(b, 0)).isEqualTo(node);
        assertThat(PricingNodeField.isWellFormed(b, 0)).isTrue();
        assertThat(PricingNodeField.isNone(b, 0)).isFalse();
        if (node.length() < 32)
        {
            // a non-zero byte after the terminating zero is not a name
            b.putByte(31, (byte)'X');
            assertThat(PricingNodeField.isWellFormed(b, 0)).isEqualTo(node.length() == 31);
        }
    }

    @Test
    void validNamesAreRealIsoNodesAndBadOnesAreRefusedWithAReason()
    {
        assertThat(PricingNodeField.problem("TH_NP15_GEN-APND")).isNull();
        assertThat(PricingNodeField.problem("WESTERN HUB")).isNull();
        assertThat(PricingNodeField.problem("HB_WEST")).isNull();
        assertThat(PricingNodeField.problem("A".repeat(32))).isNull();
        assertThat(PricingNodeField.problem("A".repeat(33))).contains("1 to 32");
        assertThat(PricingNodeField.problem("")).contains("1 to 32");
        assertThat(PricingNodeField.problem("A,B")).contains("comma");
        assertThat(PricingNodeField.problem("Zürich")).contains("printable ASCII");
        assertThat(PricingNodeField.problem(" HB")).contains("space");
        final UnsafeBuffer b = new UnsafeBuffer(new byte[32]);
        assertThat(PricingNodeField.isNone(b, 0)).isTrue();
        assertThat(PricingNodeField.read(b, 0)).isNull();
        assertThatThrownBy(() -> PricingNodeField.write(b, 0, "A,B")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inconsistentRecordsAreRecognised()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[OraclePriceCodec.lengthFor(2)]);
        final OraclePriceCodec c = new OraclePriceCodec().wrap(b, 0);
        c.encode(1, "TH_NP15_GEN-APND", 1_700_000_000L, 300, new long[]{ 45_670_000, -12_000_000 }, 0, 2);
        assertThat(c.consistent()).isTrue();
        assertThat(RecordValidator.problem(b, 0, b.capacity())).isNull();
        b.putInt(68, 3, LE);      // count disagrees with the length
        assertThat(c.consistent()).isFalse();
        b.putInt(68, 2, LE);
        b.putInt(64, 0, LE);      // zero-length interval
        assertThat(c.consistent()).isFalse();
        b.putInt(64, 300, LE);
        b.setMemory(24, 32, (byte)0); // no node
        assertThat(c.consistent()).isFalse();
        b.putByte(24, (byte)'\n'); // not printable
        assertThat(c.consistent()).isFalse();
        assertThatThrownBy(() -> c.encode(1, "N", 0, 300, new long[0], 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.encode(1, null, 0, 300, new long[1], 0, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
