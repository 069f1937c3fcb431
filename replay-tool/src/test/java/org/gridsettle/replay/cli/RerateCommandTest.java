package org.gridsettle.replay.cli;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.replay.audit.InputRegistry;
import org.gridsettle.replay.demo.DemoTariff;
import org.gridsettle.replay.demo.SyntheticFleet;
import org.gridsettle.replay.rerate.RerateCsvWriter;
import org.gridsettle.replay.rerate.RerateRun;
import org.gridsettle.replay.rerate.RerateTotals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gridsettle.replay.cli.TestResources.HAND_TARIFF;
import static org.gridsettle.replay.cli.TestResources.path;

/**
 * {@code settle rerate} through picocli, on a journal ingested under the hand-written tariff
 * {@code bill/urdb_hand_written_untiered_tou.json} (a year of the Coastal Green Button feed on account 1001 and the
 * hand-written CSV on account 1002), and through {@link RerateRun} on a demo journal. The doubled tariff
 * {@code bill/urdb_hand_written_untiered_tou_doubled_import.json} is hand-written too: the same rate with every
 * import rate doubled and sell rates unchanged.
 */
class RerateCommandTest
{
    private static final String DOUBLED = "bill/urdb_hand_written_untiered_tou_doubled_import.json";

    @TempDir
    static Path dir;

