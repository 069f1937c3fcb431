package org.gridsettle.engine;

import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Net billing with exports credited at the oracle price of the meter's pricing node, end to end through the engine:
 * amounts worked by hand, the missing-price policy both ways, the negative-price rule both ways, the tick-versus-price
 * interval rule, a correction's exact reversal, replay and snapshot + tail.
 * <p>
 * The engine fixture's tariff: 00:00 local is off-peak, import 0.30/kWh (300,000 µ/kWh), TOU export 0.05/kWh.
 * Oracle prices are micro-units per MWh; amount = halfEven(Wh x price / 10^6).
 */
class OraclePricingTest
{
    private static final String NODE = "TH_NP15_GEN-APND";
    private static final long T = EngineFixture.START;
    private static final long M = OraclePriceCodec.MISSING;
    private static final long USD = TokenSymbol.pack("USD");
    private static final long SOLAR = TokenSymbol.pack("SOLAR");

    @TempDir
    Path dir;

    @Test
    void exportsEarnTheOraclePriceAndAMissingPriceIsCarriedOrRejected()
    {
        // 5-minute prices from T: 45.67891, 30, missing, missing, -12.5 $/MWh; published up to T + 1500
        final OraclePriceSeries prices = series(NODE, T, 300, 45_678_910, 30_000_000, M, M, -12_500_000);
        final TouTariff tariff = EngineFixture.tariff().withOracleExport(1, NegativePriceRule.ZERO_CREDIT);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            engine.registerAccount(1002);                                                  // 3
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, NODE);               // 4
            engine.enrolMeter(2, 1002, EngineFixture.TARIFF, T);                           // 5: no node
            engine.enrolMeter(3, 1002, EngineFixture.TARIFF, T, 0, 0, NODE);               // 6
            engine.publishOraclePrices(prices);                                            // 7
            engine.submitTick(1, 0, T, 300, 0, 1_234);                                     // 8
            engine.submitTick(1, 0, T + 600, 300, 0, 500);                                 // 9: carried 1 interval
            engine.submitTick(1, 0, T + 900, 300, 0, 500);                                 // 10: 2 missing: reject
            engine.submitTick(1, 0, T + 1200, 300, 0, 2_000);                              // 11: negative: nothing
            engine.submitTick(1, 0, T + 1500, 300, 0, 100);                                // 12: past the end
            engine.submitTick(1, 0, T + 1800, 300, 1_000, 0);                              // 13: imports only
            engine.submitTick(2, 0, T, 300, 0, 100);                                       // 14: no node
            engine.submitTick(3, 0, T, 900, 0, 1_000);                                     // 15: coarser tick
            engine.submitTick(3, 0, T + 900 + 240, 60, 0, 100);                            // 16: finer, missing
            engine.submitTick(3, 1, T + 240, 60, 0, 100);                                  // 17: finer
        }
        final Outputs out = Outputs.of(dir);
        // 1,234 Wh x 45,678,910 µ/MWh = 56,367,774,940 / 10^6 = 56,367.77494 -> 56,368 µ SOLAR, minted
        final TransferCodec credit = only(out.causedBy(8));
        assertThat(credit.reasonCode()).isEqualTo(ReasonCode.EXPORT_CREDIT.code());
        assertThat(credit.amount()).isEqualTo(56_368);
        assertThat(credit.rate()).isEqualTo(45_678_910);
        assertThat(credit.tier()).isEqualTo(252);
        assertThat(credit.energyWh()).isEqualTo(1_234);
        assertThat(credit.token()).isEqualTo(SOLAR);
        assertThat(credit.debitAccount()).isEqualTo(SystemAccounts.ISSUANCE);
        assertThat(credit.creditAccount()).isEqualTo(1001);
        // T+600 is missing; carry 1: the 30 $/MWh interval ended 0 s before, within 1 interval length.
        // 500 Wh x 30,000,000 / 10^6 = 15,000 µ
        assertThat(only(out.causedBy(9)).amount()).isEqualTo(15_000);
        assertThat(only(out.causedBy(9)).rate()).isEqualTo(30_000_000);
        // T+900: its own interval and the one before are both missing: 2 > 1 interval carried
        assertThat(Outputs.rejection(out.causedBy(10).get(0))).isEqualTo(ReasonCode.ORACLE_PRICE_MISSING);
        // -12.5 $/MWh under ZERO_CREDIT: no credit and no charge, so no output at all
        assertThat(out.causedBy(11)).isEmpty();
        // at or after the end of what is published there is no price, whatever the carry
        assertThat(Outputs.rejection(out.causedBy(12).get(0))).isEqualTo(ReasonCode.ORACLE_PRICE_MISSING);
        // imports never wait for a price: 1 kWh x 0.30 = 300,000 µ
        assertThat(only(out.causedBy(13)).amount()).isEqualTo(300_000);
        assertThat(only(out.causedBy(13)).reasonCode()).isEqualTo(ReasonCode.ENERGY_CHARGE.code());
        assertThat(Outputs.rejection(out.causedBy(14).get(0))).isEqualTo(ReasonCode.ORACLE_PRICE_MISSING);
        // a 15-minute tick over three 5-minute prices takes the price of the interval containing its start:
        // 1,000 Wh x 45,678,910 / 10^6 = 45,678.91 -> 45,679 µ
        assertThat(only(out.causedBy(15)).amount()).isEqualTo(45_679);
        // T+1140 lies in the missing interval [T+900, T+1200): carried? its own interval and the one before are
        // missing (2 > 1): rejected like tick 10
        assertThat(Outputs.rejection(out.causedBy(16).get(0))).isEqualTo(ReasonCode.ORACLE_PRICE_MISSING);
        // a 1-minute tick inside [T, T+300), on channel 1 since tick 15 settled channel 0 from T to T+900:
        // 100 Wh x 45,678,910 / 10^6 = 4,567.891 -> 4,568 µ
        assertThat(only(out.causedBy(17)).amount()).isEqualTo(4_568);
    }

    @Test
    void aNegativePriceIsChargedWhenTheTariffSaysSoAndACorrectionReversesExactly()
    {
        // carry 0: a missing price rejects at once
        final OraclePriceSeries prices = series(NODE, T, 300, -12_500_000, 20_000_000, M);
        final TouTariff tariff = EngineFixture.tariff().withOracleExport(0, NegativePriceRule.CHARGE);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, NODE);               // 3
            engine.publishOraclePrices(prices);                                            // 4
            engine.submitTick(1, 0, T, 300, 0, 1_000);                                     // 5
            engine.submitCorrection(1, 0, T, 300, 0, 2_001);                               // 6
            engine.submitTick(1, 0, T + 300, 300, 0, 3_333);                               // 7
            engine.submitTick(1, 0, T + 600, 300, 0, 10);                                  // 8: missing, carry 0
            engine.publishOraclePrices(series(NODE, T + 300, 300, 1));                     // 9: overlaps: refused
        }
        final Outputs out = Outputs.of(dir);
        // 1,000 Wh x -12,500,000 / 10^6 = -12,500 µ: charged to the customer in the tariff's USD, to revenue
        final TransferCodec charge = only(out.causedBy(5));
        assertThat(charge.reasonCode()).isEqualTo(ReasonCode.EXPORT_CHARGE.code());
        assertThat(charge.amount()).isEqualTo(12_500);
        assertThat(charge.rate()).isEqualTo(-12_500_000);
        assertThat(charge.token()).isEqualTo(USD);
        assertThat(charge.debitAccount()).isEqualTo(1001);
        assertThat(charge.creditAccount()).isEqualTo(SystemAccounts.REVENUE);
        // the correction: the exact reverse (revenue -> customer, 12,500, reverses input 5), then
        // 2,001 Wh x -12,500,000 / 10^6 = -25,012.5 -> half-even -25,012 µ
        final List<byte[]> corrected = out.causedBy(6);
        assertThat(corrected).hasSize(2);
        final TransferCodec reversal = Outputs.transfer(corrected.get(0));
        assertThat(reversal.amount()).isEqualTo(12_500);
        assertThat(reversal.debitAccount()).isEqualTo(SystemAccounts.REVENUE);
        assertThat(reversal.creditAccount()).isEqualTo(1001);
        assertThat(reversal.reverses()).isEqualTo(5);
        assertThat(reversal.rate()).isEqualTo(-12_500_000);
        assertThat(Outputs.transfer(corrected.get(1)).amount()).isEqualTo(25_012);
        // 3,333 Wh x 20,000,000 / 10^6 = 66,660 µ SOLAR
        assertThat(only(out.causedBy(7)).amount()).isEqualTo(66_660);
        assertThat(only(out.causedBy(7)).reasonCode()).isEqualTo(ReasonCode.EXPORT_CREDIT.code());
        assertThat(Outputs.rejection(out.causedBy(8).get(0))).isEqualTo(ReasonCode.ORACLE_PRICE_MISSING);
        assertThat(Outputs.rejection(out.causedBy(9).get(0))).isEqualTo(ReasonCode.ALREADY_EXISTS);
    }

    @Test
    void oracleSettingsOutsideNetBillingAreRefusedAndBadNodesNeverReachTheJournal()
    {
        final TouTariff tariff = EngineFixture.tariff().withExportRule(ExportRule.BUY_ALL_SELL_ALL, 0)
            .withOracleExport(0, NegativePriceRule.ZERO_CREDIT);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            assertThatThrownBy(() -> engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, "A,B"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comma");
            assertThatThrownBy(() -> engine.publishOraclePrices(series("X".repeat(33), T, 300, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 32");
        }
        assertThat(Outputs.rejection(Outputs.of(dir).causedBy(1).get(0))).isEqualTo(ReasonCode.UNSUPPORTED_TARIFF);
        assertThat(Outputs.of(dir).all()).hasSize(1);
    }

    @Test
    void replayAndSnapshotPlusTailGiveTheSameOutputsAsOneRun() throws Exception
    {
        final Path once = dir.resolve("once");
        final SettlementEngine first = SettlementEngine.builder().journalDir(once).build().start();
        try (first)
        {
            firstHalf(first);
            secondHalf(first);
        }
        final long single = first.outputDigest();
        final ReplayReport replay = new JournalReplay(once, Long.MAX_VALUE).run();
        assertThat(replay.identical()).isTrue();

        final Path twice = dir.resolve("twice");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(twice).snapshotInterval(5).build()
            .start())
        {
            firstHalf(engine);
        }
        // drop the snapshot taken at close: the restart must load a periodic one and replay a tail that holds
        // oracle publications and oracle-priced ticks
        final List<Path> snapshots = new SnapshotStore(twice.resolve("snapshots")).newestFirst();
        Files.delete(snapshots.get(0));
        final SettlementEngine second = SettlementEngine.builder().journalDir(twice).snapshotInterval(5).build()
            .start();
        try (second)
        {
            assertThat(second.recoveryNotes()).anyMatch(n -> n.contains("loaded snapshot"));
            secondHalf(second);
        }
        assertThat(second.outputDigest()).isEqualTo(single);
        assertThat(second.counters().ticksPriced()).isEqualTo(first.counters().ticksPriced());
    }

    private static void firstHalf(final SettlementEngine engine)
    {
        engine.publishTariff(EngineFixture.tariff().withOracleExport(2, NegativePriceRule.CHARGE));
        engine.registerAccount(1001);
        engine.registerAccount(1002);
        engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, NODE);
        engine.enrolMeter(2, 1002, EngineFixture.TARIFF, T, 0, 0, "HB_WEST");
        engine.publishOraclePrices(series(NODE, T, 300, 45_678_910, M, -3_000_000, 12_000_000));
        engine.publishOraclePrices(series("HB_WEST", T, 3600, 21_000_000));
        forEachTick(0, 4, engine);
    }

    private static void secondHalf(final SettlementEngine engine)
    {
        engine.publishOraclePrices(series(NODE, T + 1200, 300, 50_000_000, M, M, 7_000_000));
        forEachTick(4, 8, engine);
        engine.submitCorrection(1, 0, T + 300, 300, 5, 777);
        engine.submitCorrection(2, 0, T + 900, 300, 0, 1);
    }

    private static void forEachTick(final int from, final int to, final SettlementEngine engine)
    {
        final Consumer<Integer> tick = (i) ->
        {
            engine.submitTick(1, 0, T + 300L * i, 300, 10 * i, 100 + 37 * i);
            engine.submitTick(2, 0, T + 300L * i, 300, 0, 200 + 11 * i);
        };
        for (int i = from; i < to; i++)
        {
            tick.accept(i);
        }
    }

    @Test
    void pricesStartingOutsideTheCoveredYearsAreMalformedAndDoNotBlockTheRealOnes()
    {
        // epoch milliseconds taken for seconds (the year 58,000): accepted, the node's prices would end there and
        // every real record after it would be refused ALREADY_EXISTS
        assertRefusedWithoutBlockingTheRealPrice(series(NODE, T * 1_000, 300, 20_000_000));
    }

    @Test
    void pricesOfIntervalsLongerThanADayAreMalformedAndDoNotBlockTheRealOnes()
    {
        // 5-minute prices with the length in milliseconds: 300,000 s, the node's prices held 83 hours ahead
        assertRefusedWithoutBlockingTheRealPrice(series(NODE, T, 300_000, 90_000_000));
    }

    private void assertRefusedWithoutBlockingTheRealPrice(final OraclePriceSeries refused)
    {
        final TouTariff tariff = EngineFixture.tariff().withOracleExport(0, NegativePriceRule.CHARGE);
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                  // 1
            engine.registerAccount(1001);                                                  // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0, NODE);               // 3
            engine.publishOraclePrices(refused);                                           // 4
            engine.publishOraclePrices(series(NODE, T, 300, 20_000_000));                  // 5
            engine.submitTick(1, 0, T, 300, 0, 1_000);                                     // 6
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(Outputs.rejectionSubject(out.causedBy(4).get(0))).isEqualTo(0L);
        assertThat(out.causedBy(5)).isEmpty();
        // 1,000 Wh x 20,000,000 / 10^6 = 20,000 µ: the real price, not the refused record's
        assertThat(only(out.causedBy(6)).amount()).isEqualTo(20_000);
    }

    private static TransferCodec only(final List<byte[]> outputs)
    {
        assertThat(outputs).hasSize(1);
        return Outputs.transfer(outputs.get(0));
    }

    private static OraclePriceSeries series(final String node, final long start, final int seconds,
        final long... microsPerMwh)
    {
        final long[] starts = new long[microsPerMwh.length];
        final int[] lengths = new int[microsPerMwh.length];
        for (int i = 0; i < microsPerMwh.length; i++)
        {
            starts[i] = start + (long)i * seconds;
            lengths[i] = seconds;
        }
        return OraclePriceSeries.of(node, starts, lengths, microsPerMwh);
    }
}
