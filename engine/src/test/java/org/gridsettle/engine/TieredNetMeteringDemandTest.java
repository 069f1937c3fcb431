package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.DemandTiers;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiers, the period-close true-up, net metering and demand charges, each against amounts worked out by hand.
 * Every tariff here has one period covering all hours so the arithmetic stays on the page.
 */
class TieredNetMeteringDemandTest
{
    private static final long T = EngineFixture.START; // 2026-03-02 00:00 Los Angeles
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long MAY = ZonedDateTime.of(2026, 5, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();

    @TempDir
    Path dir;

    private static TouTariff flat(final long importRate, final long exportRate)
    {
        final int[] hours = new int[24];
        return TouTariff.hourly(21, 1, T, "USD", "NEM", EngineFixture.ZONE,
            List.of(new TouPeriod("all-day", importRate, exportRate)), hours, hours);
    }

    private SettlementEngine start(final TouTariff tariff)
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        engine.publishTariff(tariff);                 // 1
        engine.registerAccount(1001);                 // 2
        engine.enrolMeter(1, 1001, 21, T);            // 3
        return engine;
    }

    @Test
    void aTickCrossingATierBoundaryIsSplitAndTheTrueUpSettlesRounding()
    {
        // tier 1 up to 10 kWh at 0.10, above at 0.20; export 0.05
        final TouTariff tariff = flat(100_000, 50_000).withTiers(new TierTable(TierBasis.BILLING_PERIOD,
            new long[] {10_000, Long.MAX_VALUE}, new long[][] {{100_000, 200_000}}, new long[][] {{50_000, 50_000}}));
        try (SettlementEngine engine = start(tariff))
        {
            engine.submitTick(1, 0, T, 900, 6_000, 0);          // 4
            engine.submitTick(1, 0, T + 900, 900, 6_000, 0);    // 5: counter 6,000 -> 4,000 Wh tier 1 + 2,000 tier 2
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 6
        }
        final Outputs out = Outputs.of(dir);
        // 6,000 Wh x 0.10 = 600,000 µ
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(600_000);
        final List<byte[]> split = out.causedBy(5);
        assertThat(split).hasSize(2);
        final TransferCodec first = Outputs.transfer(split.get(0));
        final TransferCodec second = Outputs.transfer(split.get(1));
        assertThat(first.tier()).isZero();
        assertThat(first.energyWh()).isEqualTo(4_000);
        assertThat(first.amount()).isEqualTo(400_000);    // 4,000 Wh x 0.10
        assertThat(second.tier()).isEqualTo(1);
        assertThat(second.energyWh()).isEqualTo(2_000);
        assertThat(second.amount()).isEqualTo(400_000);   // 2,000 Wh x 0.20
        // definitive: 10,000 x 0.10 + 2,000 x 0.20 = 1,400,000 = the provisional sum: no true-up is posted
        assertThat(out.causedBy(6)).isEmpty();
    }

