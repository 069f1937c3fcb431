package org.gridsettle.replay;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutputFieldDifference} on records encoded with the journal's own codecs, one field changed at a time: the
 * words name that field, its offset in journal/FORMAT.md's layout, and both values.
 */
class OutputFieldDifferenceTest
{
    private static final long USD = TokenSymbol.pack("USD");

    private static UnsafeBuffer transfer(final long amount, final ReasonCode reason, final long token)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TransferCodec.LENGTH]);
        new TransferCodec().<TransferCodec>wrap(buffer, 0)
            .encode(205, 214, 100_001, 3, token, amount, reason)
            .explain(42, 1_772_582_400L, 1_250, 391_000, 9, 1, 2, 0);
        return buffer;
    }

    private static String of(final UnsafeBuffer recorded, final UnsafeBuffer replayed)
    {
        return OutputFieldDifference.of(recorded, 0, recorded.capacity(), replayed, 0, replayed.capacity());
    }

    @Test
    void namesATransfersFieldWithBothValues()
    {
        assertThat(of(transfer(488_750, ReasonCode.ENERGY_CHARGE, USD), transfer(489_141, ReasonCode.ENERGY_CHARGE,
            USD))).isEqualTo("amount (byte 40): recorded 488750, replay produced 489141");
        assertThat(of(transfer(1, ReasonCode.ENERGY_CHARGE, USD), transfer(1, ReasonCode.FIXED_CHARGE, USD)))
            .isEqualTo("reason (byte 100): recorded " + ReasonCode.ENERGY_CHARGE.code() + " (ENERGY_CHARGE), " +
                "replay produced " + ReasonCode.FIXED_CHARGE.code() + " (FIXED_CHARGE)");
        assertThat(of(transfer(1, ReasonCode.ENERGY_CHARGE, USD), transfer(1, ReasonCode.ENERGY_CHARGE,
            TokenSymbol.pack("SOLAR")))).isEqualTo("token (byte 88): recorded " + USD + " (USD), replay produced " +
            TokenSymbol.pack("SOLAR") + " (SOLAR)");
    }

    @Test
    void namesTheHeaderAndOtherOutputTypesAndSaysWhenNothingDiffers()
    {
        final UnsafeBuffer a = transfer(7, ReasonCode.ENERGY_CHARGE, USD);
        final UnsafeBuffer b = transfer(7, ReasonCode.ENERGY_CHARGE, USD);
        assertThat(of(a, b)).isEqualTo("no field differs");
        b.putLong(16, 215, java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(of(a, b)).isEqualTo("causeSequence (byte 16): recorded 214, replay produced 215");

        final UnsafeBuffer refused = new UnsafeBuffer(new byte[RejectionCodec.LENGTH]);
        final UnsafeBuffer refusedOtherwise = new UnsafeBuffer(new byte[RejectionCodec.LENGTH]);
        new RejectionCodec().<RejectionCodec>wrap(refused, 0).encode(9, 8, ReasonCode.UNKNOWN_METER,
            RecordType.METER_TICK.id(), 42);
        new RejectionCodec().<RejectionCodec>wrap(refusedOtherwise, 0).encode(9, 8, ReasonCode.UNKNOWN_METER,
            RecordType.METER_TICK.id(), 43);
        assertThat(of(refused, refusedOtherwise)).isEqualTo("subject (byte 32): recorded 42, replay produced 43");

        final UnsafeBuffer ack = new UnsafeBuffer(new byte[DuplicateAckCodec.LENGTH]);
        final UnsafeBuffer ackOtherwise = new UnsafeBuffer(new byte[DuplicateAckCodec.LENGTH]);
        new DuplicateAckCodec().<DuplicateAckCodec>wrap(ack, 0).encode(5, 4, 42, 1_772_582_400L);
        new DuplicateAckCodec().<DuplicateAckCodec>wrap(ackOtherwise, 0).encode(5, 4, 42, 1_772_583_300L);
        assertThat(of(ack, ackOtherwise))
            .isEqualTo("key (byte 32): recorded 1772582400, replay produced 1772583300");
        // a record of another type, or a different length, is named by what the header says
        assertThat(of(ack, refused)).startsWith("typeId (byte 0): recorded " + RecordType.DUPLICATE_ACK.id());
    }
}
