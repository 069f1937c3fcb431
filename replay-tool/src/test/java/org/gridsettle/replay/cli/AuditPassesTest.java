package org.gridsettle.replay.cli;

import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.replay.audit.AccountAudit;
import org.gridsettle.replay.audit.AuditCollector;
import org.gridsettle.replay.audit.AuditReport;
import org.gridsettle.replay.audit.AuditWriter;
import org.gridsettle.replay.audit.DayEntry;
import org.gridsettle.replay.audit.InputRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An audit of every account written in several account groups, each read in a pass of its own, is the same report,
 * byte for byte, as the one written from a single pass: on a demo journal of 10 households over 16 days, which has
 * carbon, a demand-response event (whose baselines then go through a temporary file) and several tokens, in every
 * format, with and without a day range. Groups are made small through {@link AuditPasses}' meters-per-group
 * parameter rather than a small heap.
 */
class AuditPassesTest
{
    private static final int METERS = 10;

    @TempDir
    static Path dir;

    private static Path journal;

    @BeforeAll
    static void demo()
    {
        final CliRun run = CliRun.of("demo", "--meters", "" + METERS, "--days", "16", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        journal = dir.resolve("journal");
    }

    @Test
    void everyGroupingWritesTheBytesOfOnePass()
    {
        for (final String format : List.of("csv", "json", "html"))
        {
            for (final LocalDate[] range : new LocalDate[][] {{null, null},
                {LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-18")}})
            {
                final String single = audit(format, range[0], range[1], Long.MAX_VALUE, 1);
                assertThat(single).contains("DR_INCENTIVE");
                // one meter a group (one pass per account), three (the last group short), and all but one
                for (final long metersPerGroup : new long[] {1, 3, METERS - 1})
                {
                    final int passes = (int) ((METERS + metersPerGroup - 1) / metersPerGroup);
                    assertThat(audit(format, range[0], range[1], metersPerGroup, passes))
                        .as("%s from %s to %s in groups of %d meters", format, range[0], range[1], metersPerGroup)
                        .isEqualTo(single);
                }
            }
        }
    }

    // the baselines of a large fleet's event days run to a gigabyte: they go beside the report, not into
    // java.io.tmpdir, which is memory where /tmp is a tmpfs
    @Test
    void severalGroupsKeepTheBaselinesInTheFolderGivenForThem()
    {
        final Path missing = dir.resolve("no-such-folder");
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        try (AuditPasses audit = new AuditPasses(journal, TestResources.LOS_ANGELES, null, null, "all accounts",
            selected, 0, 3, new PrintWriter(new StringWriter()), missing))
        {
            audit.firstPass();

            assertThatThrownBy(audit::replayDemandResponse).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot keep the demand-response baselines in a temporary file in " +
                    missing + ": ");
        }
    }

    // the fleet charts what the per-account code charted when it held every account: the union of the reported days'
    // closing balances' tokens, and each day's balances summed over the accounts, a day without postings keeping the
    // day before's; ranges that leave days before --from, and on or after --to, out
    @Test
    void theFleetsBalanceChartIsTheAccountsUnionAndSums()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        for (final LocalDate[] range : new LocalDate[][] {{null, null}, {LocalDate.parse("2026-03-10"), null},
            {null, LocalDate.parse("2026-03-05")}, {LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-18")},
            {LocalDate.parse("2026-03-16"), LocalDate.parse("2026-03-17")}})
        {
            try (AuditPasses audit = new AuditPasses(journal, TestResources.LOS_ANGELES, range[0], range[1], "all",
                selected, 0, Long.MAX_VALUE, new PrintWriter(new StringWriter()), dir))
            {
                final AuditReport report = audit.firstPass();
                final NavigableMap<String, List<Long>> held = new TreeMap<>();
                final NavigableMap<String, List<Long>> charted = new TreeMap<>();
                final NavigableSet<String> tokens = new TreeSet<>();
                report.accounts().forEach((a) -> report.days(a).values().forEach((d) ->
                    tokens.addAll(d.closingBalances().keySet())));
                for (final String token : tokens)
                {
                    final List<Long> series = new ArrayList<>();
                    for (final LocalDate date : report.allDays())
                    {
                        long sum = 0;
                        for (final AccountAudit account : report.accounts())
                        {
                            final Map.Entry<LocalDate, DayEntry> known =
                                account.days(null, date.plusDays(1)).lastEntry();
                            sum += known == null ? 0 : known.getValue().closingBalances().getOrDefault(token, 0L);
                        }
                        series.add(sum);
                    }
                    held.put(token, series);
                }
                for (final String token : report.fleet().chartedTokens())
                {
                    final List<Long> series = new ArrayList<>();
                    for (final LocalDate date : report.allDays())
                    {
                        final Map.Entry<LocalDate, DayEntry> known =
                            report.fleet().sum().days(null, date.plusDays(1)).lastEntry();
                        series.add(known == null ? 0 : known.getValue().closingBalances().getOrDefault(token, 0L));
                    }
                    charted.put(token, series);
                }

                assertThat(held).as("from %s to %s", range[0], range[1]).hasSizeGreaterThan(1);
                assertThat(charted).as("from %s to %s", range[0], range[1]).isEqualTo(held);
            }
        }
    }

    // groups are consecutive accounts up to the meters asked for, but never fewer than one account: an account of more
    // meters than a group holds is a group of its own, one of no meter still takes a place, and no selection (or no
    // limit, as the tests' Long.MAX_VALUE) is one pass, without the sum of meters overflowing
    @Test
    void groupsHoldWholeAccountsUpToTheMetersAsked()
    {
        final NavigableMap<Long, List<Long>> selected = new TreeMap<>();
        selected.put(1L, List.of(11L, 12L, 13L, 14L, 15L));
        selected.put(2L, List.of(21L));
        selected.put(3L, List.of());
        selected.put(4L, List.of(41L, 42L));

        // {1} alone, {2, 3}, {4}
        assertThat(passes(selected, 2)).isEqualTo(3);
        // every account alone
        assertThat(passes(selected, 1)).isEqualTo(4);
        // {1}, {2, 3, 4}
        assertThat(passes(selected, 5)).isEqualTo(2);
        assertThat(passes(selected, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(passes(new TreeMap<>(), 1)).isEqualTo(1);
    }

    // the group size is the heap's share over a meter's share of the output records, 64 bytes each: never zero, and
    // not overflowing for a JVM with no heap limit (maxMemory is then Long.MAX_VALUE) or a journal of no meter
    @Test
    void theMetersOfAGroupAreTheHeapsShareOverAMetersRecords()
    {
        final long outputs;
        try (JournalReader reader = JournalReader.readOnly(Journals.output(journal)))
        {
            outputs = reader.indexedRecords();
        }
        final long perMeter = outputs / METERS * AuditPasses.BYTES_PER_OUTPUT;

        assertThat(AuditPasses.metersPerGroup(journal, METERS, 4 * 3 * perMeter)).isEqualTo(3);
        assertThat(AuditPasses.metersPerGroup(journal, METERS, 1)).isEqualTo(1);
        assertThat(AuditPasses.metersPerGroup(journal, 0, Long.MAX_VALUE))
            .isEqualTo(Long.MAX_VALUE / 4 / (outputs * AuditPasses.BYTES_PER_OUTPUT));
    }

    private static int passes(final NavigableMap<Long, List<Long>> selected, final long metersPerGroup)
    {
        try (AuditPasses audit = new AuditPasses(journal, TestResources.LOS_ANGELES, null, null, "selection",
            selected, 0, metersPerGroup, new PrintWriter(new StringWriter()), dir))
        {
            return audit.passes();
        }
    }

    // a later pass reads what the first read and no more: an archive read with --archive may grow meanwhile, and a
    // group filed from records the totals never saw would disagree with them
    @Test
    void aPassGivenTheFirstPassesCountReadsThoseRecordsAndNoMore()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final AuditCollector whole = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
        final SortedSet<Long> all = cited(whole.collect(journal));
        final AuditCollector half = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
        final SortedSet<Long> read = cited(half.collect(journal, ProgressListener.NONE, whole.recordsRead() / 2));

        assertThat(half.recordsRead()).isEqualTo(whole.recordsRead() / 2);
        assertThat(read).isNotEmpty();
        assertThat(read.last()).isLessThan(all.last());
        // a prefix of the journal's transfers: none skipped before the limit, none read after it
        assertThat(read).isEqualTo(all.headSet(read.last() + 1));
    }

    // a checkpoint is read inside the reader's next record: a limit just before or just after one must still read the
    // records before the limit and none after it, and count what it read as the limit
    @Test
    void aLimitNextToACheckpointReadsTheRecordsBeforeItAndNoMore()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final AuditCollector whole = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
        final SortedSet<Long> all = cited(whole.collect(journal));
        // position of each record, checkpoints included, to the sequence of the first data record at or after it
        final NavigableMap<Long, Long> checkpoints = new TreeMap<>();
        final NavigableMap<Long, Long> dataSequences = new TreeMap<>();
        try (JournalReader reader = JournalReader.readOnly(Journals.output(journal)).includeCheckpoints(true))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.CHECKPOINT.id())
                {
                    checkpoints.put(position, position);
                }
                else
                {
                    dataSequences.put(position, RecordFlyweight.sequenceAt(buffer, offset));
                }
            }))
            {
                // the handler notes the positions
            }
        }
        // one of the journal's checkpoints between data records, well inside it: a close of a day
        final long checkpoint = checkpoints.ceilingKey(dataSequences.lastKey() / 2);
        assertThat(dataSequences).containsKeys(checkpoint - 1, checkpoint + 1);
        for (long limit = checkpoint - 1; limit <= checkpoint + 2; limit++)
        {
            final AuditCollector part = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
            final SortedSet<Long> read = cited(part.collect(journal, ProgressListener.NONE, limit));
            final long firstNotRead = dataSequences.ceilingEntry(limit).getValue();

            assertThat(part.recordsRead()).as("limit %d, checkpoint at %d", limit, checkpoint).isEqualTo(limit);
            assertThat(read).as("limit %d, checkpoint at %d", limit, checkpoint).isEqualTo(all.headSet(firstNotRead));
        }
    }

    // the point of groups: a later pass collects its group once the first is written and dropped, not beside it, or a
    // fleet's audit needs two groups' heap where the group size assumed one
    @Test
    void theFirstGroupIsNotHeldWhileALaterGroupIsCollected()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final GroupWatch watch = new GroupWatch();
        try (AuditPasses audit = new AuditPasses(journal, TestResources.LOS_ANGELES, null, null, "all accounts",
            selected, 0, METERS / 2, new PrintWriter(new StringWriter()), dir))
        {
            audit.firstPass();
            audit.replayDemandResponse();
            audit.write(watch);
        }

        assertThat(watch.groups).isEqualTo(2);
        assertThat(watch.firstHeldByTheSecond).as("an account of the first group is reachable from the second's " +
            "write").isFalse();
    }

    // a range with no posting is refused after the first pass (AuditCommand): saying the journal will be read again
    // would be untrue, and would stand above the refusal as if the audit had gone on
    @Test
    void aReportWithNoDayDoesNotSayTheJournalIsReadAgain()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final StringWriter notes = new StringWriter();
        try (AuditPasses audit = new AuditPasses(journal, TestResources.LOS_ANGELES, LocalDate.parse("2030-01-01"),
            LocalDate.parse("2030-01-02"), "all accounts", selected, 0, 1, new PrintWriter(notes), dir))
        {
            assertThat(audit.passes()).isEqualTo(METERS);
            assertThat(audit.firstPass().allDays()).isEmpty();
        }

        assertThat(notes.toString()).isEmpty();
    }

    /** Every transfer the accounts' balance changes cite. */
    private static SortedSet<Long> cited(final List<AccountAudit> accounts)
    {
        final SortedSet<Long> sequences = new TreeSet<>();
        for (final AccountAudit account : accounts)
        {
            for (final DayEntry day : account.days(null, null).values())
            {
                day.balanceChanges().values().forEach((cell) ->
                {
                    for (int i = 0; i < cell.sequences().size(); i++)
                    {
                        sequences.add(cell.sequences().get(i));
                    }
                });
            }
        }
        return sequences;
    }

    /** Notes whether the first group's first account can still be reached when the next group is written. */
    private static final class GroupWatch implements AuditWriter
    {
        private WeakReference<AccountAudit> firstAccount;
        private int groups;
        private boolean firstHeldByTheSecond;

        @Override
        public void begin(final AuditReport report)
        {
            // only the groups matter here
        }

        @Override
        public void accounts(final AuditReport group)
        {
            if (groups++ == 0)
            {
                firstAccount = new WeakReference<>(group.accounts().get(0));
                return;
            }
            // a weak reference is cleared by a full collection once nothing else reaches its object
            System.gc();
            firstHeldByTheSecond |= firstAccount.get() != null;
        }

        @Override
        public void end(final AuditReport report)
        {
            // only the groups matter here
        }
    }

    private static String audit(final String format, final LocalDate from, final LocalDate to,
        final long metersPerGroup, final int passes)
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        assertThat(selected).hasSize(METERS);
        final StringWriter notes = new StringWriter();
        final StringWriter out = new StringWriter();
        try (AuditPasses audit = new AuditPasses(journal, TestResources.LOS_ANGELES, from, to,
            "all " + selected.size() + " accounts", selected, 0, metersPerGroup, new PrintWriter(notes), dir))
        {
            assertThat(audit.passes()).isEqualTo(passes);
            audit.firstPass();
            audit.replayDemandResponse();
            audit.write(AuditWriter.of(format, new PrintWriter(out)));
        }
        // a run of several passes says so, and why; one of a single pass says nothing
        assertThat(notes.toString()).isEqualTo(passes == 1 ? "" : "audit: all 10 accounts in " + passes +
            " groups that fit the heap (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; " +
            "SETTLE_JAVA_OPTS=-Xmx... gives more): the output journal is read " + passes + " times\n");
        return out.toString();
    }
}
