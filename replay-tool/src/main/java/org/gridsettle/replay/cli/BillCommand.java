package org.gridsettle.replay.cli;

import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.bill.Bill;
import org.gridsettle.replay.bill.BillJsonWriter;
import org.gridsettle.replay.bill.BillRunner;
import org.gridsettle.replay.bill.BillTextWriter;
import org.gridsettle.replay.bill.BillingCalendar;
import org.gridsettle.replay.bill.MeterUsage;
import org.gridsettle.replay.bill.UnpaidExports;
import org.gridsettle.replay.bill.UsageGaps;
import org.gridsettle.replay.bill.UsageReading;
import org.gridsettle.replay.bill.ZeroRuns;
import org.gridsettle.replay.ingest.BadRowTally;
import org.gridsettle.replay.ingest.NightExports;
import org.gridsettle.replay.ingest.UsageFile;
import org.gridsettle.replay.tariff.DemandWindowCheck;
import org.gridsettle.replay.tariff.TariffDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code settle bill}: a one-shot bill for one meter's usage under one tariff, priced by a real engine on a
 * temporary journal. The work is done by {@link BillRunner}; this class parses options and prints.
 * <p>
 * picocli makes one instance per invocation and calls it on the calling thread.
 */
@Command(
    name = "bill",
    mixinStandardHelpOptions = true,
    header = "Bill one meter's usage under one tariff, priced by the engine.",
    description = {
        "Bill one meter's usage under one tariff with the engine itself: a real engine",
        "on a temporary journal (deleted afterwards) with one account and one meter",
        "gets the readings whose interval starts in [--from, --to), an end-of-day event",
        "at each local midnight and a period close at each start of a billing period in",
        "the range, so fixed charges post as in settlement. Billing periods are the",
        "tariff's: from its billing_cycle_day (calendar months for URDB, and for a",
        "gridsettle tariff without one). Export credits are posted in the tariff's",
        "currency (USD for URDB) so they net against charges; exports under a tariff",
        "that pays 0 for them in every period (a URDB rate without sell rates or",
        "dgrules) are said on stderr.",
        "",
        "Each period's close posts demand charges and the true-up that settles tiers",
        "and net metering on the period's totals. The engine does not prorate: a",
        "period that began before --from is charged a whole period's monthly charge",
        "and tier limits, and one that ends after --to is not closed (no monthly or",
        "demand charge, no true-up); the bill notes each such period. bill publishes no",
        "grid carbon intensity, so its carbon column is 0.000000 (settle ingest",
        "--carbon prices it).",
        "",
        "Tariff: OpenEI URDB JSON (URDB carries no time zone: give the utility's with",
        "--zone; dates are local midnights in it; nor holidays: give them with",
        "--holidays, else every date is priced by its weekday or weekend schedule),",
        "or gridsettle's own tariff JSON",
        "(pricing/README.md), detected by its \"format\" field. A URDB rate's enddate",
        "bounds the bill: readings from it on, or a --to past it, are refused, since",
        "the rate that replaced it prices them and closes the billing period it",
        "ends in.",
        "",
        "Each period's lines sum the engine's postings by kind, TOU period, tier and",
        "rate. A demand_charge line's kWh column is the peak in kW, and its rate per kW;",
        "its period is the demand period (the TOU period unless the tariff charges",
        "demand by a schedule of its own, as URDB's demand schedules may); a true_up",
        "line (tier 254) holds in its rate column the period's definitive",
        "charge, not a rate, and in its amount that charge less the lines' provisional",
        "postings (journal/FORMAT.md, TRUE_UP).",
        "",
        "Usage: Green Button XML or a meter CSV with the header",
        "meter_id,interval_start,interval_seconds,import_wh,export_wh[,channel]",
        "(interval_start in epoch seconds or ISO-8601 with an offset; energies in",
        "whole Wh, not kWh), detected unless given; a file of several meters needs",
        "--meter. Bad rows are reported on stderr and skipped.",
        "Time in the range that no reading covers (a gap, days before the first",
        "reading or after the last) is billed as no use, and said on stderr.",
        "So is a run of readings of zero import and zero export that covers at",
        "least --zero-run-hours (24 by default: 24 hourly or 96 quarter-hour",
        "readings in a row), with its first and last interval: a dead meter or a",
        "stuck register reads zero and is billed as no use (a vacant home reads",
        "zero too, so it is billed as read). The first 5 runs get a line each.",
        "A meter whose exports centre on a time of day from 21:00 to 06:00 in the",
        "tariff's zone is said too: solar exports centre on midday, so --zone (or",
        "the timestamps, such as epoch seconds of a local clock) is likely hours off.",
        "A range in which the meter has no reading is refused (exit 2)."},
    footer = {"", "Example:",
        "  settle bill --tariff t.json --usage u.xml --from 2011-01-01 --to 2011-02-01"})
