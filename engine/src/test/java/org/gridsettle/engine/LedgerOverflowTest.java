package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never stops the engine (DESIGN.md), and overflow throws rather than wraps: so a tick whose charge would
 * take a balance past a long must be rejected, not halt the engine.
 * <p>
 * Each tick imports 3 x 10^13 Wh. Off-peak (0.30/kWh) that prices to 3e13 x 300,000 / 1000 = 9 x 10^15 µ, which fits
 * (the peak rate's product 1.5 x 10^19 does not and is rejected as OVERFLOW by the pricer, as designed). Long.MAX_VALUE
 * is about 9.22 x 10^18, so the customer's balance overflows after about 1,025 such off-peak ticks.
 */
class LedgerOverflowTest
{
    @TempDir
    Path tmp;

    @Test
    // Was a bug: Ledger.post threw ArithmeticException out of SettlementLogic.apply after ~1,284 such ticks; the engine
    // halted, and every restart re-applied the journalled input and halted again. Each input's postings are now
    // checked against Ledger.headroom before the first is made (Postings check mode), and refused whole as OVERFLOW.
    void ticksWhoseChargesWouldOverflowABalanceAreRejectedAndTheEngineCarriesOn()
    {
        final List<Integer> reasons = new ArrayList<>();
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).listener(new PostingListener()
        {
            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                reasons.add(rejection.reasonCode());
            }
        }).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);
            for (int i = 0; i < 1_500; i++)
            {
                engine.submitTick(1, 0, EngineFixture.START + 900L * i, 900, 30_000_000_000_000L, 0);
            }
            engine.submitTick(1, 0, EngineFixture.START + 900L * 1_500, 900, 100, 0);
        }
        assertThat(engine.fatalError()).isNull();
        assertThat(reasons).contains(ReasonCode.OVERFLOW.code()).containsOnly(ReasonCode.OVERFLOW.code());
        final SettlementEngine restarted = SettlementEngine.builder().journalDir(tmp).build().start();
        restarted.close();
        assertThat(restarted.recoveredInputs()).isEqualTo(3 + 1_501);
    }

    /**
     * A tick with import and export posts a USD charge and then a SOLAR credit. With SOLAR's running total near the
     * limit, the credit would overflow after the charge was already posted (and emitted): the tick must post neither.
     * The same holds for a day of interest on SOLAR.
     */
    @Test
    void aTickWhoseLaterPostingWouldOverflowPostsNoneOfItsParts()
    {
        final Outcome outcome = new Outcome();
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).listener(outcome).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);
            // 1.5e14 Wh at the off-peak export rate credits 7.5e15 µ SOLAR (at peak the price itself overflows and is
            // rejected): the SOLAR total fills after about 1,230 off-peak ticks, of the 1,350 or so here
            for (int i = 0; i < 1_700; i++)
            {
                engine.submitTick(1, 0, EngineFixture.START + 900L * i, 900, 0, 150_000_000_000_000L);
            }
            // 18 days on: 01:00 local, off-peak
            engine.submitTick(1, 0, EngineFixture.START + 900L * 1_728, 900, 100, 150_000_000_000_000L);
            engine.accrueInterest(1, LogicInputs.SOLAR, 10_000, EngineFixture.START / 86_400 + 1);
        }
        final long mixedTick = 3 + 1_700 + 1;
        assertThat(engine.fatalError()).isNull();
        assertThat(outcome.reasons).containsOnly(ReasonCode.OVERFLOW.code());
        assertThat(outcome.transfersCausedBy(mixedTick)).isEmpty();
        assertThat(outcome.rejectionsOf(mixedTick)).containsExactly(ReasonCode.OVERFLOW.code());
        assertThat(outcome.transfersCausedBy(mixedTick + 1)).isEmpty();
        assertThat(outcome.rejectionsOf(mixedTick + 1)).containsExactly(ReasonCode.OVERFLOW.code());
        engine.ledger().checkBalanced();
    }

    /**
     * A correction posts the reversal of the tick it replaces, then the corrected values. If the corrected values
     * cannot be posted, the reversal must not be either: otherwise the old tick stays in the window and a later
     * correction reverses it a second time.
     */
    @Test
    void aCorrectionWhoseCorrectedValuesWouldOverflowReversesNothing()
    {
        final Outcome outcome = new Outcome();
        final SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).listener(outcome).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);
            for (int i = 0; i < 1_500; i++)
            {
                engine.submitTick(1, 0, EngineFixture.START + 900L * i, 900, 30_000_000_000_000L, 0);
            }
            // 16 days on: 01:00 local after the daylight-saving change, off-peak, and the newest tick in the window
            final long offPeak = EngineFixture.START + 900L * 1_536;
            engine.submitTick(1, 0, offPeak, 900, 100, 0);
            engine.submitCorrection(1, 0, offPeak, 900, 30_000_000_000_000L, 0);
            engine.submitCorrection(1, 0, offPeak, 900, 200, 0);
        }
        final long firstCorrection = 3 + 1_500 + 1 + 1;
        assertThat(engine.fatalError()).isNull();
        assertThat(outcome.transfersCausedBy(firstCorrection)).isEmpty();
        assertThat(outcome.rejectionsOf(firstCorrection)).containsExactly(ReasonCode.OVERFLOW.code());
        // 100 Wh x 0.30 reversed once, 200 Wh x 0.30 charged
        assertThat(outcome.transfersCausedBy(firstCorrection + 1)).containsExactly(30_000L, 60_000L);
        engine.ledger().checkBalanced();
    }

    /** Collects rejections and transfer amounts by the input that caused them. */
    private static final class Outcome implements PostingListener
    {
        private final List<Integer> reasons = new ArrayList<>();
        private final List<long[]> transfers = new ArrayList<>();
        private final List<long[]> rejections = new ArrayList<>();

        @Override
        public void onTransfer(final TransferCodec transfer)
        {
            transfers.add(new long[] {transfer.causeSequence(), transfer.amount()});
        }

        @Override
        public void onRejection(final RejectionCodec rejection)
        {
            reasons.add(rejection.reasonCode());
            rejections.add(new long[] {rejection.causeSequence(), rejection.reasonCode()});
        }

        List<Long> transfersCausedBy(final long cause)
        {
            return transfers.stream().filter(t -> t[0] == cause).map(t -> t[1]).toList();
        }

        List<Integer> rejectionsOf(final long cause)
        {
            return rejections.stream().filter(r -> r[0] == cause).map(r -> (int)r[1]).toList();
        }
    }
}
