package org.gridsettle.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridsettle.journal.Journals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAndReplayCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void demoRunsEndToEndAndItsJournalReplaysIdentically() throws IOException
    {
        final CliRun run = CliRun.of("demo", "--meters", "25", "--days", "2", "--dir", tmp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 2026-03-02 and 03-03 are 24-hour days in Los Angeles: 25 meters x 2 x 96 intervals = 4,800 priced ticks
        // and the demo's four bad ticks rejected, one each of four reasons (DemoCommand.submitBadTicks)
        assertThat(run.out()).contains("4,800 priced, 4 rejected")
            .contains("NEGATIVE_ENERGY=1", "UNKNOWN_METER=1", "ZERO_LENGTH_INTERVAL=1", "READING_ABOVE_LIMIT=1")
            .contains("token USD", "token SOLAR", "ledger: balanced")
            .contains("replay: identical")
            .contains("html written to " + tmp.resolve("audit.html"));
        assertThat(run.out().lines().filter(l -> l.startsWith("digest: output "))).hasSize(1);
        assertThat(java.nio.file.Files.readString(tmp.resolve("audit.html"))).contains("<svg");
        // the seals it prints to keep are the ones settle verify reads in the journal afterwards
        final CliRun verify = CliRun.of("verify", "--journal", tmp.resolve("journal").toString());
        final List<String> sealLines = verify.out().lines()
            .filter((line) -> line.startsWith("input:  ") || line.startsWith("output: ")).toList();
        assertThat(sealLines).hasSize(2);
        assertThat(run.out()).contains(String.join("\n", sealLines));

        final CliRun replay = CliRun.of("replay", "--journal", tmp.resolve("journal").toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replay: identical");
        final String digest = run.out().lines().filter(l -> l.startsWith("digest: output ")).findFirst()
            .orElseThrow().substring("digest: output ".length(), "digest: output ".length() + 16);
        assertThat(replay.out()).contains("replay digest:   " + digest);

        final CliRun sized = CliRun.of("replay", "--journal", tmp.resolve("journal").toString(),
            "--expected-meters", "1000");
        assertThat(sized.exitCode()).as(sized.err()).isZero();
        assertThat(sized.out()).contains("replay: identical", "replay digest:   " + digest);
        assertThat(sized.err()).isEmpty();
        final long inputs = Long.parseLong(replay.out().lines().filter(l -> l.startsWith("replay: ") &&
            l.contains(" inputs, ")).findFirst().orElseThrow().replaceAll("replay: ([0-9,]+) inputs.*", "$1")
            .replace(",", ""));
        final CliRun past = CliRun.of("replay", "--journal", tmp.resolve("journal").toString(), "--to",
            Long.toString(inputs + 1000));
        assertThat(past.exitCode()).as(past.err()).isZero();
        assertThat(past.out()).contains("replay: identical");
        assertThat(past.err()).contains("settle replay: note: --to " + (inputs + 1000) + " is past the journal's " +
            "last input, sequence " + inputs + ": the whole journal was replayed");
        final CliRun negative = CliRun.of("replay", "--journal", tmp.resolve("journal").toString(),
            "--expected-meters", "-3");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err().strip().lines()).hasSize(1);
        assertThat(negative.err()).contains("--expected-meters must be 0 to 10000000: -3").doesNotContain("Exception");
    }

    /**
     * Each token's supply line says what the reserve backs and what interest the yield account minted besides; it
     * used to call the sum of both "reserve-backed 1:1". The figures must be those settle dump --supply adds up.
     */
    private static void supplyLinesAgreeWithDumpSupply(final String demoOut, final Path journal) throws IOException
    {
        final CliRun supply = CliRun.of("dump", "--journal", journal.toString(), "--supply");
        assertThat(supply.exitCode()).as(supply.err()).isZero();
        final Map<String, JsonNode> byToken = new HashMap<>();
        for (final String line : supply.out().split("\n"))
        {
            final JsonNode node = new ObjectMapper().readTree(line);
            byToken.put(node.get("token").asText(), node);
        }
        final Pattern line = Pattern.compile(
            "token (\\w+) .* supply ([0-9.]+) = reserve ([0-9.]+) \\(minted less redeemed\\)" +
                "(?: \\+ interest ([0-9.]+) \\(paid by yield\\))?");
        int interestLines = 0;
        for (final String l : demoOut.lines().filter((l) -> l.startsWith("token ") && !l.startsWith("token USD"))
            .toList())
        {
            final Matcher m = line.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            final JsonNode figures = byToken.get(m.group(1));
            assertThat(m.group(3)).as(l).isEqualTo(figures.get("reserve").asText());
            final String interest = m.group(4) == null ? "0.000000" : m.group(4);
            assertThat(interest).as(l).isEqualTo(figures.get("interest").asText());
            assertThat(m.group(2)).as(l).isEqualTo(figures.get("outstanding").asText());
            interestLines += m.group(4) == null ? 0 : 1;
        }
        assertThat(interestLines).as("SOLAR earns interest in the demo").isPositive();
    }

    @Test
    void aDemoOfFifteenDaysCallsADrEventWithA10In10BaselineAndCreditsTheHouseholdsThatShedLoad() throws IOException
    {
        // from Monday 2026-03-02, Monday 03-16 is the first weekday with 10 weekdays before it. Households 1, 5, 9
        // and 13 are on the TOU tariff and enrolled in DR (every fourth); 1 and 9 shed 40% of their load 16:00-19:00
        final CliRun run = CliRun.of("demo", "--meters", "16", "--days", "15", "--dir", tmp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        final String dr = run.out().lines().filter(l -> l.startsWith("demand response: ")).findFirst().orElseThrow();
        assertThat(dr).contains("event 20260316 on 2026-03-16 16:00-19:00", "4 households enrolled",
            "0 without a baseline");
        final java.util.regex.Matcher credited = java.util.regex.Pattern
            .compile("(\\d+) credited for ([0-9.]+) kWh reduced: ([0-9.]+) DR minted").matcher(dr);
        assertThat(credited.find()).as(dr).isTrue();
        assertThat(Integer.parseInt(credited.group(1))).isBetween(2, 4);
        // 2.00 DR per kWh: the credits are twice the reduction, to the micro-unit up to one rounding per household
        assertThat(new java.math.BigDecimal(credited.group(3)))
            .isCloseTo(new java.math.BigDecimal(credited.group(2)).multiply(java.math.BigDecimal.valueOf(2)),
                org.assertj.core.data.Offset.offset(new java.math.BigDecimal("0.000004")));
        assertThat(new java.math.BigDecimal(credited.group(3))).isPositive();
        assertThat(run.out()).contains("token DR", "ledger: balanced", "replay: identical");
        supplyLinesAgreeWithDumpSupply(run.out(), tmp.resolve("journal"));
        assertThat(Files.readString(tmp.resolve("audit-dr.html"))).contains("DR_INCENTIVE");
        auditShowsTheBaselineBehindTheCredit(tmp.resolve("audit-dr.html"));

        // the event is an input like any other, and every DR posting explains itself in the dump
        final String journal = tmp.resolve("journal").toString();
        final CliRun inputs = CliRun.of("dump", "--journal", journal, "--input", "--limit", "10");
        assertThat(inputs.out().lines().filter(l -> l.contains("\"type\":\"dr_event\"")).findFirst().orElseThrow())
            .contains("\"eventId\":20260316", "\"programToken\":\"DR\"", "\"tariffId\":7001",
                "\"start\":\"2026-03-16T23:00:00Z\"", "\"end\":\"2026-03-17T02:00:00Z\"", "\"incentive\":\"2.000000\"",
                "\"baselineMethod\":\"TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT\"");
        final CliRun outputs = CliRun.of("dump", "--journal", journal);
        assertThat(outputs.out().lines().filter(l -> l.contains("\"reason\":\"DR_INCENTIVE\"")
            && !l.contains("\"meterId\":0,"))).allSatisfy(l -> assertThat(l)
            .contains("\"debitAccount\":3,", "\"rate\":\"2.000000\"", "\"baselineDays\":10"))
            .hasSize(Integer.parseInt(credited.group(1)));

        // Was an audit finding: the JSON report gave each household's baseline outcome as a bare "status": 0, which
        // nothing in the report explained; the HTML spells it out
        final Path json = tmp.resolve("audit-dr.json");
        assertThat(CliRun.of("audit", "--journal", journal, "--format", "json", "--out", json.toString())
            .exitCode()).isZero();
        final List<com.fasterxml.jackson.databind.JsonNode> days = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("accounts")
            .forEach(a -> a.get("demandResponse").forEach(days::add));
        assertThat(days).isNotEmpty().allSatisfy(d ->
            assertThat(d.get("statusName").asText()).isEqualTo(d.get("status").asInt() == 0 ? "OK" :
                d.get("status").asInt() == 1 ? "INSUFFICIENT_HISTORY" : "ACTUAL_MISSING"));
    }

    @Test
    void aDemoTooShortForABaselineSaysSoAndCallsNoEvent()
    {
        final CliRun run = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("demand response: no event").doesNotContain("token DR");
    }

    @Test
    void demoCrossingTheSpringForwardDayHas92IntervalsOnThatDay()
    {
        // 2026-03-08 is the 23-hour day in Los Angeles: 92 intervals instead of 96
        final CliRun run = CliRun.of(
            "demo", "--meters", "5", "--days", "1", "--start", "2026-03-08", "--dir", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("460 priced");
    }

    @Test
    void aSecondDemoRunSaysItRemovesThePreviousJournal()
    {
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString()).exitCode()).isZero();
        final CliRun second = CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", tmp.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("removing the previous demo journal at " + tmp.resolve("journal"))
            .contains("replay: identical");
    }

    @Test
    void replayExitsOneAndNamesTheRecordWhenOutputsDiffer() throws IOException
    {
        final CliRun replay = CliRun.of("replay", "--journal", journalWithAnotherJournalsOutputs().toString());

        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.out()).contains("replay: DIFFERENT - output record ").contains("differs");
    }

    // Was an audit finding: a replay with --to that stopped at a difference said "--to N is past the journal's last
    // input, sequence K: the whole journal was replayed", K being the inputs replayed before the difference
    @Test
    void aReplayUpToASequenceThatStopsAtADifferenceDoesNotClaimTheJournalEndsThere() throws IOException
    {
        final CliRun replay = CliRun.of(
            "replay", "--journal", journalWithAnotherJournalsOutputs().toString(), "--to", "1000000");

        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.out()).contains("replay: DIFFERENT - output record ");
        assertThat(replay.err()).doesNotContain("past the journal's last input");
    }

    @Test
    void replayOfAMissingJournalIsOneLineAndExitTwo()
    {
        final CliRun run = CliRun.of("replay", "--journal", tmp.resolve("nothing").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("no gridsettle journal at").doesNotContain("Exception");
    }

    @Test
    void helpReadsWellAndDocumentsExitCodes()
    {
        final CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo", "replay", "Exit codes:", "2  bad usage or input");
        final CliRun demoHelp = CliRun.of("demo", "--help");
        assertThat(demoHelp.out()).contains("--meters", "--days", "--seed", "Examples:");
        final CliRun bad = CliRun.of("demo", "--meters", "many");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--meters");
    }

    /** @return a demo journal's inputs with another seed's outputs: other energies, so an early transfer differs. */
    private Path journalWithAnotherJournalsOutputs() throws IOException
    {
        final Path a = tmp.resolve("a");
        final Path b = tmp.resolve("b");
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--dir", a.toString()).exitCode()).isZero();
        assertThat(CliRun.of("demo", "--meters", "3", "--days", "1", "--seed", "9", "--dir", b.toString())
            .exitCode()).isZero();
        replaceOutputs(a.resolve("journal"), b.resolve("journal"));
        return b.resolve("journal");
    }

    private static void replaceOutputs(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(Journals.output(to)))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
        try (Stream<Path> paths = Files.walk(Journals.output(from)))
        {
            for (final Path p : paths.toList())
            {
                Files.copy(p, Journals.output(to).resolve(Journals.output(from).relativize(p).toString()));
            }
        }
    }

    /**
     * The audit's baseline table must account for the credit that was posted: recomputed by hand from its own hourly
     * figures (reduction = sum of max(0, baseline - metered); credit = reduction x 2.000000 DR/kWh, half-even) it
     * equals the DR_INCENTIVE amount the output journal holds for that account and day.
     */
    private static void auditShowsTheBaselineBehindTheCredit(final Path html) throws IOException
    {
        final org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(html.toFile(), "UTF-8");
        final org.jsoup.select.Elements tables = doc.select("table.dr");
        assertThat(tables).isNotEmpty();
        for (final org.jsoup.nodes.Element table : tables)
        {
            long reduction = 0;
            final org.jsoup.select.Elements hours = table.select("tr[data-hour]");
            assertThat(hours).hasSize(3);
            for (final org.jsoup.nodes.Element hour : hours)
            {
                reduction += Math.max(0, Long.parseLong(hour.attr("data-baseline-wh")) -
                    Long.parseLong(hour.attr("data-actual-wh")));
            }
            assertThat(Long.parseLong(table.attr("data-reduction-wh"))).isEqualTo(reduction);
            // Wh x 2,000,000 micro per kWh / 1,000: exact, no rounding needed at this incentive
            final long credit = reduction * 2_000;
            assertThat(Long.parseLong(table.attr("data-credit-micros"))).isEqualTo(credit);
            final org.jsoup.select.Elements posted = doc.select("table.postings tr[data-reason=DR_INCENTIVE]");
            assertThat(posted).extracting(e -> Long.parseLong(e.attr("data-micros"))).contains(credit);
        }
        assertThat(doc.select("svg title").eachText()).anyMatch(t -> t.contains("against the event's baseline"));
    }
}
