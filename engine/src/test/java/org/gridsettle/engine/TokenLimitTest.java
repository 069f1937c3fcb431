package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.journal.codec.CalendarCodec;
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

    /**
     * One tariff (IMP, EXP) and fourteen DR events of tokens DR0..DR13, each an hour of the first day: sixteen tokens,
     * the ledger's limit. A withdrawn event never posts, so its token no longer holds a place: the event after the
     * withdrawal brings a new token and is accepted, where it was rejected TOKEN_LIMIT before. Settled events keep
     * theirs, as do events still pending: the limit still holds after both. The engine stops after the withdrawal
     * and starts again from the snapshot its clean shutdown took, which must carry the withdrawal.
     */
    @Test
    void aWithdrawnDrEventsTokenMakesRoomForANewOneButSettledAndPendingEventsKeepTheirs()
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(flat(100, "IMP", "EXP"));                                 // 1: 2 tokens
            for (int i = 0; i < 14; i++)
            {
                engine.publishDrEvent(i + 1, TokenSymbol.pack("DR" + i), 100, T + i * 3_600L,
                    T + (i + 1) * 3_600L, 250_000, BaselineMethod.DECLARED, 2_000);       // 2..15: 16 tokens
            }
            engine.publishDrEvent(15, TokenSymbol.pack("DRX"), 100, T + 14 * 3_600L, T + 15 * 3_600L, 250_000,
                BaselineMethod.DECLARED, 2_000);                                           // 16: a 17th
            engine.withdrawDrEvent(6, 100);                                                // 17: DR5 never posts
        }
        assertThat(dir.resolve("snapshots")).isNotEmptyDirectory();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            assertThat(engine.appliedSequence()).isEqualTo(17);
            engine.publishDrEvent(16, TokenSymbol.pack("DRNEW"), 100, T + 15 * 3_600L, T + 16 * 3_600L, 250_000,
                BaselineMethod.DECLARED, 2_000);                                           // 18: in DR5's place
            engine.publishDrEvent(17, TokenSymbol.pack("DRMORE"), 100, T + 16 * 3_600L, T + 17 * 3_600L, 250_000,
                BaselineMethod.DECLARED, 2_000);                                           // 19: a 17th again
            engine.calendar(CalendarCodec.END_OF_DAY, T + 86_400, 100);                    // 20: settles the rest
            engine.publishDrEvent(18, TokenSymbol.pack("DRLATE"), 100, T + 86_400 + 17 * 3_600L,
                T + 86_400 + 18 * 3_600L, 250_000, BaselineMethod.DECLARED, 2_000);        // 21: a 17th still
        }
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.rejection(out.causedBy(16).get(0))).isEqualTo(ReasonCode.TOKEN_LIMIT);
        assertThat(out.causedBy(17)).as("the withdrawal").isEmpty();
        assertThat(out.causedBy(18)).as("accepted: a DR event posts nothing until it settles").isEmpty();
        assertThat(Outputs.rejection(out.causedBy(19).get(0))).isEqualTo(ReasonCode.TOKEN_LIMIT);
        assertThat(Outputs.rejection(out.causedBy(21).get(0))).as("settled events keep their tokens")
            .isEqualTo(ReasonCode.TOKEN_LIMIT);
        try (SettlementEngine again = SettlementEngine.builder().journalDir(dir).snapshots(false).build().start())
        {
            assertThat(again.fatalError()).isNull();
            assertThat(again.appliedSequence()).isEqualTo(21);
        }
    }
}
