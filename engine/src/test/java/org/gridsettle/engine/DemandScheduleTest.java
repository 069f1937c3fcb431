package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.engine.logic.TariffSupport;
import org.gridsettle.pricing.tariff.DayType;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-of-use demand charged by a demand schedule of its own, whose periods differ from the energy periods: energy is
 * "off" except "peak" 16:00-20:59 every day; demand is "day" 08:00-17:59 on weekdays and "other" the rest of the week.
 * So a weekday 10:00 is energy off and demand day, 16:00 energy peak and demand day, 19:00 energy peak and demand
 * other. Every amount is worked by hand in the test's comments (amount = W x rate per kW / 1000).
 */
class DemandScheduleTest
{
    private static final long T = EngineFixture.START; // Monday 2026-03-02 00:00 Los Angeles
    private static final long MID = ZonedDateTime.of(2026, 3, 16, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long H = 3_600;
    private static final int DAY = 0;
    private static final int OTHER = 1;

    @TempDir
    Path dir;

    /** Demand "day" on weekdays from {@code fromHour} to {@code toHour} exclusive, "other" elsewhere. */
    static byte[] demandSchedule(final int fromHour, final int toHour)
    {
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int i = 0; i < schedule.length; i++)
        {
            final int hour = i % 24;
            final boolean weekday = i / 24 % 3 == DayType.WEEKDAY.ordinal();
            schedule[i] = (byte)(weekday && hour >= fromHour && hour < toHour ? DAY : OTHER);
        }
        return schedule;
    }

