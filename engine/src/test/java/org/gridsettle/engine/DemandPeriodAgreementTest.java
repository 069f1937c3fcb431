package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-of-use demand of a billing period that two tariff versions without demand schedules priced, whose energy
 * periods (and so demand periods) differ: a peak kept under one version's period index does not mean the same under
 * the closing version's, so the period is charged by the mixed rule (flat as always, time-of-use once, on the
 * all-period peak, in the closing version's cheapest demand period that occurs in the month), as two versions with
 * different demand schedules are. March 2026 in Los Angeles, with its spring-forward day on Sunday the 8th. Every
 * amount is worked by hand in the comments (amount = W x rate per kW / 1000).
 */
class DemandPeriodAgreementTest
{
    private static final long T = EngineFixture.START; // Monday 2026-03-02 00:00 Los Angeles
    private static final long MID = ZonedDateTime.of(2026, 3, 16, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long APRIL = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    private static final long H = 3_600;

    @TempDir
    Path dir;

    /** Every hour in {@code fromHour..toHour - 1} in {@code period}, every other hour in period 0, every day. */
    private static int[] hours(final int fromHour, final int toHour, final int period)
    {
        final int[] hours = new int[24];
        Arrays.fill(hours, fromHour, toHour, period);
        return hours;
    }

    private static TouTariff offPeak(final int version, final long from, final int[] hours, final long... demand)
    {
        return TouTariff.hourly(62, version, from, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("off", 100_000, 0), new TouPeriod("peak", 300_000, 0)), hours, hours)
            .withDemand(0, demand);
    }

    private static List<TransferCodec> demandCharges(final Path journal)
    {
        final List<TransferCodec> found = new ArrayList<>();
        for (final byte[] r : Outputs.of(journal).all())
        {
            if (Outputs.type(r) == RecordType.TRANSFER.id() &&
                Outputs.transfer(r).reasonCode() == ReasonCode.DEMAND_CHARGE.code())
            {
                found.add(Outputs.transfer(r));
            }
        }
        return found;
    }

