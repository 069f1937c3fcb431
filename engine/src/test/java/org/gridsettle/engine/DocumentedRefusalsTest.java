package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host's walk through every argument the {@link SettlementEngine} Javadoc says is refused with an exception: the
 * exception names the argument and its value, nothing of the call is journalled, and the engine goes on. Every other
 * bad value is journalled and answered with a REJECTION, as the class Javadoc promises.
 */
class DocumentedRefusalsTest
{
    private static final long T = EngineFixture.START;

    @TempDir
    Path dir;

    @Test
    void eachDocumentedRefusalThrowsBeforeAnythingIsJournalledAndTheEngineGoesOn() throws Exception
    {
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                                          // inputs 1..3
            refused(engine, IllegalArgumentException.class, "channel 256",
                () -> engine.submitTick(1, 256, T, 900, 1, 0));
            refused(engine, IllegalArgumentException.class, "channel -1",
                () -> engine.trySubmitTick(1, -1, T, 900, 1, 0));
            refused(engine, IllegalArgumentException.class, "channel 300",
                () -> engine.submitCorrection(1, 300, T, 900, 1, 0));
            refused(engine, IllegalArgumentException.class, "pricing node",
                () -> engine.enrolMeter(2, 1001, EngineFixture.TARIFF, T, 0, 0, "A,B"));
            refused(engine, IllegalArgumentException.class, "import -1",
                () -> engine.enrolMeter(2, 1001, EngineFixture.TARIFF, T, 0, 0, null, -1, 0));
            refused(engine, NullPointerException.class, "method",
                () -> engine.publishDrEvent(9, TokenSymbol.pack("DR"), EngineFixture.TARIFF, T, T + 3600, 1, null, 0));
            refused(engine, IllegalArgumentException.class, "modificationNumber",
                () -> engine.publishDrEvent(9, TokenSymbol.pack("DR"), EngineFixture.TARIFF, T, T + 3600, 1,
                    org.gridsettle.pricing.dr.BaselineMethod.DECLARED, 100, -2));
            refused(engine, IllegalArgumentException.class, "modificationNumber",
                () -> engine.withdrawDrEvent(9, EngineFixture.TARIFF, -1));
            refused(engine, IllegalArgumentException.class, "modificationNumber",
                () -> engine.modifyDrEvent(9, TokenSymbol.pack("DR"), EngineFixture.TARIFF, T, T + 3600, 1,
                    org.gridsettle.pricing.dr.BaselineMethod.DECLARED, 100, -1));
            refused(engine, NullPointerException.class, "method",
                () -> engine.modifyDrEvent(9, TokenSymbol.pack("DR"), EngineFixture.TARIFF, T, T + 3600, 1, null, 0,
                    0));
            refused(engine, IllegalArgumentException.class, "pricing node",
                () -> engine.publishOraclePrices(
                    OraclePriceSeries.of("NODE\"1", new long[] {T}, new int[] {3600}, new long[] {1})));
            // the record holds the kind in one byte: 257 was journalled as PERIOD_CLOSE, 256 as END_OF_DAY, and
            // closed a billing period the host never asked to close
            refused(engine, IllegalArgumentException.class, "calendar kind 257",
                () -> engine.calendar(257, T + 86_400, EngineFixture.TARIFF));
            refused(engine, IllegalArgumentException.class, "calendar kind -255",
                () -> engine.calendar(-255, T + 86_400, EngineFixture.TARIFF));

            // a kind the record holds but the rules do not know is journalled and rejected, as documented
            engine.calendar(2, T + 86_400, EngineFixture.TARIFF);                   // 4
            assertThat(engine.queryBalance(1001, TokenSymbol.pack("USD")).get().asOfSequence()).isEqualTo(4);
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.all()).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void aJournalDirectoryThatIsAFileIsNamedAsSuch() throws Exception
    {
        // build()'s Javadoc: a path that is a file is refused naming the path and why; the message named the lock
        // file two levels below it and said only "Not a directory"
        final Path file = java.nio.file.Files.writeString(dir.resolve("journal"), "not a directory");
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(file).build())
            .isInstanceOf(java.io.UncheckedIOException.class)
            .hasMessageContaining(file + " is a file, not a directory");
        assertThatThrownBy(() -> SettlementEngine.builder().journalDir(file.resolve("below")).build())
            .isInstanceOf(java.io.UncheckedIOException.class)
            .hasMessageContaining(file + " is a file, not a directory");
    }

    /** Asserts the call is refused naming what is wrong, and that the engine journalled nothing for it. */
    private static void refused(
        final SettlementEngine engine,
        final Class<? extends Throwable> type,
        final String named,
        final Executable call) throws Exception
    {
        final long before = engine.queryBalance(1001, TokenSymbol.pack("USD")).get().asOfSequence();
        assertThatThrownBy(call::execute).isInstanceOf(type).hasMessageContaining(named);
        assertThat(engine.fatalError()).isNull();
        assertThat(engine.queryBalance(1001, TokenSymbol.pack("USD")).get().asOfSequence())
            .as("nothing journalled for a call refused for %s", named).isEqualTo(before);
    }
}
