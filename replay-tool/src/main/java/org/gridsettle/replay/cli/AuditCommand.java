package org.gridsettle.replay.cli;

import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.replay.audit.AuditReport;
import org.gridsettle.replay.audit.AuditWriter;
import org.gridsettle.replay.audit.InputRegistry;
import org.gridsettle.replay.audit.VerifiedRecords;
import org.gridsettle.replay.progress.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code settle audit}: the measurement-and-verification report of a journal, per account (or meter) and local
 * day, every number citing the output sequences it sums. Parses options and picks the writer; the work is in
 * {@code org.gridsettle.replay.audit}.
 * <p>
 * picocli makes one instance per invocation and calls it on the calling thread.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    header = "M&V report: energy, postings and balances per account and day.",
    description = {
        "Report, per account (or one meter) and local day: import and export kWh priced,",
        "postings by token and reason, and closing balances per token, each with the",
        "output sequences it comes from (find them with settle dump --from SEQ; settle",
        "dump --account ID or --meter ID lists each posting with its input sequence,",
        "tariff version, period and tier).",
        "Amounts are the change in the customer's balance (credits minus debits).",
        "Carbon: kg CO2 emitted by priced imports and avoided by credited exports, from",
        "the CARBON_ADDER and CARBON_CREDIT postings (energy x the grid intensity they",
        "were priced at). Demand response: each DR_INCENTIVE credit's baseline and",
        "metered load per event hour, recovered by replaying the inputs through the",
        "engine. Either is marked as not priced when the journal has no such postings.",
        "The journal must pass settle verify; outputs edited and re-sealed pass it,",
        "which settle replay finds: run it first (journal/FORMAT.md section 8). The",
        "report is of the records verify checked, each journal's first N data records",
        "as it counted them, and of none a writer appends after (the journal must",
        "still hold them, or exit 1). The html and json name them with verify's",
        "counts, digests and seals, and stdout gives verify's two seal lines: the",
        "audit's output, or the html page, kept, is a file settle verify --kept reads.",
        "html is one self-contained page with inline SVG charts. A selection with no",
        "posting in the days asked for is refused (exit 2), not written empty. An",
        "archive of closed cycle files is verified as one with --archive (settle",
        "verify --help). Every account of a fleet too large for the heap together is",
        "written a group of accounts at a time, reading the journal once per group",
        "(stderr says how many times; a larger -Xmx in SETTLE_JAVA_OPTS means fewer),",
        "with demand-response baselines kept meanwhile in a temporary file beside",
        "the report (in the JVM's java.io.tmpdir when --out is a device or pipe such",
        "as /dev/stdout), removed when the audit ends."},
    footer = {"", "Example:",
        "  settle audit --journal demo-data/journal --account 100000 --format html \\",
        "      --out audit.html"})
