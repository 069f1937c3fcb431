package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.MeterRegistry;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A meter enrolled with reading limits has a tick refused READING_ABOVE_LIMIT when its energy averaged over its
 * interval is above the limit, before it is priced. The fixture tariff charges 0.30/kWh off-peak (EngineFixture), so
 * 1 kWh off-peak is 300,000 micro-units; 08:00-09:00 is off-peak. Limits by hand: 12,000 W import over 15 minutes is
 * 12,000 x 900 / 3,600 = 3,000 Wh; 5,000 W export over 15 minutes is 1,250 Wh, over an hour 5,000 Wh.
 */
class ReadingLimitsTest
{
    private static final long T = EngineFixture.START;
    private static final long EIGHT = T + 8 * 3_600;
    private static final int IMPORT_LIMIT_W = 12_000;
    private static final int EXPORT_LIMIT_W = 5_000;

    @TempDir
    Path dir;

    private static void setUp(final SettlementEngine engine)
    {
        engine.publishTariff(EngineFixture.tariff());                                                   // 1
        engine.registerAccount(1001);                                                                   // 2
        engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, null, IMPORT_LIMIT_W, EXPORT_LIMIT_W); // 3
    }

    @Test
    void aTickAboveALimitIsRejectedAndOneAtItIsPriced()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine);
            engine.submitTick(1, 0, EIGHT, 900, 3_000, 0);                  // 4: exactly the import limit
            engine.submitTick(1, 0, EIGHT + 900, 900, 3_001, 0);            // 5: 1 Wh above it
            engine.submitTick(1, 0, EIGHT + 1_800, 900, 0, 1_251);          // 6: export 1 Wh above 1,250
            engine.submitTick(1, 0, EIGHT + 2_700, 900, 0, 1_250);          // 7: export at the limit
            engine.submitTick(1, 1, EIGHT, 3_600, 0, 5_000);                // 8: an hour, the export limit
            engine.submitCorrection(1, 0, EIGHT, 900, 9_000_000_000L, 0);  // 9: a correction above it too
            engine.submitTick(1, 0, EIGHT + 900, 900, 1_000, 0);            // 10: the refused interval, plausible
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(900_000);      // 3 kWh x 0.30
        for (final long above : new long[] {5, 6, 9})
        {
            assertThat(out.causedBy(above)).as("input %d", above).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(above).get(0))).as("input %d", above)
                .isEqualTo(ReasonCode.READING_ABOVE_LIMIT);
        }
        assertThat(Outputs.transfer(out.causedBy(7).get(0)).amount()).isPositive();
        assertThat(Outputs.transfer(out.causedBy(8).get(0)).amount()).isPositive();
        // the refused reading was kept nowhere: the same interval is then settled as a new tick
        assertThat(Outputs.transfer(out.causedBy(10).get(0)).amount()).isEqualTo(300_000);
    }

    @Test
    void aReEnrolmentWithoutLimitsClearsThem()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine);
            engine.submitTick(1, 0, EIGHT, 900, 3_001, 0);                                   // 4: refused
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T);                             // 5: no limits
            engine.submitTick(1, 0, EIGHT, 900, 3_001, 0);                                   // 6: now priced
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.READING_ABOVE_LIMIT);
        assertThat(out.causedBy(5)).isEmpty();
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).amount()).isEqualTo(900_300);     // 3.001 kWh x 0.30
    }

    @Test
    void aRetryOfASettledReadingIsAcknowledgedAfterALimitWasLoweredAndANewValueAboveItIsRefused()
    {
        // 3,000 Wh in 900 s is 12 kW: at the first limit; the second, 10 kW, allows 2,500 Wh a quarter hour
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            setUp(engine);                                                                   // 1..3: 12 kW
            engine.submitTick(1, 0, EIGHT, 900, 3_000, 0);                                   // 4: priced
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, null, 10_000, 0);      // 5: 10 kW
            engine.submitTick(1, 0, EIGHT, 900, 3_000, 0);                                   // 6: the same again
            engine.submitCorrection(1, 0, EIGHT, 900, 2_800, 0);                             // 7: still above
            engine.submitTick(1, 0, EIGHT, 900, 2_000, 0);                                   // 8: another value
            engine.submitCorrection(1, 0, EIGHT, 900, 2_000, 0);                             // 9: under it
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(900_000);      // 3 kWh x 0.30
        assertThat(out.causedBy(6)).hasSize(1);
        assertThat(Outputs.isDuplicateAck(out.causedBy(6).get(0))).isTrue();
        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.READING_ABOVE_LIMIT);
        assertThat(Outputs.rejection(out.causedBy(8).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
        // the correction reverses 0.90 and prices 2 kWh x 0.30 = 0.60
        assertThat(out.causedBy(9)).extracting(r -> Outputs.transfer(r).amount()).containsExactly(900_000L, 600_000L);
    }

    @Test
    void theLimitsSurviveASnapshotAndGiveTheSameOutputsAsARunWithoutOne()
    {
        final Path once = dir.resolve("once");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(once).snapshotInterval(0).build().start())
        {
            setUp(engine);
            engine.submitTick(1, 0, EIGHT, 900, 3_001, 0);
            engine.submitTick(1, 0, EIGHT + 900, 900, 3_001, 0);
        }
        final Path twice = dir.resolve("twice");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(twice).snapshotInterval(1_000).build()
            .start())
        {
            setUp(engine);
            engine.submitTick(1, 0, EIGHT, 900, 3_001, 0);
        }                                                                   // a snapshot at shutdown
        final SettlementEngine restarted = SettlementEngine.builder().journalDir(twice).snapshotInterval(0).build()
            .start();
        try (restarted)
        {
            assertThat(restarted.recoveryNotes()).anyMatch(n -> n.contains("loaded snapshot"));
            restarted.submitTick(1, 0, EIGHT + 900, 900, 3_001, 0);
        }
        final List<ReasonCode> expected = rejections(Outputs.of(once));
        assertThat(expected).containsExactly(ReasonCode.READING_ABOVE_LIMIT, ReasonCode.READING_ABOVE_LIMIT);
        assertThat(rejections(Outputs.of(twice))).isEqualTo(expected);
    }

    @Test
    void aNegativeLimitIsRefusedBeforeAnythingIsSubmitted()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThatThrownBy(() -> engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, null, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("import -1");
            assertThat(engine.appliedSequence()).isZero();
        }
    }

    /**
     * The engine's API refuses a negative limit, but a journal is input too, and one written by another writer (or
     * altered) may hold one: replayed, that enrolment is MALFORMED, about its meter, and enrols nothing, rather than
     * taken as no limit, so the meter's readings are refused as of a meter not enrolled.
     */
    @Test
    void aJournalledEnrolmentWithANegativeLimitIsMalformedAndEnrolsNothing()
    {
        final List<byte[]> outputs = new ArrayList<>();
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            outputs.add(copy);
        });
        new LogicInputs(logic::apply).setUp(0);                                                         // 1: tariff
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        new AccountRegistrationCodec().<AccountRegistrationCodec>wrap(record, 0).encode(2, 1001);             // 2
        logic.apply(record, 0, AccountRegistrationCodec.LENGTH);
        new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(record, 0)
            .encode(3, 1, 1001, EngineFixture.TARIFF, T, 0, 0, null, -1, EXPORT_LIMIT_W);              // 3
        logic.apply(record, 0, MeterEnrolmentCodec.LIMITED_LENGTH);

        final List<byte[]> rejected = Outputs.ofRecords(outputs).causedBy(3);
        assertThat(rejected).hasSize(1);
        assertThat(Outputs.rejection(rejected.get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(new RejectionCodec().<RejectionCodec>wrap(new UnsafeBuffer(rejected.get(0)), 0).subject()).isEqualTo(1);
        assertThat(logic.meters().indexOf(1)).isEqualTo(MeterRegistry.NO_METER);
    }

    private static List<ReasonCode> rejections(final Outputs out)
    {
        return out.all().stream().filter(r -> Outputs.type(r) == RecordType.REJECTION.id()).map(Outputs::rejection)
            .toList();
    }
}
