package org.gridsettle.engine;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.JournalReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Net billing with hourly netting, the hand-worked example of pricing/README.md: the fixture tariff at 00:00-02:00
 * local on Monday 2026-03-02 is off-peak, import 0.30/kWh (300,000 µ/kWh), TOU export 0.05/kWh (50,000 µ/kWh).
 */
class HourlyNettingTest
{
    private static final long T = EngineFixture.START;
    private static final long USD = TokenSymbol.pack("USD");
    private static final long SOLAR = TokenSymbol.pack("SOLAR");

    @TempDir
    Path dir;

    @Test
    void anHourWhoseChargesTimesOffsetPassTwoToTheSixtyThreeIsStillNetted()
    {
        final TouTariff tariff = EngineFixture.tariff().withExportRule(ExportRule.NET_BILLING_HOURLY, 0);
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            engine.publishTariff(tariff);                                          // 1
            engine.registerAccount(1001);                                          // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T);                   // 3
            engine.submitTick(1, 0, T, 900, 200_000_000L, 200_000_000L);           // 4: 200 MWh each way
            engine.submitTick(1, 0, T + 3600, 900, 100, 0);                        // 5: closes hour 0
            engine.submitTick(1, 0, T + 3600, 900, 100, 0);                        // 6: its retry
        }
        final Outputs out = Outputs.of(dir);
        // hour 0: I = E = O = 200,000,000 Wh; C = 200,000 kWh x 300,000 µ = 6e10 µ, K = 200,000 kWh x 50,000 µ
        // = 1e10 µ. C x O = 1.2e19 is beyond 2^63 (9.2e18), which rejected tick 5 after its own posting.
        // Charges back = 6e10 x O / I = 6e10 µ USD; credits back = 1e10 µ SOLAR.
        final List<byte[]> five = out.causedBy(5);
        assertThat(five).noneMatch(r -> Outputs.type(r) == RecordType.REJECTION.id());
        assertThat(five).hasSize(3);
        assertThat(Outputs.transfer(five.get(1)).reasonCode()).isEqualTo(ReasonCode.HOURLY_NETTING.code());
        assertThat(Outputs.transfer(five.get(1)).amount()).isEqualTo(60_000_000_000L);
        assertThat(Outputs.transfer(five.get(2)).amount()).isEqualTo(10_000_000_000L);
        assertThat(out.causedBy(6)).hasSize(1).allMatch(Outputs::isDuplicateAck);
    }

    @Test
    void anHourIsNettedWhenALaterTickOrTheEndOfDayClosesItAndReNettedByACorrection()
    {
        final TouTariff tariff = EngineFixture.tariff().withExportRule(ExportRule.NET_BILLING_HOURLY, 0);
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            engine.publishTariff(tariff);                                          // 1
            engine.registerAccount(1001);                                          // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T);                   // 3
            engine.submitTick(1, 0, T, 900, 400, 0);                               // 4: charge 120,000
            engine.submitTick(1, 0, T + 900, 900, 0, 1_000);                       // 5: credit 50,000
            engine.submitTick(1, 0, T + 1800, 900, 200, 300);                      // 6: 60,000 and 15,000
            engine.submitTick(1, 0, T + 2700, 900, 100, 0);                        // 7: charge 30,000
            engine.submitTick(1, 0, T + 3600, 900, 500, 100);                      // 8: closes hour 0
            engine.submitCorrection(1, 0, T + 2700, 900, 1_000, 0);                // 9: re-nets hour 0
            engine.calendar(CalendarCodec.END_OF_DAY, T + 86_400, EngineFixture.TARIFF); // 10: closes hour 1
            engine.submitTick(1, 0, T + 4 * 3600, 900, 10, 0);                     // 11: hour 4
            engine.submitTick(1, 0, T + 5 * 3600, 900, 10, 0);                     // 12: hour 5
            engine.submitTick(1, 0, T + 6 * 3600, 900, 10, 0);                     // 13: hour 6; hours 4-6 and 1 kept
            engine.submitTick(1, 0, T + 7 * 3600, 900, 10, 0);                     // 14: hour 7 drops hour 1
            engine.submitTick(1, 1, T + 3600 + 900, 900, 10, 0);                   // 15: hour 1 again: refused
        }
        final Outputs out = Outputs.of(dir);
        // hour 0 (00:00-01:00): I = 400 + 200 + 100 = 700 Wh, E = 1,000 + 300 = 1,300 Wh,
        // C = 120,000 + 60,000 + 30,000 = 210,000 µ, K = 50,000 + 15,000 = 65,000 µ; offset O = min(I, E) = 700.
        // charges back = 210,000 x 700 / 700 = 210,000 µ USD; credits back = 65,000 x 700 / 1,300 = 35,000 µ SOLAR.
        // Net: charges 0, credits 30,000 = the 600 Wh net export x 0.05. Posted when tick 8 (hour 1) arrives.
        final List<byte[]> closing = out.causedBy(8);
        assertThat(closing).hasSize(4); // the tick's charge and credit, then the two adjustments
        expect(Outputs.transfer(closing.get(2)), SystemAccounts.REVENUE, 1001, USD, 210_000, 700, 210_000, 0);
        expect(Outputs.transfer(closing.get(3)), 1001, SystemAccounts.ISSUANCE, SOLAR, 35_000, 700, 65_000, 1);
        assertThat(Outputs.transfer(closing.get(2)).intervalStart()).isEqualTo(T);

        // the correction of 00:45 (100 -> 1,000 Wh): reversal 30,000 and new charge 300,000, then hour 0 again:
        // I = 1,600, C = 480,000, E = 1,300, K = 65,000, O = 1,300: charges back 480,000 x 1,300 / 1,600 = 390,000,
        // credits back 65,000 x 1,300 / 1,300 = 65,000; already back 210,000 and 35,000, so +180,000 and +30,000.
        // Net: charges 90,000 = the 300 Wh net import x 0.30, credits 0.
        final List<byte[]> corrected = out.causedBy(9);
        assertThat(corrected).hasSize(4);
        expect(Outputs.transfer(corrected.get(2)), SystemAccounts.REVENUE, 1001, USD, 180_000, 1_300, 480_000, 0);
        expect(Outputs.transfer(corrected.get(3)), 1001, SystemAccounts.ISSUANCE, SOLAR, 30_000, 1_300, 65_000, 1);

        // hour 1 (tick 8 alone): I = 500, C = 150,000, E = 100, K = 5,000, O = 100: charges back
        // 150,000 x 100 / 500 = 30,000, credits back 5,000 x 100 / 100 = 5,000; no later tick, the end of day closes it
        final List<byte[]> endOfDay = out.causedBy(10);
        assertThat(endOfDay).hasSize(2);
        expect(Outputs.transfer(endOfDay.get(0)), SystemAccounts.REVENUE, 1001, USD, 30_000, 100, 150_000, 0);
        expect(Outputs.transfer(endOfDay.get(1)), 1001, SystemAccounts.ISSUANCE, SOLAR, 5_000, 100, 5_000, 1);
        assertThat(Outputs.transfer(endOfDay.get(0)).intervalStart()).isEqualTo(T + 3600);

        // imports only in hours 4-7: nothing to net, so closing them posts nothing
        assertThat(out.causedBy(12)).hasSize(1);
        // hour 1 left the four kept hours when hour 7 arrived: a tick for it can no longer be netted
        assertThat(Outputs.rejection(out.causedBy(15).get(0))).isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        // the whole: USD charged 120,000 + 60,000 + 300,000 (after the correction) + 150,000 + 4 x 3,000
        // - 210,000 - 180,000 - 30,000 = 222,000 = 300 Wh x 0.30 (hour 0) + 400 Wh x 0.30 (hour 1) + 4 x 3,000
        final org.gridsettle.engine.ledger.Ledger ledger = engine.ledger();
        assertThat(ledger.balance(1001, ledger.findToken(USD))).isEqualTo(-(90_000 + 120_000 + 12_000));
        // SOLAR: 50,000 + 15,000 + 5,000 - 35,000 - 30,000 - 5,000 = 0: neither hour was a net exporter after all
        assertThat(ledger.balance(1001, ledger.findToken(SOLAR))).isZero();
        assertThat(new JournalReplay(dir, Long.MAX_VALUE).run().identical()).isTrue();
    }

    @Test
    void hourlyNettingWithNegativePricesChargedIsRefused()
    {
        final TouTariff tariff = EngineFixture.tariff().withExportRule(ExportRule.NET_BILLING_HOURLY, 0)
            .withOracleExport(0, NegativePriceRule.CHARGE);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);
        }
        assertThat(Outputs.rejection(Outputs.of(dir).causedBy(1).get(0))).isEqualTo(ReasonCode.UNSUPPORTED_TARIFF);
    }

    private static void expect(
        final TransferCodec t, final long debit, final long credit, final long token, final long amount,
        final long offsetWh, final long provisional, final int side)
    {
        assertThat(t.reasonCode()).isEqualTo(ReasonCode.HOURLY_NETTING.code());
        assertThat(t.debitAccount()).isEqualTo(debit);
        assertThat(t.creditAccount()).isEqualTo(credit);
        assertThat(t.token()).isEqualTo(token);
        assertThat(t.amount()).isEqualTo(amount);
        assertThat(t.energyWh()).isEqualTo(offsetWh);
        assertThat(t.rate()).isEqualTo(provisional);
        assertThat(t.tier()).isEqualTo(side);
        assertThat(t.reverses()).isZero();
    }
}
