package org.gridsettle.engine;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily tiers keep one day's counter per meter (pricing/README.md, "Tiers"). A tick of an earlier day than the
 * counter's used to restart the counter at that day, so the current day's later ticks were priced from zero as well
 * (a review: 3.20 charged for two days of 16 kWh that cost 4.40). Now the late tick alone is priced from an empty
 * counter, and the current day keeps its own. One flat period: the first 10 kWh of a local day at 0.10, the rest at
 * 0.20 (the reviewer's tariff).
 */
class DailyTierCounterTest
{
    private static final long T = EngineFixture.START; // Monday 2026-03-02 00:00 Los Angeles
    private static final long H = 3_600;

    @TempDir
    Path dir;

    private static TouTariff tariff()
    {
        return TouTariff.hourly(41, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("flat", 100_000, 0)), new int[24], new int[24])
            .withExportRule(ExportRule.NET_BILLING, 0)
            .withTiers(new TierTable(TierBasis.DAILY, new long[] {10_000, Long.MAX_VALUE},
                new long[][] {{100_000, 200_000}}, new long[1][2]));
    }

    @Test
    void aLateTickOfTheDayBeforeLeavesTheCurrentDaysCounterAlone()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff());                               // 1
            engine.registerAccount(1001);                                 // 2
            engine.enrolMeter(1, 1001, 41, T);                            // 3
            engine.submitTick(1, 0, T + 22 * H, 3_600, 8_000, 0);        // 4: Mon 22:00
            engine.submitTick(1, 0, T + 24 * H, 3_600, 8_000, 0);        // 5: Tue 00:00
            engine.submitTick(1, 0, T + 23 * H, 3_600, 8_000, 0);        // 6: Mon 23:00, late
            engine.submitTick(1, 0, T + 25 * H, 3_600, 8_000, 0);        // 7: Tue 01:00
        }
        final Outputs out = Outputs.of(dir);
        // Tuesday by hand: 8 kWh at 0.10, then 2 kWh at 0.10 + 6 kWh at 0.20 = 0.80 + 1.40 = 2.20, exact.
        // The late Monday tick is priced from an empty counter: 8 kWh at 0.10 = 0.80 (Monday in order: 1.40).
        assertThat(charge(out, 5)).isEqualTo(800_000);
        assertThat(charge(out, 6)).isEqualTo(800_000);
        assertThat(charge(out, 7)).isEqualTo(1_400_000);
    }

    @Test
    void theFirstTicksOfABillingPeriodCountTowardsTheirDay()
    {
        // the first tick of a period has no billing slot yet; it claims one only once accepted, and its energy must
        // still count towards its day (a slip in that change priced the second tick here from zero: the demo's
        // digest, not a unit test, caught it)
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff());                               // 1
            engine.registerAccount(1001);                                 // 2
            engine.enrolMeter(1, 1001, 41, T);                            // 3
            engine.submitTick(1, 0, T + 10 * H, 3_600, 8_000, 0);        // 4: the period's first tick
            engine.submitTick(1, 0, T + 11 * H, 3_600, 8_000, 0);        // 5
        }
        final Outputs out = Outputs.of(dir);
        // by hand: 8 kWh at 0.10 = 0.80; then 2 kWh at 0.10 + 6 kWh at 0.20 = 1.40
        assertThat(charge(out, 4)).isEqualTo(800_000);
        assertThat(charge(out, 5)).isEqualTo(1_400_000);
    }

    private static long charge(final Outputs out, final long input)
    {
        long sum = 0;
        for (final byte[] record : out.causedBy(input))
        {
            final TransferCodec t = Outputs.transfer(record);
            if (t.reasonCode() == ReasonCode.ENERGY_CHARGE.code())
            {
                sum += t.amount();
            }
        }
        return sum;
    }
}
