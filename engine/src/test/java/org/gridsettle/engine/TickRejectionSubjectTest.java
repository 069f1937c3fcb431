package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rejection of a tick or correction names its meter (FORMAT.md section 5, REJECTION subject), also one refused
 * as MALFORMED because its interval start lies outside the years the tariffs' zone tables place instants in
 * ({@link ZoneOffsetTable#FIRST_YEAR} to {@link ZoneOffsetTable#LAST_YEAR}) though within the 2^37 s the correction
 * window's keys hold. Before, such a tick reached the zone lookup, which threw, and was rejected with subject 0.
 */
class TickRejectionSubjectTest
{
    private static final long METER = 7;
    private static final long HOUR = 3_600;

    @TempDir
    Path dir;

    @Test
    void aTickOrCorrectionRefusedAsMalformedNamesItsMeterAndLaterTicksArePriced()
    {
        final long year6000 = ZonedDateTime.of(6000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
        final long year2101 = ZonedDateTime.of(2101, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
        final long eight = EngineFixture.START + 8 * HOUR;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(EngineFixture.tariff());                                      // 1
            engine.registerAccount(1007);                                                      // 2
            engine.enrolMeter(METER, 1007, EngineFixture.TARIFF, EngineFixture.START);         // 3
            engine.submitTick(METER, 0, TickWindow.MAX_START, 900, 100, 0);                    // 4: the keys' end
            engine.submitTick(METER, 0, year6000, 900, 100, 0);                                // 5
            engine.submitTick(METER, 0, year2101, 900, 100, 0);                                // 6: past 2100
            engine.submitTick(METER, 0, TickWindow.MAX_START + 1, 900, 100, 0);                // 7: past the keys
            engine.submitCorrection(METER, 0, TickWindow.MAX_START + 1, 900, 100, 0);          // 8
            engine.submitTick(METER, 0, eight, TickWindow.MAX_INTERVAL_SECONDS + 1, 100, 0);   // 9
            engine.submitCorrection(METER, 0, eight, TickWindow.MAX_INTERVAL_SECONDS + 1, 1, 0); // 10
            engine.submitTick(METER, 16, eight, 900, 100, 0);                                  // 11: channel > 15
            engine.submitTick(METER, 0, eight, 900, 1_000, 0);                                 // 12: priced
        }
        final Outputs out = Outputs.of(dir);
        for (final long malformed : new long[] {4, 5, 6, 7, 8, 9, 10, 11})
        {
            assertThat(out.causedBy(malformed)).as("input %d", malformed).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(malformed).get(0))).as("input %d", malformed)
                .isEqualTo(ReasonCode.MALFORMED);
            assertThat(Outputs.rejectionSubject(out.causedBy(malformed).get(0))).as("input %d", malformed)
                .isEqualTo(METER);
        }
        // 1 kWh off-peak at the fixture's 0.30/kWh
        assertThat(Outputs.transfer(out.causedBy(12).get(0)).amount()).isEqualTo(300_000);
    }

    /**
     * A tick whose flags set a bit with no meaning (the API sets only {@link MeterTickCodec#FLAG_CORRECTION}, but a
     * journal written by another writer, or altered, may hold one) is MALFORMED about its meter and remembers nothing:
     * the engine cannot honour what the bit asks for. Before, unknown bits were ignored and the tick priced.
     */
    @Test
    void aTickWithAFlagBitThatHasNoMeaningIsMalformedAndRemembersNothing()
    {
        final List<byte[]> outputs = new ArrayList<>();
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            outputs.add(copy);
        });
        new LogicInputs(logic::apply).setUp(1);                                    // 1-3: tariff, account, meter 1
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        final MeterTickCodec tick = new MeterTickCodec().wrap(record, 0);
        final long eight = EngineFixture.START + 8 * HOUR;
        final int[] flags = {2, 0x80, MeterTickCodec.FLAG_CORRECTION | 4, 0};
        for (int i = 0; i < flags.length; i++)
        {
            tick.encode(4 + i, 1, 0, eight, 900, 1_000, 0, flags[i]);              // 4-7
            logic.apply(record, 0, MeterTickCodec.LENGTH);
        }
        final Outputs out = Outputs.ofRecords(outputs);
        for (final long malformed : new long[] {4, 5, 6})
        {
            assertThat(out.causedBy(malformed)).as("input %d", malformed).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(malformed).get(0))).isEqualTo(ReasonCode.MALFORMED);
            assertThat(Outputs.rejectionSubject(out.causedBy(malformed).get(0))).isEqualTo(1L);
        }
        // nothing remembered: the same tick with no flags is new, priced 1 kWh off-peak at the fixture's 0.30/kWh
        assertThat(Outputs.transfer(out.causedBy(7).get(0)).amount()).isEqualTo(300_000);
    }
}