public final class AuditCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory.")
    private Path journal;

    @Option(names = "--account", paramLabel = "ID", description = "Audit one account (default: every account).")
    private Long account;

    @Option(names = "--meter", paramLabel = "ID",
        description = "Audit one meter, under every account it was on; balances are the accounts'.")
    private Long meter;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day reported.")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "First day not reported (exclusive).")
    private String to;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "Zone of the local days (default: the zone the journal's tariffs price in; required when they " +
            "use several).")
    private String zone;

    @Option(names = "--format", defaultValue = "html", paramLabel = "html|csv|json",
        description = "Report format (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report file to write.")
    private Path out;

    @Option(names = "--archive", description = "The journal is an archive of closed cycle files, verified as " +
        "settle verify --archive does.")
    private boolean archive;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private boolean printSeals = true;

    @Override
    public Integer call() throws IOException
    {
        final LocalDate fromDay = from == null ? null : OptionValues.date("--from", from);
        final LocalDate toDay = to == null ? null : OptionValues.date("--to", to);
        requireRange(fromDay, toDay);
        if (!List.of("html", "csv", "json").contains(format))
        {
            throw new IllegalArgumentException("--format " + format + ": expected html, csv or json");
        }
        if (account != null && meter != null)
        {
            throw new IllegalArgumentException("--account and --meter cannot be given together");
        }
        requireJournal(journal, "audit");
        final ReportFile outFile = new ReportFile(out);
        outFile.check(journal, Map.of());
        // read before the long verification, so that a mistyped --account or --meter, or a zone to give, is refused
        // after one read of the input journal rather than after a verify of both journals
        final InputRegistry unverified = InputRegistry.read(journal);
        refuseUnknownSelection(unverified);
        if (zone == null)
        {
            recordedZone(unverified);
        }
        final VerificationReport verified = requireVerified(journal, "audit", archive, true);
        // every record the report reads, the registry's among them, is one verify checked
        final InputRegistry registry = unverified.asVerified(journal, verified);
        refuseUnknownSelection(registry);
        final ZoneId localZone = zone != null ? OptionValues.zone(zone) : recordedZone(registry);
        final NavigableMap<Long, List<Long>> selected =
            account == null && meter == null ? registry.metersByAccount() : new TreeMap<>();
        final String selection;
        if (meter != null)
        {
            // a meter that moved to another account has postings under each: all of them are the meter's
            final List<Long> owners = registry.accountsOf(meter);
            owners.forEach((owner) -> selected.put(owner, List.of(meter)));
            selection = "meter " + meter + " (account" + (owners.size() == 1 ? " " + owners.get(0) : "s " +
                owners.stream().map(String::valueOf).collect(Collectors.joining(", "))) + ")";
        }
        else if (account != null)
        {
            selected.put(account, registry.metersOf(account));
            selection = "account " + account;
        }
        else
        {
            selection = "all " + selected.size() + " accounts";
        }
        final int days;
        try (AuditPasses passes = new AuditPasses(journal, verified, localZone, fromDay, toDay, selection, selected,
            meter == null ? 0 : meter, AuditPasses.metersPerGroup(journal, registry.meterCount(),
            Runtime.getRuntime().maxMemory()), spec.commandLine().getErr(), spoolFolder(outFile)))
        {
            days = firstPass(passes);
            outFile.write((writer) -> passes.write(AuditWriter.of(format, writer)));
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("audit: " + selection + ", " + days + " days, " + format + " written to " +
            out);
        if (printSeals)
        {
            printVerified(stdout, "audit", verified);
        }
        // standard output that could not be written fails the run in SettleCommand.execute, for every command
        stdout.flush();
        return 0;
    }

    /**
     * Refuses a {@code --meter} or {@code --account} the journal does not know: before the verification, so that a
     * mistyped number does not cost a read of both journals, and again on the registry of the records verified.
     */
    private void refuseUnknownSelection(final InputRegistry registry)
    {
        if (meter != null && registry.accountsOf(meter).isEmpty())
        {
            throw new IllegalArgumentException("unknown meter " + meter + ": not enrolled in " + journal);
        }
        if (account != null && !registry.accounts().contains(account))
        {
            throw new IllegalArgumentException("unknown account " + account + ": not registered in " + journal);
        }
    }

    /**
     * @param report the {@code --out} file.
     * @return the folder of the demand-response baselines' temporary file when the accounts are written in groups:
     *     the report's, whose disk must hold the report anyway (not {@code java.io.tmpdir}, which is memory where
     *     {@code /tmp} is a tmpfs); {@code java.io.tmpdir} for a device or pipe, whose folder ({@code /dev}) is no
     *     place for a file.
     */
    static Path spoolFolder(final ReportFile report)
    {
        final Path folder = report.folder();
        return folder != null ? folder : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Refuses a directory that is no journal (exit 2), and a journal with one half gone as settle verify does (exit
     * 1), before anything else reads it.
     *
     * @param journal the journal directory.
     * @param command the command name, for the progress display.
     */
    static void requireJournal(final Path journal, final String command)
    {
        JournalDirectory.requireEitherHalf(journal);
        if (!JournalDirectory.hasBothHalves(journal))
        {
            requireVerified(journal, command);
        }
    }

    /**
     * Refuses an empty or reversed day range in the words {@code settle bill} uses: it would otherwise select
     * nothing without a word, or fail deep in a sorted map.
     *
     * @param from first day, or null for the journal's first.
     * @param to   first day not included, or null for after the journal's last.
     * @throws IllegalArgumentException when both are given and {@code from} is not before {@code to}.
     */
    static void requireRange(final LocalDate from, final LocalDate to)
    {
        if (from != null && to != null && !from.isBefore(to))
        {
            throw new IllegalArgumentException(
                "--from " + from + " must be before --to " + to + " (--to is exclusive)");
        }
    }

    /**
     * Reads the journal for every account's sums and the first group's accounts, refuses a report of no day, and
     * recovers demand-response baselines when the report has DR credits.
     *
     * @return how many days the report has.
     */
    private static int firstPass(final AuditPasses passes)
    {
        final AuditReport report = passes.firstPass();
        requireSomethingToReport(report);
        passes.replayDemandResponse();
        return report.allDays().size();
    }

    /**
     * Refuses a report of no day: an empty report written with exit 0 reads as "nothing was posted" to whoever gets
     * the file, when the range or selection missed the journal's days. Says which local days the selection has.
     */
    private static void requireSomethingToReport(final AuditReport report)
    {
        if (!report.allDays().isEmpty())
        {
            return;
        }
        final NavigableSet<LocalDate> held = report.fleet().heldDays();
        throw new IllegalArgumentException("nothing to report: no posting of " + report.selection() +
            (held.isEmpty() ? " in " + report.journal() : range(report.from(), report.to()) + ", only on local days " +
            held.first() + " to " + held.last() + " in " + report.zone()) + "; no report was written");
    }

    /**
     * @param from first day, or null.
     * @param to   first day not included, or null.
     * @return the day range in words, with a leading space, or empty for no bound.
     */
    static String range(final LocalDate from, final LocalDate to)
    {
        return from != null && to != null ? " from " + from + " to " + to + " (exclusive)" :
            from != null ? " on or after " + from : to != null ? " before " + to : "";
    }

    /**
     * Refuses a journal that {@code settle verify} would fail, or would find only "intact so far" (a writer holds it),
     * before anything is read from it. Reading verifies each journal's own chain, but only the verifier checks that the
     * output journal's close checkpoint binds this input journal: without that, a report could be built from the
     * outputs of some other journal's inputs.
     *
     * @param journal the journal directory.
     * @param command the command name, for the progress display.
     * @return the verification, intact: the records the command may read, and no more.
     * @throws org.gridsettle.journal.JournalCorruptException naming the first problem, so that the exit code is 1, as
     *                                                        settle verify's for the same journal.
     */
    static VerificationReport requireVerified(final Path journal, final String command)
    {
        return requireVerified(journal, command, false, false);
    }

    /**
     * @param archive      true to verify the journal as an archive of closed cycle files ({@code settle verify
     *                     --archive}).
     * @param takesArchive true if the command has {@code --archive}, the one way to read a journal whose writer
     *                     never closes it (an engine that runs for months), named when one holds it.
     * @return the verification, intact: the records the command may read, and no more.
     */
    private static VerificationReport requireVerified(final Path journal, final String command, final boolean archive,
        final boolean takesArchive)
    {
        final VerificationReport report;
        try (TerminalProgress progress = TerminalProgress.forStderr(command + ": verify", "records"))
        {
            report = JournalVerifier.verify(journal, progress, archive);
        }
        if (!report.intact())
        {
            final int more = report.problems().size() - 1;
            throw new org.gridsettle.journal.JournalCorruptException(report.problems().get(0) + (more == 0 ? "" :
                " (and " + more +
                " more problem(s))") + " (settle verify " + (archive ? "--archive " : "") + "--journal " + journal +
                " lists every problem)");
        }
        if (report.beingWritten())
        {
            // verify's "intact so far" leaves unchecked the one thing this refusal is for: the output journal's close
            // checkpoint binding the input journal, which anyone who can lock writer.lock could otherwise forgo
            throw new org.gridsettle.journal.JournalCorruptException(journal + ": is being written (a writer holds " +
                "its writer.lock), so its output journal's binding to the input journal cannot be checked yet: run " +
                "it again once the writer has closed the journal" + (takesArchive ? ", or give --archive to " +
                command + " what it holds so far without that check" : ""));
        }
        return report;
    }

    /**
     * Prints the seals of the journal state the report is of, as {@code settle verify} prints them, under a line
     * saying so: the command's output (an audit's, a rerate's), kept, is a file {@code settle verify --kept} reads,
     * which shows later that the journal still holds the records the report was made from.
     *
     * @param out      standard output.
     * @param command  the command name that begins the line.
     * @param verified the verification whose records the report is of.
     */
    static void printVerified(final PrintWriter out, final String command, final VerificationReport verified)
    {
        out.println(command + ": the report is of the journal as verified, these records and no later one (keep " +
            "this output; settle verify --kept FILE compares them with the journal later):");
        out.println(VerifiedRecords.input(verified).sealLine());
        out.println(VerifiedRecords.output(verified).sealLine());
    }

    /**
     * For {@code settle demo}, which audits the journal it has just closed and printed the seals of: the same seals
     * printed again after each of its audits would say nothing new.
     *
     * @return this.
     */
    AuditCommand withoutSealLines()
    {
        printSeals = false;
        return this;
    }

    /**
     * The local days of a journal are its tariffs' days: one journal of a New York utility audited in Los Angeles
     * days would put each day's first three hours in the day before.
     */
    private ZoneId recordedZone(final InputRegistry registry)
    {
        final Set<ZoneId> zones = new TreeSet<>(Comparator.comparing(ZoneId::getId));
        for (final long tariffId : registry.enrolledTariffs())
        {
            registry.zoneOf(tariffId).ifPresent(zones::add);
        }
        if (zones.size() > 1)
        {
            throw new IllegalArgumentException("the journal's tariffs price in " + zones.size() + " zones (" +
                zones.stream().map(ZoneId::getId).collect(Collectors.joining(", ")) + "): give the zone of the days " +
                "with --zone");
        }
        return zones.isEmpty() ? ZoneOffset.UTC : zones.iterator().next();
    }
}
