package org.gridsettle.engine;

import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a host embeds the engine, in about 30 lines: the example the README points to; and the README's own snippet,
 * run as written.
 */
class EmbeddingExampleTest
{
    @TempDir
    Path journal;

    @Test
    void aHostEmbedsTheEngine() throws Exception
    {
        final AtomicLong charged = new AtomicLong();           // listeners run on the engine's thread
        final PostingListener bookkeeper = new PostingListener()
        {
            @Override
            public void onTransfer(final TransferCodec t)
            {
                if (t.debitAccount() == 1001)
                {
                    charged.addAndGet(t.amount());
                }
            }
        };
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).listener(bookkeeper).build()
            .start())
        {
            engine.publishTariff(EngineFixture.tariff());    // off-peak 0.30 per kWh at midnight
            engine.registerAccount(1001);
            engine.enrolMeter(42, 1001, EngineFixture.TARIFF, EngineFixture.START);
            engine.submitTick(42, 0, EngineFixture.START, 900, 400, 0);         // 0.4 kWh: 0.12
            engine.submitCorrection(42, 0, EngineFixture.START, 900, 500, 0);   // actual reading: 0.15
            engine.calendar(CalendarCodec.END_OF_DAY, EngineFixture.START + 86_400, EngineFixture.TARIFF);
            final Balance usd = engine.queryBalance(1001, TokenSymbol.pack("USD")).get();
            assertThat(usd.micros()).isEqualTo(-150_000);    // as of every input before the query
            assertThat(usd.asOfSequence()).isEqualTo(6);
        }
        // 120,000 charged, then 150,000 after the correction's reversal (which credits 1001, not counted here)
        assertThat(charged.get()).isEqualTo(270_000);
    }

    @Test
    void theReadmeSnippetRunsAsWritten()
    {
        final Path dir = journal;
        final TouTariff tariff = EngineFixture.tariff();                   // off-peak 0.30 per kWh at midnight
        final long from = EngineFixture.START;
        final long intervalStart = EngineFixture.START;
        final long importWh = 400;
        final long exportWh = 0;
        // README.md, "Embedding", as written there (theReadmeShowsTheSnippetThisTestRuns keeps the two the same)
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            engine.publishTariff(tariff);                       // journalled whole: replay needs no side files
            engine.registerAccount(1001);
            engine.enrolMeter(42, 1001, tariff.tariffId(), from);
            engine.submitTick(42, MeterTickCodec.CHANNEL_MAIN, intervalStart, 900, importWh, exportWh);
        }                                                       // close() drains the ring and closes both journals
        final Outputs out = Outputs.of(dir);
        assertThat(out.all()).hasSize(1);
        // 0.4 kWh at 0.30: 0.12
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(120_000);
    }

    @Test
    void theReadmeShowsTheSnippetThisTestRuns() throws IOException
    {
        final Path root = repositoryRoot();
        final String readme = Files.readString(root.resolve("README.md"));
        final int section = readme.indexOf("\n## Embedding\n");
        assertThat(section).as("README.md has an Embedding section").isNotNegative();
        final int from = readme.indexOf("```java\n", section) + "```java\n".length();
        final String snippet = readme.substring(from, readme.indexOf("```", from));
        final String source = Files.readString(
            root.resolve("engine/src/test/java/org/gridsettle/engine/EmbeddingExampleTest.java"));
        // brace placement and alignment aside, the README shows exactly the code that runs above
        assertThat(withoutWhitespace(source)).contains(withoutWhitespace(snippet));
    }

    private static String withoutWhitespace(final String text)
    {
        return text.replaceAll("\\s+", "");
    }

    static Path repositoryRoot()
    {
        // the module directory when Maven runs the tests; the repository root from some IDEs
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("engine/src/test")))
        {
            dir = dir.getParent();
        }
        assertThat(dir).as("a directory above the working directory holds engine/src/test").isNotNull();
        return dir;
    }
}
