package org.gridsettle.replay.cli;

import org.gridsettle.journal.codec.PricingNodeField;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.replay.bill.ZeroRuns;
import org.gridsettle.replay.ingest.CarbonFiles;
import org.gridsettle.replay.ingest.DrEventFiles;
import org.gridsettle.replay.ingest.DrProgram;
import org.gridsettle.replay.ingest.Enrolment;
import org.gridsettle.replay.ingest.EnrolmentCsvReader;
import org.gridsettle.replay.ingest.IngestReport;
import org.gridsettle.replay.ingest.IngestReportPrinter;
import org.gridsettle.replay.ingest.IngestRun;
import org.gridsettle.replay.ingest.UsageFile;
import org.gridsettle.replay.ingest.UsageFormat;
import org.gridsettle.replay.progress.TerminalProgress;
import org.gridsettle.replay.tariff.TariffDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code settle ingest}: loads a tariff, an enrolment file and real meter data into a journal and runs the engine
 * over them. The work is done by {@link IngestRun}; this class parses options and prints.
 * <p>
 * picocli makes one instance per invocation and calls it on the calling thread.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    header = "Load real meter data into a journal and settle it.",
    description = {
        "Load real meter data into a journal and settle it: publish the tariff,",
        "register the accounts and enrol the meters of the enrolment file, then submit",
        "every reading of the usage files as a tick.",
        "",
        "Tariff: OpenEI URDB JSON (TOU, tiers, fixed and demand charges, dgrules; what",
        "cannot be settled faithfully is refused by name; URDB carries no time zone:",
        "give the utility's with --zone), or gridsettle's own tariff JSON",
        "(pricing/README.md), detected by its \"format\" field.",
        "",
        "Enrolment CSV: meter_id,account_id[,programs[,pricing_node[,import_limit_kw",
        "[,export_limit_kw]]]]. meter_id is the id the usage files use (a CSV",
        "meter_id or a Green Button UsagePoint id); the engine's numeric meter id is",
        "the row's position, from 1. account_id is a number >= 1000; programs is",
        "empty or net_metering;demand_response (demand_response puts the meter in",
        "the DR events; net_metering is recorded, and the tariff's export rule alone",
        "decides how exports are paid: under one that does not net meter it is",
        "warned about); pricing_node is empty or the meter's",
        "oracle pricing node (else --pricing-node); a limit is empty or the service's",
        "(import) or inverter's (export) capacity in kW: a reading above it is",
        "rejected as READING_ABOVE_LIMIT. Readings of a meter not in the file are",
        "journalled as meters -1, -2, ... (order of first appearance) and rejected as",
        "UNKNOWN_METER.",
        "",
        "Oracle prices (--oracle, for a tariff whose net-billing exports earn the",
        "oracle price): CSV node,interval_start,interval_seconds,price_per_mwh (or",
        "price_per_kwh); published before the readings. A bad row is reported and",
        "skipped like a bad usage row; a file left without a row to publish (every",
        "row bad, or of a node name the journal cannot hold) is refused.",
        "",
        "Usage: Green Button XML (import on channel 0, export on channel 1) or a meter",
        "CSV with the header",
        "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]",
        "(interval_start in epoch seconds or ISO-8601 with an offset; energies in",
        "whole Wh, not kWh); the format is detected from the content unless given.",
        "Every input file may be gzipped: gzip is recognised by content, not by name.",
        "The numbers of usage and enrolment files are read in the digits 0-9 only (not",
        "Arabic-Indic or fullwidth ones): a usage row with others is a bad row.",
        "",
        "Carbon: --carbon takes UK Carbon Intensity API responses or carbon CSVs;",
        "every meter is enrolled on --carbon-region (or the files' one region), so a",
        "tariff with carbon pricing charges and credits by that region's intensity.",
        "An API response with no actual or forecast value at all is refused. A",
        "carbon or oracle file that prices none of the readings (other days, a node",
        "no meter is on), and a region's or node's files that stop before its",
        "readings do, are warned about on stderr with what they cover and what the",
        "readings need: the engine rejects a reading without a value",
        "(CARBON_INTENSITY_MISSING, ORACLE_PRICE_MISSING).",
        "",
        "Demand response: --dr-events takes OpenADR 2.0b oadrDistributeEvent files",
        "(what a VTN sends). Each event's active period (dtstart, duration) is",
        "published before the readings and dispatches the meters whose programs",
        "include demand_response; each is credited --dr-incentive per kWh below its",
        "baseline, minted in --dr-token, at the end of the event's day. That day is",
        "ended in the run (with the days before it) when the readings reach the",
        "event's end; otherwise the event waits for a later ingest. The highest",
        "modificationNumber of an eventID wins, and is journalled with the event. A",
        "later run's higher modification of an event still pending replaces it",
        "(journalled as a modification; the report says \"modified\" and its new",
        "hours) unless the engine refuses it, as it would a new event (an overlap):",
        "then the journalled version settles; one of a settled event is rejected",
        "CONFLICTING_DUPLICATE, since settlement is final;",
        "cancelled, test and status-none events are listed and skipped (so a day whose",
        "event is first seen cancelled stays a 10-in-10 baseline day), except that",
        "a cancelled event an earlier ingest journalled is withdrawn: it does not",
        "settle, and pays nothing (one an end of day has settled stays paid); its day",
        "is no baseline day, since its customers were notified. A copy",
        "older than the modification the journal holds is not journalled: a",
        "cancellation at or below it is reported as stale and the event still",
        "settles; an event to settle below it is reported as superseded. Against a",
        "journal written before format version 6 (no modification numbers) a",
        "cancellation is withdrawn, and the report says it could not be compared.",
        "An event an earlier ingest withdrew stays withdrawn (the engine rejects any",
        "event under its id, DR_EVENT_WITHDRAWN): a copy of it at or below the",
        "journal's modification, or of one journalled without a number, is skipped",
        "and listed, not journalled; a higher one is a re-issue, journalled and",
        "rejected, and the report says the VTN must send it under a new eventID.",
        "An event not in whole local hours of one",
        "local day of the tariff's zone, one whose start or duration is given twice,",
        "two eventIDs that map to one engine id, or events of two market contexts",
        "are refused. The engine id is the eventID's",
        "one run of digits (Event_939393 is 939393), else the first 63 bits of its",
        "SHA-256. With --dr-baseline declared, the event's eiEventBaseline must be",
        "energyReal in Wh, the same for every event hour; a power baseline (W) is",
        "refused, not read as an hourly average. Signals are not read. With --ven-id,",
        "an event whose eiTarget (its own or a signal's) names venIDs, none of them",
        "the one given, is another VEN's: it is listed as skipped, not journalled,",
        "whatever its status. An event whose eiTarget names part of the VEN (a group,",
        "resource or end device), or without --ven-id names venIDs, is settled for",
        "every demand_response meter all the same, with a warning on stderr.",
        "",
        "Every file is read once before anything is journalled, so an unreadable file",
        "changes nothing. A bad row is reported on stderr (file: line: problem) and",
        "skipped, as is a reading of an enrolled meter dated before 1990 in the tariff's",
        "zone (or before an earlier URDB startdate), when no enrolment can have begun;",
        "readings the engine rejects are journalled and counted by reason. An enrolled",
        "meter's run of readings of zero import and zero export that covers at least",
        "--zero-run-hours (24 by default) is named in the summary with its first and",
        "last interval (a dead meter or a stuck register; settled as read). A meter",
        "whose exports centre on a time of day from 21:00 to 06:00 in the tariff's zone",
        "is warned about: solar exports centre on midday, so --zone (or the timestamps,",
        "such as epoch seconds of a local clock) is likely hours off. The tariff and",
        "meters take effect from the local midnight that starts the day the rate's",
        "URDB startdate names (a date URDB stores as an instant at 00:00 UTC: FPL",
        "RS-1's 2015-06-01 is 20:00 the day before in Florida, 02:00 that day in",
        "Berlin; both start at 2015-06-01 00:00 local), else from the local midnight",
        "before the earliest reading of an enrolled meter (without one, a new journal",
        "is refused). An existing journal in DIR is recovered and appended to, with the",
        "tariff it holds (from the start it was journalled with; another rate or zone is",
        "refused), and an enrolment file with the earlier one's rows in the same order,",
        "new meters after them (a row that would give a journalled meter's number to",
        "another account is refused). An end of day is submitted at each local",
        "midnight the readings pass and a period close at each start of a billing",
        "period (the tariff's",
        "billing_cycle_day; the 1st for URDB), so daily and monthly charges post, up",
        "to the start of the billing period of the last reading: that period stays",
        "open, its days not ended (but a DR event's) and no charge of it posted, for a",
        "later ingest, which ends its days and closes it before it enrols meters or",
        "submits readings (the calendar resumes where the journal's got to); the",
        "summary's open: line names it. Readings the journal already settled with the",
        "same values (a file sent again, overlapping downloads) are counted as already",
        "settled and not submitted again. One ingest writes to a DIR at a time: a",
        "second one started while the first runs is refused (exit 2) before it",
        "journals anything. The summary ends with the journal's seals, the lines",
        "settle verify prints, also after a stop by a signal (the journal is closed",
        "first): kept where whoever can edit the journal cannot, the output is a file",
        "settle verify --kept compares with the journal later."},
    footer = {"", "Example:",
        "  settle ingest --journal gs --tariff tou.json --meters m.csv --usage use.xml",
        "  settle ingest --journal gs --tariff tou.json --meters m.csv --usage use.csv \\",
        "      --carbon intensity.json --carbon-region GB",
        "  settle ingest --journal gs --tariff nbt.json --meters m.csv --usage use.csv \\",
        "      --oracle lmp.csv --pricing-node TH_NP15_GEN-APND",
        "  settle ingest --journal gs --tariff tou.json --meters m.csv --usage use.csv \\",
        "      --dr-events event.xml --dr-incentive 0.50 --dr-baseline 10in10-adjusted"})
