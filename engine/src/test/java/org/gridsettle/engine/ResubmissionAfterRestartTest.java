package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.carbon.IntensitySource;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's restart rule, taken at its word by a host that keeps no sequence numbers: after a restart it submits
 * every input of the first session again. Nothing posts twice, and each input kind answers as the Javadoc says (an
 * input a later one has superseded since, as a correction does a tick, is rejected, not acknowledged); the
 * input sequences, which {@code appliedSequence()} and {@code recoveredInputs()} count, number journalled records,
 * so a series split in two runs takes two.
 */
class ResubmissionAfterRestartTest
{
    private static final long T = EngineFixture.START;
    private static final long GB = TokenSymbol.pack("GB");
    private static final long USD = TokenSymbol.pack("USD");

    @TempDir
    Path dir;

    @Test
    void aHostThatSubmitsEverythingAgainAfterARestartDoublesNothing() throws Exception
    {
        final List<String> first = new ArrayList<>();
        final long balance;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(recorder(first)).build()
            .start())
        {
            session(engine);
            balance = engine.queryBalance(1001, USD).get().micros();
            assertThat(engine.appliedSequence()).as("11 submissions, the series in two records").isEqualTo(12);
        }
        assertThat(first).as("something was posted to double").anyMatch(s -> s.startsWith("TRANSFER"));

        final List<String> second = new ArrayList<>();
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).listener(recorder(second)).build()
            .start())
        {
            // the close snapshot restored all 12 and none was re-applied: the count is of inputs journalled
            assertThat(engine.recoveryNotes()).anyMatch(note -> note.startsWith("loaded snapshot"));
            assertThat(engine.recoveredInputs()).isEqualTo(12);
            assertThat(engine.appliedSequence()).isEqualTo(12);
            session(engine);
            assertThat(engine.queryBalance(1001, USD).get().micros()).isEqualTo(balance);
        }
        assertThat(second).containsExactly(
            "REJECTION 13 ALREADY_EXISTS",              // the tariff version
            "REJECTION 14 ALREADY_EXISTS",              // the account; 15, the same enrolment, changes nothing
            "REJECTION 16 ALREADY_EXISTS",              // each record of the series
            "REJECTION 17 ALREADY_EXISTS",
            "REJECTION 18 CONFLICTING_DUPLICATE",       // the tick, which its correction has replaced since
            "DUPLICATE 19",                             // correction
            "DUPLICATE 20",                             // end of day
            "DUPLICATE 21",                             // interest
            "REJECTION 22 DR_EVENT_WITHDRAWN",          // the DR event, withdrawn since
            "DUPLICATE 23",                             // its withdrawal
            "DUPLICATE 24");                            // redemption
    }

    /** Eleven submissions; the series has a gap, so it is journalled as two records. */
    private static void session(final SettlementEngine engine)
    {
        engine.publishTariff(EngineFixture.tariff().withCarbon(50_000, 40_000, 2));
        engine.registerAccount(1001);
        engine.enrolMeter(1, 1001, EngineFixture.TARIFF, T, 0, GB);
        engine.publishCarbonIntensity(GB, CarbonIntensitySeries.of("GB", new long[] {T, T + 7200},
            new int[] {1800, 1800}, new long[] {200_000, 100_000},
            new byte[] {IntensitySource.ACTUAL, IntensitySource.ACTUAL}));
        engine.submitTick(1, 0, T, 900, 1_000, 0);
        engine.submitCorrection(1, 0, T, 900, 2_000, 2_000);     // 2 kWh exported: SOLAR
        engine.calendar(CalendarCodec.END_OF_DAY, T + 86_400, EngineFixture.TARIFF);
        engine.accrueInterest(7, USD, 500, T / 86_400 + 1);
        engine.publishDrEvent(99, TokenSymbol.pack("DR"), EngineFixture.TARIFF, T + 3 * 86_400 + 14 * 3600,
            T + 3 * 86_400 + 16 * 3600, 500_000, BaselineMethod.DECLARED, 1_000);
        engine.withdrawDrEvent(99, EngineFixture.TARIFF);
        engine.redeem(5, 1001, TokenSymbol.pack("SOLAR"), 1_000);
    }

    private static PostingListener recorder(final List<String> into)
    {
        return new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec transfer)
            {
                into.add("TRANSFER " + transfer.causeSequence());
            }

            @Override
            public void onRejection(final RejectionCodec rejection)
            {
                into.add("REJECTION " + rejection.causeSequence() + " " + ReasonCode.ofCode(rejection.reasonCode()));
            }

            @Override
            public void onDuplicate(final DuplicateAckCodec ack)
            {
                into.add("DUPLICATE " + ack.causeSequence());
            }
        };
    }
}