public final class BillCommand implements Callable<Integer>
{
    @Option(names = "--tariff", required = true, paramLabel = "FILE", description = "Tariff file.")
    private Path tariff;

    @Option(names = "--usage", required = true, paramLabel = "FILE", description = "Meter-data file.")
    private Path usage;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day billed.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD",
        description = "First day not billed (exclusive).")
    private String to;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
        description = "Output format (default: ${DEFAULT-VALUE}); json also lists the warnings said on stderr.")
    private String format;

    @Option(names = "--tariff-format", paramLabel = "urdb|gridsettle",
        description = "Tariff format (default: detected from the content).")
    private String tariffFormat;

    @Option(names = "--usage-format", paramLabel = "greenbutton|csv",
        description = "Usage file format (default: detected).")
    private String usageFormat;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "The tariff's time zone. Default: a gridsettle tariff's own; America/Los_Angeles for a URDB " +
            "rate, which records none, with a warning on stderr.")
    private String zone;

    @Option(names = "--holidays", paramLabel = "DATE", split = ",",
        description = "A URDB rate's holidays, YYYY-MM-DD in the tariff's zone (comma-separated or repeated): " +
            "priced with the weekend schedule. URDB records none; a gridsettle tariff carries its own.")
    private java.util.List<String> holidays = new java.util.ArrayList<>();

    @Option(names = "--meter", paramLabel = "ID", description = "Meter to bill, as the usage file names it.")
    private String meter;

    @Option(names = "--zero-run-hours", defaultValue = "" + ZeroRuns.DEFAULT_HOURS, paramLabel = "HOURS",
        description = "Warn of a run of readings of zero import and zero export covering at least this many hours " +
            "(a dead meter or stuck register; a vacant home reads zero too); 0 turns the check off " +
            "(default: ${DEFAULT-VALUE}).")
    private int zeroRunHours;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        OptionValues.zeroRunHours(zeroRunHours);
        final LocalDate fromDate = OptionValues.date("--from", from);
        final LocalDate toDate = OptionValues.date("--to", to);
        OptionValues.requireRegularFiles("--tariff", List.of(tariff));
        OptionValues.requireRegularFiles("--usage", List.of(usage));
        final TariffDocument document = TariffDocument.read(tariff, OptionValues.tariffFormat(tariffFormat))
            .withHolidays(OptionValues.holidays(holidays));
        OptionValues.notes(spec.commandLine().getErr(), "settle bill", tariff, document.roundings());
        OptionValues.notes(spec.commandLine().getErr(), "settle bill", tariff, document.comments());
        final ZoneId tariffZone = OptionValues.zone(zone, document);
        final BillingCalendar calendar =
            new BillingCalendar(fromDate, toDate, tariffZone, document.billingCycleDay());
        refuseARangeBeforeTheRatesStart(document, calendar, tariffZone);
        refuseARangePastTheRatesEnd(document, calendar, tariffZone);
        final boolean json = outputIsJson();
        final TouTariff touTariff =
            document.toTariff(calendar.startEpochSecond(), document.importToken(), tariffZone);
        final PrintWriter err = spec.commandLine().getErr();
        final BadRowTally badRows = new BadRowTally((line) -> err.println("settle bill: bad row: " + line));
        final MeterUsage meterUsage =
            new MeterUsage(meter, calendar.startEpochSecond(), calendar.endEpochSecond(), badRows);
        final UsageFile usageFile = UsageFile.of(usage, OptionValues.usageFormat(usageFormat));
        if (usageFile.read(meterUsage) == 0)
        {
            // said before the range is looked at: the file, not the dates, is what is wrong
            throw new IllegalArgumentException(badRows.count() == 0 ?
                UsageFile.noReading(usageFile.name(), usageFile.format()) + "; nothing to bill" :
                usageFile.name() + ": holds no valid reading, only the " + badRows.count() + " bad row(s) above; " +
                "nothing to bill");
        }
        meterUsage.requireReadingInRange(tariffZone);
        // said once the inputs are accepted, so that a refused input is still the run's one line of stderr; and
        // kept for the JSON bill, which a billing system may read without its stderr
        // the rate's free-text comments were said as notes above; a system that reads only the JSON needs them too
        final List<String> warnings = new java.util.ArrayList<>(document.comments());
        final java.util.function.Consumer<String> warn = (line) ->
        {
            warnings.add(line);
            err.println("settle bill: warning: " + line);
        };
        OptionValues.zoneAssumed(zone, document).ifPresent(warn);
        meterUsage.readerWarnings().forEach(warn);
        meterUsage.feedTimeZones().mismatches(tariffZone, calendar.startEpochSecond()).forEach(warn);
        final NightExports nightExports = new NightExports(tariffZone);
        meterUsage.readings().forEach((r) ->
            nightExports.reading(meterUsage.meter(), r.start(), r.seconds(), r.exportWh()));
        nightExports.warnings().forEach(warn);
        DemandWindowCheck.mismatch(document.demandWindowMinutes(),
            meterUsage.readings().stream().mapToInt(UsageReading::seconds)).ifPresent(warn);
        UsageGaps.describe(meterUsage.readings(), calendar.startEpochSecond(), calendar.endEpochSecond(), tariffZone)
            .ifPresent(warn);
        if (zeroRunHours > 0)
        {
            ZeroRuns.describe(ZeroRuns.find(meterUsage.readings(), meterUsage.meter(), zeroRunHours), zeroRunHours,
                tariffZone).forEach(warn);
        }
        final Bill bill = new BillRunner().run(
            touTariff, document.describe(), meterUsage.meter(), meterUsage.readings(), calendar);
        UnpaidExports.describe(touTariff, bill).ifPresent(warn);
        if (!bill.rejectionsByReason().isEmpty())
        {
            warn.accept("the engine rejected " + bill.rejectionsByReason().entrySet().stream()
                .map((e) -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) +
                "; rejected readings are not billed" + hint(bill.rejectionsByReason()));
        }
        if (badRows.count() > 0)
        {
            warnings.add(badRows.count() + " bad row(s) of the usage file skipped (listed on stderr)");
        }
        err.flush();
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            BillJsonWriter.write(out, bill, warnings);
        }
        else
        {
            BillTextWriter.write(out, bill);
        }
        out.flush();
        return 0;
    }

    /**
     * A rate prices nothing before its start, so the importer refuses the range; said here in the options' words,
     * with the first local day the rate prices whole, where the importer could only name its own parameter.
     */
    private static void refuseARangeBeforeTheRatesStart(
        final TariffDocument document, final BillingCalendar calendar, final ZoneId tariffZone)
    {
        // east of UTC a URDB startdate's day begins before the instant URDB stores it as: --from that day is the rate's
        final Optional<Instant> earliest = document.earliestStart(tariffZone);
        if (earliest.isPresent() && calendar.startEpochSecond() < earliest.get().getEpochSecond())
        {
            final LocalDate firstWholeDay =
                LocalDate.ofInstant(TariffDocument.firstMidnightFrom(earliest.get(), tariffZone), tariffZone);
            throw new IllegalArgumentException("--from " + LocalDate.ofInstant(Instant.ofEpochSecond(
                calendar.startEpochSecond()), tariffZone) + " is before the tariff's " + document.startDateName() +
                " " + document.startDate().orElseThrow() + ": the rate prices nothing before it starts; bill with " +
                "this rate from --from " + firstWholeDay + " on and the days before with the rate it replaced");
        }
    }

    /**
     * An ended URDB rate must not price readings from its enddate on, which the rate that replaced it prices, as
     * settle ingest refuses them. Nor may a range run past the enddate with no reading after it: the ended rate would
     * still close the billing period the range ends in (its monthly and demand charges, its tiers' true-up), the bill
     * of a month it no longer priced. Only readings in the range are billed, so refusing such a range does both.
     */
    private static void refuseARangePastTheRatesEnd(
        final TariffDocument document, final BillingCalendar calendar, final ZoneId tariffZone)
    {
        if (document.endDate().isPresent() && document.endDate().get().getEpochSecond() < calendar.endEpochSecond())
        {
            throw new IllegalArgumentException("--to " + LocalDate.ofInstant(java.time.Instant.ofEpochSecond(
                calendar.endEpochSecond()), tariffZone) + " runs past the tariff's URDB enddate " +
                document.endDate().get() + ": the ended rate would close the billing period it ends in (its monthly " +
                "and demand charges, its tiers) in place of the rate that replaced it; bill with this rate to --to " +
                LocalDate.ofInstant(document.endDate().get(), tariffZone) + " at most and the rest with the rate " +
                "that replaced it");
        }
    }

    private boolean outputIsJson()
    {
        if ("json".equals(format) || "text".equals(format))
        {
            return "json".equals(format);
        }
        throw new IllegalArgumentException("--format " + format + ": expected text or json");
    }

    private static String hint(final java.util.Map<String, Long> reasons)
    {
        final String hint = org.gridsettle.replay.ingest.RejectionHints.of(reasons);
        return hint.isEmpty() ? "" : "; " + hint;
    }
}