public final class IngestCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "Journal directory; created, or recovered and appended to.")
    private Path journal;

    @Option(names = "--tariff", required = true, paramLabel = "FILE", description = "Tariff file.")
    private Path tariff;

    @Option(names = "--tariff-format", paramLabel = "urdb|gridsettle",
        description = "Tariff format (default: detected from the content).")
    private String tariffFormat;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "The tariff's time zone. Default: a gridsettle tariff's own; America/Los_Angeles for a URDB " +
            "rate, which records none, with a warning on stderr.")
    private String zone;

    @Option(names = "--holidays", paramLabel = "DATE", split = ",",
        description = "A URDB rate's holidays, YYYY-MM-DD in the tariff's zone (comma-separated or repeated): " +
            "priced with the weekend schedule. URDB records none; a gridsettle tariff carries its own.")
    private java.util.List<String> holidays = new java.util.ArrayList<>();

    @Option(names = "--meters", required = true, paramLabel = "FILE",
        description = "Enrolment CSV: meter_id,account_id[,programs[,pricing_node[,import_limit_kw" +
            "[,export_limit_kw]]]].")
    private Path meters;

    @Option(names = "--oracle", arity = "1..*", paramLabel = "FILE",
        description = "Oracle price CSVs (node,interval_start,interval_seconds,price_per_mwh|price_per_kwh).")
    private List<Path> oracle = List.of();

    @Option(names = "--pricing-node", paramLabel = "NODE",
        description = "Pricing node of every meter whose enrolment row names none, e.g. TH_NP15_GEN-APND.")
    private String pricingNode;

    @Option(names = "--usage", required = true, arity = "1..*", paramLabel = "FILE",
        description = "Meter-data files, submitted in the order given.")
    private List<Path> usage;

    @Option(names = "--usage-format", paramLabel = "greenbutton|csv",
        description = "Format of every usage file (default: detected per file).")
    private String usageFormat;

    @Option(names = "--export-token", paramLabel = "SYMBOL",
        description = "Program token export credits are minted in (default: a gridsettle tariff's export_token; " +
            "SOLAR for a URDB rate, which names none).")
    private String exportToken;

    @Option(names = "--carbon", arity = "1..*", paramLabel = "FILE",
        description = "Grid carbon intensity: a UK Carbon Intensity API response (JSON) or a carbon CSV " +
            "(region,interval_start,interval_seconds,mg_per_kwh|g_per_kwh). Journalled before the meters are " +
            "enrolled on its region.")
    private List<Path> carbon = List.of();

    @Option(names = "--carbon-region", paramLabel = "CODE",
        description = "Region the meters are in (up to 8 characters, e.g. GB); names the series of an API " +
            "response. Default: the carbon files' one region.")
    private String carbonRegion;

    @Option(names = "--dr-events", arity = "1..*", paramLabel = "FILE",
        description = "OpenADR 2.0b oadrDistributeEvent files (XML, plain or gzipped) whose events to settle.")
    private List<Path> drEvents = List.of();

    @Option(names = "--dr-incentive", paramLabel = "DECIMAL",
        description = "Token per kWh reduced, at most 6 decimals, e.g. 0.50. Required with --dr-events: OpenADR " +
            "payloads carry no incentive.")
    private String drIncentive;

    @Option(names = "--dr-token", defaultValue = "DR", paramLabel = "SYMBOL",
        description = "Program token DR credits are minted in (default: ${DEFAULT-VALUE}).")
    private String drToken;

    @Option(names = "--dr-baseline", defaultValue = "10in10-adjusted", paramLabel = "METHOD",
        description = "10in10, 10in10-adjusted (with the day-of adjustment; events from 04:00) or declared (the " +
            "event's eiEventBaseline) (default: ${DEFAULT-VALUE}).")
    private String drBaseline;

    @Option(names = "--ven-id", paramLabel = "ID",
        description = "Your VEN's venID: an event whose eiTarget names venIDs, none of them this one, is addressed " +
            "to other VENs and is skipped (listed, not journalled). Default: every event is settled.")
    private String venId;

    @Option(names = "--zero-run-hours", defaultValue = "" + ZeroRuns.DEFAULT_HOURS, paramLabel = "HOURS",
        description = "Name in the summary each enrolled meter's run of readings of zero import and zero export " +
            "covering at least this many hours (a dead meter or stuck register; a vacant home reads zero too); 0 " +
            "turns the check off (default: ${DEFAULT-VALUE}).")
    private int zeroRunHours;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private static void symbol(final String option, final String value)
    {
        try
        {
            TokenSymbol.pack(value);
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the DR program, or null without --dr-events; checked before any file is read.
     */
    private DrProgram drProgram()
    {
        if (drEvents.isEmpty())
        {
            // the program's options mean nothing without events: one given is a forgotten --dr-events
            for (final String option : List.of("--dr-incentive", "--dr-token", "--dr-baseline", "--ven-id"))
            {
                if (spec.commandLine().getParseResult().hasMatchedOption(option))
                {
                    throw new IllegalArgumentException(option + " needs --dr-events FILE");
                }
            }
            return null;
        }
        if (drIncentive == null)
        {
            throw new IllegalArgumentException("--dr-events needs --dr-incentive DECIMAL: OpenADR payloads carry no " +
                "incentive, so the program's must be given");
        }
        if (venId != null && venId.isBlank())
        {
            // an empty venID would match no event's, and skip every one addressed to a VEN
            throw new IllegalArgumentException("--ven-id is empty: give the venID your VTN addresses events to");
        }
        return DrProgram.parse(drToken, drIncentive, drBaseline);
    }

    @Override
    public Integer call()
    {
        // checked before any file is read, so a typo costs nothing
        if (exportToken != null)
        {
            symbol("--export-token", exportToken);
        }
        if (carbonRegion != null)
        {
            symbol("--carbon-region", carbonRegion);
        }
        if (pricingNode != null)
        {
            PricingNodeField.requireValid(pricingNode);
        }
        OptionValues.zeroRunHours(zeroRunHours);
        final DrProgram program = drProgram();
        OptionValues.requireRegularFiles("--tariff", List.of(tariff));
        OptionValues.requireRegularFiles("--meters", List.of(meters));
        OptionValues.requireRegularFiles("--usage", usage);
        OptionValues.requireRegularFiles("--carbon", carbon);
        OptionValues.requireRegularFiles("--oracle", oracle);
        OptionValues.requireRegularFiles("--dr-events", drEvents);
        final UsageFormat format = OptionValues.usageFormat(usageFormat);
        final TariffDocument document = TariffDocument.read(tariff, OptionValues.tariffFormat(tariffFormat))
            .withHolidays(OptionValues.holidays(holidays));
        OptionValues.notes(spec.commandLine().getErr(), "settle ingest", tariff, document.roundings());
        OptionValues.notes(spec.commandLine().getErr(), "settle ingest", tariff, document.comments());
        final ZoneId tariffZone = OptionValues.zone(zone, document);
        final List<Enrolment> enrolments = new EnrolmentCsvReader().read(meters);
        final CarbonFiles carbonFiles = CarbonFiles.read(carbon, carbonRegion);
        final DrEventFiles dr = program == null ? DrEventFiles.NONE : DrEventFiles.read(drEvents, program, tariffZone,
            venId);
        final List<UsageFile> files = new ArrayList<>();
        for (final Path file : usage)
        {
            files.add(UsageFile.of(file, format));
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        // Ctrl-C or a kill stops the submissions and closes the engine, so the journal ends sealed
        try (SignalStop stop = SignalStop.install())
        {
            final IngestRun run = new IngestRun(journal, document, tariffZone, exportToken, enrolments, files)
                .carbon(carbonFiles)
                .oracle(oracle, pricingNode)
                .demandResponse(dr)
                .stopWhen(stop::requested)
                .inputWarning(OptionValues.zoneAssumed(zone, document))
                .zeroRunHours(zeroRunHours)
                .warnings((line) -> err.println("settle ingest: warning: " + line));
            final IngestReport report;
            try (TerminalProgress reading = TerminalProgress.forStderr("ingest: read", "MiB", 1 << 20);
                TerminalProgress progress = TerminalProgress.forStderr("ingest", "readings"))
            {
                // the read bar ends with its last call, before the submission bar can appear: never two at once
                report = run.readProgress((done, total) ->
                {
                    reading.progress(done, total);
                    if (done == total)
                    {
                        reading.close();
                    }
                }).progress(progress).run((line) -> err.println("settle ingest: bad row: " + line));
            }
            err.flush();
            IngestReportPrinter.print(out, report, journal);
            out.flush();
            if (run.snapshotFailure() != null)
            {
                err.println("settle ingest: " + run.snapshotFailure() + "; the journal is closed and holds every " +
                    "reading of this run: make " + journal.resolve("snapshots") + " a writable directory (or move " +
                    "it away), then run the same command again");
                err.flush();
            }
            if (run.stopped())
            {
                err.printf(java.util.Locale.ROOT, "settle ingest: stopped by a signal after %,d of the readings; the " +
                    "journal is closed and verifies: run the same command again to settle the rest%n",
                    report.readingsSubmitted());
                err.flush();
                return SignalStop.STOPPED;
            }
            return run.snapshotFailure() != null ? OneLineErrors.JOURNAL_WRITE_FAILED : 0;
        }
    }
}
