package org.gridsettle.journal.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.RecordValidator;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixed-length codec: encode, wrap a fresh flyweight, read back. Besides the accessors, each property reads the
 * fields at the offsets documented in the codec's layout comment with plain little-endian buffer reads, checks the
 * header, the zeroed trailer and that nothing outside the record was written.
 */
class CodecRoundTripTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final byte FILL = (byte)0xA5;

    static UnsafeBuffer filled(final int capacity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[capacity]);
        buffer.setMemory(0, capacity, FILL);
        return buffer;
    }

    /** Header per RecordFlyweight's layout, record well formed, trailer zero, neighbours untouched. */
    static void assertFrame(
        final UnsafeBuffer b, final int at, final int typeId, final int length, final long sequence, final long cause)
    {
        assertFrame(b, at, typeId, 1, length, sequence, cause);
    }

    /** The same for a type whose current schema version is not 1. */
    static void assertFrame(
        final UnsafeBuffer b,
        final int at,
        final int typeId,
        final int version,
        final int length,
        final long sequence,
        final long cause)
    {
        assertThat(b.getShort(at, LE) & 0xFFFF).as("type id").isEqualTo(typeId);
        assertThat(b.getShort(at + 2, LE) & 0xFFFF).as("schema version").isEqualTo(version);
        assertThat(b.getInt(at + 4, LE)).as("length").isEqualTo(length);
        assertThat(b.getLong(at + 8, LE)).as("sequence").isEqualTo(sequence);
        assertThat(b.getLong(at + 16, LE)).as("cause sequence").isEqualTo(cause);
        assertThat(b.getLong(at + length - 8, LE)).as("trailer before sealing").isZero();
        assertThat(RecordValidator.problem(b, at, length)).isNull();
        for (int i = 0; i < at; i++)
        {
            assertThat(b.getByte(i)).as("byte %d before the record", i).isEqualTo(FILL);
        }
        for (int i = at + length; i < b.capacity(); i++)
        {
            assertThat(b.getByte(i)).as("byte %d after the record", i).isEqualTo(FILL);
        }
        // the static readers agree with the raw header
        assertThat(RecordFlyweight.typeIdAt(b, at)).isEqualTo(typeId);
        assertThat(RecordFlyweight.schemaVersionAt(b, at)).isEqualTo(version);
        assertThat(RecordFlyweight.lengthAt(b, at)).isEqualTo(length);
        assertThat(RecordFlyweight.sequenceAt(b, at)).isEqualTo(sequence);
        assertThat(RecordFlyweight.causeSequenceAt(b, at)).isEqualTo(cause);
    }

    @Test
    void typeIdsVersionsAndLengthsAreTheFormatConstants()
    {
        // from the layout comments of each codec: ids below 100 are inputs, 100 and above outputs
        assertThat(RecordType.METER_TICK.id()).isEqualTo(1);
        assertThat(RecordType.ACCOUNT_REGISTRATION.id()).isEqualTo(2);
        assertThat(RecordType.METER_ENROLMENT.id()).isEqualTo(3);
        assertThat(RecordType.TARIFF_VERSION.id()).isEqualTo(4);
        assertThat(RecordType.TRANSFER.id()).isEqualTo(101);
        assertThat(RecordType.REJECTION.id()).isEqualTo(102);
        assertThat(RecordType.DUPLICATE_ACK.id()).isEqualTo(103);
        // fixed lengths = last documented field offset + 8-byte chain trailer
        assertThat(MeterTickCodec.LENGTH).isEqualTo(64 + 8).isEqualTo(RecordType.METER_TICK.fixedLength());
        assertThat(AccountRegistrationCodec.LENGTH).isEqualTo(32 + 8)
            .isEqualTo(RecordType.ACCOUNT_REGISTRATION.fixedLength());
        assertThat(MeterEnrolmentCodec.LIMITED_LENGTH).isEqualTo(112 + 8)
            .isEqualTo(RecordType.METER_ENROLMENT.fixedLength());
        assertThat(MeterEnrolmentCodec.LENGTH).isEqualTo(104 + 8).isEqualTo(RecordType.METER_ENROLMENT.fixedLength(2));
        assertThat(MeterEnrolmentCodec.V1_LENGTH).isEqualTo(72 + 8).isEqualTo(RecordType.METER_ENROLMENT.fixedLength(1));
        assertThat(RecordType.METER_ENROLMENT.schemaVersion()).isEqualTo(3);
        assertThat(RecordType.METER_ENROLMENT.minLength()).isEqualTo(MeterEnrolmentCodec.V1_LENGTH);
        // 5 is the newest schema read and written (a demand schedule, format version 7); a tariff without one is
        // still written as 4 with demand tiers and as 3 without
        assertThat(RecordType.TARIFF_VERSION.schemaVersion()).isEqualTo(5);
        assertThat(RecordType.ORACLE_PRICE.id()).isEqualTo(6);
        assertThat(RecordType.ORACLE_PRICE.fixedLength()).isEqualTo(-1);
        assertThat(RecordType.ORACLE_PRICE.minLength()).isEqualTo(OraclePriceCodec.lengthFor(1)).isEqualTo(88);
        assertThat(TransferCodec.LENGTH).isEqualTo(112 + 8).isEqualTo(RecordType.TRANSFER.fixedLength());
        assertThat(RejectionCodec.LENGTH).isEqualTo(40 + 8).isEqualTo(RecordType.REJECTION.fixedLength());
        assertThat(DuplicateAckCodec.LENGTH).isEqualTo(40 + 8).isEqualTo(RecordType.DUPLICATE_ACK.fixedLength());
        assertThat(RecordType.TARIFF_VERSION.fixedLength()).isEqualTo(-1);
        assertThat(RecordType.METER_TICK.isInput()).isTrue();
        assertThat(RecordType.TRANSFER.isInput()).isFalse();
        assertThat(RecordType.ofId(6)).isEqualTo(RecordType.ORACLE_PRICE);
        assertThat(RecordType.ofId(7)).isEqualTo(RecordType.DR_EVENT);
        assertThat(DrEventCodec.MODIFIED_LENGTH).isEqualTo(96 + 8).isEqualTo(RecordType.DR_EVENT.fixedLength())
            .isEqualTo(RecordType.DR_EVENT.fixedLength(2));
        assertThat(DrEventCodec.LENGTH).isEqualTo(88 + 8).isEqualTo(RecordType.DR_EVENT.fixedLength(1));
        // 2 is written only with a modification number; 1 is still read and written without one; 3 (format version 9)
        // is 2's layout meaning a modification
        assertThat(RecordType.DR_EVENT.schemaVersion()).isEqualTo(3);
        assertThat(RecordType.DR_EVENT.fixedLength(3)).isEqualTo(DrEventCodec.MODIFIED_LENGTH);
        assertThat(RecordType.DR_EVENT.reads(1)).isTrue();
        assertThat(RecordType.DR_EVENT.minLength()).isEqualTo(DrEventCodec.LENGTH);
        assertThat(RecordType.DR_EVENT.isInput()).isTrue();
        assertThat(RecordType.ofId(5)).isEqualTo(RecordType.CARBON_INTENSITY);
        assertThat(RecordType.ofId(-1)).isNull();
        assertThat(RecordType.ofId(65_535)).isNull();
        assertThat(RecordType.ofId(101)).isEqualTo(RecordType.TRANSFER);
    }

    @Test
    void reasonCodesAreTheFormatConstants()
    {
        assertThat(ReasonCode.ENERGY_CHARGE.code()).isEqualTo(1);
        assertThat(ReasonCode.TRUE_UP.code()).isEqualTo(8);
        assertThat(ReasonCode.NEGATIVE_ENERGY.code()).isEqualTo(101);
        assertThat(ReasonCode.OVERFLOW.code()).isEqualTo(109);
        assertThat(ReasonCode.ofCode(107)).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
        assertThat(ReasonCode.ofCode(50)).isNull();
        assertThat(ReasonCode.DR_INCENTIVE.code()).isEqualTo(5);
        assertThat(ReasonCode.DR_BASELINE_UNAVAILABLE.code()).isEqualTo(130);
        assertThat(ReasonCode.DR_EVENT_OVERLAP.code()).isEqualTo(131);
        assertThat(ReasonCode.UNKNOWN_DR_EVENT.code()).isEqualTo(132);
        assertThat(ReasonCode.DR_EVENT_SETTLED.code()).isEqualTo(133);
        assertThat(ReasonCode.DR_EVENT_WITHDRAWN.code()).isEqualTo(134);
        assertThat(ReasonCode.ofCode(1000)).isNull();
        for (final ReasonCode r : ReasonCode.values())
        {
            assertThat(ReasonCode.ofCode(r.code())).isSameAs(r);
        }
    }

    @Property(tries = 500)
    void meterTick(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long meterId,
        @ForAll @IntRange(max = 255) final int channel,
        @ForAll final long intervalStart,
        @ForAll final int intervalSeconds,
        @ForAll final long importWh,
        @ForAll final long exportWh,
        @ForAll @IntRange(max = 255) final int flags)
    {
        final UnsafeBuffer b = filled(at + 72 + 16);
        new MeterTickCodec().<MeterTickCodec>wrap(b, at)
            .encode(sequence, meterId, channel, intervalStart, intervalSeconds, importWh, exportWh, flags);

        final MeterTickCodec d = new MeterTickCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.METER_TICK);
        assertThat(d.sequence()).isEqualTo(sequence);
        assertThat(d.causeSequence()).isZero();
        assertThat(d.length()).isEqualTo(72);
        assertThat(d.meterId()).isEqualTo(meterId);
        assertThat(d.channel()).isEqualTo(channel);
        assertThat(d.intervalStart()).isEqualTo(intervalStart);
        assertThat(d.intervalSeconds()).isEqualTo(intervalSeconds);
        assertThat(d.importWh()).isEqualTo(importWh);
        assertThat(d.exportWh()).isEqualTo(exportWh);
        assertThat(d.flags()).isEqualTo(flags);
        assertThat(d.buffer()).isSameAs(b);
        assertThat(d.offset()).isEqualTo(at);

        assertFrame(b, at, 1, 72, sequence, 0);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(meterId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(intervalStart);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(importWh);
        assertThat(b.getLong(at + 48, LE)).isEqualTo(exportWh);
        assertThat(b.getInt(at + 56, LE)).isEqualTo(intervalSeconds);
        assertThat(b.getByte(at + 60) & 0xFF).isEqualTo(channel);
        assertThat(b.getByte(at + 61) & 0xFF).isEqualTo(flags);
        assertThat(b.getShort(at + 62, LE)).as("reserved").isZero();
    }

    @Property(tries = 300)
    void accountRegistration(
        @ForAll @IntRange(max = 40) final int at, @ForAll final long sequence, @ForAll final long accountId)
    {
        final UnsafeBuffer b = filled(at + 40 + 16);
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(b, at).encode(sequence, accountId);

        final AccountRegistrationCodec d = new AccountRegistrationCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.ACCOUNT_REGISTRATION);
        assertThat(d.sequence()).isEqualTo(sequence);
        assertThat(d.accountId()).isEqualTo(accountId);
        assertFrame(b, at, 2, 40, sequence, 0);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(accountId);
    }

    @Property(tries = 300)
    void meterEnrolment(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long meterId,
        @ForAll final long accountId,
        @ForAll final long tariffId,
        @ForAll final long effectiveFrom,
        @ForAll final long programs,
        @ForAll final long carbonRegion,
        @ForAll("nodes") final String node)
    {
        final UnsafeBuffer b = filled(at + 112 + 16);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(b, at)
            .encode(sequence, meterId, accountId, tariffId, effectiveFrom, programs, carbonRegion, node);

        final MeterEnrolmentCodec d = new MeterEnrolmentCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.METER_ENROLMENT);
        assertThat(d.meterId()).isEqualTo(meterId);
        assertThat(d.accountId()).isEqualTo(accountId);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        assertThat(d.effectiveFrom()).isEqualTo(effectiveFrom);
        assertThat(d.programs()).isEqualTo(programs);
        assertThat(d.carbonRegion()).isEqualTo(carbonRegion);
        assertThat(d.pricingNode()).isEqualTo(node);
        assertThat(d.hasPricingNode()).isEqualTo(node != null);
        assertThat(d.pricingNodeWellFormed()).isTrue();
        assertFrame(b, at, 3, 2, 112, sequence, 0);
        // the node at 72, ASCII, zero padded to 32 bytes
        final int nodeLength = node == null ? 0 : node.length();
        for (int i = 0; i < 32; i++)
        {
            assertThat(b.getByte(at + 72 + i)).isEqualTo(i < nodeLength ? (byte)node.charAt(i) : 0);
        }
        assertThat(b.getLong(at + 24, LE)).isEqualTo(meterId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(accountId);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(tariffId);
        assertThat(b.getLong(at + 48, LE)).isEqualTo(effectiveFrom);
        assertThat(b.getLong(at + 56, LE)).isEqualTo(programs);
        assertThat(b.getLong(at + 64, LE)).isEqualTo(carbonRegion);
    }

    /** Version 3: the reading limits, written only when one is set; 0 and 0 still writes the version-2 record. */
    @Property(tries = 500)
    void meterEnrolmentWithReadingLimits(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long meterId,
        @ForAll("nodes") final String node,
        @ForAll final int importLimitW,
        @ForAll final int exportLimitW)
    {
        final UnsafeBuffer b = filled(at + 120 + 16);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(b, at)
            .encode(sequence, meterId, 1001, 9, 1_700_000_000L, 2, 0, node, importLimitW, exportLimitW);

        final MeterEnrolmentCodec d = new MeterEnrolmentCodec().wrap(b, at);
        final boolean limited = importLimitW != 0 || exportLimitW != 0;
        final int length = limited ? 120 : 112;
        assertFrame(b, at, 3, limited ? 3 : 2, length, sequence, 0);
        assertThat(d.encodedLength()).isEqualTo(length);
        assertThat(RecordValidator.problem(b, at, length)).isNull();
        assertThat(d.meterId()).isEqualTo(meterId);
        assertThat(d.pricingNode()).isEqualTo(node);
        assertThat(d.importLimitW()).isEqualTo(importLimitW);
        assertThat(d.exportLimitW()).isEqualTo(exportLimitW);
        if (limited)
        {
            assertThat(b.getInt(at + 104, LE)).isEqualTo(importLimitW);
            assertThat(b.getInt(at + 108, LE)).isEqualTo(exportLimitW);
        }
    }

    /** A version 2 record of the version 3 length, and the reverse, are refused; version 2 reads as no limits. */
    @Test
    void meterEnrolmentVersionTwoHasNoLimits()
    {
        final UnsafeBuffer b = filled(120);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(b, 0).encode(1, 2, 3, 4, 5, 0, 0, null, 0, 0);
        // bytes at the version 3 offsets are not read from a version 2 record
        b.putInt(104, 7_000, LE);
        final MeterEnrolmentCodec d = new MeterEnrolmentCodec().wrap(b, 0);
        assertThat(d.importLimitW()).isZero();
        assertThat(d.exportLimitW()).isZero();
        b.putInt(4, 120, LE);
        assertThat(RecordValidator.problem(b, 0, 120)).isEqualTo("METER_ENROLMENT must be 112 bytes, is 120");
        final UnsafeBuffer v3 = filled(120);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(v3, 0).encode(1, 2, 3, 4, 5, 0, 0, null, 7_000, 0);
        v3.putInt(4, 112, LE);
        assertThat(RecordValidator.problem(v3, 0, 112)).isEqualTo("METER_ENROLMENT must be 120 bytes, is 112");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> nodes()
    {
        // printable ASCII without comma or quote, no space at either end, 1..32 characters; or no node
        final net.jqwik.api.Arbitrary<String> names = net.jqwik.api.Arbitraries.strings()
            .withCharRange('!', '~').excludeChars(',', '"').ofMinLength(1).ofMaxLength(32);
        return net.jqwik.api.Arbitraries.oneOf(names, names.map(n -> n.length() > 2 ?
            n.charAt(0) + " " + n.substring(2) : n), net.jqwik.api.Arbitraries.just(null));
    }

    /** A version 1 enrolment (80 bytes, as in the golden journal) still validates and reads as "no node". */
    @Test
    void meterEnrolmentVersionOneReadsAsNoPricingNode()
    {
        final UnsafeBuffer b = filled(80);
        b.putShort(0, (short)3, LE);
        b.putShort(2, (short)1, LE);
        b.putInt(4, 80, LE);
        b.putLong(8, 7, LE);
        b.putLong(16, 0, LE);
        b.putLong(24, 42, LE);
        b.putLong(32, 1001, LE);
        b.putLong(40, 9, LE);
        b.putLong(48, 1_700_000_000L, LE);
        b.putLong(56, 0, LE);
        b.putLong(64, 0, LE);
        b.putLong(72, 0, LE);
        assertThat(RecordValidator.problem(b, 0, 80)).isNull();
        final MeterEnrolmentCodec d = new MeterEnrolmentCodec().wrap(b, 0);
        assertThat(d.meterId()).isEqualTo(42);
        assertThat(d.hasPricingNode()).isFalse();
        assertThat(d.pricingNode()).isNull();
        assertThat(d.pricingNodeWellFormed()).isTrue();
        // a version 1 record of the version 2 length, and the reverse, are refused
        b.putInt(4, 112, LE);
        assertThat(RecordValidator.problem(b, 0, 112)).isNotNull();
        final UnsafeBuffer v2 = filled(112);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(v2, 0).encode(1, 2, 3, 4, 5, 0, 0, "HB_WEST");
        v2.putInt(4, 80, LE);
        assertThat(RecordValidator.problem(v2, 0, 80)).isEqualTo("METER_ENROLMENT must be 112 bytes, is 80");
    }

    @Property(tries = 500)
    void drEvent(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long eventId,
        @ForAll final long token,
        @ForAll final long tariffId,
        @ForAll final long start,
        @ForAll final long end,
        @ForAll final long incentive,
        @ForAll @IntRange(max = 255) final int method,
        @ForAll final long declaredWh)
    {
        final UnsafeBuffer b = filled(at + 96 + 16);
        new DrEventCodec().<DrEventCodec>wrap(b, at)
            .encode(sequence, eventId, token, tariffId, start, end, incentive, method, declaredWh);

        final DrEventCodec d = new DrEventCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.DR_EVENT);
        assertThat(d.sequence()).isEqualTo(sequence);
        assertThat(d.eventId()).isEqualTo(eventId);
        assertThat(d.programToken()).isEqualTo(token);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        assertThat(d.start()).isEqualTo(start);
        assertThat(d.end()).isEqualTo(end);
        assertThat(d.incentive()).isEqualTo(incentive);
        assertThat(d.baselineMethod()).isEqualTo(method);
        assertThat(d.declaredWhPerHour()).isEqualTo(declaredWh);
        assertFrame(b, at, 7, 96, sequence, 0);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(eventId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(token);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(tariffId);
        assertThat(b.getLong(at + 48, LE)).isEqualTo(start);
        assertThat(b.getLong(at + 56, LE)).isEqualTo(end);
        assertThat(b.getLong(at + 64, LE)).isEqualTo(incentive);
        assertThat(b.getLong(at + 72, LE)).isEqualTo(declaredWh);
        assertThat(b.getByte(at + 80) & 0xFF).isEqualTo(method);
        for (int i = 81; i < 88; i++)
        {
            assertThat(b.getByte(at + i)).as("reserved byte %d", i).isZero();
        }
        // without a modification number: version 1, as every DR event was before format version 6
        assertThat(RecordFlyweight.schemaVersionAt(b, at)).isEqualTo(1);
        assertThat(d.encodedLength()).isEqualTo(96);
        assertThat(RecordValidator.problem(b, at, 96)).isNull();
        assertThat(d.modificationNumber()).isEqualTo(DrEventCodec.UNKNOWN_MODIFICATION);
    }

    /** Version 2: the OpenADR modification number (an xs:unsignedInt, kept in 64 bits) before the chain. */
    @Property(tries = 500)
    void drEventWithModificationNumber(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long eventId,
        @ForAll final long start,
        @ForAll @IntRange(max = 2) final int method,
        @ForAll @LongRange(max = Long.MAX_VALUE) final long modification)
    {
        final UnsafeBuffer b = filled(at + 104 + 16);
        new DrEventCodec().<DrEventCodec>wrap(b, at)
            .encode(sequence, eventId, 0x5244L, 9, start, start + 3_600, 250_000, method, 0, modification);

        final DrEventCodec d = new DrEventCodec().wrap(b, at);
        assertFrame(b, at, 7, 2, 104, sequence, 0);
        assertThat(d.encodedLength()).isEqualTo(104);
        assertThat(RecordValidator.problem(b, at, 104)).isNull();
        assertThat(d.modificationNumber()).isEqualTo(modification);
        assertThat(b.getLong(at + 88, LE)).isEqualTo(modification);
        assertThat(d.eventId()).isEqualTo(eventId);
        assertThat(d.programToken()).isEqualTo(0x5244L);
        assertThat(d.tariffId()).isEqualTo(9);
        assertThat(d.start()).isEqualTo(start);
        assertThat(d.end()).isEqualTo(start + 3_600);
        assertThat(d.incentive()).isEqualTo(250_000);
        assertThat(d.baselineMethod()).isEqualTo(method);
        assertThat(d.declaredWhPerHour()).isZero();
        for (int i = 81; i < 88; i++)
        {
            assertThat(b.getByte(at + i)).as("reserved byte %d", i).isZero();
        }
    }

    /** A version 1 record of the version 2 length, and the reverse, are refused; version 1 reads as unknown. */
    @Test
    void drEventVersionOneHasNoModificationNumber()
    {
        final UnsafeBuffer b = filled(104);
        new DrEventCodec().<DrEventCodec>wrap(b, 0).encode(1, 2, 3, 4, 5, 3_605, 7, 0, 0);
        // bytes at the version 2 offset are not read from a version 1 record
        b.putLong(88, 5, LE);
        assertThat(new DrEventCodec().<DrEventCodec>wrap(b, 0).modificationNumber()).isEqualTo(-1);
        b.putInt(4, 104, LE);
        assertThat(RecordValidator.problem(b, 0, 104)).isEqualTo("DR_EVENT must be 96 bytes, is 104");
        final UnsafeBuffer v2 = filled(104);
        new DrEventCodec().<DrEventCodec>wrap(v2, 0).encode(1, 2, 3, 4, 5, 3_605, 7, 0, 0, 0);
        v2.putInt(4, 96, LE);
        assertThat(RecordValidator.problem(v2, 0, 96)).isEqualTo("DR_EVENT must be 104 bytes, is 96");
        // a modification (version 3) is version 2's length too; a version this build does not know is refused
        v2.putShort(2, (short)3, LE);
        assertThat(RecordValidator.problem(v2, 0, 96)).isEqualTo("DR_EVENT must be 104 bytes, is 96");
        v2.putShort(2, (short)4, LE);
        assertThat(RecordValidator.problem(v2, 0, 96))
            .isEqualTo("DR_EVENT schema version 4 but this build reads up to version 3");
    }

    @Property(tries = 500)
    void transfer(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long cause,
        @ForAll final long debit,
        @ForAll final long credit,
        @ForAll final long token,
        @ForAll final long amount,
        @ForAll final ReasonCode reason,
        @ForAll final long meterId,
        @ForAll final long intervalStart,
        @ForAll final long energyWh,
        @ForAll final long rate,
        @ForAll final long tariffId,
        @ForAll final int tariffVersion,
        @ForAll @IntRange(max = 255) final int period,
        @ForAll @IntRange(max = 255) final int tier)
    {
        final UnsafeBuffer b = filled(at + 120 + 16);
        new TransferCodec().<TransferCodec>wrap(b, at)
            .encode(sequence, cause, debit, credit, token, amount, reason)
            .explain(meterId, intervalStart, energyWh, rate, tariffId, tariffVersion, period, tier);

        final TransferCodec d = new TransferCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.TRANSFER);
        assertThat(d.causeSequence()).isEqualTo(cause);
        assertThat(d.debitAccount()).isEqualTo(debit);
        assertThat(d.creditAccount()).isEqualTo(credit);
        assertThat(d.amount()).isEqualTo(amount);
        assertThat(d.token()).isEqualTo(token);
        assertThat(d.reasonCode()).isEqualTo(reason.code());
        assertThat(ReasonCode.ofCode(d.reasonCode())).isEqualTo(reason);
        assertThat(d.meterId()).isEqualTo(meterId);
        assertThat(d.intervalStart()).isEqualTo(intervalStart);
        assertThat(d.energyWh()).isEqualTo(energyWh);
        assertThat(d.rate()).isEqualTo(rate);
        assertThat(d.tariffId()).isEqualTo(tariffId);
        assertThat(d.tariffVersion()).isEqualTo(tariffVersion);
        assertThat(d.period()).isEqualTo(period);
        assertThat(d.tier()).isEqualTo(tier);

        assertFrame(b, at, 101, 120, sequence, cause);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(debit);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(credit);
        assertThat(b.getLong(at + 40, LE)).isEqualTo(amount);
        assertThat(b.getLong(at + 48, LE)).isEqualTo(meterId);
        assertThat(b.getLong(at + 56, LE)).isEqualTo(intervalStart);
        assertThat(b.getLong(at + 64, LE)).isEqualTo(energyWh);
        assertThat(b.getLong(at + 72, LE)).isEqualTo(rate);
        assertThat(b.getLong(at + 80, LE)).isEqualTo(tariffId);
        assertThat(b.getLong(at + 88, LE)).isEqualTo(token);
        assertThat(b.getInt(at + 96, LE)).isEqualTo(tariffVersion);
        assertThat(b.getShort(at + 100, LE) & 0xFFFF).isEqualTo(reason.code());
        assertThat(b.getByte(at + 102) & 0xFF).isEqualTo(period);
        assertThat(b.getByte(at + 103) & 0xFF).isEqualTo(tier);
        assertThat(b.getLong(at + 104, LE)).as("reserved").isZero();
    }

    @Property(tries = 300)
    void rejection(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long cause,
        @ForAll final ReasonCode reason,
        @ForAll @IntRange(max = 65_535) final int inputType,
        @ForAll final long subject)
    {
        final UnsafeBuffer b = filled(at + 48 + 16);
        new RejectionCodec().<RejectionCodec>wrap(b, at).encode(sequence, cause, reason, inputType, subject);

        final RejectionCodec d = new RejectionCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.REJECTION);
        assertThat(d.causeSequence()).isEqualTo(cause);
        assertThat(d.reasonCode()).isEqualTo(reason.code());
        assertThat(d.inputType()).isEqualTo(inputType);
        assertThat(d.subject()).isEqualTo(subject);
        assertFrame(b, at, 102, 48, sequence, cause);
        assertThat(b.getShort(at + 24, LE) & 0xFFFF).isEqualTo(reason.code());
        assertThat(b.getShort(at + 26, LE) & 0xFFFF).isEqualTo(inputType);
        assertThat(b.getInt(at + 28, LE)).as("reserved").isZero();
        assertThat(b.getLong(at + 32, LE)).isEqualTo(subject);
    }

    @Property(tries = 300)
    void duplicateAck(
        @ForAll @IntRange(max = 40) final int at,
        @ForAll final long sequence,
        @ForAll final long cause,
        @ForAll final long meterId,
        @ForAll final long intervalStart)
    {
        final UnsafeBuffer b = filled(at + 48 + 16);
        new DuplicateAckCodec().<DuplicateAckCodec>wrap(b, at).encode(sequence, cause, meterId, intervalStart);

        final DuplicateAckCodec d = new DuplicateAckCodec().wrap(b, at);
        assertThat(d.type()).isEqualTo(RecordType.DUPLICATE_ACK);
        assertThat(d.causeSequence()).isEqualTo(cause);
        assertThat(d.meterId()).isEqualTo(meterId);
        assertThat(d.intervalStart()).isEqualTo(intervalStart);
        assertFrame(b, at, 103, 48, sequence, cause);
        assertThat(b.getLong(at + 24, LE)).isEqualTo(meterId);
        assertThat(b.getLong(at + 32, LE)).isEqualTo(intervalStart);
    }

    @Property(tries = 200)
    void sequenceCanBeStampedAfterEncoding(@ForAll final long first, @ForAll final long second,
        @ForAll final long third)
    {
        final UnsafeBuffer b = filled(72);
        final MeterTickCodec tick = new MeterTickCodec().wrap(b, 0);
        tick.encode(first, 1, 0, 2, 900, 3, 4, 0);
        tick.sequence(second);
        assertThat(b.getLong(8, LE)).isEqualTo(second);
        RecordFlyweight.putSequence(b, 0, third);
        assertThat(tick.sequence()).isEqualTo(third);
        assertThat(tick.meterId()).isEqualTo(1);
    }

    @Test
    void headerBytesAreLittleEndian()
    {
        final UnsafeBuffer b = filled(120);
        new TransferCodec().<TransferCodec>wrap(b, 0)
            .encode(0x0102030405060708L, 0, 1, 2, 3, 4, ReasonCode.EXPORT_CREDIT);
        // type 101 = 0x0065: bytes 65 00; version 1: 01 00; length 120 = 0x78: 78 00 00 00
        assertThat(new byte[] {b.getByte(0), b.getByte(1), b.getByte(2), b.getByte(3), b.getByte(4), b.getByte(5)})
            .containsExactly(0x65, 0x00, 0x01, 0x00, 0x78, 0x00);
        // sequence 0x0102030405060708 starts with its least significant byte at offset 8
        assertThat(b.getByte(8)).isEqualTo((byte)0x08);
        assertThat(b.getByte(15)).isEqualTo((byte)0x01);
    }
}