    @Test
    void theTrueUpPostsTheRoundingResidualOfManySmallTicks()
    {
        // 0.123457 per kWh: 1 Wh = 123.457 µ -> 123 each; 3 Wh in one go = 370.371 -> 370
        try (SettlementEngine engine = start(flat(123_457, 0)))
        {
            for (int i = 0; i < 3; i++)
            {
                engine.submitTick(1, 0, T + i * 900L, 900, 1, 0);   // 4, 5, 6
            }
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21);  // 7
        }
        final Outputs out = Outputs.of(dir);
        final TransferCodec trueUp = Outputs.transfer(out.causedBy(7).get(0));
        assertThat(trueUp.reasonCode()).isEqualTo(ReasonCode.TRUE_UP.code());
        assertThat(trueUp.amount()).isEqualTo(1);               // 370 - 3 x 123
        assertThat(trueUp.debitAccount()).isEqualTo(1001);
        assertThat(trueUp.energyWh()).isEqualTo(3);
        assertThat(trueUp.rate()).as("the definitive charge, for the auditor").isEqualTo(370);
    }

    @Test
    void netMeteringNetsExportsAgainstImportsAndPaysTheSurplusAtItsRate()
    {
        // retail 0.30, net surplus 0.04; exports are provisionally credited at retail in the NEM token
        final Ledger ledger;
        final SettlementEngine engine = start(flat(300_000, 0).withExportRule(ExportRule.NET_METERING, 40_000));
        try (engine)
        {
            engine.submitTick(1, 0, T, 900, 5_000, 0);              // 4: 5 kWh x 0.30 = 1,500,000 USD
            engine.submitTick(1, 0, T + 900, 900, 0, 8_000);        // 5: 8 kWh x 0.30 = 2,400,000 NEM provisional
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 6
        }
        ledger = engine.ledger();
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).amount()).isEqualTo(2_400_000);
        // net = 5,000 - 8,000 = -3,000 Wh: no charge, surplus 3 kWh x 0.04 = 120,000 NEM
        // USD true-up: 0 - 1,500,000 -> refund 1,500,000; NEM true-up: 120,000 - 2,400,000 -> claw back 2,280,000
        final List<byte[]> trueUps = out.causedBy(6);
        assertThat(trueUps).hasSize(2);
        final TransferCodec refund = Outputs.transfer(trueUps.get(0));
        assertThat(refund.amount()).isEqualTo(1_500_000);
        assertThat(refund.debitAccount()).isEqualTo(SystemAccounts.REVENUE);
        assertThat(refund.creditAccount()).isEqualTo(1001);
        final TransferCodec clawback = Outputs.transfer(trueUps.get(1));
        assertThat(clawback.amount()).isEqualTo(2_280_000);
        assertThat(clawback.debitAccount()).isEqualTo(1001);
        assertThat(clawback.creditAccount()).isEqualTo(SystemAccounts.ISSUANCE);
        assertThat(ledger.balance(1001, ledger.findToken(TokenSymbol.pack("USD")))).isZero();
        assertThat(ledger.balance(1001, ledger.findToken(TokenSymbol.pack("NEM")))).isEqualTo(120_000);
    }

    @Test
    void demandChargeIsPostedAtCloseFromTheHighestIntervalDemand()
    {
        // flat demand 10.00 per kW
        try (SettlementEngine engine = start(flat(100_000, 0).withDemand(10_000_000, new long[0])))
        {
            engine.submitTick(1, 0, T, 900, 500, 0);                // 500 Wh in 15 min = 2,000 W
            engine.submitTick(1, 0, T + 900, 900, 800, 0);          // 800 Wh in 15 min = 3,200 W
            engine.submitTick(1, 0, T + 1800, 900, 300, 0);         // 1,200 W
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 7
        }
        final Outputs out = Outputs.of(dir);
        final TransferCodec demand = Outputs.transfer(out.causedBy(7).get(0));
        assertThat(demand.reasonCode()).isEqualTo(ReasonCode.DEMAND_CHARGE.code());
        assertThat(demand.energyWh()).as("peak demand in W").isEqualTo(3_200);
        assertThat(demand.amount()).isEqualTo(32_000_000);   // 3.2 kW x 10.00
    }

    @Test
    void aTieredDemandChargeSplitsThePeakAtItsLimits()
    {
        // flat demand up to 5 kW at 10.00 per kW, above at 15.00 (one period, no per-period rates)
        final TouTariff tariff = flat(100_000, 0).withDemandTiers(new DemandTiers(
            new long[] {5_000, Long.MAX_VALUE}, new long[] {10_000_000, 15_000_000}, new long[0][]));
        try (SettlementEngine engine = start(tariff))
        {
            engine.submitTick(1, 0, T, 900, 2_000, 0);              // 4: 8,000 W
            engine.submitTick(1, 0, T + 900, 900, 500, 0);          // 5: 2,000 W
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 6
        }
        final List<TransferCodec> demand = Outputs.of(dir).causedBy(6).stream().map(Outputs::transfer)
            .filter(t -> t.reasonCode() == ReasonCode.DEMAND_CHARGE.code()).toList();
        // by hand: 5 kW x 10.00 = 50.00 in tier 1 and 3 kW x 15.00 = 45.00 in tier 2, each explained by its tier
        assertThat(demand).extracting(TransferCodec::tier, TransferCodec::energyWh, TransferCodec::rate,
                TransferCodec::amount)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 5_000L, 10_000_000L, 50_000_000L),
                org.assertj.core.groups.Tuple.tuple(1, 3_000L, 15_000_000L, 45_000_000L));
    }

    @Test
    void aCorrectionThatLowersThePeakIntervalLowersTheDemandCharge()
    {
        // flat demand 10.00 per kW; the estimate of the first interval is replaced by a lower actual reading
        try (SettlementEngine engine = start(flat(100_000, 0).withDemand(10_000_000, new long[0])))
        {
            engine.submitTick(1, 0, T, 900, 2_000, 0);              // 4: 8,000 W (estimated)
            engine.submitTick(1, 0, T + 900, 900, 500, 0);          // 5: 2,000 W
            engine.submitCorrection(1, 0, T, 900, 1_000, 0);        // 6: actually 4,000 W
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 7
        }
        final TransferCodec demand = demandCharge(Outputs.of(dir).causedBy(7));
        // the peak is the corrected 4,000 W, not the superseded 8,000 W: 4 kW x 10.00 = 40.00
        assertThat(demand.energyWh()).as("peak demand in W").isEqualTo(4_000);
        assertThat(demand.amount()).isEqualTo(40_000_000);
    }

    @Test
    void aPeakThatHasLeftTheCorrectionWindowStillCounts()
    {
        // the window holds 12 intervals per meter: the 3,000 Wh interval is evicted by the 13th and 14th ticks, and
        // its 12,000 W must survive in the settled peak
        try (SettlementEngine engine = start(flat(100_000, 0).withDemand(10_000_000, new long[0])))
        {
            engine.submitTick(1, 0, T, 900, 3_000, 0);              // 4: 12,000 W
            for (int i = 1; i <= 13; i++)
            {
                engine.submitTick(1, 0, T + i * 900L, 900, 100, 0); // 5-17: 400 W each
            }
            engine.submitCorrection(1, 0, T, 900, 100, 0);          // 18: too late to correct
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 19
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(18).get(0))).isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        final TransferCodec demand = demandCharge(out.causedBy(19));
        assertThat(demand.energyWh()).isEqualTo(12_000);
        assertThat(demand.amount()).isEqualTo(120_000_000);   // 12 kW x 10.00
    }

    private static TransferCodec demandCharge(final List<byte[]> outputs)
    {
        return outputs.stream().map(Outputs::transfer)
            .filter(t -> t.reasonCode() == ReasonCode.DEMAND_CHARGE.code()).findFirst().orElseThrow();
    }

    @Test
    void theNextPeriodMayStartBeforeTheCloseButNotTheOneAfter()
    {
        try (SettlementEngine engine = start(flat(100_000, 0)))
        {
            engine.submitTick(1, 0, T, 900, 100, 0);                // 4: March
            engine.submitTick(1, 0, APRIL, 900, 100, 0);            // 5: April, before March is closed
            engine.submitTick(1, 0, MAY, 900, 100, 0);              // 6: May: two periods already open
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 7
            engine.submitTick(1, 0, MAY, 900, 100, 0);              // 8: now there is room
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(5)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(6).get(0))).isEqualTo(ReasonCode.BILLING_PERIOD_NOT_OPEN);
        assertThat(Outputs.transfer(out.causedBy(8).get(0)).amount()).isEqualTo(10_000);
    }

    @Test
    void correctingATierSplitTickReversesEveryPartExactly()
    {
        final TouTariff tariff = flat(100_000, 0).withTiers(new TierTable(TierBasis.BILLING_PERIOD,
            new long[] {10_000, Long.MAX_VALUE}, new long[][] {{100_000, 200_000}}, new long[][] {{0, 0}}));
        try (SettlementEngine engine = start(tariff))
        {
            engine.submitTick(1, 0, T, 900, 6_000, 0);              // 4
            engine.submitTick(1, 0, T + 900, 900, 6_000, 0);        // 5: 4,000 @ 0.10 + 2,000 @ 0.20
            engine.submitCorrection(1, 0, T + 900, 900, 3_000, 0);  // 6
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 21); // 7
        }
        final Outputs out = Outputs.of(dir);
        final List<byte[]> correction = out.causedBy(6);
        assertThat(correction).hasSize(3);
        assertThat(Outputs.transfer(correction.get(0)).amount()).isEqualTo(400_000);
        assertThat(Outputs.transfer(correction.get(0)).reverses()).isEqualTo(5);
        assertThat(Outputs.transfer(correction.get(1)).amount()).isEqualTo(400_000);
        assertThat(Outputs.transfer(correction.get(1)).tier()).isEqualTo(1);
        // corrected: the counter is back at 6,000, so 3,000 Wh all in tier 1: 300,000
        assertThat(Outputs.transfer(correction.get(2)).amount()).isEqualTo(300_000);
        assertThat(Outputs.transfer(correction.get(2)).tier()).isZero();
        // 9,000 Wh in the month, all tier 1 = 900,000 = 600,000 + 300,000: nothing to true up
        assertThat(out.causedBy(7)).isEmpty();
    }
}
