package org.gridsettle.journal.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.RecordValidator;

import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command, market-data and checkpoint codecs added after the first five (redemption, interest accrual, calendar,
 * carbon intensity, checkpoint): encode at a random offset into a buffer filled with a marker, wrap a fresh
 * flyweight, read back every field through the accessors and at the offsets the codec's layout comment documents,
 * and check that nothing outside the record was written.
 */
class CommandCodecRoundTripTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Property(tries = 300)
    void redemption(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence, @ForAll final long requestId,
        @ForAll final long accountId, @ForAll final long token, @ForAll final long amount)
    {
        final UnsafeBuffer b = filled(at + RecordType.REDEMPTION.fixedLength() + 16);
        new RedemptionCodec().<RedemptionCodec>wrap(b, at).encode(sequence, requestId, accountId, token, amount);

        final RedemptionCodec d = new RedemptionCodec().wrap(b, at);
        assertThat(d.requestId()).isEqualTo(requestId);
        assertThat(d.accountId()).isEqualTo(accountId);
        assertThat(d.token()).isEqualTo(token);
        assertThat(d.amount()).isEqualTo(amount);
        assertFrame(b, at, RecordType.REDEMPTION, 64, sequence);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(requestId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(accountId);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(token);
        assertThat(b.getLong(at + 48, LE)).isEqualTo(amount);
    }

    @Property(tries = 300)
    void interestAccrual(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence, @ForAll final long requestId,
        @ForAll final long token, @ForAll final long apyBps, @ForAll final long epochDay)
    {
        final UnsafeBuffer b = filled(at + RecordType.INTEREST_ACCRUAL.fixedLength() + 16);
        new InterestAccrualCodec().<InterestAccrualCodec>wrap(b, at)
            .encode(sequence, requestId, token, apyBps, epochDay);

        final InterestAccrualCodec d = new InterestAccrualCodec().wrap(b, at);
        assertThat(d.requestId()).isEqualTo(requestId);
        assertThat(d.token()).isEqualTo(token);
        assertThat(d.apyBps()).isEqualTo(apyBps);
        assertThat(d.epochDay()).isEqualTo(epochDay);
        assertFrame(b, at, RecordType.INTEREST_ACCRUAL, 64, sequence);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(requestId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(token);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(apyBps);
        assertThat(b.getLong(at + 48, LE)).isEqualTo(epochDay);
    }

    @Property(tries = 300)
    void calendar(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence,
        @ForAll @IntRange(max = 1) final int kind, @ForAll final long eventAt, @ForAll final long tariffId)
    {
        final UnsafeBuffer b = filled(at + RecordType.CALENDAR.fixedLength() + 16);
        new CalendarCodec().<CalendarCodec>wrap(b, at).encode(sequence, kind, eventAt, tariffId);

        final CalendarCodec d = new CalendarCodec().wrap(b, at);
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.at()).isEqualTo(eventAt);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        assertFrame(b, at, RecordType.CALENDAR, 56, sequence);
        assertThat(b.getByte(at + 24) & 0xFF).isEqualTo(kind);
        for (int i = 25; i < 32; i++)
        {
            assertThat(b.getByte(at + i)).as("reserved byte %d", i).isZero();
        }
        assertThat(b.getLong(at + 32, LE)).isEqualTo(eventAt);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(tariffId);
    }

    @Property(tries = 300)
    void drEventWithdrawal(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence, @ForAll final long eventId,
        @ForAll final long tariffId, @ForAll final boolean modified,
        @ForAll @LongRange(max = 4_294_967_295L) final long modificationNumber)
    {
        final UnsafeBuffer b = filled(at + RecordType.DR_EVENT_WITHDRAWAL.fixedLength() + 16);
        final DrEventWithdrawalCodec e = new DrEventWithdrawalCodec().wrap(b, at);
        if (modified)
        {
            e.encode(sequence, eventId, tariffId, modificationNumber);
        }
        else
        {
            e.encode(sequence, eventId, tariffId);
        }

        final DrEventWithdrawalCodec d = new DrEventWithdrawalCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.DR_EVENT_WITHDRAWAL);
        assertThat(d.sequence()).isEqualTo(sequence);
        assertThat(d.eventId()).isEqualTo(eventId);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        // schema 1 (56 bytes) without a modification number, the bytes of every withdrawal before format version 8;
        // schema 2 (64 bytes) with one, at offset 48
        final int length = modified ? DrEventWithdrawalCodec.MODIFIED_LENGTH : DrEventWithdrawalCodec.LENGTH;
        CodecRoundTripTest.assertFrame(b, at, 11, modified ? 2 : 1, length, sequence, 0);
        assertThat(d.encodedLength()).isEqualTo(length);
        assertThat(d.modificationNumber()).isEqualTo(modified ? modificationNumber : DrEventCodec.UNKNOWN_MODIFICATION);
        if (modified)
        {
            assertThat(b.getLong(at + 48, LE)).isEqualTo(modificationNumber);
        }
        assertThat(RecordType.ofId(11)).isEqualTo(RecordType.DR_EVENT_WITHDRAWAL);
        assertThat(RecordType.DR_EVENT_WITHDRAWAL.isInput()).isTrue();
        assertThat(RecordType.DR_EVENT_WITHDRAWAL.reads(1)).isTrue();
        assertThat(RecordType.DR_EVENT_WITHDRAWAL.reads(2)).isTrue();
        assertThat(b.getLong(at + 24, LE)).isEqualTo(eventId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(tariffId);
        for (int i = 40; i < 48; i++)
        {
            assertThat(b.getByte(at + i)).as("reserved byte %d", i).isZero();
        }
    }

    /** Schema 3 (format version 9): schema 2's bytes but the version, meaning a modification of the event. */
    @Property(tries = 300)
    void drEventModification(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence, @ForAll final long eventId,
        @ForAll final long token, @ForAll final long tariffId, @ForAll final long start, @ForAll final long end,
        @ForAll final long incentive, @ForAll @IntRange(max = 255) final int method, @ForAll final long declaredWh,
        @ForAll @LongRange(max = 4_294_967_295L) final long modificationNumber)
    {
        final UnsafeBuffer published = filled(at + RecordType.DR_EVENT.fixedLength() + 16);
        new DrEventCodec().<DrEventCodec>wrap(published, at).encode(
            sequence, eventId, token, tariffId, start, end, incentive, method, declaredWh, modificationNumber);
        final UnsafeBuffer b = filled(at + RecordType.DR_EVENT.fixedLength() + 16);
        new DrEventCodec().<DrEventCodec>wrap(b, at).encodeModification(
            sequence, eventId, token, tariffId, start, end, incentive, method, declaredWh, modificationNumber);

        final DrEventCodec d = new DrEventCodec().wrap(b, at);
        CodecRoundTripTest.assertFrame(b, at, 7, 3, DrEventCodec.MODIFIED_LENGTH, sequence, 0);
        assertThat(RecordValidator.problem(b, at, DrEventCodec.MODIFIED_LENGTH)).isNull();
        assertThat(d.modification()).isTrue();
        assertThat(d.eventId()).isEqualTo(eventId);
        assertThat(d.programToken()).isEqualTo(token);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        assertThat(d.start()).isEqualTo(start);
        assertThat(d.end()).isEqualTo(end);
        assertThat(d.incentive()).isEqualTo(incentive);
        assertThat(d.baselineMethod()).isEqualTo(method);
        assertThat(d.declaredWhPerHour()).isEqualTo(declaredWh);
        assertThat(d.modificationNumber()).isEqualTo(modificationNumber);
        assertThat(d.encodedLength()).isEqualTo(DrEventCodec.MODIFIED_LENGTH);
        // a publication with a number stays schema 2 though this build's DR_EVENT version is 3, and differs from the
        // modification only in the version: the same layout, so every schema-2 reader reads its fields
        final DrEventCodec p = new DrEventCodec().wrap(published, at);
        assertThat(RecordFlyweight.schemaVersionAt(published, at)).isEqualTo(2);
        assertThat(p.modification()).isFalse();
        for (int i = 0; i < DrEventCodec.MODIFIED_LENGTH; i++)
        {
            if (i != 2)
            {
                assertThat(b.getByte(at + i)).as("byte %d", i).isEqualTo(published.getByte(at + i));
            }
        }
        assertThat(RecordType.DR_EVENT.reads(1)).isTrue();
        assertThat(RecordType.DR_EVENT.reads(2)).isTrue();
        assertThat(RecordType.DR_EVENT.reads(3)).isTrue();
        assertThat(RecordType.DR_EVENT.fixedLength(3)).isEqualTo(DrEventCodec.MODIFIED_LENGTH);
    }

    @Property
    void drEventModificationRefusesANegativeNumber(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) final long n)
    {
        final DrEventCodec e = new DrEventCodec().wrap(filled(RecordType.DR_EVENT.fixedLength()), 0);
        assertThatThrownBy(() -> e.encodeModification(0, 1, 2, 3, 0, 3_600, 5, 0, 0, n))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void carbonIntensity(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence, @ForAll final long region,
        @ForAll final long start, @ForAll @IntRange(min = 1, max = 86_400) final int intervalSeconds,
        @ForAll("intensities") final List<Long> values,
        @ForAll @IntRange(max = 3) final int skip)
    {
        // encode a window of the arrays, as the engine does when it splits a long series into records
        final int count = Math.max(1, values.size() - skip);
        final long[] mg = new long[values.size()];
        final byte[] sources = new byte[values.size()];
        for (int i = 0; i < mg.length; i++)
        {
            mg[i] = values.get(i);
            sources[i] = (byte)(mg[i] == Long.MIN_VALUE ? 0 : 1 + i % 3);
        }
        final int from = values.size() - count;
        final int length = CarbonIntensityCodec.lengthFor(count);
        final UnsafeBuffer b = filled(at + length + 16);
        new CarbonIntensityCodec().<CarbonIntensityCodec>wrap(b, at)
            .encode(sequence, region, start, intervalSeconds, mg, sources, from, count);

        final CarbonIntensityCodec d = new CarbonIntensityCodec().wrap(b, at);
        assertThat(d.consistent()).isTrue();
        assertThat(d.region()).isEqualTo(region);
        assertThat(d.start()).isEqualTo(start);
        assertThat(d.intervalSeconds()).isEqualTo(intervalSeconds);
        assertThat(d.count()).isEqualTo(count);
        // values, then one source byte each, zero-padded to 8 bytes, then the trailer
        assertThat(length).isEqualTo(48 + count * 8 + ((count + 7) / 8) * 8 + 8);
        for (int i = 0; i < count; i++)
        {
            assertThat(d.mgPerKwh(i)).isEqualTo(mg[from + i]);
            assertThat(d.source(i)).isEqualTo(sources[from + i]);
            assertThat(b.getLong(at + 48 + i * 8, LE)).isEqualTo(mg[from + i]);
            assertThat(b.getByte(at + 48 + count * 8 + i)).isEqualTo(sources[from + i]);
        }
        for (int i = count; i < ((count + 7) / 8) * 8; i++)
        {
            assertThat(b.getByte(at + 48 + count * 8 + i)).as("source padding %d", i).isZero();
        }
        assertFrame(b, at, RecordType.CARBON_INTENSITY, length, sequence);
    }

    @Provide
    Arbitrary<List<Long>> intensities()
    {
        // mostly real intensities (up to 2,000 g/kWh), sometimes the missing marker
        return Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.longs().between(0, 2_000_000)),
            Tuple.of(1, Arbitraries.just(Long.MIN_VALUE))).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void checkpoint(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long recordsCovered, @ForAll final long lastSequence,
        @ForAll @IntRange(max = 1) final int kind, @ForAll @Size(32) final byte[] sha,
        @ForAll final long boundRecords, @ForAll final long boundChain)
    {
        final UnsafeBuffer b = filled(at + RecordType.CHECKPOINT.fixedLength() + 16);
        new CheckpointCodec().<CheckpointCodec>wrap(b, at)
            .encode(recordsCovered, lastSequence, kind, sha, boundRecords, boundChain);

        final CheckpointCodec d = new CheckpointCodec().wrap(b, at);
        assertThat(d.recordsCovered()).isEqualTo(recordsCovered);
        assertThat(d.lastSequence()).isEqualTo(lastSequence);
        assertThat(d.kind()).isEqualTo(kind);
        final byte[] read = new byte[CheckpointCodec.SHA_LENGTH];
        d.sha256(read);
        assertThat(read).isEqualTo(sha);
        assertThat(d.boundRecords()).isEqualTo(boundRecords);
        assertThat(d.boundChain()).isEqualTo(boundChain);
        // a checkpoint is written by the journal itself and carries no engine sequence
        assertFrame(b, at, RecordType.CHECKPOINT, 104, 0);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(recordsCovered);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(lastSequence);
        assertThat(b.getByte(at + 40) & 0xFF).isEqualTo(kind);
        final byte[] raw = new byte[32];
        b.getBytes(at + 48, raw);
        assertThat(raw).isEqualTo(sha);
        assertThat(b.getLong(at + 80, LE)).isEqualTo(boundRecords);
        assertThat(b.getLong(at + 88, LE)).isEqualTo(boundChain);
    }

    private static UnsafeBuffer filled(final int capacity)
    {
        return CodecRoundTripTest.filled(capacity);
    }

    private static void assertFrame(
        final UnsafeBuffer b, final int at, final RecordType type, final int length, final long sequence)
    {
        // every type here is at schema version 1, which the shared frame check expects
        assertThat(type.schemaVersion()).isEqualTo(1);
        CodecRoundTripTest.assertFrame(b, at, type.id(), length, sequence, 0);
    }
}
