package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
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
 * Tiers counted over all TOU periods of a billing period ({@link TierBasis#BILLING_PERIOD_ALL_PERIODS}), as URDB
 * states tiered time-of-use rates. The tariff has the numbers of the real OpenStudio-HPXML "Sample Tiered
 * Time-of-Use Rate" (pricing's UrdbSampleMappingTest maps the file to these): off-peak 0.06 up to 150 kWh, then
 * 0.08; on-peak (16:00-21:00 here) 0.09 up to 150 kWh, 0.11 up to 300 kWh, then 0.13.
 */
class SharedTierCounterTest
{
    private static final long T = EngineFixture.START; // Monday 2026-03-02 00:00 Los Angeles
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();

    @TempDir
    Path dir;

    private static TouTariff tariff(final ExportRule rule)
    {
        final int[] hours = new int[24];
        for (int h = 16; h < 21; h++)
        {
            hours[h] = 1;
        }
        return TouTariff.hourly(31, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("off-peak", 60_000, 0), new TouPeriod("on-peak", 90_000, 0)), hours, hours)
            .withExportRule(rule, 0)
            .withTiers(new TierTable(TierBasis.BILLING_PERIOD_ALL_PERIODS, new long[] {150_000, 300_000, Long.MAX_VALUE},
                new long[][] {{60_000, 80_000, 80_000}, {90_000, 110_000, 130_000}}, new long[2][3]));
    }

    @Test
    void theMonthsImportAcrossPeriodsDecidesTheTierAndEachTickPaysItsOwnPeriodsRate()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff(ExportRule.NET_BILLING));     // 1
            engine.registerAccount(1001);                              // 2
            engine.enrolMeter(1, 1001, 31, T);                         // 3
            engine.submitTick(1, 0, T + 10 * 3600, 3600, 100_000, 0);  // 4: 10:00 off-peak
            engine.submitTick(1, 0, T + 17 * 3600, 3600, 100_000, 0);  // 5: 17:00 on-peak
            engine.submitTick(1, 0, T + 22 * 3600, 3600, 150_000, 0);  // 6: 22:00 off-peak
            engine.submitCorrection(1, 0, T + 17 * 3600, 3600, 40_000, 0); // 7: the on-peak hour was 40 kWh
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 31);    // 8
        }
        final Outputs out = Outputs.of(dir);
        // 4: month at 0: 100 kWh x 0.06 = 6.00
        assertThat(amounts(out.causedBy(4))).containsExactly(6_000_000L);
        // 5: month at 100 kWh: 50 kWh x 0.09 + 50 kWh x 0.11 = 4.50 + 5.50 (the off-peak kWh count towards it)
        assertThat(amounts(out.causedBy(5))).containsExactly(4_500_000L, 5_500_000L);
        // 6: month at 200 kWh: 100 kWh in tier 2 and 50 kWh in tier 3, both at off-peak's unlimited 0.08
        assertThat(amounts(out.causedBy(6))).containsExactly(8_000_000L, 4_000_000L);
        // 7: the correction reverses 5's postings exactly, then prices 40 kWh provisionally where the month now
        // stands (100 + 150 = 250 kWh, tier 2): 40 kWh x 0.11 = 4.40
        final List<byte[]> corrected = out.causedBy(7);
        assertThat(amounts(corrected)).containsExactly(4_500_000L, 5_500_000L, 4_400_000L);
        assertThat(Outputs.transfer(corrected.get(0)).reverses()).isEqualTo(5);
        // 8: the close shares the month's tiers among the periods by energy. Month E = 290 kWh: tier 1 150 kWh,
        // tier 2 140 kWh. Off-peak 250 kWh: 250 x 150 / 290 kWh at 0.06 = 7,758,620.69 -> 7,758,621 and
        // 250 x 140 / 290 kWh at 0.08 = 9,655,172.41 -> 9,655,172, so 17,413,793 against 18,000,000 posted: a
        // refund of 586,207. On-peak 40 kWh: 40 x 150 / 290 at 0.09 = 1,862,068.97 -> 1,862,069 and
        // 40 x 140 / 290 at 0.11 = 2,124,137.93 -> 2,124,138, so 3,986,207 against 4,400,000: a refund of 413,793.
        final List<TransferCodec> trueUps = out.causedBy(8).stream().map(Outputs::transfer)
            .filter(t -> t.reasonCode() == ReasonCode.TRUE_UP.code()).toList();
        assertThat(trueUps).extracting(TransferCodec::period, TransferCodec::amount, TransferCodec::creditAccount)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 586_207L, 1001L),
                org.assertj.core.groups.Tuple.tuple(1, 413_793L, 1001L));
        // the month's definitive energy charges: 17,413,793 + 3,986,207 = 21,400,000, whatever the arrival order
        assertThat(trueUps).extracting(TransferCodec::rate).containsExactly(17_413_793L, 3_986_207L);
    }

    @Test
    void netMeteringWithTiersAcrossPeriodsIsRefusedAsUnsupported()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff(ExportRule.NET_METERING));    // 1
        }
        // the period-close true-up nets each TOU period against its own tiers, which this counter cannot give
        assertThat(Outputs.of(dir).causedBy(1)).singleElement()
            .satisfies(r -> assertThat(Outputs.rejection(r)).isEqualTo(ReasonCode.UNSUPPORTED_TARIFF));
    }

    private static List<Long> amounts(final List<byte[]> records)
    {
        return records.stream().map(Outputs::transfer).map(TransferCodec::amount).toList();
    }
}
