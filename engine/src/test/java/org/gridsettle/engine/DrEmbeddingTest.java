package org.gridsettle.engine;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
            engine.publishTariff(DrScenario.tariff());                                                   // 1
            engine.registerAccount(1001);                                                                  // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START,
                MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);                                           // 3
            // 17:00-19:00, declared 2 kWh an hour, 0.25 DR per kWh reduced
            engine.publishDrEvent(77, DrScenario.DR, EngineFixture.TARIFF, start, start + 7_200, 250_000,
                BaselineMethod.DECLARED, 2_000);                                                           // 4
            engine.publishDrEvent(77, DrScenario.DR, EngineFixture.TARIFF, start, start + 7_200, 250_000,
                BaselineMethod.DECLARED, 2_000);                                                           // 5: retry
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
}
