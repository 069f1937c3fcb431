package org.gridsettle.replay.cli;

import org.agrona.collections.LongHashSet;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.replay.audit.AccountAudit;
import org.gridsettle.replay.audit.AuditCollector;
import org.gridsettle.replay.audit.AuditFleet;
import org.gridsettle.replay.audit.AuditReport;
import org.gridsettle.replay.audit.AuditWriter;
import org.gridsettle.replay.audit.DrMeterDay;
import org.gridsettle.replay.audit.DrReplay;
import org.gridsettle.replay.audit.DrSpool;
import org.gridsettle.replay.audit.VerifiedRecords;
import org.gridsettle.replay.progress.TerminalProgress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The passes of {@code settle audit} over a journal, in memory that does not grow with its accounts' days: the
 * selected accounts are split, in ascending order, into groups whose days fit the heap together, and the output
 * journal is read once per group. The first pass also sums every selected account ({@link AuditFleet}), which is what
 * the report's heading, charts and totals need before the first account is written; each later pass collects one
 * group, whose accounts are written and dropped before the next is read. Demand-response baselines are recovered by
 * one replay of the inputs: kept in memory for a single group, in a temporary file ({@link DrSpool}) for several.
 * <p>
 * Every pass reads the output journal's data records {@code settle verify} checked, and the replay the input
 * journal's, and no record appended since: a report is of the journal as verified, whatever a writer adds meanwhile.
 * A journal whose accounts fit in one group is read once, as before groups existed, and the bytes written do not
 * depend on the grouping. Not thread-safe; one audit per instance: {@link #firstPass}, then
 * {@link #replayDemandResponse}, then {@link #write}; {@link #close} removes the temporary file, written or not.
 */
final class AuditPasses implements AutoCloseable
{
    /**
     * Heap one output record costs once filed under its account and day: the sequences of the cells and lists that
     * cite it, with their arrays' spare room, and its share of the day's maps and slots. About 48 bytes of live heap
     * per output record were measured with every account of a 2,000-meter demo journal held (2026-11-29); rounded up.
     */
    static final long BYTES_PER_OUTPUT = 64;
    /** The share of the heap the held group may take: the rest is the registry, the fleet, the writer and the GC. */
    static final int HEAP_SHARE_DIVISOR = 4;

    private final Path journal;
    private final VerifiedRecords verifiedInput;
    /** The output data records every pass reads, and no more. */
    private final VerifiedRecords verifiedOutput;
    private final ZoneId zone;
    private final LocalDate from;
    private final LocalDate to;
    private final String selection;
    private final long meterFilter;
    private final NavigableMap<Long, List<Long>> selected;
    private final List<NavigableMap<Long, List<Long>>> groups;
    private final PrintWriter notes;
    private final Path spoolDir;
    private AuditReport first;
    private Map<Long, List<DrMeterDay>> demandResponse = Map.of();
    private DrSpool spool;

    /**
     * @param journal        the journal directory, verified.
     * @param verified       its verification, intact: what the report is of.
     * @param zone           zone of the local days.
     * @param from           first day reported, or null.
     * @param to             first day not reported, or null.
     * @param selection      what is audited, for the heading.
     * @param selected       the selected accounts, each with the meters shown for it.
     * @param meterFilter    the one meter audited, or 0.
     * @param metersPerGroup most meters a group holds (a group holds at least one account, whatever its meters).
     * @param notes          where to say that the journal is read more than once, and why.
     * @param spoolDir       the folder of the demand-response baselines' temporary file when there are several
     *                       groups: the report's, or java.io.tmpdir for a device ({@link AuditCommand#spoolFolder}).
     */
    AuditPasses(final Path journal, final VerificationReport verified, final ZoneId zone, final LocalDate from,
        final LocalDate to, final String selection, final NavigableMap<Long, List<Long>> selected,
        final long meterFilter, final long metersPerGroup, final PrintWriter notes, final Path spoolDir)
    {
        this.journal = journal;
        this.verifiedInput = VerifiedRecords.input(verified);
        this.verifiedOutput = VerifiedRecords.output(verified);
        this.zone = zone;
        this.from = from;
        this.to = to;
        this.selection = selection;
        this.meterFilter = meterFilter;
        this.selected = selected;
        this.groups = groups(selected, metersPerGroup);
        this.notes = notes;
        this.spoolDir = spoolDir;
    }

    /**
     * @param journal a journal directory.
     * @param meters  meters enrolled in it.
     * @param maxHeap the heap the JVM may grow to, bytes ({@link Runtime#maxMemory()}).
     * @return most meters a group may hold: the heap's share over what a meter's share of the output records costs.
     */
    static long metersPerGroup(final Path journal, final long meters, final long maxHeap)
    {
        final long outputs;
        try (JournalReader reader = JournalReader.readOnly(Journals.output(journal)))
        {
            outputs = reader.indexedRecords();
        }
        final long bytesPerMeter = Math.max(1, outputs / Math.max(1, meters)) * BYTES_PER_OUTPUT;
        return Math.max(1, maxHeap / HEAP_SHARE_DIVISOR / bytesPerMeter);
    }

    /** @return how many times the output journal is read. */
    int passes()
    {
        return groups.size();
    }

    /**
     * Reads the output journal for every selected account's sums and the first group's accounts. Says that the
     * journal is read more than once only when there is a report to write: one refused for having no day in it is
     * not read again.
     *
     * @return the report of the first group, without demand-response figures.
     */
    AuditReport firstPass()
    {
        final AuditFleet fleet = new AuditFleet(from, to, selected.keySet());
        first = new AuditReport(journal.toString(), verifiedInput, verifiedOutput, zone, from, to, selection, fleet,
            collect(0, fleet), Map.of());
        if (passes() > 1 && !first.allDays().isEmpty())
        {
            notes.println("audit: " + selection + " in " + passes() + " groups that fit the heap (" +
                Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; SETTLE_JAVA_OPTS=-Xmx... gives more): the " +
                "output journal is read " + passes() + " times");
            notes.flush();
        }
        return first;
    }

    /**
     * Recovers the demand-response baselines of every selected meter, when the report has DR credits: by replaying
     * the inputs through the engine, which is only worth it then.
     */
    void replayDemandResponse()
    {
        if (!first.hasDemandResponsePostings())
        {
            return;
        }
        final Set<Long> meters = meterIds(selected);
        try (TerminalProgress replaying = TerminalProgress.forStderr("audit: DR baselines", "inputs"))
        {
            if (passes() == 1)
            {
                demandResponse = DrReplay.collect(journal, meters, replaying, verifiedInput);
            }
            else
            {
                spool = DrSpool.replay(journal, meters, replaying, verifiedInput, spoolDir);
            }
        }
    }

    /**
     * Writes the report: the first group's accounts, then each other group's, read in a pass of its own. The first
     * group is dropped once written, so that two groups are never held together.
     *
     * @param writer the report's writer.
     */
    void write(final AuditWriter writer)
    {
        writeFirstGroup(writer);
        for (int g = 1; g < groups.size(); g++)
        {
            writer.accounts(first.group(collect(g, null), demandResponseOf(g)));
        }
        writer.end(first);
    }

    /**
     * Writes the heading and the first group, in a frame of its own: a local of {@link #write} would keep the group
     * reachable while the later groups are collected (an interpreted frame holds its locals until it returns).
     */
    private void writeFirstGroup(final AuditWriter writer)
    {
        final AuditReport firstGroup = first.group(first.accounts(), demandResponseOf(0));
        first = first.group(List.of(), Map.of());
        writer.begin(firstGroup);
        writer.accounts(firstGroup);
    }

    @Override
    public void close()
    {
        if (spool != null)
        {
            spool.close();
        }
    }

    private List<AccountAudit> collect(final int group, final AuditFleet fleet)
    {
        final String task = passes() == 1 ? "audit" : "audit: pass " + (group + 1) + " of " + passes();
        try (TerminalProgress reading = TerminalProgress.forStderr(task, "outputs"))
        {
            final AuditCollector collector = new AuditCollector(zone, groups.get(group), meterFilter, fleet);
            return collector.collect(journal, reading, verifiedOutput);
        }
    }

    private Map<Long, List<DrMeterDay>> demandResponseOf(final int group)
    {
        if (spool == null)
        {
            return demandResponse;
        }
        return spool.read(meterIds(groups.get(group)));
    }

    /** @return the meters shown for these accounts. */
    private static Set<Long> meterIds(final Map<Long, List<Long>> accounts)
    {
        final LongHashSet meters = new LongHashSet();
        accounts.values().forEach((list) -> list.forEach(meters::add));
        return meters;
    }

    /**
     * Consecutive accounts, ascending, up to {@code metersPerGroup} meters a group, and at least one account: views of
     * the selection, so that a fleet's accounts are not held twice.
     */
    private static List<NavigableMap<Long, List<Long>>> groups(final NavigableMap<Long, List<Long>> selected,
        final long metersPerGroup)
    {
        final List<NavigableMap<Long, List<Long>>> groups = new ArrayList<>();
        Long first = null;
        Long last = null;
        long meters = 0;
        for (final Map.Entry<Long, List<Long>> account : selected.entrySet())
        {
            // an account of no meter still has balances to report, and costs a group a place
            final int size = Math.max(1, account.getValue().size());
            if (first != null && meters + size > metersPerGroup)
            {
                groups.add(selected.subMap(first, true, last, true));
                first = null;
                meters = 0;
            }
            first = first == null ? account.getKey() : first;
            last = account.getKey();
            meters += size;
        }
        if (first != null)
        {
            groups.add(selected.subMap(first, true, last, true));
        }
        else
        {
            groups.add(selected);
        }
        return groups;
    }
}