    private static Path ingested;
    private static Path demo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void journals() throws IOException
    {
        ingested = dir.resolve("ingested");
        final Path meters = Files.writeString(dir.resolve("meters.csv"),
            "meter_id,account_id,programs\n1,1001,\nM-1,1002,\n");
        final CliRun ingest = CliRun.of("ingest", "--journal", ingested.toString(), "--tariff", path(HAND_TARIFF),
            "--meters", meters.toString(), "--usage", path(TestResources.COASTAL), path("bill/hand_bill_usage.csv"));
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        final CliRun run = CliRun.of("demo", "--meters", "12", "--days", "2", "--dir", dir.resolve("d").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        demo = dir.resolve("d").resolve("journal");
    }

    @Test
    void theSameTariffGivesNoDifferenceAndTheJournalIsNotTouched() throws IOException
    {
        final Map<Path, String> before = cycleFiles(ingested);
        final Path csv = tmp.resolve("same.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(HAND_TARIFF),
            "--out", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rerate: tariff 1, 1 version(s) replaced, 2 accounts compared");
        final List<String[]> rows = rows(csv);
        assertThat(rows).extracting((r) -> r[0]).contains("1001", "1002");
        assertThat(rows).allSatisfy((r) -> assertThat(r[5]).isEqualTo("0.000000"));
        assertThat(rows).anySatisfy((r) -> assertThat(r[2]).isEqualTo("ENERGY_CHARGE"));
        assertThat(cycleFiles(ingested)).isEqualTo(before);
    }

    @Test
    void doubledImportRatesDoubleEveryEnergyChargeUpToOneMicroPerTransfer() throws IOException
    {
        final Map<Path, String> before = cycleFiles(ingested);
        final Path csv = tmp.resolve("doubled.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(DOUBLED),
            "--tariff-format", "urdb", "--zone", "America/Los_Angeles", "--out", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Each energy charge is halfEven(Wh x rate / 1000) micro-units. Let x be the exact value: halfEven(x) is
        // within 0.5 of x, so 2 x halfEven(x) is within 1 of 2x, and halfEven(2x) within 0.5 of 2x; two integers
        // less than 1.5 apart differ by at most 1. So re-rated = 2 x original within 1 micro-unit per energy-charge
        // transfer. Account 1001 has 8,760 hourly ticks (at most that many transfers): the bound is 0.008760.
        final Map<String, String[]> byKey = new TreeMap<>();
        rows(csv).forEach((r) -> byKey.put(r[0] + " " + r[1] + " " + r[2], r));
        final String[] coastal = byKey.get("1001 USD ENERGY_CHARGE");
        final BigDecimal original = new BigDecimal(coastal[3]);
        assertThat(original.signum()).isNegative();
        assertThat(new BigDecimal(coastal[4]).subtract(original.multiply(BigDecimal.valueOf(2))).abs())
            .isLessThanOrEqualTo(new BigDecimal("0.008760"));
        // the hand CSV's six priced imports (ingest takes every row, BillCommandTest's four plus 999 and 700 Wh
        // off-peak): 0.099900 + 0.150000 + 0.758507 + 0.060000 + 0.161728 + 0.070000 = 1.300135; doubled:
        // 0.199800 + 0.300000 + 1.517013 (1.5170133) + 0.120000 + 0.323457 (exact) + 0.140000 = 2.600270, which
        // is 2 x 1.300135 exactly here: the two ties and roundings happen to cancel
        assertThat(byKey.get("1002 USD ENERGY_CHARGE")).containsExactly(
            "1002", "USD", "ENERGY_CHARGE", "-1.300135", "-2.600270", "-1.300135", "", "", "America/Los_Angeles", "1",
            Path.of(path(DOUBLED)).getFileName().toString());
        // sell rates are unchanged, so are export credits
        byKey.values().stream().filter((r) -> r[2].equals("EXPORT_CREDIT"))
            .forEach((r) -> assertThat(r[5]).isEqualTo("0.000000"));
        assertThat(run.out()).contains("fleet USD    ENERGY_CHARGE  original");
        assertThat(cycleFiles(ingested)).isEqualTo(before);
    }

    @Test
    void reratingEveryDemoTariffWithItsOwnRecordedVersionsChangesNothing()
    {
        for (final long tariff : List.of(7001L, 7002L))
        {
            final RerateRun run = new RerateRun(demo, JournalVerifier.verify(demo), tariff, (recorded) -> recorded,
                ZoneId.of("America/Los_Angeles"), null, null, Set.of());
            final RerateTotals totals = run.run();
            assertThat(run.replacedVersions()).isEqualTo(1);
            assertThat(run.reratedRejections()).isEqualTo(run.recordedRejections());
            assertThat(totals.rows()).hasSize(12);
            totals.rows().values().forEach((tokens) -> tokens.values().forEach((reasons) -> reasons.values()
                .forEach((row) -> assertThat(row[RerateTotals.RERATED]).isEqualTo(row[RerateTotals.ORIGINAL]))));
        }
    }

    // a rerate is of the journal as verify found it just before: its output ends with verify's two seal lines for the
    // records it read, which settle verify --kept reads back from the output kept
    @Test
    void theOutputEndsWithTheSealsVerifyPrintsAndVerifyKeptReadsThemBack() throws IOException
    {
        final List<String> seals = AuditCommandTest.verifySeals(ingested);
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(DOUBLED), "--out",
            csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("rerate: tariff 1, 1 version(s) replaced, 2 accounts compared");
        assertThat(lines.subList(lines.size() - 4, lines.size())).containsExactly("wrote " + csv,
            "rerate: the report is of the journal as verified, these records and no later one (keep this output; " +
                "settle verify --kept FILE compares them with the journal later):",
            seals.get(0), seals.get(1));
        final Path kept = Files.writeString(tmp.resolve("rerate.txt"), run.out());
        final CliRun later = CliRun.of("verify", "--journal", ingested.toString(), "--kept", kept.toString());
        assertThat(later.exitCode()).as(later.out() + later.err()).isZero();
        assertThat(later.out()).endsWith("verify: intact; 2 of 2 kept seals match\n");
    }

    // rerate takes no lock: a writer that starts after the verification appends inputs and outputs no verification
    // checked. They are neither re-priced nor compared: the result is the journal's as verified
    @Test
    void recordsAppendedAfterTheVerificationAreNeitherReRatedNorCompared() throws IOException
    {
        final GrownDemo grown = GrownDemo.of(demo, 12, 2, tmp.resolve("grown"));
        final String unchanged = rerated(demo, JournalVerifier.verify(demo));
        // the append is in the rerate of the grown journal as verified now: the test would pass without it otherwise
        assertThat(rerated(grown.journal(), grown.afterTheAppend())).isNotEqualTo(unchanged)
            .contains(SyntheticFleet.FIRST_ACCOUNT + ",USD,ENERGY_CHARGE,");

        assertThat(rerated(grown.journal(), grown.beforeTheAppend())).isEqualTo(unchanged);
    }

    // rerate (and audit) read the registry before the verification, to refuse a mistyped account early, and choose
    // the tariff, zone and accounts again on the registry of the records verified: an account a writer registered in
    // between is not one of the journal verified
    @Test
    void aRegistryReadBeforeTheVerificationIsReadAgainOfTheRecordsVerifiedIfTheJournalMovedOn() throws IOException
    {
        final GrownDemo grown = GrownDemo.of(demo, 12, 2, tmp.resolve("grown"));
        final InputRegistry first = InputRegistry.read(grown.journal());
        assertThat(first.accounts()).contains(999_999L);

        final InputRegistry verified = first.asVerified(grown.journal(), grown.beforeTheAppend());

        assertThat(verified.accounts()).doesNotContain(999_999L);
        assertThat(verified.dataRecords()).isEqualTo(grown.beforeTheAppend().inputRecords());
        assertThat(verified.digest()).isEqualTo(grown.beforeTheAppend().inputDigest());
        // read from exactly the records verified: not read again
        assertThat(first.asVerified(grown.journal(), grown.afterTheAppend())).isSameAs(first);
    }

    // having read the records verified, rerate requires that they end on the chain head the verification found: a
    // journal cut back or replaced in between is refused, exit 1, as settle audit refuses it
    @Test
    void aJournalCutBackOrReplacedSinceTheVerificationIsRefusedWithExitOne() throws IOException
    {
        final GrownDemo demoGrown = GrownDemo.of(demo, 12, 2, tmp.resolve("journal"));
        final Path journal = demoGrown.journal();
        final VerificationReport asTheDemo = demoGrown.beforeTheAppend();
        final VerificationReport grown = demoGrown.afterTheAppend();

        // cut back to the demo's records after the grown journal was verified
        AuditCommandTest.copyTree(demo, journal);
        refused(journal, grown, Journals.output(journal) + ": holds " + asTheDemo.outputRecords() + " data records, " +
            "fewer than the " + grown.outputRecords() + " settle verify checked just before they were read: records " +
            "were removed from its end since (settle verify says more)");

        // replaced after the demo's was verified by a journal of other inputs, longer in both halves (settle verify
        // counted 9,118 inputs and 8,777 outputs in the ingested journal, 2,346 and 4,653 in the demo's)
        AuditCommandTest.copyTree(ingested, journal);
        assertThat(JournalVerifier.verify(journal).outputRecords()).isGreaterThan(asTheDemo.outputRecords());
        refused(journal, asTheDemo, Journals.output(journal) + ": its first " + asTheDemo.outputRecords() + " data " +
            "records end on digest " + outputDigestAfter(journal, asTheDemo.outputRecords()) + ", not on the " +
            HashChain.toHex(asTheDemo.outputDigest()) + " settle verify found just before they were read: the " +
            "journal was changed or replaced since (settle verify says more)");

        // the input journal's read is checked too: outputs as verified, inputs verified on another chain head
        AuditCommandTest.copyTree(demo, journal);
        final VerificationReport otherInputs = new VerificationReport(asTheDemo.inputRecords(),
            asTheDemo.outputRecords(), asTheDemo.inputDigest() + 1, asTheDemo.outputDigest(), asTheDemo.inputSeal(),
            asTheDemo.outputSeal(), List.of(), List.of(), List.of(), false);
        refused(journal, otherInputs, Journals.input(journal) + ": its first " + asTheDemo.inputRecords() + " data " +
            "records end on digest " + HashChain.toHex(asTheDemo.inputDigest()) + ", not on the " +
            HashChain.toHex(asTheDemo.inputDigest() + 1) + " settle verify found just before they were read: the " +
            "journal was changed or replaced since (settle verify says more)");
    }

    /** The demo journal re-rated under its tariff 7001's own versions, as the CSV settle rerate writes and counts. */
    private static String rerated(final Path journal, final VerificationReport verified)
    {
        final RerateRun run = new RerateRun(journal, verified, 7001, (recorded) -> recorded, DemoTariff.ZONE, null,
            null, Set.of());
        final RerateTotals totals = run.run();
        final StringWriter csv = new StringWriter();
        RerateCsvWriter.write(new PrintWriter(csv), totals, new RerateCsvWriter.Scope(null, null, DemoTariff.ZONE,
            7001, "same"));
        return csv + "rejections recorded " + run.recordedRejections() + ", re-rated " + run.reratedRejections();
    }

    /** The re-rate of the journal is refused with the message, and settle rerate exits 1 on it with that one line. */
    private static void refused(final Path journal, final VerificationReport verified, final String message)
    {
        final JournalCorruptException refused =
            catchThrowableOfType(() -> rerated(journal, verified), JournalCorruptException.class);
        assertThat(refused).hasMessage(message);
        final CommandLine cli = new CommandLine(new SettleCommand());
        final CommandLine rerate = cli.getSubcommands().get("rerate");
        final StringWriter err = new StringWriter();
        rerate.setErr(new PrintWriter(err));

        final int code = new OneLineErrors().handleExecutionException(refused, rerate, cli.parseArgs("rerate",
            "--journal", journal.toString(), "--tariff", path(HAND_TARIFF), "--out", "r.csv").subcommand());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("settle rerate: " + message);
    }

    /** The output journal's chain head after its first records, in hex, as a reader of them finds it. */
    private static String outputDigestAfter(final Path journal, final long records)
    {
        try (JournalReader reader = JournalReader.readOnly(Journals.output(journal)))
        {
            // only the count and the chain matter
            reader.readDataRecords(records, (buffer, offset, length, position) ->
            {
            });
            assertThat(reader.dataRecords()).isEqualTo(records);
            return HashChain.toHex(reader.digest());
        }
    }

    @Test
    void badInputsAreOneLineAndExitTwo()
    {
        final String out = tmp.resolve("r.csv").toString();
        final CliRun missing = CliRun.of("rerate", "--journal", tmp.resolve("none").toString(), "--tariff",
            path(HAND_TARIFF), "--out", out);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1).first().asString().contains("no gridsettle journal at");

        final CliRun unknown = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(HAND_TARIFF),
            "--accounts", "1001,4242", "--out", out);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1).first().asString().contains("unknown account 4242");

        final CliRun several = CliRun.of("rerate", "--journal", demo.toString(), "--tariff", path(HAND_TARIFF),
            "--out", out);
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.err().lines()).hasSize(1).first().asString().contains("choose one with --tariff-id");
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void aReplacementThatStartsAfterTheJournalsTariffSaysSoInTheCommandsWords()
    {
        // FPL RS-1 (ingest/, copied unchanged from /work/shared/data) starts 2015-06-01T00:00:00Z; the journal's
        // hand-written tariff, and so every replacement of it, prices from 2010-01-01T08:00:00Z (its own startdate,
        // 2010-01-01T00:00:00Z, moved on to the next midnight in Los Angeles, where the ingest read it).
        // Refused before as "URDB tariff refused: label ...: startdate (rate starts ..., after the
        // requested effectiveFrom ...)", the importer's words for a parameter the user never gave.
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff",
            path("ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json"), "--zone", "America/Los_Angeles",
            "--out", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(TestResources.fplCommentNote("rerate"),
            "settle rerate: urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_" +
            "extracted.json: its URDB startdate 2015-06-01T00:00:00Z is after 2010-01-01T08:00:00Z, where tariff 1 " +
            "version 1 of the journal starts: the replacement re-prices the whole journal from there, and a rate " +
            "prices nothing before it starts; give a rate in force from then; no report was written");
        assertThat(csv).doesNotExist();
    }

