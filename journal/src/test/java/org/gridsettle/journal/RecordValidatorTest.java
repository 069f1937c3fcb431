package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class RecordValidatorTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static UnsafeBuffer tick(final int capacity)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[capacity]);
        new MeterTickCodec().<MeterTickCodec>wrap(b, 0).encode(5, 1, 0, 1_700_000_000L, 900, 100, 0, 0);
        return b;
    }

    @Test
    void acceptsEveryWellFormedFixedType()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[128]);
        new MeterTickCodec().<MeterTickCodec>wrap(b, 0).encode(1, 2, 0, 3, 900, 4, 5, 0);
        assertThat(RecordValidator.problem(b, 0, 72)).isNull();
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(b, 0).encode(1, 2);
        assertThat(RecordValidator.problem(b, 0, 40)).isNull();
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(b, 0).encode(1, 2, 3, 4, 5, 6, 7);
        assertThat(RecordValidator.problem(b, 0, 112)).isNull();
        new TransferCodec().<TransferCodec>wrap(b, 0).encode(1, 2, 3, 4, 5, 6, ReasonCode.ENERGY_CHARGE);
        assertThat(RecordValidator.problem(b, 0, 120)).isNull();
        new RejectionCodec().<RejectionCodec>wrap(b, 0).encode(1, 2, ReasonCode.UNKNOWN_METER, 1, 9);
        assertThat(RecordValidator.problem(b, 0, 48)).isNull();
        new DuplicateAckCodec().<DuplicateAckCodec>wrap(b, 0).encode(1, 2, 3, 4);
        assertThat(RecordValidator.problem(b, 0, 48)).isNull();
    }

    @Test
    void refusesRecordsShorterThanHeaderAndTrailer()
    {
        // 24-byte header + 8-byte trailer = 32 bytes minimum
        final UnsafeBuffer b = tick(72);
        assertThat(RecordValidator.problem(b, 0, 31)).isEqualTo("record of 31 bytes is shorter than a header and trailer");
        assertThat(RecordValidator.problem(b, 0, 0)).contains("0 bytes");
    }

    @Test
    void refusesUnknownTypesNamingTheId()
    {
        final UnsafeBuffer b = tick(72);
        b.putShort(0, (short)99, LE);
        assertThat(RecordValidator.problem(b, 0, 72))
            .isEqualTo("unknown record type 99 (written by a newer gridsettle?)");
        b.putShort(0, (short)0, LE);
        assertThat(RecordValidator.problem(b, 0, 72)).startsWith("unknown record type 0 ");
        // 0xFFFF is read unsigned and is beyond the id table
        b.putShort(0, (short)0xFFFF, LE);
        assertThat(RecordValidator.problem(b, 0, 72)).startsWith("unknown record type 65535 ");
        b.putShort(0, (short)300, LE);
        assertThat(RecordValidator.problem(b, 0, 72)).startsWith("unknown record type 300 ");
    }

    @Test
    void refusesEveryIdThatIsNotAKnownType()
    {
        // all 65,536 ids, not a sample: a sample missed id 11 when that type was added
        for (int typeId = 0; typeId <= 0xFFFF; typeId++)
        {
            checkId(typeId);
        }
    }

    private static void checkId(final int typeId)
    {
        // the ids of journal/FORMAT.md: inputs 1-11, outputs 101-104
        final boolean known = typeId == 1 || typeId == 2 || typeId == 3 || typeId == 4 || typeId == 5 ||
            typeId == 6 || typeId == 7 || typeId == 8 || typeId == 9 || typeId == 10 || typeId == 11 ||
            typeId == 101 || typeId == 102 || typeId == 103 || typeId == 104;
        final UnsafeBuffer b = tick(72);
        b.putShort(0, (short)typeId, LE);
        final String problem = RecordValidator.problem(b, 0, 72);
        if (known)
        {
            // a known type may still be refused for its length (a 72-byte TRANSFER), never as unknown
            assertThat(problem == null || !problem.contains("unknown record type")).as(String.valueOf(problem)).isTrue();
        }
        else
        {
            assertThat(problem).isEqualTo("unknown record type " + typeId + " (written by a newer gridsettle?)");
        }
    }

    @Test
    void refusesOtherSchemaVersions()
    {
        final UnsafeBuffer b = tick(72);
        b.putShort(2, (short)2, LE);
        assertThat(RecordValidator.problem(b, 0, 72))
            .isEqualTo("METER_TICK schema version 2 but this build reads up to version 1");
        b.putShort(2, (short)0, LE);
        assertThat(RecordValidator.problem(b, 0, 72)).contains("schema version 0");
    }

    @Test
    void refusesALengthFieldThatDisagreesWithTheBytesPresent()
    {
        final UnsafeBuffer b = tick(80);
        assertThat(RecordValidator.problem(b, 0, 80)).isEqualTo("METER_TICK declares 72 bytes but 80 are present");
        assertThat(RecordValidator.problem(b, 0, 71)).isEqualTo("METER_TICK declares 72 bytes but 71 are present");
    }

    @Test
    void refusesAFixedTypeOfTheWrongSize()
    {
        // declared and present agree, but a METER_TICK is always 72 bytes
        final UnsafeBuffer b = tick(80);
        b.putInt(4, 80, LE);
        assertThat(RecordValidator.problem(b, 0, 80)).isEqualTo("METER_TICK must be 72 bytes, is 80");
        b.putInt(4, 64, LE);
        assertThat(RecordValidator.problem(b, 0, 64)).isEqualTo("METER_TICK must be 72 bytes, is 64");
    }

    @Test
    void validatesAtAnOffset()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[100]);
        new MeterTickCodec().<MeterTickCodec>wrap(b, 17).encode(5, 1, 0, 1, 900, 100, 0, 0);
        assertThat(RecordValidator.problem(b, 17, 72)).isNull();
        b.putShort(17, (short)77, LE);
        assertThat(RecordValidator.problem(b, 17, 72)).startsWith("unknown record type 77");
    }
}
