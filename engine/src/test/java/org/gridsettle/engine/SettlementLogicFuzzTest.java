package org.gridsettle.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RedemptionCodec;

/**
 * Fuzz targets (Jazzer) for {@link SettlementLogic#apply}, the decoder of every input record and the whole state
 * machine behind it. Bad input never throws out of {@code apply} (it becomes a rejection), so on any bytes, after a
 * normal set-up (the fixture tariff with a daily charge, 3 meters), {@code apply} must return normally and the
 * ledger must still balance in every token.
 * <ul>
 *   <li>{@link #anyBytesAsOneRecord}: the bytes are one record, as a damaged journal would hand them over;</li>
 *   <li>{@link #streamsOfWellFormedRecords}: the bytes choose a stream of well-formed records of every input type,
 *       with fields from plausible to extreme, which reaches pricing, corrections, redemptions, interest, DR events and
 *       the calendar far more often than raw bytes do.</li>
 * </ul>
 * Without {@code JAZZER_FUZZ} this runs the regression corpus in
 * {@code src/test/resources/org/gridsettle/engine/SettlementLogicFuzzTestInputs/<method>/}.
 */
class SettlementLogicFuzzTest
{
    @FuzzTest(maxDuration = "3m")
    void anyBytesAsOneRecord(final byte[] data)
    {
        final SettlementLogic logic = setUp();
        logic.apply(new UnsafeBuffer(data), 0, data.length);
        logic.ledger().checkBalanced();
    }

    @FuzzTest(maxDuration = "3m")
    void streamsOfWellFormedRecords(final FuzzedDataProvider data)
    {
        final SettlementLogic logic = setUp();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        long sequence = 100;
        for (int records = 0; records < 400 && data.remainingBytes() > 0; records++)
        {
            final int length = encode(data, buffer, ++sequence);
            logic.apply(buffer, 0, length);
            logic.ledger().checkBalanced();
        }
    }