    private void run(final TouTariff first, final TouTariff second, final long firstStart, final long firstW,
        final long secondStart, final long secondW)
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(first);
            engine.publishTariff(second);
            engine.registerAccount(1001);
            engine.enrolMeter(1, 1001, 62, T);
            engine.submitTick(1, 0, firstStart, 3_600, firstW, 0);
            engine.submitTick(1, 0, secondStart, 3_600, secondW, 0);
            engine.calendar(CalendarCodec.PERIOD_CLOSE, APRIL, 62);
        }
    }

    @Test
    void versionsWhoseEnergySchedulesDifferChargeThePeakOnceInTheCheapestPeriod()
    {
        // v1's peak is 16:00-20:59, v2's 14:00-18:59, both off 2.00 and peak 10.00 per kW: Monday 2 March 15:00 is
        // off under v1 and peak under v2
        run(offPeak(1, T, hours(16, 21, 1), 2_000_000, 10_000_000),
            offPeak(2, MID, hours(14, 19, 1), 2_000_000, 10_000_000),
            T + 15 * H, 9_000, MID + 17 * H, 4_000);
        // the all-period peak, 9 kW, in March's cheaper period, off: 9 kW x 2.00 = 18.00. Per index, as before this
        // rule, it was off 9 kW x 2.00 + peak 4 kW x 10.00 = 58.00, the 9 kW kept as "off" by a schedule the
        // closing version does not have.
        final List<TransferCodec> demand = demandCharges(dir);
        assertThat(demand).extracting(TransferCodec::period).containsExactly(0);
        assertThat(demand).extracting(TransferCodec::energyWh).containsExactly(9_000L);
        assertThat(demand).extracting(TransferCodec::amount).containsExactly(18_000_000L);
        assertThat(demand).extracting(TransferCodec::tariffVersion).containsExactly(2);
    }

    @Test
    void aPeakInAPeriodTheClosingVersionDoesNotHaveIsStillCharged()
    {
        // v1: off, mid 12:00-15:59, peak 16:00-20:59; v2: off 1.00, peak 16:00-20:59 8.00 per kW
        final int[] three = hours(12, 16, 1);
        Arrays.fill(three, 16, 21, 2);
        final TouTariff v1 = TouTariff.hourly(62, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
            List.of(new TouPeriod("off", 100_000, 0), new TouPeriod("mid", 200_000, 0),
                new TouPeriod("peak", 300_000, 0)), three, three)
            .withDemand(0, new long[] {1_000_000, 4_000_000, 8_000_000});
        run(v1, offPeak(2, MID, hours(16, 21, 1), 1_000_000, 8_000_000), T + 17 * H, 12_000, MID + 17 * H, 5_000);
        // the 12 kW of v1's peak (index 2) is the month's peak: once, in v2's cheaper period, off, 12 kW x 1.00 =
        // 12.00. Per index it was dropped, v2 having no index 2, and only v2's peak 5 kW x 8.00 = 40.00 was charged.
        final List<TransferCodec> demand = demandCharges(dir);
        assertThat(demand).extracting(TransferCodec::period).containsExactly(0);
        assertThat(demand).extracting(TransferCodec::energyWh).containsExactly(12_000L);
        assertThat(demand).extracting(TransferCodec::amount).containsExactly(12_000_000L);
    }

    @Test
    void versionsThatOnlyChangeRatesStillChargeEachPeriodsPeak()
    {
        run(offPeak(1, T, hours(16, 21, 1), 2_000_000, 10_000_000),
            offPeak(2, MID, hours(16, 21, 1), 3_000_000, 12_000_000),
            T + 15 * H, 9_000, MID + 17 * H, 4_000);
        // one schedule: per period at v2's rates, off 9 kW x 3.00 = 27.00 and peak 4 kW x 12.00 = 48.00
        final List<TransferCodec> demand = demandCharges(dir);
        assertThat(demand).extracting(TransferCodec::period).containsExactly(0, 1);
        assertThat(demand).extracting(TransferCodec::amount).containsExactly(27_000_000L, 48_000_000L);
    }

    @Test
    void aPeriodOnlyInTheHourTheSpringForwardSkipsIsNotInForce()
    {
        // v2 calls Sunday 8 March a holiday, whose schedule puts 02:00-02:59 in "ghost" at 0.50 per kW: that hour
        // does not occur in Los Angeles that day (02:00 PST is 03:00 PDT), so "ghost" is in force at no instant
        // of March and cannot be the cheapest period
        final byte[] schedule = new byte[12 * 3 * 24];
        for (int i = 0; i < schedule.length; i++)
        {
            final int hour = i % 24;
            final boolean holiday = i / 24 % 3 == 2;
            schedule[i] = (byte)(hour >= 16 && hour < 21 ? 1 : holiday && hour == 2 ? 2 : 0);
        }
        final TouTariff v2 = new TouTariff(62, 2, MID, "USD", "SOLAR", EngineFixture.ZONE, 60,
            List.of(new TouPeriod("off", 100_000, 0), new TouPeriod("peak", 300_000, 0),
                new TouPeriod("ghost", 100_000, 0)), schedule, new long[] {LocalDate.of(2026, 3, 8).toEpochDay()})
            .withDemand(0, new long[] {5_000_000, 10_000_000, 500_000});
        run(offPeak(1, T, hours(16, 21, 1), 5_000_000, 10_000_000), v2, T + 10 * H, 6_000, MID + 17 * H, 4_000);
        // off is the cheapest period that occurs: 6 kW x 5.00 = 30.00 (ghost's would have been 6 kW x 0.50 = 3.00)
        final List<TransferCodec> demand = demandCharges(dir);
        assertThat(demand).extracting(TransferCodec::period).containsExactly(0);
        assertThat(demand).extracting(TransferCodec::amount).containsExactly(30_000_000L);
    }
}
