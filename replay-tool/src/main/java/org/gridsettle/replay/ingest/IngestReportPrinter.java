package org.gridsettle.replay.ingest;

import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.replay.seal.SealLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints an {@link IngestReport} as the summary of {@code settle ingest}: a few labelled lines a person can read and a
 * script can grep.
 * <p>
 * Stateless; safe from any thread, given a writer per thread.
 */
public final class IngestReportPrinter
{
    private static final int UNKNOWN_METERS_LISTED = 10;

    private IngestReportPrinter()
    {
    }

    /**
     * @param out        where to print.
     * @param report     the run.
     * @param journalDir the journal written.
     */
    public static void print(final PrintWriter out, final IngestReport report, final Path journalDir)
    {
        if (report.journalExisted())
        {
            out.printf("journal: %s already held a journal: recovered %,d inputs and appended to it%n",
                journalDir, report.recoveredInputs());
        }
        else
        {
            out.printf("journal: %s (new)%n", journalDir);
        }
        out.printf("tariff: %s, journalled as tariff 1 version 1, effective from %s%n",
            report.tariff(), Instant.ofEpochSecond(report.effectiveFrom()));
        out.printf("enrolled: %,d meters on %,d accounts%n", report.enrolledMeters(), report.accounts());
        if (report.carbonRegion() != null)
        {
            out.printf("carbon: %,d intervals of grid intensity published; meters enrolled on region %s%n",
                report.carbonIntervals(), report.carbonRegion());
        }
        if (!report.oracleIntervals().isEmpty())
        {
            // said like carbon's: a run that published prices for other nodes than its meters' shows it here
            out.printf("oracle: %,d intervals of prices published for %s%n",
                report.oracleIntervals().values().stream().mapToLong(Long::longValue).sum(),
                report.oracleIntervals().entrySet().stream()
                    .map((e) -> "node " + e.getKey() + " (" + String.format("%,d", e.getValue()) + ")")
                    .collect(Collectors.joining(", ")));
        }
        for (final IngestReport.FileSummary file : report.files())
        {
            out.printf("usage: %s (%s): %,d readings, %,d bad%n",
                file.name(), file.format().cliName(), file.readings(), file.badRows());
        }
        out.printf("readings: %,d submitted, %,d accepted, %,d rejected by the engine, %,d exact duplicates%n",
            report.readingsSubmitted(), report.readingsAccepted(),
            report.rejectionsByReason().values().stream().mapToLong(Long::longValue).sum(), report.duplicates());
        if (report.alreadySettled() > 0)
        {
            out.printf("already settled: %,d readings the journal settled before with the same values, not " +
                "submitted again%n", report.alreadySettled());
        }
        out.printf("bad rows: %,d%s%n", report.badRows(), problems(report.badRowsByProblem()));
        out.printf("engine rejections: %s%n", describe(report.rejectionsByReason()));
        final String hint = RejectionHints.of(report.rejectionsByReason());
        if (!hint.isEmpty())
        {
            out.printf("rejections explained: %s%n", hint);
        }
        if (!report.unknownMeters().isEmpty())
        {
            out.printf("unknown meters: %,d not in the enrolment file, journalled as meters -1, -2, ...: %s%n",
                report.unknownMeters().size(), unknownMeters(report.unknownMeters()));
        }
        for (final String line : report.zeroRuns())
        {
            out.printf("zero readings: %s%n", line);
        }
        if (!report.otherRejections().isEmpty())
        {
            out.printf("set-up rejections: %s%s%n", describe(report.otherRejections()), report.journalExisted() ?
                " (expected when appending: the tariff and accounts are already journalled)" : "");
        }
        if (report.demandResponse() != null)
        {
            DrSummaryPrinter.print(out, report.demandResponse());
        }
        if (report.openPeriod() != null)
        {
            out.printf("open: %s%n", report.openPeriod());
        }
        out.printf("transfers: %,d in this run; journal now %,d input and %,d output records%n",
            report.transfers(), report.journalInputs(), report.journalOutputs());
        for (final Map.Entry<String, Map<String, Long>> token : report.amountsByToken().entrySet())
        {
            out.printf("token %-6s %s%n", token.getKey(), token.getValue().entrySet().stream()
                .map((e) -> e.getKey().toLowerCase(Locale.ROOT) + " " +
                    MicroUnits.toDecimalString(e.getValue()))
                .collect(Collectors.joining(", ")));
        }
        out.printf("digest: output %s  input %s%n",
            HashChain.toHex(report.outputDigest()), HashChain.toHex(report.inputDigest()));
        SealLine.printToKeep(out, report.inputSeal(), report.outputSeal());
    }

    private static String describe(final Map<String, Long> counts)
    {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
            .map((e) -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
    }

    private static String problems(final Map<String, Long> byKind)
    {
        // kinds are sentences with spaces and quotes, so the count goes first where it cannot be misread
        return byKind.isEmpty() ? "" : byKind.entrySet().stream()
            .map((e) -> e.getValue() + " x " + e.getKey())
            .collect(Collectors.joining("; ", " (", ")"));
    }

    /**
     * @param meters usage meter ids not in the enrolment file.
     * @return the first few quoted, and how many more there are.
     */
    static String unknownMeters(final List<String> meters)
    {
        final String listed = meters.stream().limit(UNKNOWN_METERS_LISTED)
            .map(DisplayText::quote).collect(Collectors.joining(", "));
        return meters.size() > UNKNOWN_METERS_LISTED ?
            listed + " and " + (meters.size() - UNKNOWN_METERS_LISTED) + " more" : listed;
    }
}