    private static SettlementLogic setUp()
    {
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        }, 16);
        new LogicInputs(logic::apply).setUp(3);
        return logic;
    }

    private static int encode(final FuzzedDataProvider data, final UnsafeBuffer buffer, final long sequence)
    {
        final long start = EngineFixture.START + 900L * data.consumeInt(-4, 300);
        switch (data.consumeInt(0, 11))
        {
            case 0, 1, 2 ->
            {
                new MeterTickCodec().<MeterTickCodec>wrap(buffer, 0).encode(sequence, meter(data),
                    data.consumeBoolean() ? 0 : data.consumeInt(), data.consumeBoolean() ? start : data.consumeLong(),
                    data.consumeBoolean() ? 900 : data.consumeInt(), energy(data), energy(data),
                    data.consumeBoolean() ? 0 : data.consumeInt());
                return MeterTickCodec.LENGTH;
            }
            case 3 ->
            {
                new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(buffer, 0).encode(sequence,
                    data.consumeBoolean() ? 1000 + data.consumeInt(0, 10) : data.consumeLong());
                return AccountRegistrationCodec.LENGTH;
            }
            case 4 ->
            {
                new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(buffer, 0).encode(sequence, meter(data),
                    1000 + data.consumeInt(0, 5), data.consumeBoolean() ? EngineFixture.TARIFF : data.consumeLong(),
                    data.consumeBoolean() ? start : data.consumeLong(), data.consumeLong(), data.consumeLong(),
                    data.consumeBoolean() ? "N" + data.consumeInt(1, 2) : null);
                return MeterEnrolmentCodec.LENGTH;
            }
            case 5 ->
            {
                new RedemptionCodec().<RedemptionCodec>wrap(buffer, 0).encode(sequence, data.consumeInt(0, 20),
                    data.consumeBoolean() ? 1000 + data.consumeInt(0, 5) : data.consumeLong(),
                    data.consumeBoolean() ? LogicInputs.SOLAR : data.consumeLong(),
                    data.consumeBoolean() ? data.consumeLong(-10, 100_000) : data.consumeLong());
                return RedemptionCodec.LENGTH;
            }
            case 6 ->
            {
                new InterestAccrualCodec().<InterestAccrualCodec>wrap(buffer, 0).encode(sequence,
                    data.consumeInt(0, 20), data.consumeBoolean() ? LogicInputs.SOLAR : data.consumeLong(),
                    data.consumeBoolean() ? data.consumeLong(-1, 200_000) : data.consumeLong(),
                    data.consumeBoolean() ? 20_514 + data.consumeInt(-3, 10) : data.consumeLong());
                return InterestAccrualCodec.LENGTH;
            }
            case 7 ->
            {
                new CalendarCodec().<CalendarCodec>wrap(buffer, 0).encode(sequence,
                    data.consumeBoolean() ? data.consumeInt(1, 2) : data.consumeInt(),
                    data.consumeBoolean() ? start + 86_400 : data.consumeLong(),
                    data.consumeBoolean() ? EngineFixture.TARIFF : data.consumeLong());
                return CalendarCodec.LENGTH;
            }
            case 8 ->
            {
                // a DR event for the fixture tariff's meters, whole hours or not, any method code
                final long eventStart = data.consumeBoolean() ? start - Math.floorMod(start, 3_600L) : start;
                new DrEventCodec().<DrEventCodec>wrap(buffer, 0).encode(sequence, data.consumeInt(0, 6),
                    data.consumeBoolean() ? DR : data.consumeLong(),
                    data.consumeBoolean() ? EngineFixture.TARIFF : data.consumeLong(), eventStart,
                    data.consumeBoolean() ? eventStart + 3_600L * data.consumeInt(1, 4) : data.consumeLong(),
                    data.consumeBoolean() ? data.consumeLong(0, 3_000_000) : data.consumeLong(),
                    data.consumeInt(0, 3), data.consumeBoolean() ? data.consumeLong(0, 5_000) : data.consumeLong());
                return DrEventCodec.LENGTH;
            }
            case 9 ->
            {
                // oracle prices of one of two nodes, any sign, some missing; at most 50 so the 512-byte buffer holds it
                final int count = data.consumeInt(1, 50);
                final long[] prices = new long[count];
                for (int i = 0; i < count; i++)
                {
                    prices[i] = data.consumeBoolean() ? data.consumeLong(-100_000_000L, 1_000_000_000L) :
                        data.consumeBoolean() ? OraclePriceCodec.MISSING : data.consumeLong();
                }
                new OraclePriceCodec().<OraclePriceCodec>wrap(buffer, 0).encode(sequence,
                    "N" + data.consumeInt(1, 2), data.consumeBoolean() ? start : data.consumeLong(),
                    data.consumeBoolean() ? 300 : data.consumeInt(), prices, 0, count);
                return OraclePriceCodec.lengthFor(count);
            }
            case 10 ->
            {
                // a withdrawal of one of the few event ids case 8 publishes, for the fixture tariff or another
                new DrEventWithdrawalCodec().<DrEventWithdrawalCodec>wrap(buffer, 0).encode(sequence,
                    data.consumeInt(0, 6), data.consumeBoolean() ? EngineFixture.TARIFF : data.consumeLong());
                return DrEventWithdrawalCodec.LENGTH;
            }
            default ->
            {
                // raw bytes behind a header that names a random type: a damaged record
                final byte[] raw = data.consumeBytes(200);
                buffer.putBytes(0, raw);
                final int length = Math.max(raw.length, RecordFlyweight.HEADER_LENGTH);
                RecordFlyweight.putSequence(buffer, 0, sequence);
                return length;
            }
        }
    }

    private static final long DR = org.gridsettle.pricing.money.TokenSymbol.pack("DR");

    private static long meter(final FuzzedDataProvider data)
    {
        return data.consumeBoolean() ? data.consumeInt(1, 4) : data.consumeLong();
    }

    private static long energy(final FuzzedDataProvider data)
    {
        return data.consumeBoolean() ? data.consumeLong(0, 5_000) : data.consumeLong();
    }
}
