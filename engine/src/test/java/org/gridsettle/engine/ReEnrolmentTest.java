package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meter moving to another account or tariff. The correction window remembers only the tariff version of each tick
 * and reverses it against the meter's current enrolment, so a re-enrolment may not reach back over an interval the
 * meter has settled: a correction would otherwise credit the new account for the old account's charge, at the new
 * tariff's rates. The fixture tariff charges 0.30/kWh at night (EngineFixture).
 */
class ReEnrolmentTest
{
    private static final long T = EngineFixture.START;

    @TempDir
    Path dir;

    @Test
    void aReEnrolmentOverASettledIntervalIsRejectedAndACorrectionReversesTheAccountCharged()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                       // 1..3: tariff, account 1001, meter 1 -> 1001
            engine.registerAccount(1002);                         // 4
            engine.submitTick(1, 0, T, 900, 400, 0);              // 5: 1001 charged 400 Wh x 0.30 = 120,000
            engine.enrolMeter(1, 1002, EngineFixture.TARIFF, T);  // 6: back over interval T: rejected
            engine.submitCorrection(1, 0, T, 900, 100, 0);        // 7: reverses 1001's charge, charges 1001 30,000
            engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, 0);   // 8: same account and tariff: accepted
            engine.submitCorrection(1, 0, T, 900, 200, 0);        // 9: reverses 30,000, charges 60,000
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(6).get(0))).isEqualTo(ReasonCode.ALREADY_SETTLED);
        final TransferCodec original = Outputs.transfer(out.causedBy(5).get(0));
        final TransferCodec reversal = Outputs.transfer(out.causedBy(7).get(0));
        final TransferCodec corrected = Outputs.transfer(out.causedBy(7).get(1));
        assertThat(reversal.creditAccount()).isEqualTo(original.debitAccount()).isEqualTo(1001);
        assertThat(reversal.amount()).isEqualTo(original.amount()).isEqualTo(120_000);
        assertThat(corrected.debitAccount()).isEqualTo(1001);
        assertThat(corrected.amount()).isEqualTo(30_000);
        assertThat(out.causedBy(8)).isEmpty();
        assertThat(Outputs.transfer(out.causedBy(9).get(0)).amount()).isEqualTo(30_000);
        assertThat(Outputs.transfer(out.causedBy(9).get(1)).amount()).isEqualTo(60_000);
    }

    @Test
    void aMoveAfterTheCloseMovesLaterTicksAndRefusesEarlierOnesAndAMoveBeforeItIsRefused()
    {
        final int[] flat = new int[24];
        final long april = java.time.ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, EngineFixture.ZONE).toEpochSecond();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                       // 1..3
            engine.registerAccount(1002);                         // 4
            engine.publishTariff(TouTariff.hourly(22, 1, T, "USD", "SOLAR", EngineFixture.ZONE,
                List.of(new TouPeriod("flat", 900_000, 10_000)), flat, flat));   // 5: tariff 22, 0.90/kWh
            engine.submitTick(1, 0, T, 900, 400, 0);              // 6: 1001, 120,000
            engine.enrolMeter(1, 1002, 22, T + 900);              // 7: March is open: refused
            engine.submitTick(1, 0, T + 900, 900, 400, 0);        // 8: still 1001 at 0.30: 120,000
            engine.calendar(org.gridsettle.journal.codec.CalendarCodec.PERIOD_CLOSE, april,
                EngineFixture.TARIFF);                            // 9: closes March
            engine.enrolMeter(1, 1002, 22, april);                // 10: from April on
            engine.submitTick(1, 0, april, 900, 400, 0);          // 11: 1002 at 0.90: 360,000
            engine.submitCorrection(1, 0, T, 900, 100, 0);        // 12: before the move: refused, nothing posted
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.MOVE_IN_OPEN_PERIOD);
        assertThat(Outputs.transfer(out.causedBy(8).get(0)).debitAccount()).isEqualTo(1001);
        assertThat(out.causedBy(10)).isEmpty();
        final TransferCodec moved = Outputs.transfer(out.causedBy(11).get(0));
        assertThat(moved.debitAccount()).isEqualTo(1002);
        assertThat(moved.amount()).isEqualTo(360_000);
        assertThat(out.causedBy(12)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(12).get(0))).isEqualTo(ReasonCode.UNKNOWN_METER);
    }
}
