package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.replay.TestJournals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a treasurer reads from {@code settle dump}: the per-token reconciliation of {@code --supply}, and the
 * redemption requests behind its outputs, on a journal of exports credited, interest paid, redemptions (some
 * refused) and a credit corrected away after it was redeemed (journal/FORMAT.md section 5, "Supply and reserve").
 */
class DumpSupplyTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    /** 2026-03-02T12:00Z: day 20,514. */
    private static final long NOON = 20_514L * 86_400 + 12 * 3_600;

    @TempDir
    static Path dir;

    private static Path journal;

    @BeforeAll
    static void writeJournal()
    {
        journal = dir.resolve("journal");
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(journal).build().start())
        {
            // 1-5: a flat tariff, imports 0.30 USD/kWh, exports 0.05 SOLAR/kWh; meter 1 on 1001, meter 2 on 1002
            TestJournals.flatTariffTwoCustomers(engine);
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);        // 6: 100,000 µ SOLAR to 1001
            engine.submitTick(2, 0, NOON, 900, 0, 4_000);        // 7: 200,000 µ SOLAR to 1002
            engine.submitTick(2, 0, NOON + 900, 900, 1_000, 0);  // 8: 300,000 µ USD charged to 1002
            engine.accrueInterest(1, SOLAR, 100_000, 20_514);    // 9: 1,000% APY: 659 and 1,318 µ
            engine.redeem(1, 1001, SOLAR, 100_659);              // 10: all 1001 holds
            engine.redeem(2, 1002, SOLAR, 50_000);               // 11
            engine.submitCorrection(1, 0, NOON, 900, 0, 0);      // 12: 1001's export corrected away: owes 100,000
            engine.redeem(2, 1002, SOLAR, 60_000);               // 13: request 2 again, another amount: refused
            engine.redeem(3, 1002, SOLAR, 0);                    // 14: nothing to redeem: refused MALFORMED
        }
    }

    @Test
    void eachTokensMintedRedeemedInterestAndWhatCustomersHoldAndOweAddUp() throws IOException
    {
        final List<JsonNode> lines = supply();
        assertThat(lines).hasSize(2);
        final JsonNode solar = lines.get(0);
        assertThat(solar.get("token").asText()).isEqualTo("SOLAR");
        assertThat(solar.get("asOfInput").asLong()).isEqualTo(14);
        // 11^(1/365) - 1 = 0.006591...: 100,000 x r = 659.1 -> 659; 200,000 x r = 1,318.2 -> 1,318 (half-even)
        // minted 300,000, less the 100,000 corrected away; redeemed 100,659 + 50,000
        assertThat(solar.get("minted").asText()).isEqualTo("0.200000");
        assertThat(solar.get("redeemed").asText()).isEqualTo("0.150659");
        assertThat(solar.get("reserve").asText()).isEqualTo("0.049341");
        assertThat(solar.get("interest").asText()).isEqualTo("0.001977");
        // 1002: 200,000 + 1,318 - 50,000; 1001: 100,000 + 659 - 100,659 - 100,000
        assertThat(solar.get("held").asText()).isEqualTo("0.151318");
        assertThat(solar.get("owed").asText()).isEqualTo("0.100000");
        assertThat(solar.get("accountsOwing").asLong()).isEqualTo(1);
        assertThat(solar.get("outstanding").asText()).isEqualTo("0.051318");
        assertThat(solar.get("issuanceBalance").asText()).isEqualTo("-0.049341");
        assertThat(solar.get("yieldBalance").asText()).isEqualTo("-0.001977");
        final JsonNode usd = lines.get(1);
        assertThat(usd.get("token").asText()).isEqualTo("USD");
        assertThat(usd.get("owed").asText()).isEqualTo("0.300000");
        assertThat(usd.get("revenue").asText()).isEqualTo("0.300000");
        assertThat(usd.get("minted").asText()).isEqualTo("0.000000");
    }

    @Test
    void asOfAnInputSequenceCountsOnlyTheOutputsOfInputsUpToIt() throws IOException
    {
        final List<JsonNode> lines = supply("--as-of", "10");
        final JsonNode solar = lines.get(0);
        assertThat(solar.get("asOfInput").asLong()).isEqualTo(10);
        assertThat(solar.get("minted").asText()).isEqualTo("0.300000");
        assertThat(solar.get("redeemed").asText()).isEqualTo("0.100659");
        assertThat(solar.get("held").asText()).isEqualTo("0.201318");
        assertThat(solar.get("owed").asText()).isEqualTo("0.000000");
        assertThat(supply("--as-of", "6")).hasSize(1);
    }

    @Test
    void asOfAnInputBeforeTheFirstTransferSaysSoRatherThanPrintingNothingUnexplained()
    {
        // inputs 1-5 register the tariff, the accounts and the enrolments: no transfer is caused before input 6
        final CliRun before = CliRun.of("dump", "--journal", journal.toString(), "--supply", "--as-of", "5");
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).isEmpty();
        assertThat(before.err().strip()).isEqualTo("settle dump: note: no transfer was caused by input 5 or an " +
            "earlier one: nothing was minted, held or owed as of it, so there is no line");
        final CliRun first = CliRun.of("dump", "--journal", journal.toString(), "--supply", "--as-of", "6");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
    }

    @Test
    void optionsThatSelectRecordsAreRefusedWithSupply()
    {
        final CliRun limit = CliRun.of("dump", "--journal", journal.toString(), "--supply", "--limit", "3");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err().strip()).isEqualTo("settle dump: --supply adds up the whole output journal and takes " +
            "--as-of and --archive only, not --limit");
        final CliRun asOf = CliRun.of("dump", "--journal", journal.toString(), "--as-of", "3");
        assertThat(asOf.exitCode()).isEqualTo(2);
        assertThat(asOf.err().strip()).isEqualTo("settle dump: --as-of 3 is a --supply option: add --supply");
        final CliRun past = CliRun.of("dump", "--journal", journal.toString(), "--supply", "--as-of", "99");
        assertThat(past.exitCode()).isZero();
        assertThat(past.err()).contains("no output of an input after 14");
    }

    @Test
    void anAccountsDumpShowsEveryRefusalOfItsRedemptionsWhateverTheRefusalsSubject() throws IOException
    {
        final CliRun run = CliRun.of("dump", "--journal", journal.toString(), "--account", "1002");
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> refusals = new ArrayList<>();
        for (final String line : run.out().split("\n"))
        {
            final JsonNode record = JSON.readTree(line);
            if ("rejection".equals(record.get("type").asText()))
            {
                refusals.add(record.get("cause").asLong() + " " + record.get("reason").asText());
            }
        }
        // their subjects are the request ids 2 and 3 (FORMAT.md), not the account: they were left out before
        assertThat(refusals).containsExactly("13 CONFLICTING_DUPLICATE", "14 MALFORMED");
    }

    @Test
    void aRedemptionsTransferAndRefusalsNameTheRequestIdABankStatementCarries() throws IOException
    {
        final CliRun run = CliRun.of("dump", "--journal", journal.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> redemptions = new ArrayList<>();
        for (final String line : run.out().split("\n"))
        {
            final JsonNode record = JSON.readTree(line);
            if ("REDEMPTION".equals(record.path("reason").asText()) ||
                "redemption".equals(record.path("inputType").asText()))
            {
                redemptions.add(record.get("cause").asLong() + " " + record.get("reason").asText() + " " +
                    record.path("requestId").asText("none"));
            }
        }
        // inputs 10, 11, 13, 14: requests 1 and 2 paid, 2 again with another amount and 3 (amount 0) refused
        assertThat(redemptions).containsExactly("10 REDEMPTION 1", "11 REDEMPTION 2", "13 CONFLICTING_DUPLICATE 2",
            "14 MALFORMED 3");
    }

    private static List<JsonNode> supply(final String... asOf) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("dump", "--journal", journal.toString(), "--supply"));
        args.addAll(List.of(asOf));
        final CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : run.out().split("\n"))
        {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