    @Test
    void aZoneOtherThanTheJournalsIsRefusedRatherThanRejectingEveryReadingAfterTheFirstClose()
    {
        // the journal's tariff was recorded in America/Los_Angeles, and its ends of day and period closes are at Los
        // Angeles midnights. Re-priced in Denver (an hour off), the engine found each billing period closed an hour
        // early and rejected every later reading BILLING_PERIOD_NOT_OPEN: "rerated 0.000000" energy for the year,
        // written as a difference with one warning line that gave no cause
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(DOUBLED),
            "--zone", "America/Denver", "--out", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("settle rerate: --zone America/Denver: tariff 1 was recorded " +
            "in America/Los_Angeles, whose midnights the journal's ends of day and period closes fall at: re-priced " +
            "in another zone, its billing periods close at other hours and the engine rejects the readings after " +
            "the first close (BILLING_PERIOD_NOT_OPEN); leave --zone out to re-price in America/Los_Angeles");
        assertThat(csv).doesNotExist();
    }

    @Test
    void aGridsettleTariffIsRefusedInOneShortLine()
    {
        final Path csv = tmp.resolve("r.csv");
        for (final String[] format : new String[][] {{}, {"--tariff-format", "urdb"}})
        {
            final List<String> args = new ArrayList<>(List.of("rerate", "--journal", ingested.toString(),
                "--tariff", path("bill/gridsettle_hand_written_tou.json"), "--out", csv.toString()));
            args.addAll(List.of(format));

            final CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).hasSize(1).first().asString()
                .endsWith("gridsettle_hand_written_tou.json: a gridsettle tariff (\"format\": " +
                    "\"gridsettle-tariff/...\"); rerate takes an OpenEI URDB rate only")
                // not the URDB reader's line calling every field of the file unknown, whatever the path's length
                .doesNotContainIgnoringCase("unknown");
        }
        assertThat(csv).doesNotExist();
    }

    @Test
    void aTariffThatIsADirectoryOrMissingIsNamedAsIngestNamesIt() throws IOException
    {
        final Path csv = tmp.resolve("r.csv");
        final Path folder = Files.createDirectory(tmp.resolve("tariffs"));
        final Path missing = tmp.resolve("missing.json");

        final CliRun directory = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", folder.toString(),
            "--out", csv.toString());
        final CliRun absent = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", missing.toString(),
            "--out", csv.toString());

        // a directory was called "no such file"; an unreadable file, read as URDB, "in.json:-1:-1: unreadable URDB
        // JSON at (document)": the head is now read once, and its failure named as settle ingest names it
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err().lines()).singleElement().asString()
            .isEqualTo("settle rerate: tariffs: cannot read the tariff file: Is a directory");
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err().lines()).singleElement().asString()
            .isEqualTo("settle rerate: missing.json: cannot read the tariff file: no such file or directory: " + missing);
        assertThat(csv).doesNotExist();
    }

    @Test
    void aReversedDayRangeIsRefused()
    {
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(HAND_TARIFF),
            "--from", "2026-03-10", "--to", "2026-03-01", "--out", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString()
            .isEqualTo("settle rerate: --from 2026-03-10 must be before --to 2026-03-01 (--to is exclusive)");
        assertThat(csv).doesNotExist();
    }

    @Test
    void aDayRangeWithNoPostingIsRefusedInsteadOfAnEmptyReport()
    {
        // the ingested readings are of 2011: a CSV of no row, exit 0, read as "no difference" (an auditor's sweep)
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", path(HAND_TARIFF),
            "--accounts", "1001", "--from", "2026-03-01", "--to", "2026-04-01", "--out", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().isEqualTo("settle rerate: nothing to compare: " +
            "no posting of account 1001 from 2026-03-01 to 2026-04-01 (exclusive), recorded or re-rated, in local " +
            "days of America/Los_Angeles; no report was written");
        assertThat(csv).doesNotExist();
    }

    @Test
    void aJournalWhoseOutputJournalBelongsToOtherInputsIsRefused() throws IOException
    {
        final Path swapped = tmp.resolve("swapped");
        AuditCommandTest.copyTree(ingested, swapped);
        AuditCommandTest.copyTree(Journals.output(demo), Journals.output(swapped));
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", swapped.toString(), "--tariff", path(HAND_TARIFF),
            "--out", csv.toString());

        // exit 1, as settle verify's for the same journal (it was 2, as for bad input, before)
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString()
            .startsWith("settle rerate: " + Journals.output(swapped) + ": close checkpoint binds")
            .contains("but the input journal has");
        assertThat(csv).doesNotExist();
    }

    @Test
    void aReportIsNeverWrittenOverTheTariffOrIntoTheJournal() throws IOException
    {
        final Path tariff = Files.copy(Path.of(path(HAND_TARIFF)), tmp.resolve("tt.json"));
        final Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), tariff);
        final byte[] before = Files.readAllBytes(tariff);
        final Map<Path, String> journalBefore = cycleFiles(ingested);
        for (final Path out : List.of(tariff, tmp.resolve(".").resolve("tt.json"), link))
        {
            final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", tariff.toString(),
                "--out", out.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).hasSize(1).first().asString()
                .isEqualTo("settle rerate: --out " + out + ": is the --tariff file; write the report elsewhere");
        }
        final Path inJournal = Journals.output(ingested).resolve("r.csv");
        final CliRun run = CliRun.of("rerate", "--journal", ingested.toString(), "--tariff", tariff.toString(),
            "--out", inJournal.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("is inside the journal directory");
        assertThat(Files.readAllBytes(tariff)).isEqualTo(before);
        assertThat(inJournal).doesNotExist();
        assertThat(cycleFiles(ingested)).isEqualTo(journalBefore);
    }

    private static List<String[]> rows(final Path csv) throws IOException
    {
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("account,token,reason,original,rerated,difference,from,to,zone," +
            "replaced_tariff,replacement");
        return lines.subList(1, lines.size()).stream().map((l) -> l.split(",", -1)).toList();
    }

    /** Every cycle file's bytes (as a digest) and modification time; metadata.cq4t changes on any open. */
    private static Map<Path, String> cycleFiles(final Path journal) throws IOException
    {
        final Map<Path, String> files = new TreeMap<>();
        for (final Path queue : List.of(Journals.input(journal), Journals.output(journal)))
        {
            try (Stream<Path> list = Files.list(queue))
            {
                for (final Path f : list.filter((p) -> p.toString().endsWith(".cq4")).toList())
                {
                    files.put(f, Arrays.hashCode(Files.readAllBytes(f)) + "@" + Files.getLastModifiedTime(f));
                }
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    @Test
    void readingsTheOtherTariffRejectsAreNamedWithTheReasonInsteadOfPassingForACheaperBill() throws IOException
    {
        // daily readings ingested under the hand-written rate with every hour off-peak (flat), re-rated under the
        // hand-written TOU rate: a weekday's reading runs past its 16:00 peak start, so the engine rejects it
        // INTERVAL_SPANS_PERIOD, and the re-rated column is short of those 22 weekdays
        final String tou = Files.readString(Path.of(path(HAND_TARIFF)));
        final Path flat = Files.writeString(tmp.resolve("flat.json"), tou.replace("1, 1, 1, 1, 1", "0, 0, 0, 0, 0"));
        final List<String> rows = new ArrayList<>(List.of("meter_id,interval_start,interval_seconds,import_wh," +
            "export_wh"));
        for (int day = 1; day <= 31; day++)
        {
            rows.add("M-1," + java.time.LocalDate.of(2026, 1, day).atStartOfDay(ZoneId.of("America/Los_Angeles"))
                .toInstant() + ",86400,12000,0");
        }
        final Path journal = tmp.resolve("journal");
        final CliRun ingest = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", flat.toString(),
            "--meters", Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", Files.writeString(tmp.resolve("daily.csv"), String.join("\n", rows) + "\n").toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("engine rejections: none");

        final CliRun run = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--out", tmp.resolve("r.csv").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rejections recorded 0, re-rated 22 (INTERVAL_SPANS_PERIOD=22)");
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("settle rerate: warning: under the given tariff the engine rejects 22 inputs the recorded " +
                "run did not (INTERVAL_SPANS_PERIOD=22); they are priced in neither the rerated column nor its " +
                "difference")
            .contains("INTERVAL_SPANS_PERIOD: a reading's interval runs past a change of TOU period");
    }

    @Test
    void aJournalBilledFromThe15thIsReRatedOnItsOwnBillingCalendar() throws IOException
    {
        // the hand-written TOU rate in gridsettle's format with periods from the 15th (billing_cycle_day 15),
        // ingested, then re-rated with the same rates as URDB (HAND_TARIFF): a what-if of the same rates differs by
        // nothing. URDB has no billing-cycle day; the replacement used to bill calendar months, so the journal's
        // close at 2011-02-15 (the end of Jan 15 .. Feb 15) closed February half-way: the Feb 20 reading reopened
        // it while January was never closed, and the Mar 5 reading found no room for a third open period
        // (BILLING_PERIOD_NOT_OPEN). Readings are at 10:00, off-peak on weekdays and weekends alike.
        final Path tariff = Files.writeString(tmp.resolve("cycle15.json"),
            Files.readString(Path.of(path("bill/gridsettle_hand_written_tou.json")))
                .replace("\"export_rule\": {\"type\": \"net_billing\"}",
                    "\"export_rule\": {\"type\": \"net_billing\"}, \"billing_cycle_day\": 15"));
        final Path usage = Files.writeString(tmp.resolve("cycle15.csv"), String.join("\n",
            "meter_id,interval_start,interval_seconds,import_wh,export_wh",
            "M-1,2011-01-20T10:00:00-08:00,3600,1000,0",
            "M-1,2011-02-05T10:00:00-08:00,3600,2000,0",
            "M-1,2011-02-20T10:00:00-08:00,3600,4000,0",
            "M-1,2011-03-05T10:00:00-08:00,3600,8000,0", ""));
        final Path journal = tmp.resolve("journal");
        final CliRun ingest = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", tariff.toString(),
            "--meters", Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", usage.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("engine rejections: none");
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--out", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("rejections recorded 0, re-rated 0");
        // 1.000 + 2.000 + 4.000 + 8.000 kWh off-peak at 0.10: 1.500000 either way
        assertThat(rows(csv)).anySatisfy((r) -> assertThat(r[2] + " " + r[3]).isEqualTo("ENERGY_CHARGE -1.500000"))
            .allSatisfy((r) -> assertThat(r[5]).isEqualTo("0.000000"));
    }

    @Test
    void readingsComparedFromTheReplacementsUrdbEnddateOnAreRefusedAndNoReportIsWritten() throws IOException
    {
        // the doubled rate given a URDB enddate of 1296547200 = 2011-02-01T08:00:00Z, February 1's midnight in Los
        // Angeles; the hand CSV's readings of February 1 and 2 come after it. They were re-priced with the ended
        // rate, doubled like January's, and reported as its what-if without a word.
        final Path journal = tmp.resolve("journal");
        final CliRun ingest = CliRun.of("ingest", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--zone", "America/Los_Angeles",
            "--meters", Files.writeString(tmp.resolve("m.csv"), "meter_id,account_id\nM-1,1001\n").toString(),
            "--usage", path("bill/hand_bill_usage.csv"));
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        final String doubled = Files.readString(Path.of(path(DOUBLED)));
        final Path ended = Files.writeString(tmp.resolve("ended.json"),
            doubled.replace("\"startdate\": 1262304000,", "\"startdate\": 1262304000, \"enddate\": 1296547200,"));
        assertThat(Files.readString(ended)).isNotEqualTo(doubled);
        final Path whole = tmp.resolve("whole.csv");
        final Path january = tmp.resolve("january.csv");

        final CliRun past = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", ended.toString(),
            "--out", whole.toString());
        final CliRun before = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", ended.toString(),
            "--to", "2011-02-01", "--out", january.toString());

        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.out()).isEmpty();
        // the last reading, 2011-02-02T01:00-08:00, is the latest compared
        assertThat(past.err().lines()).containsExactly("settle rerate: the readings compared run to " +
            "2011-02-02T09:00:00Z, past the replacement tariff's URDB enddate 2011-02-01T08:00:00Z: an ended rate " +
            "would price them; compare the days before it (--to 2011-02-01 at most) or give a replacement that " +
            "covers them; no report was written");
        assertThat(whole).doesNotExist();
        assertThat(before.exitCode()).as(before.err()).isZero();
        // January's priced imports, as doubledImportRatesDoubleEveryEnergyChargeUpToOneMicroPerTransfer works them
        // out: 0.099900 + 0.150000 + 0.758507 = 1.008407; doubled 0.199800 + 0.300000 + 1.517013 = 2.016813
        // every row says what was compared: no first day, January's end (exclusive), the recorded tariff's zone, the
        // tariff replaced (the ingest's, id 1) and the replacement's file
        assertThat(rows(january)).anySatisfy((r) -> assertThat(String.join(",", r))
            .isEqualTo("1001,USD,ENERGY_CHARGE,-1.008407,-2.016813,-1.008406,,2011-02-01,America/Los_Angeles,1," +
                ended.getFileName()));
    }

    @Test
    void fromAndToAreDaysOfTheRecordedTariffsZone() throws IOException
    {
        // the hand-written TOU rate in gridsettle's format, moved to America/New_York, ingested with one off-peak
        // reading at 2011-02-01 01:00 New York time (1.000 kWh x 0.10 = 0.100000), which is still January 31 in
        // Los Angeles. --from 2011-02-01 --to 2011-02-02 without --zone must mean the tariff's February 1: the
        // charge is compared. Before, the days were Los Angeles days and the row compared nothing.
        final Path journal = TestResources.newYorkJournal(tmp);
        final Path csv = tmp.resolve("r.csv");

        final CliRun run = CliRun.of("rerate", "--journal", journal.toString(), "--tariff", path(HAND_TARIFF),
            "--from", "2011-02-01", "--to", "2011-02-02", "--out", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows(csv)).anySatisfy((r) -> assertThat(r[2] + " " + r[3] + " " + r[4])
            .isEqualTo("ENERGY_CHARGE -0.100000 -0.100000"));
    }
}
