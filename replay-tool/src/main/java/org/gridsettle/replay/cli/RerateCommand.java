package org.gridsettle.replay.cli;

import org.gridsettle.journal.VerificationReport;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.replay.audit.InputRegistry;
import org.gridsettle.replay.rerate.RerateCsvWriter;
import org.gridsettle.replay.ingest.RejectionHints;
import org.gridsettle.replay.rerate.RerateRun;
import org.gridsettle.replay.rerate.RerateTotals;
import org.gridsettle.replay.rerate.UrdbReplacement;
import org.gridsettle.replay.tariff.TariffFormat;
import org.gridsettle.replay.progress.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code settle rerate}: what the recorded inputs would have cost under another tariff, compared per account with
 * what was posted. The journal is only read; the work is {@link RerateRun}'s.
 * <p>
 * picocli makes one instance per invocation and calls it on the calling thread.
 */
@Command(
    name = "rerate",
    mixinStandardHelpOptions = true,
    header = "What-if: re-price a journal's inputs under another tariff, in memory.",
    description = {
        "Re-price every recorded input with a fresh engine state machine in memory, the",
        "target tariff's versions replaced by the given tariff (same id, version and",
        "effective instant, so enrolments still find it, and the recorded billing-cycle",
        "day, so the journal's period closes end its periods), and compare per account,",
        "token and reason with the recorded outputs. Nothing is written to the journal.",
        "Amounts are the change in the customer's balance (credits minus debits);",
        "difference = rerated - original. --from/--to/--accounts only select what is",
        "compared: the whole journal is always re-priced. Tariff: OpenEI URDB JSON.",
        "The journal must pass settle verify. What is re-priced and compared is the",
        "records verify checked, each journal's first N data records as it counted",
        "them, and none a writer appends after (the journal must still hold them, or",
        "exit 1); stdout ends with verify's two seal lines for them: the rerate's",
        "output, kept, is a file settle verify --kept reads. A gridsettle-format",
        "tariff is refused. Readings compared from the replacement's URDB enddate on",
        "are refused: an ended rate would price them. A selection with no posting to",
        "compare is refused (exit 2) rather than written as an empty report. Every CSV",
        "row also says what was compared: from, to, zone, replaced_tariff, replacement."},
    footer = {"", "Example:",
        "  settle rerate --journal gs --tariff new.json --tariff-id 1 --out rerate.csv"})
