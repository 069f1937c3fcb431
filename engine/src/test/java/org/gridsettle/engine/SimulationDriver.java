package org.gridsettle.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.logic.OutputSink;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.engine.logic.TickWindow;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.ExportRule;
import org.gridsettle.pricing.tariff.NegativePriceRule;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Deterministic simulation of a host driving the engine: a seed expands into a long workload of ticks (in order,
 * out of order, duplicated, conflicting, corrected, malformed, overlapping an interval evicted from the correction
 * window) mixed with every command the engine takes (accounts,
 * enrolments and re-enrolments, tariff versions, redemptions, interest, end-of-day and period-close calendar events,
 * balance queries) and with engine restarts of several kinds.
 * <p>
 * The workload is a pure function of (seed, steps): {@link #generate(long, int)} uses only a
 * {@link SplittableRandom} seeded with the seed, so a failing seed reproduces exactly. {@link #run} plays a workload
 * into real engines on a journal directory: either one engine from start to end (the reference), or an engine that
 * is closed and reopened on the same journal at every {@link Restart}, with frequent periodic snapshots, and with
 * snapshots sometimes damaged, removed or switched off so that recovery takes each of its paths.
 * <p>
 * Not thread-safe; one run per thread.
 */
public final class SimulationDriver
{
    /** Tariff in Los Angeles, exporting SOLAR. */
    public static final long TARIFF_LA = 11;
    /** Tariff in London, exporting NEM. */
    public static final long TARIFF_LONDON = 12;
    /** Net-billing tariff in Los Angeles whose exports earn the oracle price of the meter's node, in SOLAR. */
    public static final long TARIFF_ORACLE = 13;
    /** The pricing nodes of the simulation: 5-minute prices at the first, hourly at the second. */
    public static final List<String> NODES = List.of("TH_NP15_GEN-APND", "DLAP_PGAE-APND");
    /** Packed USD. */
    public static final long USD = TokenSymbol.pack("USD");
    /** Packed SOLAR. */
    public static final long SOLAR = TokenSymbol.pack("SOLAR");
    /** Packed NEM. */
    public static final long NEM = TokenSymbol.pack("NEM");
    /** The DR program token. */
    public static final long DR = TokenSymbol.pack("DR");

    private static final long DR_BIT = MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE;
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final long START = EngineFixture.START;
    private static final long START_DAY = Math.floorDiv(START, 86_400L);

    private SimulationDriver()
    {
    }

    /** One step of a workload. */
    public sealed interface Op permits Tariff, Account, Enrol, Tick, Redeem, Interest, Calendar, Query, Restart,
        Prices, DrEvent, DrWithdrawal
    {
    }

    /**
     * Publish a tariff version: an hourly two-period tariff with a peak window.
     *
     * @param tariffId      tariff.
     * @param version       version.
     * @param effectiveFrom first instant priced.
     * @param london        true for Europe/London exporting NEM, false for Los Angeles exporting SOLAR.
     * @param offImport     off-peak import rate, µ/kWh.
     * @param offExport     off-peak export rate.
     * @param peakImport    peak import rate.
     * @param peakExport    peak export rate.
     * @param peakFrom      first peak hour.
     * @param peakTo        first hour after the peak.
     * @param fixedPerDay   daily fixed charge, µ.
     * @param fixedPerMonth period fixed charge, µ.
     * @param oracleCarry   -1 for TOU export rates; otherwise exports earn the oracle price, a missing one carried
     *                      this many intervals.
     * @param chargeNegative with an oracle: true charges an export at a negative price, false credits nothing.
     * @param hourly        true for net billing with hourly netting.
     */
    public record Tariff(long tariffId, int version, long effectiveFrom, boolean london, long offImport,
        long offExport, long peakImport, long peakExport, int peakFrom, int peakTo, long fixedPerDay,
        long fixedPerMonth, int oracleCarry, boolean chargeNegative, boolean hourly) implements Op
    {
        /**
         * @return a fresh tariff object for this version.
         */
        public TouTariff build()
        {
            final int[] hours = new int[24];
            for (int h = peakFrom; h < peakTo; h++)
            {
                hours[h] = 1;
            }
            final TouTariff tariff = TouTariff.hourly(tariffId, version, effectiveFrom, "USD",
                london ? "NEM" : "SOLAR",
                london ? LONDON : LA,
                List.of(new TouPeriod("off-peak", offImport, offExport), new TouPeriod("peak", peakImport, peakExport)),
                hours, hours).withFixedCharges(fixedPerDay, fixedPerMonth);
            if (hourly)
            {
                tariff.withExportRule(ExportRule.NET_BILLING_HOURLY, 0);
            }
            demand(tariff);
            return oracleCarry < 0 ? tariff : tariff.withOracleExport(oracleCarry,
                chargeNegative ? NegativePriceRule.CHARGE : NegativePriceRule.ZERO_CREDIT);
        }

        /**
         * Demand charges, derived from the tariff and version rather than drawn, so that no seed's random stream
         * changes: every tariff charges 1.50 per kW of a billing period's peak; the Los Angeles TOU tariff (not the
         * oracle one) charges time-of-use demand too, its even versions by a demand schedule of their own (4.00 per kW
         * from 16:00 to 21:00, every day) and its odd ones by the energy periods (3.00 per kW at peak), so that a
         * billing period two of its versions priced meets the rule for demand schedules that differ.
         */
        private void demand(final TouTariff tariff)
        {
            if (london || oracleCarry >= 0)
            {
                tariff.withDemand(1_500_000, new long[0]);
            }
            else if (version % 2 == 0)
            {
                final byte[] schedule = new byte[12 * 3 * 24];
                for (int row = 0; row < 12 * 3; row++)
                {
                    java.util.Arrays.fill(schedule, row * 24 + 16, row * 24 + 21, (byte)1);
                }
                tariff.withDemandSchedule(List.of("demand off-peak", "demand on-peak"), schedule)
                    .withDemand(1_500_000, new long[] {0, 4_000_000});
            }
            else
            {
                tariff.withDemand(1_500_000, new long[] {0, 3_000_000});
            }
        }
    }

    /**
     * Register an account.
     *
     * @param accountId account.
     */
    public record Account(long accountId) implements Op
    {
    }

    /**
     * Enrol or re-enrol a meter.
     *
     * @param meterId       meter.
     * @param accountId     account.
     * @param tariffId      tariff.
     * @param effectiveFrom first instant.
     * @param programs      program bits (demand response or none).
     * @param node          pricing node, or null.
     */
    public record Enrol(long meterId, long accountId, long tariffId, long effectiveFrom, long programs, String node)
        implements Op
    {
        /**
         * An enrolment in no program and without a pricing node.
         *
         * @param meterId       meter.
         * @param accountId     account.
         * @param tariffId      tariff.
         * @param effectiveFrom first instant.
         */
        public Enrol(final long meterId, final long accountId, final long tariffId, final long effectiveFrom)
        {
            this(meterId, accountId, tariffId, effectiveFrom, 0, null);
        }

        /**
         * Every third meter has reading limits, taken from its id so that no seed's random stream changes: 9 kW of
         * import, 2,250 Wh a quarter hour, under some of the 0-2,499 Wh the ticks draw.
         *
         * @return the import limit in watts, or 0.
         */
        public int importLimitW()
        {
            return meterId % 3 == 0 ? 9_000 : 0;
        }

        /**
         * @return the export limit in watts, or 0: 5 kW on every third meter, 1,250 Wh a quarter hour, under some of
         *     the 0-1,499 Wh the ticks draw.
         */
        public int exportLimitW()
        {
            return meterId % 3 == 0 ? 5_000 : 0;
        }

        /**
         * An enrolment without a pricing node.
         *
         * @param meterId       meter.
         * @param accountId     account.
         * @param tariffId      tariff.
         * @param effectiveFrom first instant.
         * @param programs      program bits.
         */
        public Enrol(final long meterId, final long accountId, final long tariffId, final long effectiveFrom,
            final long programs)
        {
            this(meterId, accountId, tariffId, effectiveFrom, programs, null);
        }
    }

    /**
     * Publish a demand-response event for a tariff's DR-enrolled meters.
     *
     * @param eventId    event id.
     * @param tariffId   tariff.
     * @param start      first instant.
     * @param end        exclusive end.
     * @param incentive  µ per kWh reduced.
     * @param method     baseline method.
     * @param declaredWh declared baseline per hour.
     * @param modification true to publish it as a VTN's modification of the event of this id (DR_EVENT schema 3).
     */
    public record DrEvent(long eventId, long tariffId, long start, long end, long incentive, BaselineMethod method,
        long declaredWh, boolean modification) implements Op
    {
    }

    /**
     * Withdraw a DR event: pending, settled, unknown or of the other tariff, as the draw falls.
     *
     * @param eventId  event.
     * @param tariffId tariff the withdrawal names.
     */
    public record DrWithdrawal(long eventId, long tariffId) implements Op
    {
    }

    /**
     * Publish oracle prices of a node over consecutive intervals.
     *
     * @param node         pricing node.
     * @param start        first interval start.
     * @param seconds      interval length.
     * @param microsPerMwh prices, {@link OraclePriceCodec#MISSING} for a missing one.
     */
    public record Prices(String node, long start, int seconds, List<Long> microsPerMwh) implements Op
    {
        /**
         * @return the series to publish.
         */
        public OraclePriceSeries series()
        {
            final int n = microsPerMwh.size();
            final long[] starts = new long[n];
            final int[] lengths = new int[n];
            final long[] prices = new long[n];
            for (int i = 0; i < n; i++)
            {
                starts[i] = start + (long)i * seconds;
                lengths[i] = seconds;
                prices[i] = microsPerMwh.get(i);
            }
            return OraclePriceSeries.of(node, starts, lengths, prices);
        }
    }

    /**
     * Submit a tick or a correction.
     *
     * @param meterId    meter.
     * @param channel    channel.
     * @param start      interval start.
     * @param seconds    interval length.
     * @param importWh   import.
     * @param exportWh   export.
     * @param correction true to submit as a correction.
     */
    public record Tick(long meterId, int channel, long start, int seconds, long importWh, long exportWh,
        boolean correction) implements Op
    {
    }

    /**
     * Redeem program tokens.
     *
     * @param requestId request id.
     * @param accountId account.
     * @param token     packed token.
     * @param amount    micro-units.
     */
    public record Redeem(long requestId, long accountId, long token, long amount) implements Op
    {
    }

    /**
     * Accrue a day's interest.
     *
     * @param requestId request id.
     * @param token     packed token.
     * @param apyBps    APY in basis points.
     * @param epochDay  day.
     */
    public record Interest(long requestId, long token, long apyBps, long epochDay) implements Op
    {
    }

    /**
     * A calendar event.
     *
     * @param kind     {@link CalendarCodec#END_OF_DAY} or {@link CalendarCodec#PERIOD_CLOSE}.
     * @param at       instant.
     * @param tariffId tariff.
     */
    public record Calendar(int kind, long at, long tariffId) implements Op
    {
    }

    /**
     * Ask for a balance; the answer is recorded in the outcome.
     *
     * @param accountId account.
     * @param token     packed token.
     */
    public record Query(long accountId, long token) implements Op
    {
    }

    /**
     * Close the engine and open a new one on the same journal (ignored by a run without restarts).
     *
     * @param kind what happens to the snapshots in between.
     */
    public record Restart(RestartKind kind) implements Op
    {
    }

    /** What a restart does to the snapshots before the engine is reopened. */
    public enum RestartKind
    {
        /** Nothing: the snapshot taken at close is loaded and the tail is empty. */
        CLEAN,
        /** The newest snapshot is deleted: an older periodic one is loaded and a tail replayed. */
        DROP_NEWEST_SNAPSHOT,
        /** A byte of the newest snapshot is flipped: recovery must say so and use an older one. */
        CORRUPT_NEWEST_SNAPSHOT,
        /** Every snapshot is deleted: full replay. */
        DROP_ALL_SNAPSHOTS,
        /** The next engine runs with snapshots switched off, so the following restart finds only old ones. */
        NEXT_RUN_WITHOUT_SNAPSHOTS
    }

    /**
     * What a run produced, for comparing two runs of the same workload.
     *
     * @param outputDigest   output journal digest.
     * @param inputDigest    input journal digest.
     * @param counters       final counters.
     * @param ledger         per-token totals and every known account's balance, one line each, in a fixed order.
     * @param queries        answers to the workload's queries, in order.
     * @param inputs         inputs submitted.
     * @param accounts       every customer account id the workload used.
     * @param restarts       engine restarts performed.
     * @param snapshotLoads  restarts that loaded a snapshot.
     * @param fullReplays    restarts that replayed the whole input journal.
     */
    public record Outcome(long outputDigest, long inputDigest, EngineCounters counters, List<String> ledger,
        List<Balance> queries, long inputs, TreeSet<Long> accounts, int restarts, int snapshotLoads,
        int fullReplays)
    {
    }

    /**
     * Expands a seed into a workload.
     *
     * @param seed  the seed.
     * @param steps number of steps after the set-up.
     * @return the workload, the same for the same arguments on every run and JVM.
     */
    public static List<Op> generate(final long seed, final int steps)
    {
        return new Generator(seed, steps).generate();
    }

    /**
     * Plays a workload into engines on one journal directory.
     *
     * @param dir              journal directory (created).
     * @param ops              the workload.
     * @param restarts         true to close and reopen the engine at each {@link Restart}; false for the
     *                         reference run with one engine and no snapshots.
     * @param snapshotInterval inputs between periodic snapshots when restarting.
     * @param context          prefix for assertion messages (the seed).
     * @return what the run produced.
     */
    public static Outcome run(
        final Path dir, final List<Op> ops, final boolean restarts, final long snapshotInterval, final String context)
    {
        final TreeSet<Long> accounts = new TreeSet<>();
        final List<Balance> answers = new ArrayList<>();
        long inputs = 0;
        int restartCount = 0;
        int snapshotLoads = 0;
        int fullReplays = 0;
        SettlementEngine engine = open(dir, restarts, restarts, snapshotInterval);
        try
        {
            for (int i = 0; i < ops.size(); i++)
            {
                final Op op = ops.get(i);
                if (op instanceof Restart restart)
                {
                    if (!restarts)
                    {
                        continue;
                    }
                    engine.close();
                    checkSegment(engine, accounts, context + " after step " + i);
                    final String corrupted = prepareRestart(dir, restart.kind());
                    engine = open(dir, true, restart.kind() != RestartKind.NEXT_RUN_WITHOUT_SNAPSHOTS,
                        snapshotInterval);
                    restartCount++;
                    final List<String> notes = engine.recoveryNotes();
                    if (engine.recoveredInputs() != inputs)
                    {
                        throw new AssertionError(context + ": restart at step " + i + " recovered " +
                            engine.recoveredInputs() + " inputs, " + inputs + " were journalled; notes " + notes);
                    }
                    if (corrupted != null &&
                        notes.stream().noneMatch(n -> n.contains(corrupted) && n.contains("unusable")))
                    {
                        throw new AssertionError(context + ": restart at step " + i + " did not report the " +
                            "corrupt snapshot " + corrupted + "; notes " + notes);
                    }
                    if (notes.stream().anyMatch(n -> n.startsWith("loaded snapshot")))
                    {
                        snapshotLoads++;
                    }
                    else
                    {
                        fullReplays++;
                    }
                    continue;
                }
                if (op instanceof Query query)
                {
                    answers.add(engine.queryBalance(query.accountId(), query.token()).join());
                    continue;
                }
                if (op instanceof Account account && account.accountId() >= 1000)
                {
                    accounts.add(account.accountId());
                }
                submit(engine, op);
                inputs++;
            }
        }
        finally
        {
            engine.close();
        }
        checkSegment(engine, accounts, context + " at the end");
        return new Outcome(engine.outputDigest(), engine.inputDigest(), engine.counters(),
            describe(engine.ledger(), accounts), List.copyOf(answers), inputs, accounts, restartCount,
            snapshotLoads, fullReplays);
    }

    private static SettlementEngine open(
        final Path dir, final boolean restarts, final boolean snapshots, final long snapshotInterval)
    {
        final SettlementEngine.Builder builder = SettlementEngine.builder().journalDir(dir).ringSize(256);
        if (restarts)
        {
            builder.snapshots(snapshots).snapshotInterval(snapshotInterval);
        }
        else
        {
            builder.snapshots(false);
        }
        return builder.build().start();
    }

    /**
     * @return the name of the snapshot file damaged, or null.
     */
    private static String prepareRestart(final Path dir, final RestartKind kind)
    {
        String corrupted = null;
        final List<Path> files = new SnapshotStore(dir.resolve("snapshots")).newestFirst();
        try
        {
            switch (kind)
            {
                case DROP_NEWEST_SNAPSHOT ->
                {
                    if (!files.isEmpty())
                    {
                        Files.delete(files.get(0));
                    }
                }
                case CORRUPT_NEWEST_SNAPSHOT ->
                {
                    if (!files.isEmpty())
                    {
                        try (RandomAccessFile raf = new RandomAccessFile(files.get(0).toFile(), "rw"))
                        {
                            final long at = raf.length() / 2;
                            raf.seek(at);
                            final int b = raf.read();
                            raf.seek(at);
                            raf.write(b ^ 0x10);
                        }
                        corrupted = files.get(0).getFileName().toString();
                    }
                }
                case DROP_ALL_SNAPSHOTS ->
                {
                    for (final Path file : files)
                    {
                        Files.delete(file);
                    }
                }
                default ->
                {
                    // CLEAN and NEXT_RUN_WITHOUT_SNAPSHOTS leave the files alone
                }
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return corrupted;
    }

    private static void submit(final SettlementEngine engine, final Op op)
    {
        if (op instanceof Tick t)
        {
            if (t.correction())
            {
                engine.submitCorrection(t.meterId(), t.channel(), t.start(), t.seconds(), t.importWh(), t.exportWh());
            }
            else
            {
                engine.submitTick(t.meterId(), t.channel(), t.start(), t.seconds(), t.importWh(), t.exportWh());
            }
        }
        else if (op instanceof Tariff t)
        {
            engine.publishTariff(t.build());
        }
        else if (op instanceof Account a)
        {
            engine.registerAccount(a.accountId());
        }
        else if (op instanceof Enrol e)
        {
            engine.enrolMeter(e.meterId(), e.accountId(), e.tariffId(), e.effectiveFrom(), e.programs(), 0, e.node(),
                e.importLimitW(), e.exportLimitW());
        }
        else if (op instanceof Prices p)
        {
            engine.publishOraclePrices(p.series());
        }
        else if (op instanceof Redeem r)
        {
            engine.redeem(r.requestId(), r.accountId(), r.token(), r.amount());
        }
        else if (op instanceof Interest i)
        {
            engine.accrueInterest(i.requestId(), i.token(), i.apyBps(), i.epochDay());
        }
        else if (op instanceof Calendar c)
        {
            engine.calendar(c.kind(), c.at(), c.tariffId());
        }
        else if (op instanceof DrEvent d)
        {
            if (d.modification())
            {
                // one above the number the id was first published at: it replaces the event while that is pending and
                // the new hours pass a new event's checks; a second retry of the id is at the same number, so stale
                engine.modifyDrEvent(d.eventId(), DR, d.tariffId(), d.start(), d.end(), d.incentive(), d.method(),
                    d.declaredWh(), Math.floorMod(d.eventId(), 5) + 1);
            }
            else if ((d.eventId() & 1) == 0)
            {
                // half the events as an OpenADR host publishes them, with a modification number (DR_EVENT schema 2),
                // derived from the id so that no seed's random stream changes
                engine.publishDrEvent(d.eventId(), DR, d.tariffId(), d.start(), d.end(), d.incentive(), d.method(),
                    d.declaredWh(), Math.floorMod(d.eventId(), 5));
            }
            else
            {
                engine.publishDrEvent(d.eventId(), DR, d.tariffId(), d.start(), d.end(), d.incentive(), d.method(),
                    d.declaredWh());
            }
        }
        else if (op instanceof DrWithdrawal w)
        {
            engine.withdrawDrEvent(w.eventId(), w.tariffId());
        }
        else
        {
            throw new IllegalArgumentException("not an input: " + op);
        }
    }

    /**
     * Checks a closed engine's ledger: it balances in every token, and every unit sits where the supply rules put
     * it. Import charges and fixed charges move USD from customers to revenue, so USD held by customers is minus the
     * revenue account; program tokens are only minted from issuance and paid from yield, so their supply held by
     * customers is minus (issuance + yield), and no other system account holds any.
     *
     * @param engine   a closed engine.
     * @param accounts every customer account of the workload.
     * @param context  prefix for messages.
     */
    public static void checkSegment(final SettlementEngine engine, final TreeSet<Long> accounts, final String context)
    {
        final Ledger ledger = engine.ledger();
        try
        {
            ledger.checkBalanced();
        }
        catch (final IllegalStateException e)
        {
            throw new AssertionError(context + ": " + e.getMessage(), e);
        }
        checkSupply(ledger, accounts, context);
    }

    /**
     * The supply rules of {@link #checkSegment}, on any ledger.
     *
     * @param ledger   a ledger.
     * @param accounts every customer account.
     * @param context  prefix for messages.
     */
    public static void checkSupply(final Ledger ledger, final TreeSet<Long> accounts, final String context)
    {
        for (int t = 0; t < ledger.tokenCount(); t++)
        {
            long customers = 0;
            for (final long account : accounts)
            {
                customers = Math.addExact(customers, ledger.balance(account, t));
            }
            final long revenue = ledger.balance(1, t);
            final long issuance = ledger.balance(2, t);
            final long yield = ledger.balance(5, t);
            final boolean others = ledger.balance(3, t) != 0 || ledger.balance(4, t) != 0;
            final String symbol = ledger.tokenSymbol(t);
            final boolean program = !"USD".equals(symbol);
            final boolean holds = program ?
                revenue == 0 && !others && customers == -(issuance + yield) :
                issuance == 0 && yield == 0 && !others && customers == -revenue;
            if (!holds)
            {
                throw new AssertionError(context + ": supply rule broken in " + symbol + ": customers hold " +
                    customers + ", revenue " + revenue + ", issuance " + issuance + ", yield " + yield +
                    ", dr/carbon used " + others);
            }
        }
    }

    /**
     * Re-applies a journal's inputs, one at a time, to a fresh state machine and checks the rules after every single
     * input: the ledger balances in every token and the supply rules of {@link #checkSupply} hold; every transfer
     * moves a positive amount between the accounts its reason allows (energy and fixed charges from a customer to
     * revenue, export credits minted out of issuance, redemptions back into issuance, interest out of yield,
     * reversals the exact other way); an accepted redemption never leaves the account below zero and a request id
     * never burns twice; an input acknowledged as a duplicate posts nothing.
     *
     * @param journalDir a journal directory.
     * @param accounts   every customer account.
     * @param context    prefix for messages.
     * @return inputs checked.
     */
    public static long checkEveryStep(final Path journalDir, final TreeSet<Long> accounts, final String context)
    {
        final StepChecker checker = new StepChecker(accounts, context);
        try (JournalReader reader = new JournalReader(Journals.input(journalDir)))
        {
            while (reader.next(checker::onInput))
            {
                checker.inputs++;
            }
        }
        return checker.inputs;
    }

    private static final class StepChecker implements OutputSink
    {
        private final TreeSet<Long> accounts;
        private final String context;
        private final SettlementLogic logic = new SettlementLogic(this);
        private final TransferCodec transfer = new TransferCodec();
        private final RedemptionCodec redemption = new RedemptionCodec();
        private final Set<Long> burntRequests = new HashSet<>();
        private final List<long[]> redeemed = new ArrayList<>();
        private long inputs;
        private long sequence;
        private int transfers;
        private boolean acknowledged;

        StepChecker(final TreeSet<Long> accounts, final String context)
        {
            this.accounts = accounts;
            this.context = context;
        }

        void onInput(final DirectBuffer buffer, final int offset, final int length, final long position)
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            buffer.getBytes(offset, copy, 0, length);
            sequence = RecordFlyweight.sequenceAt(copy, 0);
            transfers = 0;
            acknowledged = false;
            redeemed.clear();
            logic.apply(copy, 0, length);
            final String where = context + ", input " + sequence;
            final Ledger ledger = logic.ledger();
            try
            {
                ledger.checkBalanced();
            }
            catch (final IllegalStateException e)
            {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            checkSupply(ledger, accounts, where);
            if (acknowledged && transfers > 0)
            {
                throw new AssertionError(where + ": acknowledged as a duplicate but posted " + transfers);
            }
            for (final long[] r : redeemed)
            {
                final long balance = ledger.balance(r[0], ledger.findToken(r[1]));
                if (balance < 0)
                {
                    throw new AssertionError(where + ": redemption overdrew account " + r[0] + " to " + balance);
                }
                redemption.wrap(copy, 0);
                if (!burntRequests.add(redemption.requestId()))
                {
                    throw new AssertionError(where + ": request " + redemption.requestId() + " burnt twice");
                }
            }
        }

        @Override
        public void onOutput(final MutableDirectBuffer buffer, final int offset, final int length)
        {
            final int type = RecordFlyweight.typeIdAt(buffer, offset);
            if (type == RecordType.DUPLICATE_ACK.id())
            {
                acknowledged = true;
                return;
            }
            if (type != RecordType.TRANSFER.id())
            {
                return;
            }
            transfers++;
            transfer.wrap(buffer, offset);
            final long debit = transfer.debitAccount();
            final long credit = transfer.creditAccount();
            final boolean reversal = transfer.reverses() != 0;
            final ReasonCode reason = ReasonCode.ofCode(transfer.reasonCode());
            final boolean allowed = transfer.amount() > 0 && reason != null && switch (reason)
            {
                case ENERGY_CHARGE -> reversal ? debit == 1 && customer(credit) : customer(debit) && credit == 1;
                case EXPORT_CREDIT -> reversal ? customer(debit) && credit == 2 : debit == 2 && customer(credit);
                case FIXED_CHARGE -> !reversal && customer(debit) && credit == 1;
                case REDEMPTION -> !reversal && customer(debit) && credit == 2;
                case INTEREST -> !reversal && debit == 5 && customer(credit);
                // the period-close true-up moves charges (customer and revenue) or credits (customer and
                // issuance) either way
                case TRUE_UP -> !reversal && (customer(debit) && (credit == 1 || credit == 2) ||
                    (debit == 1 || debit == 2) && customer(credit));
                case DEMAND_CHARGE -> !reversal && customer(debit) && credit == 1;
                case CARBON_ADDER -> reversal ? debit == 4 && customer(credit) : customer(debit) && credit == 4;
                case CARBON_CREDIT -> reversal ? customer(debit) && credit == 2 : debit == 2 && customer(credit);
                case EXPORT_CHARGE -> reversal ? debit == 1 && customer(credit) : customer(debit) && credit == 1;
                // an hour's netting hands charges back or takes credits back, and a re-netting the other way
                case HOURLY_NETTING -> !reversal && (customer(debit) && (credit == 1 || credit == 2) ||
                    (debit == 1 || debit == 2) && customer(credit));
                // minted into the DR fund, paid out of it to customers within the same input
                case DR_INCENTIVE -> !reversal && (debit == 2 && credit == 3 || debit == 3 && customer(credit));
                default -> false;
            };
            if (!allowed)
            {
                throw new AssertionError(context + ", input " + sequence + ": transfer " + reason + " of " +
                    transfer.amount() + " from " + debit + " to " + credit + (reversal ? " (reversal)" : "") +
                    " breaks the posting rules");
            }
            if (reason == ReasonCode.REDEMPTION)
            {
                redeemed.add(new long[] {debit, transfer.token()});
            }
        }

        private static boolean customer(final long account)
        {
            return account >= 1000;
        }
    }

    private static List<String> describe(final Ledger ledger, final TreeSet<Long> accounts)
    {
        final List<String> lines = new ArrayList<>();
        for (int t = 0; t < ledger.tokenCount(); t++)
        {
            lines.add("token " + ledger.tokenSymbol(t) + " posted " + ledger.totalPosted(t));
            for (long system = 1; system <= 5; system++)
            {
                lines.add(ledger.tokenSymbol(t) + " " + system + " " + ledger.balance(system, t));
            }
            for (final long account : accounts)
            {
                lines.add(ledger.tokenSymbol(t) + " " + account + " " + ledger.balance(account, t));
            }
        }
        return lines;
    }

    /**
     * Draws the workload. Keeps only what it needs to produce realistic follow-ups (earlier ticks to duplicate or
     * correct, known accounts and meters); it does not model the engine.
     */
    private static final class Generator
    {
        private final SplittableRandom random;
        private final int steps;
        private final List<Op> ops = new ArrayList<>();
        private final Map<List<Long>, long[]> sent = new LinkedHashMap<>();
        private final List<List<Long>> sentKeys = new ArrayList<>();
        private final List<Long> accounts = new ArrayList<>();
        private final List<Long> meterTariffs = new ArrayList<>();
        private final long[] pricedUntil = {START - 3_600, START - 3_600};
        private final int days;
        private final int restartOdds;
        private int laVersions;
        private long nextAccount = 1001;
        private long nextEvent = 1;
        /** Intervals [from, to) of the DR events drawn, whose meters tick every interval so that events settle. */
        private final List<long[]> eventIntervals = new ArrayList<>();
        private final Set<Integer> filled = new HashSet<>();
        /** DR draws come from their own stream, so adding them left every other draw of a seed as it was. */
        private final SplittableRandom dr;

        Generator(final long seed, final int steps)
        {
            this.random = new SplittableRandom(seed);
            this.dr = new SplittableRandom(seed ^ 0x5DEECE66DL);
            this.steps = steps;
            this.days = 3 + random.nextInt(3);
            this.restartOdds = 60 + random.nextInt(80);
        }

        List<Op> generate()
        {
            ops.add(tariff(TARIFF_LA, 1, START, false));
            ops.add(tariff(TARIFF_LONDON, 1, START - 86_400, true));
            final Tariff oracle = tariff(TARIFF_ORACLE, 1, START, false);
            final int carry = random.nextInt(4);
            // hourly netting cannot take exports charged at a negative price (refused as UNSUPPORTED_TARIFF)
            final boolean hourly = random.nextBoolean();
            final boolean chargeNegative = !hourly && random.nextBoolean();
            ops.add(new Tariff(oracle.tariffId(), 1, START, false, oracle.offImport(), oracle.offExport(),
                oracle.peakImport(), oracle.peakExport(), oracle.peakFrom(), oracle.peakTo(), oracle.fixedPerDay(),
                oracle.fixedPerMonth(), carry, chargeNegative, hourly));
            prices(0, 0);
            prices(1, 0);
            laVersions = 1;
            final int meters = 3 + random.nextInt(8);
            for (int m = 1; m <= meters; m++)
            {
                final long account = nextAccount++;
                ops.add(new Account(account));
                accounts.add(account);
                final long tariffId = anyTariff();
                final long from = START + (random.nextInt(6) == 0 ? random.nextInt(8) * 900L : 0);
                ops.add(new Enrol(m, account, tariffId, from, dr.nextBoolean() ? DR_BIT : 0, node(tariffId)));
                meterTariffs.add(tariffId);
            }
            final int intervals = days * 96;
            for (int i = 0; i < steps; i++)
            {
                final int cursor = (int)((long)i * intervals / steps);
                if (random.nextInt(restartOdds) == 0)
                {
                    final RestartKind[] kinds = RestartKind.values();
                    ops.add(new Restart(kinds[random.nextInt(kinds.length)]));
                }
                step(cursor);
            }
            return List.copyOf(ops);
        }

        private Tariff tariff(final long tariffId, final int version, final long from, final boolean london)
        {
            final int peakFrom = 14 + random.nextInt(4);
            return new Tariff(tariffId, version, from, london,
                100_000 + random.nextInt(300_000), random.nextInt(80_000),
                300_000 + random.nextInt(400_000), random.nextInt(150_000),
                peakFrom, peakFrom + 2 + random.nextInt(5),
                random.nextInt(3) == 0 ? 0 : random.nextInt(50_000), random.nextInt(3) == 0 ? 0 : random.nextInt(900_000),
                -1, false, false);
        }

        private long anyTariff()
        {
            final int pick = random.nextInt(8);
            return pick < 2 ? TARIFF_LONDON : pick < 4 ? TARIFF_ORACLE : TARIFF_LA;
        }

        /** The node of a meter on a tariff: one of the two for the oracle tariff (now and then none), else none. */
        private String node(final long tariffId)
        {
            if (tariffId != TARIFF_ORACLE || random.nextInt(10) == 0)
            {
                return null;
            }
            return NODES.get(random.nextInt(NODES.size()));
        }

        /**
         * Publishes a node's next prices, up to a few hours ahead of the tick cursor: 5-minute prices at node 0,
         * hourly at node 1; some missing, some negative, now and then a gap before them or (refused) an overlap.
         */
        private void prices(final int node, final int cursor)
        {
            final int seconds = node == 0 ? 300 : 3_600;
            final long target = START + (cursor + 8L + random.nextInt(16)) * 900L;
            long start = pricedUntil[node];
            final boolean overlap = random.nextInt(10) == 0;
            if (overlap)
            {
                start -= seconds;                       // overlaps what is known: ALREADY_EXISTS
            }
            else if (random.nextInt(8) == 0)
            {
                start += (1 + random.nextInt(3)) * (long)seconds;   // a gap: missing prices
            }
            final int count = (int)Math.max(1, Math.min(2_016, (target - start) / seconds));
            final List<Long> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final int kind = random.nextInt(12);
                values.add(kind == 0 ? OraclePriceCodec.MISSING : kind == 1 ? -random.nextInt(30_000_000) :
                    random.nextInt(150_000_000));
            }
            ops.add(new Prices(NODES.get(node), start, seconds, values));
            if (!overlap)
            {
                pricedUntil[node] = start + (long)count * seconds;
            }
        }

        private void step(final int cursor)
        {
            fillEventInterval(cursor);
            final int roll = random.nextInt(1000);
            if (roll < 500)
            {
                freshTick(cursor);
            }
            else if (roll < 570)
            {
                resend(false, false);
            }
            else if (roll < 600)
            {
                resend(true, false);
            }
            else if (roll < 660)
            {
                if (random.nextInt(8) == 0)
                {
                    ops.add(new Tick(1 + random.nextInt(meterTariffs.size()), 0,
                        START + (cursor + 1 + random.nextInt(50)) * 900L, 900, random.nextInt(900), 0, true));
                }
                else
                {
                    resend(true, true);
                }
            }
            else if (roll < 700)
            {
                badTick(cursor);
            }
            else if (roll < 720)
            {
                account();
            }
            else if (roll < 740)
            {
                enrol(cursor);
            }
            else if (roll < 750)
            {
                tariffVersion(cursor);
            }
            else if (roll < 810)
            {
                redeem();
            }
            else if (roll < 830)
            {
                final long token = random.nextBoolean() ? SOLAR : NEM;
                final int apy = random.nextInt(20) == 0 ? 200_000 : random.nextInt(10) == 0 ? 0 : random.nextInt(700);
                final long day = START_DAY + cursor / 96 - (random.nextInt(5) == 0 ? random.nextInt(3) : 0);
                ops.add(new Interest(random.nextInt(1000), token, apy, day));
            }
            else if (roll < 880)
            {
                calendar(CalendarCodec.END_OF_DAY, cursor);
            }
            else if (roll < 887)
            {
                calendar(CalendarCodec.PERIOD_CLOSE, cursor);
            }
            else if (roll < 892)
            {
                drEvent(cursor);
            }
            else if (roll < 895)
            {
                ops.add(new Calendar(random.nextInt(5) == 0 ? 7 : CalendarCodec.END_OF_DAY,
                    START + cursor * 900L, random.nextInt(5) == 0 ? 99 : TARIFF_LA));
            }
            else if (roll < 925)
            {
                prices(random.nextInt(NODES.size()), cursor);
            }
            else
            {
                final long[] tokens = {USD, SOLAR, NEM, TokenSymbol.pack("DR")};
                final long account = random.nextInt(10) == 0 ? 424_242 : accounts.get(random.nextInt(accounts.size()));
                ops.add(new Query(account, tokens[random.nextInt(tokens.length)]));
            }
        }

        /**
         * A DR event on the current day or a later one: mostly declared baselines (the simulated days are too few for
         * a 10-in-10 one, which is then refused per meter), sometimes a retry (of an even id, a modification), a
         * conflicting or overlapping one, or hours that are not whole; and a quarter of the time a withdrawal of some
         * event, pending, settled or unknown.
         */
        private void drEvent(final int cursor)
        {
            final boolean london = dr.nextInt(3) == 0;
            final int day = cursor / 96 + dr.nextInt(2);
            final int hour = 4 + dr.nextInt(18);
            final ZonedDateTime at = ZonedDateTime.of(2026, 3, 2, hour, 0, 0, 0, london ? LONDON : LA).plusDays(day);
            final long start = at.toEpochSecond() + (dr.nextInt(10) == 0 ? 900 : 0);
            final long end = start + 3_600L * (1 + dr.nextInt(Math.min(3, 24 - hour)));
            final BaselineMethod method = BaselineMethod.values()[dr.nextInt(4) == 0 ? dr.nextInt(2) : 2];
            final long declared = method == BaselineMethod.DECLARED ? 2_000 + dr.nextInt(8_000) : 0;
            // the same draws as before modifications were simulated, so that no seed's workload changed otherwise
            final boolean again = dr.nextInt(6) == 0 && nextEvent > 1;
            final long id = again ? nextEvent - 1 : nextEvent++;
            final long tariffId = london ? TARIFF_LONDON : TARIFF_LA;
            // a retry of an id published with a modification number (even ids) is the VTN's modification of it
            ops.add(new DrEvent(id, tariffId, start, end, 1 + dr.nextInt(3_000_000), method, declared,
                again && (id & 1) == 0));
            eventIntervals.add(new long[] {(start - START) / 900L, (end - START) / 900L, tariffId});
            if (dr.nextInt(4) == 0)
            {
                // one of the events so far, or one never published; now and then under the other tariff
                final long withdrawn = dr.nextInt((int)nextEvent + 1);
                final boolean other = dr.nextInt(5) == 0;
                ops.add(new DrWithdrawal(withdrawn, other == london ? TARIFF_LA : TARIFF_LONDON));
            }
        }

        /**
         * When the workload reaches an interval of a DR event, every meter on the event's tariff reads it (once), as
         * a real fleet does: sparse random ticks alone would leave most event hours without a reading.
         */
        private void fillEventInterval(final int cursor)
        {
            for (final long[] event : eventIntervals)
            {
                if (cursor >= event[0] && cursor < event[1] && filled.add(cursor))
                {
                    for (int m = 1; m <= meterTariffs.size(); m++)
                    {
                        if (meterTariffs.get(m - 1) == event[2])
                        {
                            final Tick tick = new Tick(m, 0, START + cursor * 900L, 900, dr.nextInt(2_500), 0, false);
                            ops.add(tick);
                            remember(tick);
                        }
                    }
                }
            }
        }

        private void freshTick(final int cursor)
        {
            final int meter = 1 + random.nextInt(meterTariffs.size());
            final int lag = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
            final int interval = Math.max(0, cursor - lag);
            final int channel = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
            if (channel == 3 && random.nextInt(6) == 0)
            {
                evictedHour(meter, cursor);
                return;
            }
            final long importWh = random.nextInt(2_500);
            final long exportWh = random.nextInt(3) == 0 ? random.nextInt(1_500) : 0;
            final Tick tick = new Tick(meter, channel, START + interval * 900L, 900, importWh, exportWh, false);
            ops.add(tick);
            remember(tick);
        }

        /**
         * A meter's hour on channel 3, then channel 0's quarter hours from its start until they have evicted it from
         * the correction window, then a late channel-3 quarter hour inside it: refused OUTSIDE_CORRECTION_WINDOW
         * by the window's eviction watermark, which restarts and snapshots must keep.
         */
        private void evictedHour(final int meter, final int cursor)
        {
            final long hour = START + (cursor - cursor % 4) * 900L;
            final Tick whole = new Tick(meter, 3, hour, 3_600, random.nextInt(10_000), 0, false);
            ops.add(whole);
            remember(whole);
            for (int q = 0; q < TickWindow.DEFAULT_SLOTS + 2; q++)
            {
                final Tick quarter = new Tick(meter, 0, hour + q * 900L, 900, random.nextInt(2_500), 0, false);
                ops.add(quarter);
                remember(quarter);
            }
            ops.add(new Tick(meter, 3, hour + 2_700, 900, random.nextInt(2_500), 0, false));
        }

        private void remember(final Tick tick)
        {
            final List<Long> key = List.of(tick.meterId(), (long)tick.channel(), tick.start());
            if (sent.put(key, new long[] {tick.importWh(), tick.exportWh()}) == null)
            {
                sentKeys.add(key);
            }
        }

        private void resend(final boolean changed, final boolean correction)
        {
            if (sentKeys.isEmpty())
            {
                return;
            }
            final List<Long> key = sentKeys.get(random.nextInt(sentKeys.size()));
            final long[] values = sent.get(key);
            final long importWh = changed ? random.nextInt(2_500) : values[0];
            final long exportWh = changed && random.nextBoolean() ? random.nextInt(1_500) : values[1];
            final Tick tick = new Tick(key.get(0), key.get(1).intValue(), key.get(2), 900, importWh, exportWh,
                correction);
            ops.add(tick);
            if (correction)
            {
                remember(tick);
            }
        }

        private void badTick(final int cursor)
        {
            final int meter = 1 + random.nextInt(meterTariffs.size());
            final long start = START + cursor * 900L;
            final Tick tick = switch (random.nextInt(11))
            {
                case 0 -> new Tick(meter, 0, start, 900, -1 - random.nextInt(500), 0, false);
                case 1 -> new Tick(meter, 0, start, 900, 10, -1 - random.nextInt(500), false);
                case 2 -> new Tick(meter, 0, start, random.nextBoolean() ? 0 : -900, 10, 0, false);
                case 3 -> new Tick(9_999 + random.nextInt(3), 0, start, 900, 10, 0, false);
                case 4 -> new Tick(meter, 16 + random.nextInt(200), start, 900, 10, 0, false);
                // rejected as OVERFLOW by the pricer: the product with any rate exceeds a long
                // (on channel 2, which nothing else uses, so that no settled interval overlaps it first)
                case 5 -> new Tick(meter, 2, start + 60, 900, Long.MAX_VALUE / 3 + random.nextInt(1000), 0, false);
                case 6 -> new Tick(meter, 0, START - 900L * (1 + random.nextInt(96)), 900, 10, 0, false);
                // 40 days always run on into another billing period: INTERVAL_SPANS_PERIOD
                case 7 -> new Tick(meter, 0, start, 40 * 86_400, 10, 0, random.nextBoolean());
                // across the quarter hours of channel 0: INTERVAL_OVERLAP where either is settled, else priced
                case 9 -> new Tick(meter, 0, start + 300 * (1 + random.nextInt(2)), 900, 10, 0, random.nextBoolean());
                // the same start as a quarter hour with another length: never a duplicate of it
                case 10 -> new Tick(meter, 0, start, random.nextBoolean() ? 300 : 1_800, 10, 0, random.nextBoolean());
                default -> new Tick(meter, 0, Long.MAX_VALUE - random.nextInt(1000), 900, 10, 0, random.nextBoolean());
            };
            ops.add(tick);
        }

        private void account()
        {
            final int kind = random.nextInt(6);
            if (kind == 0)
            {
                ops.add(new Account(random.nextInt(1000)));
            }
            else if (kind == 1 && !accounts.isEmpty())
            {
                ops.add(new Account(accounts.get(random.nextInt(accounts.size()))));
            }
            else
            {
                final long account = nextAccount++;
                ops.add(new Account(account));
                accounts.add(account);
            }
        }

        private void enrol(final int cursor)
        {
            final long from = START + Math.max(0, cursor - random.nextInt(8)) * 900L;
            final int kind = random.nextInt(6);
            final long account = accounts.get(random.nextInt(accounts.size()));
            if (kind == 0)
            {
                ops.add(new Enrol(50 + random.nextInt(5), 88_888, TARIFF_LA, from, 0));
            }
            else if (kind == 1)
            {
                ops.add(new Enrol(60 + random.nextInt(5), account, 99, from, 0));
            }
            else if (kind == 2)
            {
                final int meter = 1 + random.nextInt(meterTariffs.size());
                final long tariffId = anyTariff();
                ops.add(new Enrol(meter, account, tariffId, from, dr.nextBoolean() ? DR_BIT : 0, node(tariffId)));
                meterTariffs.set(meter - 1, tariffId);
            }
            else if (meterTariffs.size() < 40)
            {
                final long tariffId = anyTariff();
                meterTariffs.add(tariffId);
                ops.add(new Enrol(meterTariffs.size(), account, tariffId, from, dr.nextBoolean() ? DR_BIT : 0,
                    node(tariffId)));
            }
        }

        private void tariffVersion(final int cursor)
        {
            if (laVersions < 3 && random.nextBoolean())
            {
                laVersions++;
                final long from = START + (cursor + random.nextInt(96)) * 900L;
                ops.add(tariff(TARIFF_LA, laVersions, from, false));
            }
            else
            {
                // the same version again, or a new version on an instant already taken: ALREADY_EXISTS
                ops.add(tariff(TARIFF_LA, random.nextBoolean() ? 1 : 50 + random.nextInt(10), START, false));
            }
        }

        private void redeem()
        {
            final long account = random.nextInt(15) == 0 ? 424_242 : accounts.get(random.nextInt(accounts.size()));
            final int pick = random.nextInt(20);
            final long token = pick == 0 ? USD : pick == 1 ? TokenSymbol.pack("DR") : pick < 12 ? SOLAR : NEM;
            final long amount = random.nextInt(25) == 0 ? -random.nextInt(3) : 1 + random.nextInt(150_000);
            ops.add(new Redeem(random.nextInt(80), account, token, amount));
        }

        private void calendar(final int kind, final int cursor)
        {
            final boolean london = random.nextInt(3) == 0;
            // end of day: the midnight that ends the current (or, as a retry, an earlier) day; period close: the
            // midnight that starts it, so only days already past are closed
            final int day = Math.max(0, cursor / 96 - (random.nextInt(4) == 0 ? random.nextInt(2) : 0));
            final ZonedDateTime midnight = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, london ? LONDON : LA)
                .plusDays(kind == CalendarCodec.END_OF_DAY ? day + 1L : day);
            ops.add(new Calendar(kind, midnight.toEpochSecond(), london ? TARIFF_LONDON : TARIFF_LA));
        }
    }
}
