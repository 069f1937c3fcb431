package org.gridsettle.replay.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.journal.Journals;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.replay.TestJournals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedemptionInputs} follows a dump of the output journal through the input journal instead of reading it
 * whole: on a journal of 72,000 ticks and five redemption requests, the request ids a dump names are those the
 * requests carried, and a dump of a few outputs reads a few inputs.
 * <p>
 * The journal, input sequences in brackets: a tariff, accounts 1001 and 1002, a meter on each (1-5); 2,000 ticks
 * exporting 2 kWh each (6-2005); request 71 of 1001 and 72 of 1002 (2006, 2007); 70,000 ticks (2008-72007), more
 * than {@link RedemptionInputs#SEEK_GAP} apart; request 73 of 1001 (72008); 100 ticks (72009-72108); request 74 of
 * 1002 (72109); request 75 of 1002 for nothing, refused MALFORMED with the request id as its subject (72110); 100
 * ticks (72111-72210).
 */
class RedemptionInputsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    /** 2026-03-02T12:00Z. */
    private static final long NOON = 20_514L * 86_400 + 12 * 3_600;
    private static final long INPUTS = 72_210;

    @TempDir
    static Path dir;

    private static Path journal;
    /** Request id by the input sequence of its request, as submitted. */
    private static final Map<Long, Long> REQUESTS = new LinkedHashMap<>();
    private static long ticks;
    private static long sequence;

    @BeforeAll
    static void writeJournal()
    {
        journal = dir.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            // exports earn 0.05 SOLAR/kWh: each tick credits 100,000 µ SOLAR
            sequence = TestJournals.flatTariffTwoCustomers(engine);
            ticks(engine, 2_000);
            redeem(engine, 71, 1001, 150_000);
            redeem(engine, 72, 1002, 150_000);
            ticks(engine, 70_000);
            redeem(engine, 73, 1001, 250_000);
            ticks(engine, 100);
            redeem(engine, 74, 1002, 250_000);
            redeem(engine, 75, 1002, 0);
            ticks(engine, 100);
        }
        assertThat(sequence).isEqualTo(INPUTS);
    }

    @Test
    void aWholeDumpNamesTheRequestOfEachRedemptionAndReadsOnlyNearTheRequests()
    {
        final RedemptionInputs inputs = new RedemptionInputs(Journals.input(journal));
        final List<JsonNode> lines = dump(inputs, 0, Long.MAX_VALUE, null);

        final Map<Long, Long> named = new LinkedHashMap<>();
        for (final JsonNode line : lines)
        {
            if ("REDEMPTION".equals(line.path("reason").asText()) ||
                "redemption".equals(line.path("inputType").asText()))
            {
                named.put(line.get("cause").asLong(), line.get("requestId").asLong());
            }
        }
        assertThat(named).isEqualTo(REQUESTS);
        assertThat(inputs.problem()).isNull();
        // opened at 2006, read 2007 next to it; 72008 is 70,001 on, past SEEK_GAP: sought by a second reader, then
        // read forward through the 100 ticks to 72109 and on to 72110: 1 + 1 + 1 + 101 + 1 inputs, of 72,210
        assertThat(inputs.readersOpened()).isEqualTo(2);
        assertThat(inputs.inputsRead()).isEqualTo(105);
    }

    @Test
    void aDumpOfAFewOutputsReadsTheFewInputsBehindThemAndPrintsWhatTheWholeDumpDoes()
    {
        final List<JsonNode> whole = dump(new RedemptionInputs(Journals.input(journal)), 0, Long.MAX_VALUE, null);
        final int at = indexOfCause(whole, 72_109);

        final RedemptionInputs inputs = new RedemptionInputs(Journals.input(journal));
        final List<JsonNode> few = dump(inputs, whole.get(at - 2).get("sequence").asLong(), 5, null);

        assertThat(few).isEqualTo(whole.subList(at - 2, at + 3));
        assertThat(few).extracting(line -> line.path("requestId").asLong()).contains(74L, 75L);
        // a seek to 72109, then 72110: not the 72,210 inputs a whole read took
        assertThat(inputs.inputsRead()).isEqualTo(2);
        assertThat(inputs.readersOpened()).isEqualTo(1);
    }

    @Test
    void anAccountsRefusalWhoseSubjectIsTheRequestIdIsFoundByItsCauseAlone()
    {
        final List<JsonNode> whole = dump(new RedemptionInputs(Journals.input(journal)), 0, Long.MAX_VALUE, null);
        final long from = whole.get(indexOfCause(whole, 72_008)).get("sequence").asLong();

        final RedemptionInputs inputs = new RedemptionInputs(Journals.input(journal));
        final List<JsonNode> account = dump(inputs, from, Long.MAX_VALUE,
            RecordSubject.account(1002).redemptions(inputs));

        // the redemption of request 74, and the refusal of 75, whose subject is 75, not the account
        final List<String> redemptions = account.stream().filter(line -> line.get("cause").asLong() > 72_008)
            .filter(line -> line.path("requestId").isNumber())
            .map(line -> line.get("type").asText() + " " + line.get("reason").asText() + " " +
                line.get("requestId").asLong() + " " + line.path("subject").asText("-")).toList();
        assertThat(redemptions).containsExactly("transfer REDEMPTION 74 -", "rejection MALFORMED 75 75");
        // request 73's transfer is 1001's, neither printed nor looked up; request 74's is printed, its cause, 72109,
        // sought; the refusal's, 72110, is the next input: two read, by one reader
        assertThat(inputs.inputsRead()).isEqualTo(2);
        assertThat(inputs.readersOpened()).isEqualTo(1);
    }

    @Test
    void anInputThatFailsItsChecksIsNamedAndEndsTheLookupsWithEveryOutputStillPrinted(@TempDir final Path tmp)
        throws IOException
    {
        final Path copy = copyOf(journal, tmp.resolve("journal"));
        // request 73's record (type 8, schema 1, length 64, sequence 72008): a bit of its request id flipped
        flipRequestIdBit(Journals.input(copy), 72_008);

        final RedemptionInputs inputs = new RedemptionInputs(Journals.input(copy));
        final List<JsonNode> lines = dump(copy, inputs, 0, Long.MAX_VALUE, null);

        assertThat(lines).hasSize(dump(new RedemptionInputs(Journals.input(journal)), 0, Long.MAX_VALUE, null).size());
        assertThat(inputs.problem()).contains("sequence 72008").contains("hash chain broken");
        final List<String> named = lines.stream().filter(line -> "REDEMPTION".equals(line.path("reason").asText()) ||
            "redemption".equals(line.path("inputType").asText()))
            .map(line -> line.get("cause").asLong() + " " + line.path("requestId").asText("none")).toList();
        // the requests before the broken input are named; it, and those after it, are not trusted
        assertThat(named).containsExactly("2006 71", "2007 72", "72008 none", "72109 none", "72110 none");
    }

    private static void ticks(final SettlementEngine engine, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long meter = 1 + (ticks % 2);
            engine.submitTick(meter, 0, NOON + 900 * (ticks / 2), 900, 0, 2_000);
            ticks++;
            sequence++;
        }
    }

    private static void redeem(final SettlementEngine engine, final long requestId, final long account,
        final long amount)
    {
        engine.redeem(requestId, account, SOLAR, amount);
        REQUESTS.put(++sequence, requestId);
    }

    private static int indexOfCause(final List<JsonNode> lines, final long cause)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).get("cause").asLong() == cause)
            {
                return i;
            }
        }
        throw new AssertionError("no output of input " + cause);
    }

    private static List<JsonNode> dump(final RedemptionInputs inputs, final long from, final long limit,
        final RecordSubject subject)
    {
        return dump(journal, inputs, from, limit, subject);
    }

    private static List<JsonNode> dump(final Path journalDir, final RedemptionInputs inputs, final long from,
        final long limit, final RecordSubject subject)
    {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = RecordJsonWriter.jsonLines(out); inputs)
        {
            new JournalDump(new RecordJsonWriter(json).redemptions(inputs), Journals.OUTPUT, from, limit, false)
                .subject(subject).run(Journals.output(journalDir));
            json.flush();
            final List<JsonNode> lines = new ArrayList<>();
            for (final String line : out.toString().lines().toList())
            {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static void flipRequestIdBit(final Path queue, final long sequence) throws IOException
    {
        final byte[] header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short)8).putShort((short)1).putInt(64).putLong(sequence).array();
        try (Stream<Path> files = Files.list(queue))
        {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4")).toList())
            {
                final int at = TestJournals.indexOf(Files.readAllBytes(file), header);
                if (at >= 0)
                {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                    {
                        raf.seek(at + 24);
                        final int b = raf.read();
                        raf.seek(at + 24);
                        raf.write(b ^ 0x01);
                    }
                    return;
                }
            }
        }
        throw new AssertionError("no redemption record of sequence " + sequence + " in " + queue);
    }

    private static Path copyOf(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path p : paths.toList())
            {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }
}