    static TouTariff tariff(final int version, final long from, final byte[] demandSchedule,
        final long dayRate, final long otherRate)
    {
        final int[] hours = new int[24];
        for (int h = 16; h <= 20; h++)
        {
            hours[h] = 1;
        }
        return TouTariff.hourly(61, version, from, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("off", 100_000, 0), new TouPeriod("peak", 300_000, 0)), hours, hours)
            .withDemandSchedule(List.of("day", "other"), demandSchedule)
            .withDemand(0, new long[] {dayRate, otherRate});
    }

    private static List<TransferCodec> transfers(final Outputs out, final ReasonCode reason)
    {
        final List<TransferCodec> found = new ArrayList<>();
        for (final byte[] r : out.all())
        {
            if (Outputs.type(r) == RecordType.TRANSFER.id() && Outputs.transfer(r).reasonCode() == reason.code())
            {
                found.add(Outputs.transfer(r));
            }
        }
        return found;
    }

    private static long net(final List<TransferCodec> transfers)
    {
        return transfers.stream().mapToLong((t) -> t.debitAccount() == 1001 ? t.amount() : -t.amount()).sum();
    }

    @Test
    void demandIsChargedPerDemandPeriodAndACorrectionLowersOnePeriodsPeak()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            // day 10.00 per kW, other 2.00 per kW
            engine.publishTariff(tariff(1, T, demandSchedule(8, 18), 10_000_000, 2_000_000));
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 61, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 6_000, 0);       // energy off, demand day: 6 kW
            engine.submitTick(1, 0, T + 16 * H, 3_600, 4_000, 0);       // energy peak, demand day: 4 kW
            engine.submitTick(1, 0, T + 19 * H, 3_600, 9_000, 0);       // energy peak, demand other: 9 kW
            engine.submitCorrection(1, 0, T + 10 * H, 3_600, 3_000, 0); // the day peak's tick, down to 3 kW
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 61);
        }
        final Outputs out = Outputs.of(dir);
        // energy by energy period, after the correction: off 3 kWh x 0.10 = 0.30, peak 13 kWh x 0.30 = 3.90
        assertThat(net(transfers(out, ReasonCode.ENERGY_CHARGE))).isEqualTo(4_200_000L);
        // untiered: the ticks' charges are final, so the energy cells (by energy period) need no true-up
        assertThat(transfers(out, ReasonCode.TRUE_UP)).isEmpty();
        // demand by demand period: day's peak is now the 16:00 tick's 4 kW (the corrected 10:00 tick is 3 kW):
        // 4 kW x 10.00 = 40.00; other's 9 kW x 2.00 = 18.00. Indexed by energy period instead it would be
        // off 3 kW x 10.00 + peak 9 kW x 2.00 = 48.00, and without the correction day would be 60.00.
        final List<TransferCodec> demand = transfers(out, ReasonCode.DEMAND_CHARGE);
        assertThat(demand).hasSize(2);
        assertThat(demand.get(0).period()).isEqualTo(DAY);
        assertThat(demand.get(0).energyWh()).as("demand W").isEqualTo(4_000);
        assertThat(demand.get(0).rate()).isEqualTo(10_000_000);
        assertThat(demand.get(0).amount()).isEqualTo(40_000_000);
        assertThat(demand.get(1).period()).isEqualTo(OTHER);
        assertThat(demand.get(1).energyWh()).isEqualTo(9_000);
        assertThat(demand.get(1).amount()).isEqualTo(18_000_000);
    }

    @Test
    void twoVersionsWithTheSameDemandScheduleChargeEachDemandPeriodsPeakAtTheClosingRates()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff(1, T, demandSchedule(8, 18), 10_000_000, 2_000_000));
            engine.publishTariff(tariff(2, MID, demandSchedule(8, 18), 12_000_000, 3_000_000));
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 61, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 6_000, 0);    // Mon Mar 2, v1: day 6 kW
            engine.submitTick(1, 0, MID + 19 * H, 3_600, 9_000, 0);  // Mon Mar 16, v2: other 9 kW
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 61);
        }
        // v2's rates per demand period: day 6 kW x 12.00 = 72.00, other 9 kW x 3.00 = 27.00
        final List<TransferCodec> demand = transfers(Outputs.of(dir), ReasonCode.DEMAND_CHARGE);
        assertThat(demand).extracting(TransferCodec::period).containsExactly(DAY, OTHER);
        assertThat(demand).extracting(TransferCodec::amount).containsExactly(72_000_000L, 27_000_000L);
        assertThat(demand).extracting(TransferCodec::tariffVersion).containsExactly(2, 2);
    }

    @Test
    void twoVersionsWithOtherDemandSchedulesChargeThePeakOnceInTheCheapestDemandPeriod()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            // v2 moves the day period's end from 18:00 to 21:00: a v1 peak kept as "day" is not v2's "day"
            engine.publishTariff(tariff(1, T, demandSchedule(8, 18), 10_000_000, 2_000_000));
            engine.publishTariff(tariff(2, MID, demandSchedule(8, 21), 12_000_000, 3_000_000));
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 61, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 6_000, 0);    // Mon Mar 2, v1: day 6 kW
            engine.submitTick(1, 0, MID + 19 * H, 3_600, 9_000, 0);  // Mon Mar 16, v2: day (v2's) 9 kW
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 61);
        }
        // March has both of v2's demand periods (weekdays' days, the rest); the all-period peak, 9 kW, is charged
        // once in the one that charges it least: other, 9 kW x 3.00 = 27.00. Per period as if the schedules agreed,
        // it would be day max(6, 9) x 12.00 = 108.00.
        final List<TransferCodec> demand = transfers(Outputs.of(dir), ReasonCode.DEMAND_CHARGE);
        assertThat(demand).hasSize(1);
        assertThat(demand.get(0).period()).isEqualTo(OTHER);
        assertThat(demand.get(0).energyWh()).isEqualTo(9_000);
        assertThat(demand.get(0).amount()).isEqualTo(27_000_000L);
    }

    @Test
    void aVersionWithoutADemandScheduleAndOneWithTieredDemandChargeThePeakTierByTierInTheCheapestPeriod()
    {
        final int[] hours = new int[24];
        java.util.Arrays.fill(hours, 16, 21, 1);
        final List<TouPeriod> periods = List.of(new TouPeriod("off", 100_000, 0), new TouPeriod("peak", 300_000, 0));
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            // v1: demand per energy period, 5.00 per kW in both; v2: the demand schedule, tiered at 10 kW,
            // day 10.00 then 6.00, other 3.00 then 1.00
            engine.publishTariff(TouTariff.hourly(61, 1, T, "USD", "SOLAR", EngineFixture.ZONE, periods, hours, hours)
                .withDemand(0, new long[] {5_000_000, 5_000_000}));
            engine.publishTariff(TouTariff.hourly(61, 2, MID, "USD", "SOLAR", EngineFixture.ZONE, periods, hours,
                hours).withDemandSchedule(List.of("day", "other"), demandSchedule(8, 18))
                .withDemandTiers(new org.gridsettle.pricing.tariff.DemandTiers(new long[] {10_000, Long.MAX_VALUE},
                    new long[2], new long[][] {{10_000_000, 6_000_000}, {3_000_000, 1_000_000}})));
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 61, T);
            engine.submitTick(1, 0, T + 10 * H, 3_600, 12_000, 0);   // Mon Mar 2, v1: 12 kW
            engine.submitTick(1, 0, MID + 19 * H, 3_600, 8_000, 0);  // Mon Mar 16, v2: 8 kW
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 61);
        }
        // the all-period peak, 12 kW, in each of v2's demand periods (both are in force in March):
        //   day:   10 kW x 10.00 + 2 kW x 6.00 = 112.00;  other: 10 kW x 3.00 + 2 kW x 1.00 = 32.00
        // so other's two tier lines are posted: 30.00 and 2.00
        final List<TransferCodec> demand = transfers(Outputs.of(dir), ReasonCode.DEMAND_CHARGE);
        assertThat(demand).extracting(TransferCodec::period).containsExactly(OTHER, OTHER);
        assertThat(demand).extracting(TransferCodec::tier).containsExactly(0, 1);
        assertThat(demand).extracting(TransferCodec::energyWh).containsExactly(10_000L, 2_000L);
        assertThat(demand).extracting(TransferCodec::amount).containsExactly(30_000_000L, 2_000_000L);
    }

    @Test
    void moreDemandPeriodsThanThePerPeriodCellsHoldAreRefusedBeforeJournalling()
    {
        final byte[] seven = new byte[12 * 3 * 24];
        for (int i = 0; i < seven.length; i++)
        {
            seven[i] = (byte)(i % 7);
        }
        final TouTariff tariff = TouTariff.hourly(61, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("flat", 100_000, 0)), new int[24], new int[24])
            .withDemandSchedule(List.of("a", "b", "c", "d", "e", "f", "g"), seven);
        assertThat(TariffSupport.whyUnsupported(tariff)).isEqualTo("7 demand periods; the engine settles at most 6");
        assertThat(TariffSupport.whyUnsupported(tariff(1, T, demandSchedule(8, 18), 1, 1))).isNull();
    }

    @Test
    void aRestartFromTheShutdownSnapshotKeepsTheDemandScheduleAndEachDemandPeriodsPeak()
    {
        final Path straight = dir.resolve("straight");
        final SettlementEngine once = SettlementEngine.builder().journalDir(straight).build().start();
        try (once)
        {
            firstHalf(once);
            secondHalf(once);
        }
        final Path split = dir.resolve("split");
        try (SettlementEngine first = SettlementEngine.builder().journalDir(split).build().start())
        {
            firstHalf(first);
        }
        // the clean shutdown took a snapshot: the tariff (schema 5), the window's demand places and the cells
        final SettlementEngine second = SettlementEngine.builder().journalDir(split).build().start();
        try (second)
        {
            secondHalf(second);
        }
        assertThat(second.outputDigest()).isEqualTo(once.outputDigest());
        // the same hand-worked 40.00 + 18.00 as demandIsChargedPerDemandPeriodAndACorrectionLowersOnePeriodsPeak
        assertThat(net(transfers(Outputs.of(split), ReasonCode.DEMAND_CHARGE))).isEqualTo(58_000_000L);
    }

    private static void firstHalf(final SettlementEngine engine)
    {
        engine.publishTariff(tariff(1, T, demandSchedule(8, 18), 10_000_000, 2_000_000));
        engine.registerAccount(1001);
        engine.enrolMeter(1, 1001, 61, T);
        engine.submitTick(1, 0, T + 10 * H, 3_600, 6_000, 0);
        engine.submitTick(1, 0, T + 16 * H, 3_600, 4_000, 0);
        engine.submitTick(1, 0, T + 19 * H, 3_600, 9_000, 0);
    }

    private static void secondHalf(final SettlementEngine engine)
    {
        engine.submitCorrection(1, 0, T + 10 * H, 3_600, 3_000, 0);
        engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 61);
    }
}
