package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.calendar.CivilCalendar;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An interest accrual names a day of the years the engine places every other instant in, 1990 to 2100
 * ({@link ZoneOffsetTable}); any other day is a wrong field, such as a yyyymmdd given as a day number, and is
 * refused MALFORMED (subject: the apyBps, as for every MALFORMED accrual) before it is remembered. Before, it was
 * accrued (paid, with an INTEREST transfer whose interval start was the day times 86,400, wrapped for
 * {@code Long.MAX_VALUE}), became the token's last day, and every real day after it was refused OUT_OF_ORDER.
 */
class InterestDayRangeTest
{
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    private static final long DR = TokenSymbol.pack("DR");
    private static final long NOON = EngineFixture.START + 12 * 3_600;
    private static final long FIRST_DAY = CivilCalendar.epochDay(ZoneOffsetTable.FIRST_YEAR, 1, 1);
    private static final long LAST_DAY = CivilCalendar.epochDay(ZoneOffsetTable.LAST_YEAR, 12, 31);
    /** 2026-03-02, the fixture's first day. */
    private static final long DAY = 20_514;

    @TempDir
    Path dir;

    @Test
    void aDayOutsideTheEnginesYearsIsMalformedAndTheNextRealDayIsStillPaid()
    {
        final long[] absurd = {Long.MAX_VALUE, 20_261_127, Long.MIN_VALUE, -1, FIRST_DAY - 1, LAST_DAY + 1};
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                     // 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);                       // 4: 100,000 µ SOLAR minted
            long request = 100;
            for (final long day : absurd)
            {
                engine.accrueInterest(++request, DR, 500, day);                  // 5..10: a token nobody holds
            }
            for (final long day : absurd)
            {
                engine.accrueInterest(++request, SOLAR, 500, day);               // 11..16: a token held
            }
            engine.accrueInterest(++request, DR, 500, DAY);                     // 17: nothing held, remembered
            engine.accrueInterest(++request, SOLAR, 500, DAY);                  // 18: paid
            engine.accrueInterest(++request, SOLAR, 500, LAST_DAY);             // 19: the last day there is: paid
        }
        final Outputs out = Outputs.of(dir);
        for (long input = 5; input <= 16; input++)
        {
            assertThat(out.causedBy(input)).as("input %d", input).hasSize(1);
            assertThat(Outputs.rejection(out.causedBy(input).get(0))).as("input %d", input)
                .isEqualTo(ReasonCode.MALFORMED);
            assertThat(Outputs.rejectionSubject(out.causedBy(input).get(0))).as("input %d", input).isEqualTo(500);
        }
        assertThat(out.causedBy(17)).isEmpty();
        // 100,000 x (1.05^(1/365) - 1) = 100,000 x 0.000133680617113440 = 13.37 -> 13 (LedgerCommandsTest's rate)
        assertThat(Outputs.transfer(out.causedBy(18).get(0)).amount()).isEqualTo(13);
        assertThat(Outputs.transfer(out.causedBy(18).get(0)).intervalStart()).isEqualTo(DAY * 86_400);
        assertThat(Outputs.transfer(out.causedBy(19).get(0)).intervalStart()).isEqualTo(LAST_DAY * 86_400);
    }
}
