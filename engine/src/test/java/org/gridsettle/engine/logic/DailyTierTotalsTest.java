package org.gridsettle.engine.logic;

import org.gridsettle.engine.EngineFixture;
import org.gridsettle.pricing.tariff.TierBasis;
import org.gridsettle.pricing.tariff.TierTable;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The day totals the close trues daily tiers up from: what they cost, where a day goes, and what a close forgets.
 */
class DailyTierTotalsTest
{
    private static final long DAY = 20_514; // 2026-03-02, a local epoch day
    private static final int SLOTS = BillingAccumulators.SLOTS;
    private final DailyTierTotals totals = new DailyTierTotals();

    /** The fixture's two periods, tier 1 up to 10 kWh a day at odd rates, so each day's rounding shows. */
    private static TouTariff tariff()
    {
        return EngineFixture.tariff().withTiers(new TierTable(TierBasis.DAILY, new long[] {10_000, Long.MAX_VALUE},
            new long[][] {{EngineFixture.OFF_PEAK_IMPORT, 400_001}, {EngineFixture.PEAK_IMPORT, 600_003}},
            new long[][] {{EngineFixture.OFF_PEAK_EXPORT, 0}, {EngineFixture.PEAK_EXPORT, 0}}));
    }

    @Test
    void onlyMetersWithDailyTierTicksPayForTotals()
    {
        final int dailyMeters = 1_024;
        for (int m = 0; m < 2 * dailyMeters; m += 2)
        {
            // every other meter: the odd ones are on other bases and never reach the totals
            totals.add(m, m * SLOTS, 0, DAY, 500);
        }
        assertThat(totals.meters()).isEqualTo(dailyMeters);
        // 2 slots x 31 days x 6 periods x 8 bytes = 2,976 bytes per daily-tier meter; capacity doubles to 1,024
        assertThat(DailyTierTotals.BYTES_PER_DAILY_METER).isEqualTo(2 * 31 * 6 * 8).isEqualTo(2_976);
        assertThat(totals.capacityBytes()).isEqualTo((long)dailyMeters * DailyTierTotals.BYTES_PER_DAILY_METER);
    }

    @Test
    void eachDayOfTheLongestPeriodIsTieredOnItsOwn()
    {
        final TouTariff tariff = tariff();
        final int meter = 3;
        final int slot = meter * SLOTS + 1;
        long expected = 0;
        for (int d = 0; d < DailyTierTotals.DAYS; d++)
        {
            // 31 consecutive days: none may land on another's place
            final long wh = 9_000 + 97L * d;
            totals.add(meter, slot, 1, DAY + d, wh);
            expected += TouPricer.tieredCharge(tariff, 1, wh);
        }
        assertThat(totals.definitiveCharge(tariff, meter, slot, 1)).isEqualTo(expected);
        // the month tiered once would be another amount: the days are what counts
        assertThat(expected).isNotEqualTo(TouPricer.tieredCharge(tariff, 1, 31 * 9_000 + 97L * 465));
        assertThat(totals.definitiveCharge(tariff, meter, slot, 0)).isZero();
        assertThat(totals.definitiveCharge(tariff, meter, meter * SLOTS, 1)).isZero();
    }

    @Test
    void aCorrectionReplacesItsTicksImportInItsDay()
    {
        final TouTariff tariff = tariff();
        totals.add(0, 0, 0, DAY, 8_000);
        totals.add(0, 0, 0, DAY, 8_000);
        totals.add(0, 0, 0, DAY, -8_000);   // the reversal of a corrected tick
        totals.add(0, 0, 0, DAY, 4_000);    // its corrected value
        // 12 kWh: 10 kWh x 0.30 + 2 kWh x 0.400001 = 3.00 + 0.800002
        assertThat(totals.definitiveCharge(tariff, 0, 0, 0)).isEqualTo(3_800_002L)
            .isEqualTo(TouPricer.tieredCharge(tariff, 0, 12_000));
    }

    @Test
    void aClosedPeriodsDaysAreForgotten()
    {
        final TouTariff tariff = tariff();
        totals.add(0, 0, 0, DAY, 12_000);
        totals.add(0, 1, 0, DAY + 31, 5_000);
        totals.release(0, 0, 2026 * 12 + 2);
        assertThat(totals.definitiveCharge(tariff, 0, 0, 0)).isZero();
        // the other slot, an open period of the same meter, keeps its days
        assertThat(totals.definitiveCharge(tariff, 0, 1, 0)).isEqualTo(1_500_000L);
    }

    @Test
    void aSnapshotHoldsTheTotalsAndRefusesAMeterItDoesNotHave() throws IOException
    {
        final TouTariff tariff = tariff();
        totals.add(5, 5 * SLOTS, 1, DAY + 3, 11_000);
        totals.add(2, 2 * SLOTS + 1, 0, DAY, 7_000);
        final byte[] state = state(totals);

        final DailyTierTotals restored = new DailyTierTotals();
        restored.readState(new DataInputStream(new ByteArrayInputStream(state)), 6);
        assertThat(state(restored)).isEqualTo(state);
        assertThat(restored.definitiveCharge(tariff, 5, 5 * SLOTS, 1))
            .isEqualTo(TouPricer.tieredCharge(tariff, 1, 11_000));

        assertThatThrownBy(() -> new DailyTierTotals()
            .readState(new DataInputStream(new ByteArrayInputStream(state)), 5))
            .isInstanceOf(IOException.class).hasMessageContaining("meter index 5");
    }

    private static byte[] state(final DailyTierTotals totals) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            totals.writeState(out);
        }
        return bytes.toByteArray();
    }
}