public final class RerateCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory.")
    private Path journal;

    @Option(names = "--tariff", required = true, paramLabel = "FILE", description = "Tariff to re-price with.")
    private Path tariff;

    @Option(names = "--tariff-format", paramLabel = "urdb", description = "Tariff format (only urdb today).")
    private String tariffFormat;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "The tariff's zone, which URDB does not record, and the zone of --from/--to (default: the " +
            "recorded version's). Another zone than the recorded version's is refused: the journal's ends of day " +
            "and period closes fall at its midnights.")
    private String zone;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day compared.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "First day not compared (exclusive).")
    private String to;

    @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "Accounts compared (default: all).")
    private List<Long> accounts;

    @Option(names = "--tariff-id", paramLabel = "ID",
        description = "Tariff to replace (default: the one tariff meters are enrolled on).")
    private Long tariffId;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write.")
    private Path out;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        final TariffFormat format = OptionValues.tariffFormat(tariffFormat);
        if (format == TariffFormat.GRIDSETTLE)
        {
            throw new IllegalArgumentException("--tariff-format gridsettle: rerate takes a URDB replacement tariff only");
        }
        final ZoneId tariffZone = zone == null ? null : OptionValues.zone(zone);
        final LocalDate fromDay = from == null ? null : OptionValues.date("--from", from);
        final LocalDate toDay = to == null ? null : OptionValues.date("--to", to);
        AuditCommand.requireRange(fromDay, toDay);
        AuditCommand.requireJournal(journal, "rerate");
        OptionValues.requireRegularFiles("--tariff", List.of(tariff));
        // reads the file's head: a missing, unreadable or directory --tariff is named as ingest and bill name it
        if (TariffFormat.isGridsettle(tariff))
        {
            // read as URDB, each of its fields would be refused as unknown, all in one very long line
            throw new IllegalArgumentException("--tariff " + tariff + ": a gridsettle tariff (\"format\": " +
                "\"gridsettle-tariff/...\"); rerate takes an OpenEI URDB rate only");
        }
        final ReportFile outFile = new ReportFile(out);
        outFile.check(journal, Map.of("--tariff", tariff));
        final InputRegistry unverified = InputRegistry.read(journal);
        final Set<Long> compared = new TreeSet<>(accounts == null ? List.of() : accounts);
        // chosen on the registry read first, so that a mistyped account or a zone to give is refused before the verify
        select(unverified, compared, tariffZone);
        final UrdbReplacement replacement = UrdbReplacement.read(tariff, tariffZone);
        OptionValues.notes(spec.commandLine().getErr(), "settle rerate", tariff, replacement.roundings());
        OptionValues.notes(spec.commandLine().getErr(), "settle rerate", tariff, replacement.comments());
        // last of the checks: it reads both journals whole, and every cheaper mistake should be told first
        final VerificationReport verified = AuditCommand.requireVerified(journal, "rerate");
        // and again on the records verified, which are all the run reads: a writer may have enrolled on another
        // tariff, or registered an account given, between the first read and the verification
        final Selection selection = select(unverified.asVerified(journal, verified), compared, tariffZone);
        final long target = selection.target();
        final ZoneId dayZone = selection.dayZone();
        final RerateRun run = new RerateRun(journal, verified, target, replacement, dayZone, fromDay, toDay, compared);
        final RerateTotals totals;
        try (TerminalProgress progress = TerminalProgress.forStderr("rerate", "records"))
        {
            totals = run.run(progress);
        }
        refuseReadingsAfterTheReplacementEnded(replacement, run.latestReratedReading(), dayZone);
        if (totals.rows().isEmpty())
        {
            // a CSV of no row written with exit 0 reads as "no difference", when the selection missed the postings
            throw new IllegalArgumentException("nothing to compare: no posting of " + (compared.isEmpty() ?
                "any account" : compared.size() == 1 ? "account " + compared.iterator().next() : "accounts " +
                compared) + AuditCommand.range(fromDay, toDay) + ", recorded or re-rated, in local days of " +
                dayZone + "; no report was written");
        }
        final RerateCsvWriter.Scope scope = new RerateCsvWriter.Scope(fromDay, toDay, dayZone, target,
            String.valueOf(tariff.getFileName()));
        outFile.write((writer) -> RerateCsvWriter.write(writer, totals, scope));
        final PrintWriter stdout = spec.commandLine().getOut();
        final Map<String, Long> more = run.moreRejectedByReason();
        final String moreText = more.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining(", "));
        stdout.println("rerate: tariff " + target + ", " + run.replacedVersions() + " version(s) replaced, " +
            totals.rows().size() + " accounts compared; rejections recorded " + run.recordedRejections() +
            ", re-rated " + run.reratedRejections() + (more.isEmpty() ? "" : " (" + moreText + ")"));
        if (!more.isEmpty())
        {
            // a what-if that drops inputs would read as a cheaper tariff: say so where a script's log shows it
            final String hint = RejectionHints.of(more);
            final PrintWriter err = spec.commandLine().getErr();
            err.println("settle rerate: warning: under the given tariff the engine rejects " +
                more.values().stream().mapToLong(Long::longValue).sum() + " inputs the recorded run did not (" +
                moreText + "); they are priced in neither the rerated column nor its difference" +
                (hint.isEmpty() ? "" : "; " + hint));
            err.flush();
        }
        totals.fleet().forEach((token, reasons) -> reasons.forEach((reason, row) -> stdout.printf(
            "fleet %-6s %-14s original %s  rerated %s  difference %s%n", token, reason,
            MicroUnits.toDecimalString(row[RerateTotals.ORIGINAL]),
            MicroUnits.toDecimalString(row[RerateTotals.RERATED]),
            MicroUnits.toDecimalString(row[RerateTotals.RERATED] - row[RerateTotals.ORIGINAL]))));
        stdout.println("wrote " + out);
        AuditCommand.printVerified(stdout, "rerate", verified);
        // standard output that could not be written fails the run in SettleCommand.execute, for every command
        stdout.flush();
        return 0;
    }

    /**
     * The tariff replaced and the zone whose days are compared, once the accounts given are known to the registry.
     *
     * @param target  the tariff whose versions are replaced.
     * @param dayZone the zone of the days compared: the tariff's local days, as its bills count them (a Florida
     *                rate's July is not Pacific July).
     */
    private record Selection(long target, ZoneId dayZone)
    {
    }

    private Selection select(final InputRegistry registry, final Set<Long> compared, final ZoneId tariffZone)
    {
        for (final long a : compared)
        {
            if (!registry.accounts().contains(a))
            {
                throw new IllegalArgumentException("unknown account " + a + ": not registered in " + journal);
            }
        }
        final long target = targetTariff(registry);
        refuseAnotherZone(tariffZone, registry.zoneOf(target), target);
        return new Selection(target, tariffZone != null ? tariffZone :
            registry.zoneOf(target).orElse(ZoneId.of("America/Los_Angeles")));
    }

    /**
     * As bill and ingest refuse readings from a URDB rate's enddate on: a what-if that priced the compared days past
     * the replacement's end with it would report a rate no one was ever billed. Checked on the re-rated run's own
     * postings, since only the readings compared matter (--from/--to, --accounts); the report is not written.
     */
    private static void refuseReadingsAfterTheReplacementEnded(
        final UrdbReplacement replacement, final long latestReading, final ZoneId dayZone)
    {
        final Optional<Instant> end = replacement.endDate();
        if (end.isPresent() && end.get().getEpochSecond() <= latestReading)
        {
            throw new IllegalArgumentException("the readings compared run to " + Instant.ofEpochSecond(latestReading) +
                ", past the replacement tariff's URDB enddate " + end.get() + ": an ended rate would price them; " +
                "compare the days before it (--to " + LocalDate.ofInstant(end.get(), dayZone) + " at most) or give " +
                "a replacement that covers them; no report was written");
        }
    }

    /**
     * The journal's calendar events were recorded at the recorded zone's midnights, and a replay cannot move them:
     * a replacement priced in another zone has every period closed at the wrong hour, and nothing after the first
     * close settles. A zone of the same rules under another name (US/Pacific) changes nothing, and is let be.
     */
    private static void refuseAnotherZone(final ZoneId given, final Optional<ZoneId> recorded, final long target)
    {
        if (given != null && recorded.isPresent() && !given.getRules().equals(recorded.get().getRules()))
        {
            throw new IllegalArgumentException("--zone " + given + ": tariff " + target + " was recorded in " +
                recorded.get() + ", whose midnights the journal's ends of day and period closes fall at: re-priced " +
                "in another zone, its billing periods close at other hours and the engine rejects the readings " +
                "after the first close (BILLING_PERIOD_NOT_OPEN); leave --zone out to re-price in " + recorded.get());
        }
    }

    private long targetTariff(final InputRegistry registry)
    {
        if (tariffId != null)
        {
            return tariffId;
        }
        final List<Long> enrolled = registry.enrolledTariffs();
        if (enrolled.size() == 1)
        {
            return enrolled.get(0);
        }
        throw new IllegalArgumentException(enrolled.isEmpty() ? "no meter is enrolled in " + journal +
            "; give --tariff-id" : "meters are enrolled on tariffs " + enrolled + "; choose one with --tariff-id");
    }
}
