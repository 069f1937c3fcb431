package org.gridsettle.replay.cli;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle dump --account} shows every refusal of the account's redemption requests, whichever of the reasons
 * {@code RedemptionProcessor} gives, whatever the refusal names as its subject (the account for UNKNOWN_ACCOUNT,
 * INSUFFICIENT_BALANCE and OVERFLOW; the request id for MALFORMED and CONFLICTING_DUPLICATE: journal/FORMAT.md
 * section 5), and no other account's refusal, even one whose subject is the same number. {@code --meter} shows no
 * refusal of a redemption, which is about an account.
 * <p>
 * Account 1001 asks for each refusal in turn; account 1002 has requests 1001 refused with 1001 as their subject;
 * an unregistered account 1, numbered as meter 1, asks for a redemption refused UNKNOWN_ACCOUNT with subject 1.
 */
class DumpAccountRefusalsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    /** 2026-03-02T12:00Z. */
    private static final long NOON = 20_514L * 86_400 + 12 * 3_600;
    /**
     * An export that credits 1.5 x 10^14 Wh x 0.05 SOLAR/kWh = 7.5 x 10^15 µ SOLAR, the most a tick's price fits in a
     * long with room to spare (LedgerOverflowTest's); 650 of them credit 4.875 x 10^18 µ, more than half of
     * Long.MAX_VALUE (9.22 x 10^18).
     */
    private static final long HUGE_EXPORT_WH = 150_000_000_000_000L;
    private static final int HUGE_TICKS = 650;

    @TempDir
    static Path dir;

    private static Path journal;
    /** "cause reason requestId" of each refusal of a redemption of account 1001, as submitted. */
    private static final List<String> REFUSALS_OF_1001 = new ArrayList<>();
    /** The same of account 1002's. */
    private static final List<String> REFUSALS_OF_1002 = new ArrayList<>();
    private static long sequence;
    private static long interval;

    @BeforeAll
    static void writeJournal()
    {
        journal = dir.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            // 1-5: a flat tariff, exports 0.05 SOLAR/kWh; meter 1 on 1001, meter 2 on 1002
            sequence = TestJournals.flatTariffTwoCustomers(engine);
            tick(engine, 1, 2_000);                                    // 100,000 µ SOLAR to 1001
            tick(engine, 2, 2_000);                                    // 100,000 µ SOLAR to 1002
            redeem(engine, 11, 1001, SOLAR, 50_000, null);             // paid
            redeem(engine, 11, 1001, SOLAR, 50_000, null);             // a retry: acknowledged, not refused
            redeem(engine, 11, 1001, SOLAR, 60_000, "CONFLICTING_DUPLICATE");
            redeem(engine, 12, 1001, SOLAR, 0, "MALFORMED");
            redeem(engine, 13, 1001, SOLAR, 50_001, "INSUFFICIENT_BALANCE");
            // a token the ledger has never posted is no balance to redeem
            redeem(engine, 14, 1001, TokenSymbol.pack("NEM"), 1, "INSUFFICIENT_BALANCE");
            // another account's requests whose refusals' subject is 1001, the request id
            redeem(engine, 1001, 1002, SOLAR, 0, "MALFORMED");
            redeem(engine, 1001, 1002, SOLAR, 10, null);               // the refused id, retried: paid
            redeem(engine, 1001, 1002, SOLAR, 20, "CONFLICTING_DUPLICATE");
            // an account never registered, numbered as meter 1: refused with subject 1
            redeem(engine, 15, 1, SOLAR, 10, "UNKNOWN_ACCOUNT");
            for (int i = 0; i < HUGE_TICKS; i++)
            {
                tick(engine, 1, HUGE_EXPORT_WH);
            }
            // 1001 holds 4.875 x 10^18 µ, which covers this; SOLAR's running total leaves 9.22 - 4.88 = 4.35 x 10^18
            // of headroom, which does not
            redeem(engine, 16, 1001, SOLAR, 4_800_000_000_000_000_000L, "OVERFLOW");
        }
    }

    @Test
    void anAccountsDumpShowsEachRefusalOfItsRequestsWhateverTheReasonAndSubjectAndNoOtherAccounts()
    {
        final List<JsonNode> lines = dump("--account", "1001");

        assertThat(refusals(lines)).containsExactlyElementsOf(REFUSALS_OF_1001);
        assertThat(REFUSALS_OF_1001).extracting(r -> r.split(" ")[1]).containsExactly("CONFLICTING_DUPLICATE",
            "MALFORMED", "INSUFFICIENT_BALANCE", "INSUFFICIENT_BALANCE", "OVERFLOW");
        // and what the account's dump showed before: its payment and the acknowledgement of its retry
        assertThat(lines).filteredOn(line -> "REDEMPTION".equals(line.path("reason").asText()))
            .extracting(line -> line.get("requestId").asLong()).containsExactly(11L);
        assertThat(lines).filteredOn(line -> line.get("type").asText().equals("duplicate_ack"))
            .extracting(line -> line.get("key").asLong()).containsExactly(11L);
        assertThat(refusals(dump("--account", "1002"))).containsExactlyElementsOf(REFUSALS_OF_1002);
        assertThat(refusals(dump("--account", "1"))).singleElement().asString().endsWith(" UNKNOWN_ACCOUNT 15");
    }

    @Test
    void aMetersDumpShowsNoRefusalOfARedemptionThoughItsSubjectIsTheMetersNumber()
    {
        final List<JsonNode> whole = dump();
        // the refusal for unregistered account 1 has subject 1, the meter's number
        assertThat(whole).filteredOn(line -> "UNKNOWN_ACCOUNT".equals(line.path("reason").asText()))
            .extracting(line -> line.get("subject").asLong()).containsExactly(1L);

        final List<JsonNode> meter = dump("--meter", "1");

        assertThat(meter).isNotEmpty().noneMatch(line -> line.get("type").asText().equals("rejection"));
        assertThat(meter).hasSize((int)whole.stream().filter(line -> line.path("meterId").asLong() == 1).count());
    }

    @Test
    void withoutTheInputJournalARefusalIsTheAccountsOnlyWhenItsReasonNamesTheAccount(@TempDir final Path tmp)
        throws IOException
    {
        final Path copy = tmp.resolve("journal");
        copy(journal, copy);
        deleteTree(Journals.input(copy));

        final CliRun run = CliRun.of("dump", "--journal", copy.toString(), "--account", "1001");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the request ids are not known: the refusals naming 1001 as the account, not those naming request 1001
        assertThat(refusals(parse(run.out()))).containsExactlyElementsOf(REFUSALS_OF_1001.stream()
            .filter(r -> !r.contains("MALFORMED") && !r.contains("CONFLICTING_DUPLICATE"))
            .map(r -> r.substring(0, r.lastIndexOf(' ')) + " none").toList());
    }

    private static void tick(final SettlementEngine engine, final long meter, final long exportWh)
    {
        engine.submitTick(meter, 0, NOON + 900 * interval++, 900, 0, exportWh);
        sequence++;
    }

    private static void redeem(final SettlementEngine engine, final long requestId, final long account,
        final long token, final long amount, final String refusal)
    {
        engine.redeem(requestId, account, token, amount);
        sequence++;
        if (refusal != null && account == 1001)
        {
            REFUSALS_OF_1001.add(sequence + " " + refusal + " " + requestId);
        }
        if (refusal != null && account == 1002)
        {
            REFUSALS_OF_1002.add(sequence + " " + refusal + " " + requestId);
        }
    }

    private static List<String> refusals(final List<JsonNode> lines)
    {
        return lines.stream().filter(line -> line.get("type").asText().equals("rejection"))
            .map(line -> line.get("cause").asLong() + " " + line.get("reason").asText() + " " +
                line.path("requestId").asText("none")).toList();
    }

    private static List<JsonNode> dump(final String... selection)
    {
        final List<String> args = new ArrayList<>(List.of("dump", "--journal", journal.toString()));
        args.addAll(List.of(selection));
        final CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return parse(run.out());
    }

    private static List<JsonNode> parse(final String out)
    {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.lines().toList())
        {
            try
            {
                lines.add(JSON.readTree(line));
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path p : paths.toList())
            {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}
