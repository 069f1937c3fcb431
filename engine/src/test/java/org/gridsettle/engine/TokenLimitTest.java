package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger holds at most {@link Ledger#MAX_TOKENS} tokens. A tariff version or DR event that would declare more is
 * rejected when it arrives, so that a tick never meets a seventeenth token half-way through its postings: that halted
 * the engine, and halted it again at every restart, because recovery re-applies the same journalled tick.
 */
class TokenLimitTest
{
    private static final long T = EngineFixture.START;
    private static final int[] FLAT = new int[24];

    @TempDir
    Path dir;

    private static TouTariff flat(final long tariffId, final String importToken, final String exportToken)
    {
        return TouTariff.hourly(tariffId, 1, T, importToken, exportToken, EngineFixture.ZONE,
            List.of(new TouPeriod("flat", 300_000, 100_000)), FLAT, FLAT);
    }

    @Test
    void aTariffOrDrEventBeyondTheLedgersTokensIsRejectedAndTheEngineGoesOnAndRestarts()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).snapshots(false).build().start())
        {
            for (int i = 0; i < 8; i++)
            {
                engine.publishTariff(flat(100 + i, "IMP" + i, "EXP" + i));                // 1..8: 16 tokens
            }
            engine.publishTariff(flat(108, "IMP8", "EXP0"));                               // 9: a 17th
            engine.publishTariff(flat(109, "IMP7", "EXP0"));                               // 10: known tokens only
            engine.publishDrEvent(1, TokenSymbol.pack("DR"), 100, T + 17 * 3_600, T + 18 * 3_600, 250_000,
                BaselineMethod.DECLARED, 2_000);                                           // 11: a 17th
            for (int i = 0; i < 8; i++)
            {
                engine.registerAccount(1000 + i);                                          // 12, 14, ...
                engine.enrolMeter(i + 1, 1000 + i, 100 + i, T);                            // 13, 15, ...
            }
            engine.registerAccount(1008);                                                  // 28
            engine.enrolMeter(9, 1008, 109, T);                                            // 29
            for (int i = 0; i < 9; i++)
            {
                engine.submitTick(i + 1, 0, T, 900, 100, 100);                             // 30..38
            }
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(9).get(0))).isEqualTo(ReasonCode.TOKEN_LIMIT);
        assertThat(out.causedBy(10)).isEmpty();
        assertThat(Outputs.rejection(out.causedBy(11).get(0))).isEqualTo(ReasonCode.TOKEN_LIMIT);
        for (int input = 30; input <= 38; input++)
        {
            // an import charge and an export credit each: every tick posted in full
            assertThat(out.causedBy(input)).as("input %d", input).hasSize(2)
                .noneMatch(r -> Outputs.type(r) == RecordType.REJECTION.id());
        }
        try (SettlementEngine again = SettlementEngine.builder().journalDir(dir).snapshots(false).build().start())
        {
            assertThat(again.fatalError()).isNull();
            assertThat(again.appliedSequence()).isEqualTo(38);
        }
    }
}
