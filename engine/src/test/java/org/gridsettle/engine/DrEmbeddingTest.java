package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host publishes a DR event through {@link SettlementEngine#publishDrEvent}: it is journalled, settles at the
 * tariff's end of day, queries back, and replays to identical outputs.
 */
class DrEmbeddingTest
{
    @TempDir
    Path dir;

    @Test
    void aHostPublishesADeclaredBaselineEventAndTheCreditReplays() throws Exception
    {
        final long start = DrScenario.at(0, 17);
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        final long dr;
        try (engine)
        {
            setUpDeclaredEvent(engine, start);                                                             // 1..4
            publishDeclaredEvent(engine, start);                                                           // 5: retry
            for (int q = 0; q < 96; q++)
            {
                // 300 Wh a quarter hour (1.2 kWh an hour) all day
                engine.submitTick(1, 0, EngineFixture.START + q * 900L, 900, 300, 0);                     // 6..101
            }
            engine.calendar(CalendarCodec.END_OF_DAY, DrScenario.at(1, 0), EngineFixture.TARIFF);       // 102
            final long balance = engine.queryBalance(1001, DrScenario.DR).get().micros();
            // (2,000 - 1,200) x 2 hours = 1,600 Wh x 0.25 = 0.400000 DR
            assertThat(balance).isEqualTo(400_000);
            dr = balance;
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.isDuplicateAck(out.causedBy(5).get(0))).isTrue();
        final List<byte[]> settled = out.causedBy(102);
        assertThat(settled).hasSize(2);
        final TransferCodec funding = Outputs.transfer(settled.get(0));
        assertThat(funding.debitAccount()).isEqualTo(SystemAccounts.ISSUANCE);
        assertThat(funding.creditAccount()).isEqualTo(SystemAccounts.DR_FUND);
        final TransferCodec credit = Outputs.transfer(settled.get(1));
        assertThat(credit.reasonCode()).isEqualTo(ReasonCode.DR_INCENTIVE.code());
        assertThat(credit.energyWh()).isEqualTo(1_600);
        assertThat(credit.rate()).isEqualTo(250_000);
        assertThat(credit.amount()).isEqualTo(dr);
        assertThat(out.all().stream().filter(r -> Outputs.type(r) == RecordType.REJECTION.id())).isEmpty();

        final ReplayReport report = new JournalReplay(dir, Long.MAX_VALUE).run();
        assertThat(report.identical()).isTrue();
        assertThat(report.inputs()).isEqualTo(102);
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    void aHostWithdrawsAnEventAndItStaysWithdrawnAcrossARestart(final boolean snapshots) throws Exception
    {
        final long start = DrScenario.at(0, 17);
        try (SettlementEngine first = SettlementEngine.builder().journalDir(dir).snapshots(snapshots).build().start())
        {
            // the event of the test above, which would credit 0.400000 DR
            setUpDeclaredEvent(first, start);                                                               // 1..4
            for (int q = 0; q < 96; q++)
            {
                first.submitTick(1, 0, EngineFixture.START + q * 900L, 900, 300, 0);                        // 5..100
            }
            first.withdrawDrEvent(77, EngineFixture.TARIFF);                                                // 101
        }   // with snapshots, one is taken at this shutdown; without, the restart re-applies the whole journal
        try (SettlementEngine second = SettlementEngine.builder().journalDir(dir).snapshots(snapshots).build().start())
        {
            assertThat(second.recoveryNotes().stream().anyMatch(n -> n.contains("loaded snapshot")))
                .isEqualTo(snapshots);
            second.withdrawDrEvent(77, EngineFixture.TARIFF);                                               // 102
            publishDeclaredEvent(second, start);                                                            // 103
            second.calendar(CalendarCodec.END_OF_DAY, DrScenario.at(1, 0), EngineFixture.TARIFF);         // 104
            assertThat(second.queryBalance(1001, DrScenario.DR).get().micros()).isZero();
            assertThat(second.queryBalance(SystemAccounts.DR_FUND, DrScenario.DR).get().micros()).isZero();
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(101)).isEmpty();
        assertThat(out.causedBy(102)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(out.causedBy(103)).hasSize(1)
            .allSatisfy(r -> assertThat(Outputs.rejection(r)).isEqualTo(ReasonCode.DR_EVENT_WITHDRAWN));
        assertThat(out.causedBy(104)).noneMatch(r -> Outputs.type(r) == RecordType.TRANSFER.id() &&
            Outputs.transfer(r).reasonCode() == ReasonCode.DR_INCENTIVE.code());
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).run().identical()).isTrue();
    }

    /** A tariff, account 1001 and DR meter 1, then event 77: inputs 1 to 4. */
    private static void setUpDeclaredEvent(final SettlementEngine engine, final long start)
    {
        engine.publishTariff(DrScenario.tariff());
        engine.registerAccount(1001);
        engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START,
            MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);
        publishDeclaredEvent(engine, start);
    }

    /** Event 77: two hours from start, declared 2 kWh an hour, 0.25 DR per kWh reduced. */
    private static void publishDeclaredEvent(final SettlementEngine engine, final long start)
    {
        engine.publishDrEvent(77, DrScenario.DR, EngineFixture.TARIFF, start, start + 7_200, 250_000,
            BaselineMethod.DECLARED, 2_000);
    }

    @Test
    void anEventAcrossADaylightSavingChangeIsRefused()
    {
        // Sunday 2026-03-08 in Los Angeles: 02:00 does not exist, so 01:00-04:00 local is two real hours, and
        // Sunday 2026-11-01: 01:00 happens twice, so 00:00-03:00 local is four real hours
        final java.time.ZoneId zone = EngineFixture.ZONE;
        final long springFrom = java.time.ZonedDateTime.of(2026, 3, 8, 1, 0, 0, 0, zone).toEpochSecond();
        final long springTo = java.time.ZonedDateTime.of(2026, 3, 8, 4, 0, 0, 0, zone).toEpochSecond();
        final long fallFrom = java.time.ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, zone).toEpochSecond();
        final long fallTo = java.time.ZonedDateTime.of(2026, 11, 1, 3, 0, 0, 0, zone).toEpochSecond();
        final long later = java.time.ZonedDateTime.of(2026, 11, 1, 17, 0, 0, 0, zone).toEpochSecond();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(DrScenario.tariff());                                                   // 1
            engine.publishDrEvent(1, DrScenario.DR, EngineFixture.TARIFF, springFrom, springTo, 250_000,
                BaselineMethod.DECLARED, 2_000);                                                           // 2
            engine.publishDrEvent(2, DrScenario.DR, EngineFixture.TARIFF, fallFrom, fallTo, 250_000,
                BaselineMethod.DECLARED, 2_000);                                                           // 3
            // the fall-back day again, 17:00-19:00: accepted
            engine.publishDrEvent(3, DrScenario.DR, EngineFixture.TARIFF, later, later + 7_200, 250_000,
                BaselineMethod.DECLARED, 2_000);                                                           // 4
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(2).get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(Outputs.rejection(out.causedBy(3).get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(out.causedBy(4)).isEmpty();
    }

    /**
     * The overload with an OpenADR modification number journals it (DR_EVENT schema 2, 104 bytes) and settles exactly
     * as without it: a resend at a higher modification with the same settling fields is a duplicate, one with other
     * hours is a conflict whatever its modification, and the event pays the first test's 0.400000 DR. An event
     * published without a number is the schema-1 record it always was; a negative number is refused before anything
     * is submitted.
     */
    @Test
    void aModificationNumberIsJournalledAndDoesNotChangeHowTheEventSettles() throws Exception
    {
        final long start = DrScenario.at(0, 17);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(DrScenario.tariff());                                                    // 1
            engine.registerAccount(1001);                                                                 // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START,
                MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);                                         // 3
            engine.publishDrEvent(77, DrScenario.DR, EngineFixture.TARIFF, start, start + 7_200, 250_000,
                BaselineMethod.DECLARED, 2_000, 3);                                                       // 4
            engine.publishDrEvent(77, DrScenario.DR, EngineFixture.TARIFF, start, start + 7_200, 250_000,
                BaselineMethod.DECLARED, 2_000, 4);                                                       // 5: resend
            engine.publishDrEvent(77, DrScenario.DR, EngineFixture.TARIFF, start + 3_600, start + 7_200, 250_000,
                BaselineMethod.DECLARED, 2_000, 5);                                                       // 6: changed
            assertThatThrownBy(() -> engine.publishDrEvent(78, DrScenario.DR, EngineFixture.TARIFF,
                start - 7_200, start, 250_000, BaselineMethod.DECLARED, 2_000, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modificationNumber");
            publishDeclaredEvent(engine, start);                                                          // 7
            for (int q = 0; q < 96; q++)
            {
                engine.submitTick(1, 0, EngineFixture.START + q * 900L, 900, 300, 0);                    // 8..103
            }
            engine.calendar(CalendarCodec.END_OF_DAY, DrScenario.at(1, 0), EngineFixture.TARIFF);      // 104
            // the first test's event and readings: (2,000 - 1,200) x 2 hours = 1,600 Wh x 0.25 = 0.400000 DR
            assertThat(engine.queryBalance(1001, DrScenario.DR).get().micros()).isEqualTo(400_000);
            assertThat(engine.fatalError()).isNull();
        }
        final List<byte[]> inputs = EngineFixture.readAll(org.gridsettle.journal.Journals.input(dir));
        assertThat(inputs).hasSize(104);
        final DrEventCodec published = new DrEventCodec().wrap(new UnsafeBuffer(inputs.get(3)), 0);
        assertThat(RecordFlyweight.schemaVersionAt(published.buffer(), 0)).isEqualTo(2);
        assertThat(published.encodedLength()).isEqualTo(DrEventCodec.MODIFIED_LENGTH);
        assertThat(published.modificationNumber()).isEqualTo(3);
        final DrEventCodec without = new DrEventCodec().wrap(new UnsafeBuffer(inputs.get(6)), 0);
        assertThat(RecordFlyweight.schemaVersionAt(without.buffer(), 0)).isEqualTo(1);
        assertThat(without.encodedLength()).isEqualTo(DrEventCodec.LENGTH);
        assertThat(without.modificationNumber()).isEqualTo(DrEventCodec.UNKNOWN_MODIFICATION);
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(5)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(Outputs.rejection(out.causedBy(6).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
        assertThat(out.causedBy(7)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).run().identical()).isTrue();
    }
}
