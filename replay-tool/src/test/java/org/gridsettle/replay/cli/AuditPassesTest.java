package org.gridsettle.replay.cli;

import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.JournalVerifier;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.replay.audit.AccountAudit;
import org.gridsettle.replay.audit.AuditCollector;
import org.gridsettle.replay.audit.AuditReport;
import org.gridsettle.replay.audit.AuditWriter;
import org.gridsettle.replay.audit.DayEntry;
import org.gridsettle.replay.audit.DrMeterDay;
import org.gridsettle.replay.audit.DrReplay;
import org.gridsettle.replay.audit.InputRegistry;
import org.gridsettle.replay.audit.VerifiedRecords;
import org.gridsettle.replay.demo.SyntheticFleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.Set;
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
    private static VerificationReport verified;

    @BeforeAll
    static void demo()
    {
        final CliRun run = CliRun.of("demo", "--meters", "" + METERS, "--days", "16", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        journal = dir.resolve("journal");
        verified = JournalVerifier.verify(journal);
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
        try (AuditPasses audit = new AuditPasses(journal, verified, TestResources.LOS_ANGELES, null, null,
            "all accounts", selected, 0, 3, new PrintWriter(new StringWriter()), missing))
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
            try (AuditPasses audit = new AuditPasses(journal, verified, TestResources.LOS_ANGELES, range[0], range[1],
                "all", selected, 0, Long.MAX_VALUE, new PrintWriter(new StringWriter()), dir))
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
        try (AuditPasses audit = new AuditPasses(journal, verified, TestResources.LOS_ANGELES, null, null, "selection",
            selected, 0, metersPerGroup, new PrintWriter(new StringWriter()), dir))
        {
            return audit.passes();
        }
    }

    // a pass reads the data records verify checked and no more: a writer may append meanwhile (an archive read with
    // --archive may grow), and a group filed from records the totals never saw would disagree with them
    @Test
    void aPassGivenACountReadsThoseRecordsAndNoMore()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final AuditCollector whole = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
        final SortedSet<Long> all = cited(whole.collect(journal));
        final AuditCollector half = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
        final SortedSet<Long> read = cited(half.collect(journal, ProgressListener.NONE, whole.recordsRead() / 2));

        assertThat(whole.recordsRead()).isEqualTo(verified.outputRecords());
        assertThat(half.recordsRead()).isEqualTo(whole.recordsRead() / 2);
        assertThat(read).isNotEmpty();
        assertThat(read.last()).isLessThan(all.last());
        // a prefix of the journal's transfers: none skipped before the limit, none read after it
        assertThat(read).isEqualTo(all.headSet(read.last() + 1));
    }

    // a checkpoint is read inside the reader's next record: a count that ends just before or just after one must
    // still read the data records it counts and none after them; checkpoints are not counted
    @Test
    void aCountNextToACheckpointReadsTheRecordsItCountsAndNoMore()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final AuditCollector whole = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
        final SortedSet<Long> all = cited(whole.collect(journal));
        // the data records' sequences in journal order, and the data records before each checkpoint
        final List<Long> dataSequences = new ArrayList<>();
        final List<Integer> checkpoints = new ArrayList<>();
        try (JournalReader reader = JournalReader.readOnly(Journals.output(journal)).includeCheckpoints(true))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.CHECKPOINT.id())
                {
                    checkpoints.add(dataSequences.size());
                }
                else
                {
                    dataSequences.add(RecordFlyweight.sequenceAt(buffer, offset));
                }
            }))
            {
                // the handler notes the records
            }
        }
        // one of the journal's checkpoints between data records, well inside it: a close of a day
        final int checkpoint = checkpoints.stream().filter((c) -> c >= dataSequences.size() / 2).findFirst()
            .orElseThrow();
        assertThat(checkpoint).isLessThan(dataSequences.size() - 2);
        for (int limit = checkpoint - 1; limit <= checkpoint + 2; limit++)
        {
            final AuditCollector part = new AuditCollector(TestResources.LOS_ANGELES, selected, 0, null);
            final SortedSet<Long> read = cited(part.collect(journal, ProgressListener.NONE, limit));
            final long firstNotRead = dataSequences.get(limit);

            assertThat(part.recordsRead()).as("limit %d, checkpoint after %d", limit, checkpoint).isEqualTo(limit);
            assertThat(read).as("limit %d, checkpoint after %d", limit, checkpoint)
                .isEqualTo(all.headSet(firstNotRead));
        }
    }

    // the audit reads the records verify checked and no later one: a writer that appends between the verification and
    // the reads (or to the live journal --archive was given) adds records no verification checked and no printed seal
    // covers. Each format, in one pass and in several, is the report of the journal before the append
    @Test
    void recordsAppendedAfterTheVerificationAreNotInTheReport() throws IOException
    {
        final GrownDemo demoGrown = GrownDemo.of(journal, METERS, 16, dir.resolve("grown"));
        final Path grown = demoGrown.journal();
        final VerificationReport beforeTheAppend = demoGrown.beforeTheAppend();
        final VerificationReport afterTheAppend = demoGrown.afterTheAppend();
        // the append is in a report of the grown journal as verified now: the test would pass without it otherwise
        final String grownCsv = audit(grown, afterTheAppend, "csv", null, null, Long.MAX_VALUE, 1);
        assertThat(grownCsv).isNotEqualTo(audit("csv", null, null, Long.MAX_VALUE, 1));
        assertThat(grownCsv).contains(SyntheticFleet.FIRST_ACCOUNT + ",2026-03-18,");

        for (final String format : List.of("csv", "json", "html"))
        {
            final String unchanged = audit(format, null, null, Long.MAX_VALUE, 1);
            for (final long metersPerGroup : new long[] {Long.MAX_VALUE, 3})
            {
                final int passes = metersPerGroup == 3 ? 4 : 1;
                assertThat(audit(grown, beforeTheAppend, format, null, null, metersPerGroup, passes)
                    .replace(grown.toString(), journal.toString()))
                    .as("%s in %d passes", format, passes).isEqualTo(unchanged);
            }
        }
    }

    // the baselines come from a replay of the inputs verify checked: an END_OF_DAY appended since settles no event day
    // of the report; and a journal that no longer holds those records is refused, not reported on
    @Test
    void theBaselinesAreReplayedFromTheVerifiedInputsAndNoLaterOne()
    {
        final Set<Long> meters = new TreeSet<>();
        InputRegistry.read(journal).metersByAccount().values().forEach(meters::addAll);
        final Map<Long, List<DrMeterDay>> all =
            DrReplay.collect(journal, meters, ProgressListener.NONE, VerifiedRecords.input(verified));
        assertThat(all).isNotEmpty();
        final long settledBy =
            all.values().stream().flatMap(List::stream).mapToLong(DrMeterDay::settledBy).min().orElseThrow();
        // input sequences run from 1: the first settledBy records end with the END_OF_DAY that settles the event
        final VerifiedRecords upToTheSettlement = inputsUpTo(settledBy);
        final VerifiedRecords beforeTheSettlement = inputsUpTo(settledBy - 1);

        assertThat(DrReplay.collect(journal, meters, ProgressListener.NONE, upToTheSettlement)).isNotEmpty();
        assertThat(DrReplay.collect(journal, meters, ProgressListener.NONE, beforeTheSettlement)).isEmpty();
        assertThatThrownBy(() -> DrReplay.collect(journal, meters, ProgressListener.NONE,
            new VerifiedRecords(false, settledBy, upToTheSettlement.digest() + 1, "")))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessage(Journals.input(journal) + ": its first " + settledBy + " data records end on digest " +
                upToTheSettlement.digestHex() + ", not on the " + HashChain.toHex(upToTheSettlement.digest() + 1) +
                " settle verify found just before they were read: the journal was changed or replaced since " +
                "(settle verify says more)");
        assertThatThrownBy(() -> DrReplay.collect(journal, meters, ProgressListener.NONE,
            new VerifiedRecords(false, verified.inputRecords() + 1, verified.inputDigest(), "")))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageStartingWith(Journals.input(journal) + ": holds " + verified.inputRecords() +
                " data records, fewer than the " + (verified.inputRecords() + 1) + " settle verify checked");
    }

    /** The input journal's first records, counted and chained as verify would have found them had it ended there. */
    private static VerifiedRecords inputsUpTo(final long records)
    {
        try (JournalReader reader = JournalReader.readOnly(Journals.input(journal)))
        {
            // only the count and the chain matter
            reader.readDataRecords(records, (buffer, offset, length, position) ->
            {
            });
            assertThat(reader.dataRecords()).isEqualTo(records);
            return new VerifiedRecords(false, records, reader.digest(), "");
        }
    }

    // the point of groups: a later pass collects its group once the first is written and dropped, not beside it, or a
    // fleet's audit needs two groups' heap where the group size assumed one
    @Test
    void theFirstGroupIsNotHeldWhileALaterGroupIsCollected()
    {
        final NavigableMap<Long, List<Long>> selected = InputRegistry.read(journal).metersByAccount();
        final GroupWatch watch = new GroupWatch();
        try (AuditPasses audit = new AuditPasses(journal, verified, TestResources.LOS_ANGELES, null, null,
            "all accounts", selected, 0, METERS / 2, new PrintWriter(new StringWriter()), dir))
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
        try (AuditPasses audit = new AuditPasses(journal, verified, TestResources.LOS_ANGELES,
            LocalDate.parse("2030-01-01"), LocalDate.parse("2030-01-02"), "all accounts", selected, 0, 1,
            new PrintWriter(notes), dir))
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
        return audit(journal, verified, format, from, to, metersPerGroup, passes);
    }

    /**
     * The report of a journal as the audit makes it of a verification: its registry too read to the records verified.
     */
    private static String audit(final Path journalDir, final VerificationReport verification, final String format,
        final LocalDate from, final LocalDate to, final long metersPerGroup, final int passes)
    {
        final NavigableMap<Long, List<Long>> selected =
            InputRegistry.read(journalDir, verification.inputRecords()).metersByAccount();
        final StringWriter notes = new StringWriter();
        final StringWriter out = new StringWriter();
        try (AuditPasses audit = new AuditPasses(journalDir, verification, TestResources.LOS_ANGELES, from, to,
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
