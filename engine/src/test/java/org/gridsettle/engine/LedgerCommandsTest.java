package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.chain.XxHash64;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerCommandsTest
{
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    private static final long NOON = EngineFixture.START + 12 * 3600; // off-peak export 50,000 µ/kWh

    @TempDir
    Path dir;

    @Test
    void redemptionBurnsTokensIsIdempotentAndNeverOverdraws()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);                     // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);       // 4: 2 kWh x 0.05 = 100,000 µ SOLAR minted
            engine.redeem(77, 1001, SOLAR, 60_000);             // 5: burns 60,000
            engine.redeem(77, 1001, SOLAR, 60_000);             // 6: retry of request 77: acknowledged, no burn
            engine.redeem(78, 1001, SOLAR, 40_001);             // 7: one micro-unit more than is left
            engine.redeem(79, 9999, SOLAR, 1);                  // 8: no such account
        }
        final Outputs out = Outputs.of(dir);
        final TransferCodec burn = Outputs.transfer(out.causedBy(5).get(0));
        assertThat(burn.debitAccount()).isEqualTo(1001);
        assertThat(burn.creditAccount()).isEqualTo(SystemAccounts.ISSUANCE);
        assertThat(burn.reasonCode()).isEqualTo(ReasonCode.REDEMPTION.code());
        assertThat(out.causedBy(6)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.INSUFFICIENT_BALANCE);
        assertThat(Outputs.rejection(out.causedBy(8).get(0))).isEqualTo(ReasonCode.UNKNOWN_ACCOUNT);

        final Ledger ledger = engine.ledger();
        final int solar = ledger.findToken(SOLAR);
        assertThat(ledger.balance(1001, solar)).isEqualTo(40_000);
        // supply (minus the issuance balance) fell by exactly the burn: reserve-backed 1:1
        assertThat(-ledger.balance(SystemAccounts.ISSUANCE, solar)).isEqualTo(40_000);
    }

    @Test
    void interestCompoundsTheApyDailyWithOneHalfEvenRounding()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 2);                      // inputs 1..5
            // 20,000 kWh exported at 0.05 = 1,000,000,000 µ SOLAR for meter 1; 140 kWh = 7,000,000 µ for meter 2
            engine.submitTick(1, 0, NOON, 900, 0, 20_000_000);   // 6
            engine.submitTick(2, 0, NOON, 900, 0, 140_000);      // 7
            engine.accrueInterest(1, SOLAR, 500, 20_514);        // 8: 5% APY for 2026-03-02
            engine.accrueInterest(2, SOLAR, 500, 20_514);        // 9: same day again: acknowledged, pays nothing
            engine.accrueInterest(3, SOLAR, 500, 20_516);        // 10: 2026-03-04; 03-03 is skipped
            engine.accrueInterest(4, SOLAR, 500, 20_515);        // 11: 03-03 late: never paid, so never acknowledged
            engine.accrueInterest(5, SOLAR, 500, 20_516);        // 12: the last day again: acknowledged
            engine.accrueInterest(6, SOLAR, 900, 20_516);        // 13: the last day at another APY: refused
        }
        // daily rate = 1.05^(1/365) - 1 = 0.000133680617113440 (to 18 places, half-even; Python decimal, prec 50)
        // 1,000,000,000 x r = 133,680.617 -> 133,681;  7,000,000 x r = 935.764 -> 936
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(8)).hasSize(2);
        final TransferCodec first = Outputs.transfer(out.causedBy(8).get(0));
        final TransferCodec second = Outputs.transfer(out.causedBy(8).get(1));
        assertThat(first.creditAccount()).isEqualTo(1001);
        assertThat(first.amount()).isEqualTo(133_681);
        assertThat(first.debitAccount()).isEqualTo(SystemAccounts.YIELD);
        assertThat(second.creditAccount()).isEqualTo(1002);
        assertThat(second.amount()).isEqualTo(936);
        assertThat(out.causedBy(9)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(out.causedBy(10)).hasSize(2);
        assertThat(out.causedBy(11)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(11).get(0))).isEqualTo(ReasonCode.OUT_OF_ORDER);
        assertThat(out.causedBy(12)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        // before, acknowledged as if the corrected APY had been paid
        assertThat(out.causedBy(13)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(13).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
    }

    @Test
    void theApyOfTheLastAccruedDayOutlivesARestartFromASnapshot()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                      // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);        // 4
            engine.accrueInterest(1, SOLAR, 500, 20_514);        // 5
        }                                                        // a snapshot is written at a clean close
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveryNotes()).anyMatch((n) -> n.startsWith("loaded snapshot"));
            engine.accrueInterest(2, SOLAR, 500, 20_514);        // 6: same APY: acknowledged
            engine.accrueInterest(3, SOLAR, 700, 20_514);        // 7: another: refused
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(6)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
    }

    @Test
    void aSnapshotWrittenBeforeTheApysWereKeptIsNotUsedOnceADayWasAccrued() throws Exception
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                      // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);        // 4
            engine.accrueInterest(1, SOLAR, 500, 20_514);        // 5
        }
        // as the build before wrote it: the state ends before the APYs' section (a count of 1, token and APY)
        final Path snapshot = new SnapshotStore(dir.resolve("snapshots")).newestFirst().get(0);
        final byte[] bytes = Files.readAllBytes(snapshot);
        final int stateEnd = bytes.length - Long.BYTES - (Integer.BYTES + 2 * Long.BYTES);
        assertThat(ByteBuffer.wrap(bytes).getInt(stateEnd)).as("one APY").isEqualTo(1);
        final byte[] former = Arrays.copyOf(bytes, stateEnd + Long.BYTES);
        new UnsafeBuffer(former).putLong(stateEnd, XxHash64.hash(new UnsafeBuffer(former), 0, stateEnd, 0),
            ByteOrder.BIG_ENDIAN);
        Files.write(snapshot, former);

        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            // loaded, its repeat of day 20,514 would be acknowledged whatever its APY, where a replay refuses one
            assertThat(engine.recoveryNotes()).anyMatch((n) -> n.contains("predates the APYs"));
            engine.accrueInterest(2, SOLAR, 700, 20_514);        // 6
        }
        assertThat(Outputs.rejection(Outputs.of(dir).causedBy(6).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
    }

    @Test
    void calendarEventsPostFixedChargesAndClosingAPeriodRejectsLateTicksButNotCorrections()
    {
        final long endOfDay = EngineFixture.START + 86_400;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            final TouTariff tariff = EngineFixture.tariff().withFixedCharges(330_000, 10_000_000);
            engine.publishTariff(tariff);                                       // 1
            engine.registerAccount(1001);                                       // 2
            engine.registerAccount(1002);                                       // 3
            engine.enrolMeter(2, 1002, EngineFixture.TARIFF, EngineFixture.START); // 4
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START); // 5
            engine.submitTick(1, 0, NOON, 900, 100, 0);                         // 6
            engine.calendar(CalendarCodec.END_OF_DAY, endOfDay, EngineFixture.TARIFF);   // 7
            engine.calendar(CalendarCodec.END_OF_DAY, endOfDay, EngineFixture.TARIFF);   // 8: a retry
            engine.calendar(CalendarCodec.PERIOD_CLOSE, endOfDay, EngineFixture.TARIFF); // 9
            engine.submitTick(1, 0, NOON + 900, 900, 100, 0);                   // 10: closed period
            engine.submitCorrection(1, 0, NOON, 900, 120, 0);                   // 11: corrections still go in
            engine.submitTick(1, 0, endOfDay, 900, 100, 0);                     // 12: next period is open
            engine.submitTick(1, 0, NOON, 900, 120, 0);                         // 13: a retry of the corrected tick
            engine.submitTick(1, 0, NOON, 900, 100, 0);                         // 14: the values it replaced
        }
        final Outputs out = Outputs.of(dir);
        // daily charges in enrolment order: meter 2 (enrolled first) then meter 1, 0.33 each
        assertThat(out.causedBy(7)).hasSize(2);
        assertThat(Outputs.transfer(out.causedBy(7).get(0)).meterId()).isEqualTo(2);
        assertThat(Outputs.transfer(out.causedBy(7).get(0)).amount()).isEqualTo(330_000);
        assertThat(Outputs.transfer(out.causedBy(7).get(1)).meterId()).isEqualTo(1);
        assertThat(Outputs.transfer(out.causedBy(7).get(1)).reasonCode()).isEqualTo(ReasonCode.FIXED_CHARGE.code());
        assertThat(out.causedBy(8)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(out.causedBy(9)).hasSize(2);
        assertThat(Outputs.transfer(out.causedBy(9).get(0)).amount()).isEqualTo(10_000_000);
        assertThat(Outputs.rejection(out.causedBy(10).get(0))).isEqualTo(ReasonCode.PERIOD_CLOSED);
        assertThat(out.causedBy(11)).hasSize(2);
        assertThat(out.causedBy(12)).hasSize(1);
        // a retry of a tick settled before the close is acknowledged, whatever is not is still refused as late
        assertThat(out.causedBy(13)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(Outputs.rejection(out.causedBy(14).get(0))).isEqualTo(ReasonCode.PERIOD_CLOSED);
    }

    @Test
    void aFixedChargeIsPostedOncePerLocalDayAndOncePerBillingPeriodWhateverTheEventsInstant()
    {
        // before, each END_OF_DAY or PERIOD_CLOSE at a later instant charged again: three daily charges for one day
        final long endOfDay = EngineFixture.START + 86_400;          // 2026-03-03T00:00 local ends 03-02
        final long usd = TokenSymbol.pack("USD");
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            engine.publishTariff(EngineFixture.tariff().withFixedCharges(1_000_000, 10_000_000)); // 1
            engine.registerAccount(1001);                                                       // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, EngineFixture.START);              // 3
            engine.calendar(CalendarCodec.END_OF_DAY, endOfDay, EngineFixture.TARIFF);          // 4: charges 03-02
            engine.calendar(CalendarCodec.END_OF_DAY, endOfDay + 1, EngineFixture.TARIFF);      // 5: 03-03 begun
            engine.calendar(CalendarCodec.END_OF_DAY, endOfDay + 3_600, EngineFixture.TARIFF);  // 6: still 03-03
            engine.calendar(CalendarCodec.END_OF_DAY, endOfDay + 86_400, EngineFixture.TARIFF); // 7: ends 03-03
            engine.calendar(CalendarCodec.PERIOD_CLOSE, endOfDay, EngineFixture.TARIFF);        // 8: March
            engine.calendar(CalendarCodec.PERIOD_CLOSE, endOfDay + 86_400, EngineFixture.TARIFF); // 9: still March
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(1_000_000);
        // 5 is the first event in 03-03 and charges that day; 6 and 7 end the same day and charge nothing more
        assertThat(out.causedBy(5)).hasSize(1);
        assertThat(out.causedBy(6)).isEmpty();
        assertThat(out.causedBy(7)).isEmpty();
        assertThat(out.causedBy(8)).hasSize(1);
        assertThat(Outputs.transfer(out.causedBy(8).get(0)).amount()).isEqualTo(10_000_000);
        assertThat(out.causedBy(9)).isEmpty();
        // two daily charges and one monthly: 1 + 1 + 10 USD
        assertThat(engine.ledger().balance(1001, engine.ledger().findToken(usd))).isEqualTo(-12_000_000);
    }

    @Test
    void balanceQueriesAnswerAsOfANamedInputSequence() throws Exception
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                     // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);       // 4: 100,000 µ SOLAR
            final Balance before = engine.queryBalance(1001, SOLAR).get();
            engine.redeem(5, 1001, SOLAR, 30_000);              // 5
            final Balance after = engine.queryBalance(1001, SOLAR).get();
            assertThat(before.micros()).isEqualTo(100_000);
            assertThat(before.asOfSequence()).isEqualTo(4);
            assertThat(after.micros()).isEqualTo(70_000);
            assertThat(after.asOfSequence()).isEqualTo(5);
            assertThat(after.token()).isEqualTo("SOLAR");
        }
    }

    @Test
    void aBalanceAnswerCoversOnlyInputsWhoseBatchIsFinished() throws Exception
    {
        // The tick and the query often reach the business-logic thread in one Disruptor batch, the query last.
        // The answer must then wait for the batch's end (ledger check, journals flushed, applied sequence):
        // before that fix, appliedSequence() lagged asOfSequence() in most of these rounds.
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);
            for (int i = 0; i < 200; i++)
            {
                engine.submitTick(1, 0, NOON + i * 900L, 900, 100, 0);
                final Balance balance = engine.queryBalance(1001, TokenSymbol.pack("USD")).get();
                assertThat(engine.appliedSequence()).as("round %d", i).isGreaterThanOrEqualTo(balance.asOfSequence());
                assertThat(balance.asOfSequence()).isEqualTo(4 + i);
            }
        }
    }

    @Test
    void aRequestIdReusedForAnotherRedemptionIsRejectedAlsoAfterARestartFromASnapshot()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                     // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);       // 4: 100,000 µ SOLAR
            engine.redeem(5, 1001, SOLAR, 30_000);              // 5: burns 30,000
            engine.redeem(5, 1001, SOLAR, 40_000);              // 6: id 5 again, another amount
        }                                                       // a snapshot is written at a clean close
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.recoveryNotes()).anyMatch((note) -> note.startsWith("loaded snapshot"));
            engine.redeem(5, 1001, SOLAR, 30_000);              // 7: a retry of request 5
            engine.redeem(5, 1001, SOLAR, 30_001);              // 8: id 5 for another amount, after the restart
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).amount()).isEqualTo(30_000);
        // acknowledging 6 or 8 would tell the host that a redemption of 40,000 or 30,001 was paid
        assertThat(Outputs.rejection(out.causedBy(6).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
        assertThat(out.causedBy(7)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(Outputs.rejection(out.causedBy(8).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
    }
}
