package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TickIdempotencyAndCorrectionTest
{
    private static final long T = EngineFixture.START; // 00:00 local, off-peak: 300,000 µ/kWh import, 50,000 export
    private static final long PEAK = EngineFixture.START + 17 * 3600; // 17:00 local: 500,000 import, 100,000 export

    @TempDir
    Path dir;

    @Test
    void exactDuplicateIsAcknowledgedAndConflictingDuplicateRejected()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                    // inputs 1..3
            engine.submitTick(1, 0, T, 900, 400, 0);           // 4: priced, 400 Wh x 0.30 = 120,000 µ
            engine.submitTick(1, 0, T, 900, 400, 0);           // 5: exact duplicate
            engine.submitTick(1, 0, T, 900, 401, 0);           // 6: same identity, other value, not a correction
            engine.submitTick(1, 1, T, 900, 401, 0);           // 7: another channel is another tick
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(120_000);
        assertThat(out.causedBy(5)).hasSize(1).allMatch(Outputs::isDuplicateAck);
        assertThat(Outputs.rejection(out.causedBy(6).get(0))).isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
        assertThat(Outputs.transfer(out.causedBy(7).get(0)).amount()).isEqualTo(120_300);
    }

    @Test
    void correctionReversesTheEarlierPostingsExactlyThenPostsTheCorrectedValues()
    {
        final long customer = 1001;
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);                       // inputs 1..3
            engine.submitTick(1, 0, PEAK, 900, 333, 0);           // 4: an estimate
            engine.submitTick(1, 0, PEAK + 900, 900, 0, 777);     // 5: an export
            engine.submitCorrection(1, 0, PEAK, 900, 0, 250);     // 6: the actual reading was an export
            engine.submitCorrection(1, 0, T, 900, 10, 0);         // 7: nothing there to correct
        }
        final Outputs out = Outputs.of(dir);
        // 333 Wh at 500,000 µ/kWh = 166,500 µ
        final TransferCodec original = Outputs.transfer(out.causedBy(4).get(0));
        assertThat(original.amount()).isEqualTo(166_500);

        final List<byte[]> correction = out.causedBy(6);
        assertThat(correction).hasSize(2);
        final TransferCodec reversal = Outputs.transfer(correction.get(0));
        assertThat(reversal.amount()).isEqualTo(original.amount());
        assertThat(reversal.debitAccount()).isEqualTo(original.creditAccount());
        assertThat(reversal.creditAccount()).isEqualTo(original.debitAccount());
        assertThat(reversal.reasonCode()).isEqualTo(original.reasonCode());
        assertThat(reversal.energyWh()).isEqualTo(333);
        assertThat(reversal.rate()).isEqualTo(original.rate());
        assertThat(reversal.reverses()).isEqualTo(4);
        // 250 Wh exported at the peak export rate 100,000 µ/kWh = 25,000 µ SOLAR
        final TransferCodec corrected = Outputs.transfer(correction.get(1));
        assertThat(corrected.amount()).isEqualTo(25_000);
        assertThat(corrected.reasonCode()).isEqualTo(ReasonCode.EXPORT_CREDIT.code());
        assertThat(corrected.reverses()).isZero();

        assertThat(Outputs.rejection(out.causedBy(7).get(0))).isEqualTo(ReasonCode.NOTHING_TO_CORRECT);
        // the customer owes nothing in USD after the reversal, and holds 777 Wh x 0.10 + 250 Wh x 0.10 of SOLAR
        final int usd = engine.ledger().findToken(TokenSymbol.pack("USD"));
        final int solar = engine.ledger().findToken(TokenSymbol.pack("SOLAR"));
        assertThat(engine.ledger().balance(customer, usd)).isZero();
        assertThat(engine.ledger().balance(customer, solar)).isEqualTo(77_700 + 25_000);
    }

    @Test
    void outOfOrderTicksArePricedExactlyAsInOrder()
    {
        final Path inOrder = dir.resolve("in-order");
        final Path shuffled = dir.resolve("shuffled");
        final SettlementEngine a = SettlementEngine.builder().journalDir(inOrder).build().start();
        try (a)
        {
            EngineFixture.setUp(a, 1);
            for (int i = 0; i < 12; i++)
            {
                a.submitTick(1, 0, T + i * 900L, 900, 100 + i, 0);
            }
        }
        final SettlementEngine b = SettlementEngine.builder().journalDir(shuffled).build().start();
        try (b)
        {
            EngineFixture.setUp(b, 1);
            // 12 ticks fit in the default 12-tick window, so none is too old to be checked
            for (int i = 11; i >= 0; i--)
            {
                b.submitTick(1, 0, T + i * 900L, 900, 100 + i, 0);
            }
        }
        final int usd = a.ledger().findToken(TokenSymbol.pack("USD"));
        assertThat(b.ledger().balance(1001, usd)).isEqualTo(a.ledger().balance(1001, usd));
        // 12 off-peak ticks of 100..111 Wh = 1,266 Wh at 0.30 = 379,800 µ, charged as -379,800 to the customer
        assertThat(a.ledger().balance(1001, usd)).isEqualTo(-379_800);
    }

    @Test
    void aTickOlderThanAFullCorrectionWindowIsRejected()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).correctionWindow(4).build().start())
        {
            EngineFixture.setUp(engine, 1);                         // inputs 1..3
            for (int i = 1; i <= 4; i++)
            {
                engine.submitTick(1, 0, T + i * 900L, 900, 10, 0);  // 4..7 fill the window
            }
            engine.submitTick(1, 0, T, 900, 10, 0);                 // 8: older than all four, cannot be checked
            engine.submitCorrection(1, 0, T + 900, 900, 11, 0);     // 9: still inside the window
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(8).get(0))).isEqualTo(ReasonCode.OUTSIDE_CORRECTION_WINDOW);
        assertThat(out.causedBy(9)).hasSize(2);
    }
}
