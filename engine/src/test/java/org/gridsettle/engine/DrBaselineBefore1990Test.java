package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 10-in-10 DR event early in 1990 settles at its end of day: its baseline's lookback reaches local days before the
 * tariff's zone table (1990 to 2100), which are not eligible baseline days, so the meter, without 10 eligible days,
 * is told DR_BASELINE_UNAVAILABLE. Before, the day-length check of such a day threw from the zone lookup after the
 * end of day's fixed charges were posted: the END_OF_DAY got a REJECTION MALFORMED after its transfers (half
 * applied, its hourly netting skipped), the event stayed pending, and every later END_OF_DAY of the tariff did the
 * same.
 */
class DrBaselineBefore1990Test
{
    @TempDir
    Path dir;

    private static long local(final int month, final int day, final int hour, final int year)
    {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
    }

    @Test
    void anEventWhoseLookbackLeavesTheZoneTablesIsSettledWithoutABaselineAndLaterDaysEndCleanly()
    {
        final TouTariff fixture = EngineFixture.tariff();
        final long from = local(12, 1, 0, 1989);
        final TouTariff tariff = new TouTariff(fixture.tariffId(), 1, from, "USD", "SOLAR", fixture.zone(),
            fixture.slotMinutes(), List.of(fixture.period(0), fixture.period(1)), fixture.scheduleCopy(), new long[0])
            .withFixedCharges(10_000, 0);
        final long eventStart = local(1, 2, 14, 1990);   // a Tuesday
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                                                           // 1
            engine.registerAccount(1001);                                                           // 2
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, from,
                MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE, 0);                                    // 3
            engine.publishDrEvent(5, TokenSymbol.pack("DR"), EngineFixture.TARIFF, eventStart, eventStart + 3_600,
                1_000, BaselineMethod.TEN_IN_TEN, 0);                                               // 4
            for (int q = 0; q < 4; q++)
            {
                engine.submitTick(1, 0, eventStart + q * 900L, 900, 10, 0);                        // 5..8
            }
            engine.calendar(CalendarCodec.END_OF_DAY, local(1, 3, 0, 1990), EngineFixture.TARIFF); // 9
            engine.calendar(CalendarCodec.END_OF_DAY, local(1, 4, 0, 1990), EngineFixture.TARIFF); // 10
        }
        final Outputs out = Outputs.of(dir);
        final List<byte[]> endOfDay = out.causedBy(9);
        assertThat(endOfDay).hasSize(2);
        assertThat(Outputs.transfer(endOfDay.get(0)).reasonCode()).isEqualTo(ReasonCode.FIXED_CHARGE.code());
        assertThat(Outputs.rejection(endOfDay.get(1))).isEqualTo(ReasonCode.DR_BASELINE_UNAVAILABLE);
        assertThat(Outputs.rejectionSubject(endOfDay.get(1))).isEqualTo(1);
        // the event settled: the next end of day posts its fixed charge and nothing else
        assertThat(out.causedBy(10)).hasSize(1);
        assertThat(Outputs.type(out.causedBy(10).get(0))).isEqualTo(RecordType.TRANSFER.id());
    }
}
