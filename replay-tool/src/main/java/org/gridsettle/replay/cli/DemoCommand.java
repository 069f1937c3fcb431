package org.gridsettle.replay.cli;

import org.gridsettle.engine.EngineCounters;
import org.gridsettle.engine.PostingListener;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.ExclusiveFileLock;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.money.MicroUnits;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.JournalReplay;
import org.gridsettle.replay.ReplayReport;
import org.gridsettle.replay.demo.DemoCalendar;
import org.gridsettle.replay.demo.DemoCarbon;
import org.gridsettle.replay.demo.DemoDrEvent;
import org.gridsettle.replay.demo.DemoJournalDir;
import org.gridsettle.replay.demo.DemoTariff;
import org.gridsettle.replay.demo.SyntheticFleet;
import org.gridsettle.replay.progress.TerminalProgress;
import org.gridsettle.replay.seal.SealLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code settle demo}: runs the whole pipeline on a realistic synthetic fleet, then proves the journal replays to the
 * same bytes.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Run a realistic synthetic fleet end to end, then replay it.",
    description = {
        "Run gridsettle end to end on a seeded synthetic fleet: household load and",
        "rooftop solar shaped from NREL SAM data, 15-minute ticks priced on",
        "time-of-use tariffs in America/Los_Angeles (net billing, and net metering",
        "for half the solar households; the default days cross the March",
        "daylight-saving change), posted as double-entry transfers in USD and the",
        "SOLAR, NEM, CARBON and DR tokens, and journalled with Chronicle Queue.",
        "",
        "A few bad ticks (a stuck register above its meter's service limit among",
        "them) show rejections with reason codes; a correction, daily fixed",
        "charges, daily interest on SOLAR balances, redemptions and a billing-period",
        "close show the commands. A demand-response event on a weekday afternoon late",
        "in the period credits, in DR tokens, the enrolled households that shed load",
        "below their 10-in-10 baseline (with the day-of adjustment).",
        "",
        "Then the input journal is replayed through a fresh engine and the outputs",
        "compared byte for byte, and M&V audit reports are written to DIR.",
        "",
        "The journal is written to DIR/journal and marked as the demo's own. A rerun",
        "removes a previous demo journal there; any other DIR/journal is left alone",
        "and the demo stops with exit code 2."},
    footer = {"", "Examples:", "  settle demo", "  settle demo --meters 5000 --days 3 --seed 7 --dir /tmp/gs-demo"})
public final class DemoCommand implements java.util.concurrent.Callable<Integer>
{
    /**
     * Most meters a demo runs: 100,000 need about 1 GB of heap (50,000 over 16 days peaked at 428 MB live), inside
     * the 2 GB default heap of an 8 GB machine; {@link #MAX_METER_DAYS} then allows them two days.
     */
    static final int MAX_METERS = 100_000;
    /** Most days a demo runs: a leap year; every season, DST change and billing rule has shown by then. */
    static final int MAX_DAYS = 366;
    /** Most meters x days: about 6.4 GB of journal, 12.5 times the default demo's. */
    static final long MAX_METER_DAYS = 200_000;
    /** Each household's import limit: a 200 A, 240 V service. */
    private static final int SERVICE_LIMIT_W = 48_000;
    /** Each solar household's export limit: a 10 kW inverter. */
    private static final int INVERTER_LIMIT_W = 10_000;

    @Option(names = "--meters", defaultValue = "1000", description = "Meters in the fleet, 1 to 100,000 (default: " +
        "${DEFAULT-VALUE}); each needs about 10 KB of heap and writes about 32 KB of journal a day; at most " +
        "200,000 meter-days in all.")
    private int meters;

    @Option(names = "--days", defaultValue = "16", description = "Days of 15-minute ticks, 1 to 366 (default: " +
        "${DEFAULT-VALUE}; a demand-response event needs at least 15 from a Monday, for 10 weekdays of baseline " +
        "history).")
    private int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the fleet (default: ${DEFAULT-VALUE}).")
    private long seed;

    // a string, parsed in call(), so that a bad date is one line naming the option like every other bad input
    @Option(names = "--start", defaultValue = "2026-03-02", paramLabel = "YYYY-MM-DD",
        description = "First local day, 1990-01-01 to 2100-12-31 with all --days in those years (default: " +
            "${DEFAULT-VALUE}).")
    private String startValue;

    @Option(names = "--dir", defaultValue = "demo-data", paramLabel = "DIR",
        description = "Where to write the journal and audit reports (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        // every argument is checked before the disk is touched, so a bad one removes and creates nothing
        final LocalDate start = checkedArguments();
        final DemoJournalDir journalDir = DemoJournalDir.check(dir);
        final PrintWriter out = spec.commandLine().getOut();
        final Path journal = journalDir.journal();
        if (journalDir.hasPrevious())
        {
            out.println("demo: removing the previous demo journal at " + journal);
            out.flush();
        }
        // held until the demo ends: another demo on the same --dir refuses to remove this journal from under it
        try (ExclusiveFileLock inUse = journalDir.prepare())
        {
            return run(start, journalDir, out);
        }
    }

    /**
     * Runs the fleet through the engine into the prepared journal, replays it and writes the audit reports.
     *
     * @return the exit code: 0 if the replay was identical and the reports were written.
     */
    private int run(final LocalDate start, final DemoJournalDir journalDir, final PrintWriter out)
    {
        final Path journal = journalDir.journal();
        final SyntheticFleet fleet = new SyntheticFleet(meters, days, seed, start, DemoTariff.ZONE);
        final DemoDrEvent drEvent = DemoDrEvent.within(start, days, DemoTariff.ZONE);
        if (drEvent != null)
        {
            fleet.shedLoad(drEvent.start(), drEvent.end(),
                m -> DemoDrEvent.enrolled(m, !isNem(fleet, m)) && DemoDrEvent.responds(m), DemoDrEvent.SHED_PERCENT);
        }
        final TouTariff tariff = DemoTariff.create(fleet.startEpochSecond());
        final RejectionCounter rejections = new RejectionCounter();
        final DrTally dr = new DrTally();
        out.printf("demo: %,d meters (%d%% with rooftop solar), %d days of 15-minute ticks from %s %s, seed %d%n",
            meters, SyntheticFleet.SOLAR_PERCENT, days, start, DemoTariff.ZONE, seed);
        out.flush();

        final long runStart;
        final long runNanos;
        final int redemptions;
        int nemCount = 0;
        int drCount = 0;
        final SettlementEngine engine = SettlementEngine.builder().journalDir(journal).listener(rejections)
            .listener(dr).build();
        try (engine)
        {
            engine.start();
            engine.publishTariff(tariff);
            engine.publishTariff(DemoTariff.createNetMetering(fleet.startEpochSecond()));
            engine.publishCarbonIntensity(DemoCarbon.REGION,
                DemoCarbon.series(fleet.startEpochSecond(), fleet.endEpochSecond()));
            if (drEvent != null)
            {
                // announced ahead, like a day-ahead DR event notice: settled at the end of its day
                engine.publishDrEvent(drEvent.eventId(), DemoDrEvent.TOKEN, DemoTariff.TARIFF_ID, drEvent.start(),
                    drEvent.end(), DemoDrEvent.INCENTIVE, DemoDrEvent.METHOD, 0);
            }
            for (int m = 0; m < meters; m++)
            {
                final boolean nem = isNem(fleet, m);
                final boolean inDr = drEvent != null && DemoDrEvent.enrolled(m, !nem);
                engine.registerAccount(SyntheticFleet.FIRST_ACCOUNT + m);
                // a 200 A, 240 V service, and for a solar household a 10 kW inverter: the fleet's readings stay
                // under both (its largest are about 1.7 kW of import and 5 kW of export), a stuck register does not
                engine.enrolMeter(SyntheticFleet.FIRST_METER + m, SyntheticFleet.FIRST_ACCOUNT + m,
                    nem ? DemoTariff.NEM_TARIFF_ID : DemoTariff.TARIFF_ID, fleet.startEpochSecond(),
                    inDr ? MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE : 0, DemoCarbon.REGION, null,
                    SERVICE_LIMIT_W, fleet.hasSolar(m) ? INVERTER_LIMIT_W : 0);
                nemCount += nem ? 1 : 0;
                drCount += inDr ? 1 : 0;
            }
            runStart = System.nanoTime();
            final DemoCalendar calendar = new DemoCalendar(engine, fleet);
            final long correctionAt = fleet.startEpochSecond() + 86_400 + 10 * 3600;
            // about 96 intervals a day per meter (92 or 100 on a daylight-saving change day): the bar's total
            final long expectedTicks = (long)meters * days * 96;
            final long[] submitted = {0};
            try (TerminalProgress progress = TerminalProgress.forStderr("demo", "ticks"))
            {
                fleet.forEachTick((meter, t, seconds, importWh, exportWh) ->
                {
                    calendar.advanceTo(t);
                    if (meter == SyntheticFleet.FIRST_METER && t == correctionAt + 3600)
                    {
                        submitCorrection(engine, correctionAt);
                    }
                    engine.submitTick(meter, MeterTickCodec.CHANNEL_MAIN, t, seconds, importWh, exportWh);
                    if (++submitted[0] % ProgressListener.EVERY == 0)
                    {
                        progress.progress(submitted[0], Math.max(expectedTicks, submitted[0]));
                    }
                });
                progress.progress(submitted[0], submitted[0]);
            }
            submitBadTicks(engine, fleet);
            calendar.advanceTo(fleet.endEpochSecond());
            engine.calendar(CalendarCodec.PERIOD_CLOSE, fleet.endEpochSecond(), DemoTariff.TARIFF_ID);
            engine.calendar(CalendarCodec.PERIOD_CLOSE, fleet.endEpochSecond(), DemoTariff.NEM_TARIFF_ID);
            redemptions = redeemHalfOfSomeBalances(engine, meters);
        }
        runNanos = System.nanoTime() - runStart;
        final EngineCounters counters = engine.counters();
        final long ticks = counters.ticksPriced() + rejections.tickRejections;
        out.printf("ticks: %,d priced, %,d rejected (%s)%n",
            counters.ticksPriced(), rejections.tickRejections, rejections.describe());
        out.printf("transfers: %,d   journals: %,d input records, %,d output records in %s%n",
            counters.transfers(), counters.inputs(), counters.outputs(), journal);
        out.printf("tariffs: TOU with a %d kWh/day baseline tier and net billing; %d solar households on net metering%n",
            DemoTariff.BASELINE_WH_PER_DAY / 1000, nemCount);
        out.printf("carbon: imports pay 50/t and exports earn CARBON at 40/t of CAISO-shaped grid intensity; a " +
            "two-half-hour gap is carried forward%n");
        out.printf("commands: 1 correction, %d redemptions, %d days of interest at %d.%02d%% APY, daily fixed charges," +
            " 1 billing-period close%n", redemptions, days, DemoCalendar.APY_BPS / 100, DemoCalendar.APY_BPS % 100);
        if (drEvent == null)
        {
            out.printf("demand response: no event (a 10-in-10 baseline needs 10 weekdays of history: --days 15 or " +
                "more from a Monday)%n");
        }
        else
        {
            out.printf("demand response: event %d on %s %02d:00-%02d:00, 10-in-10 baseline with day-of adjustment, " +
                "%s DR/kWh; %d households enrolled, %d credited for %s kWh reduced: %s DR minted; %d without a " +
                "baseline%n", drEvent.eventId(), drEvent.day(), DemoDrEvent.FIRST_HOUR, DemoDrEvent.END_HOUR,
                MicroUnits.toDecimalString(DemoDrEvent.INCENTIVE), drCount, dr.credited,
                MicroUnits.kwhString(dr.reductionWh), MicroUnits.toDecimalString(dr.creditMicros), dr.refused);
        }
        printTokens(out, engine.ledger());
        out.printf("throughput: %,.0f ticks/s through Disruptor, both journals and the ledger (%.2f s)%n",
            ticks / (runNanos / 1e9), runNanos / 1e9);
        out.printf("digest: output %s  input %s%n",
            HashChain.toHex(engine.outputDigest()), HashChain.toHex(engine.inputDigest()));
        SealLine.printToKeep(out, engine.inputSeal(), engine.outputSeal());
        out.flush();

        final long replayStart = System.nanoTime();
        final ReplayReport report;
        try (TerminalProgress progress = TerminalProgress.forStderr("replay", "inputs"))
        {
            report = new JournalReplay(journal, Long.MAX_VALUE).progress(progress).run();
        }
        final double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        ReplayCommand.print(out, report, replaySeconds);
        out.flush();
        final int audited = writeAudit(journalDir, fleet, drEvent, out);
        return report.identical() && report.replayDigest() == engine.outputDigest() && audited == 0 ? 0 : 1;
    }

    /**
     * Checks {@code --meters} and {@code --days}, then parses and checks {@code --start}.
     *
     * @return the first local day.
     * @throws IllegalArgumentException one line naming the option, if a value is malformed or out of range.
     */
    private LocalDate checkedArguments()
    {
        if (meters < 1 || meters > MAX_METERS)
        {
            // every meter is held twice, by the engine and by the replay, about 10 KB in all at 16 days: well past the
            // bound a default heap runs out, and the run dies of OutOfMemoryError or stalls with its journal half
            // written, instead of refusing up front
            throw new IllegalArgumentException(
                String.format(Locale.ROOT, "--meters %d: expected 1 to %,d", meters, MAX_METERS));
        }
        if (days < 1 || days > MAX_DAYS)
        {
            throw new IllegalArgumentException("--days " + days + ": expected 1 to " + MAX_DAYS);
        }
        if ((long)meters * days > MAX_METER_DAYS)
        {
            // a demo, not a load test: each meter-day writes about 32 KB of journal (515 MB for the default 16,000)
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--meters %,d x --days %,d is %,d " +
                "meter-days, about %,d GB of journal; the demo runs at most %,d (about %,d GB)", meters, days,
                (long)meters * days, (long)meters * days * 32 / 1_000_000, MAX_METER_DAYS,
                MAX_METER_DAYS * 32 / 1_000_000));
        }
        final LocalDate start = OptionValues.date("--start", startValue);
        // tariffs find local time in a table of these years; outside them every tick would be rejected
        if (start.getYear() < ZoneOffsetTable.FIRST_YEAR || start.getYear() > ZoneOffsetTable.LAST_YEAR)
        {
            throw new IllegalArgumentException("--start " + start + " must lie in the years " +
                ZoneOffsetTable.FIRST_YEAR + " to " + ZoneOffsetTable.LAST_YEAR + " that tariffs cover");
        }
        final LocalDate last = start.plusDays(days - 1);
        if (last.getYear() > ZoneOffsetTable.LAST_YEAR)
        {
            throw new IllegalArgumentException("--start " + start + " and --days " + days + " end on " + last +
                ", past the years " + ZoneOffsetTable.FIRST_YEAR + " to " + ZoneOffsetTable.LAST_YEAR +
                " that tariffs cover");
        }
        return start;
    }

    /**
     * The M&V report for one net-metered solar household (or the first household when none is), so the demo ends
     * with what an auditor reads: the same code path as {@code settle audit}. With a DR event, a second report for
     * the first household that answered it shows the DR incentive among its postings.
     */
    private int writeAudit(final DemoJournalDir journalDir, final SyntheticFleet fleet, final DemoDrEvent drEvent,
        final PrintWriter out)
    {
        final Path journal = journalDir.journal();
        int household = 0;
        for (int m = 0; m < fleet.meters(); m++)
        {
            if (isNem(fleet, m))
            {
                household = m;
                break;
            }
        }
        int code = audit(journal, household, journalDir.report(), out);
        for (int m = 0; drEvent != null && m < fleet.meters(); m++)
        {
            if (DemoDrEvent.enrolled(m, !isNem(fleet, m)) && DemoDrEvent.responds(m))
            {
                code |= audit(journal, m, journalDir.drReport(), out);
                break;
            }
        }
        return code;
    }

    private int audit(final Path journal, final int household, final Path report, final PrintWriter out)
    {
        final int code = new picocli.CommandLine(new AuditCommand().withoutSealLines()).setOut(out)
            .setErr(spec.commandLine().getErr())
            .execute("--journal", journal.toString(), "--account",
                Long.toString(SyntheticFleet.FIRST_ACCOUNT + household), "--format", "html", "--out",
                report.toString());
        out.flush();
        return code;
    }

    /** Every other solar household is on the legacy net-metering tariff. */
    private static boolean isNem(final SyntheticFleet fleet, final int m)
    {
        return fleet.hasSolar(m) && m % 2 == 0;
    }

    private static void submitBadTicks(final SettlementEngine engine, final SyntheticFleet fleet)
    {
        // Field glitches a real head-end produces: each must be journalled, rejected with a reason, and not stop
        // the ticks that follow.
        final long t = fleet.startEpochSecond() + 86_400;
        engine.submitTick(SyntheticFleet.FIRST_METER, MeterTickCodec.CHANNEL_MAIN, t, 900, -120, 0);
        engine.submitTick(42, MeterTickCodec.CHANNEL_MAIN, t, 900, 300, 0);
        engine.submitTick(SyntheticFleet.FIRST_METER + 1, MeterTickCodec.CHANNEL_MAIN, t, 0, 300, 0);
        // a stuck register read for the quarter hour after the run: 250 kWh is 1 MW, beyond the household's 48 kW
        // service (a new interval, so the limit decides it; day 2 has long left the correction window)
        engine.submitTick(SyntheticFleet.FIRST_METER, MeterTickCodec.CHANNEL_MAIN, fleet.endEpochSecond(), 900,
            250_000, 0);
    }

    private static void submitCorrection(final SettlementEngine engine, final long t)
    {
        // an hour later the head-end re-reads day 2, 10:00 for the first meter: the estimate is replaced by the
        // actual reading, which reverses the original postings exactly and posts the corrected ones
        engine.submitCorrection(SyntheticFleet.FIRST_METER, MeterTickCodec.CHANNEL_MAIN, t, 900, 0, 321);
    }

    private static int redeemHalfOfSomeBalances(final SettlementEngine engine, final int meters)
    {
        // after the close, every fifth household cashes out half of its SOLAR or NEM credits; the balance query
        // is answered in ring order, so it sees every posting submitted before it
        int count = 0;
        for (int m = 0; m < meters; m += 5)
        {
            final long account = SyntheticFleet.FIRST_ACCOUNT + m;
            for (final String token : new String[] {"SOLAR", "NEM"})
            {
                final long symbol = TokenSymbol.pack(token);
                final long balance = engine.queryBalance(account, symbol).join().micros();
                if (balance > 1)
                {
                    engine.redeem(900_000L + m, account, symbol, balance / 2);
                    count++;
                }
            }
        }
        return count;
    }

    private static void printTokens(final PrintWriter out, final Ledger ledger)
    {
        for (int i = 0; i < ledger.tokenCount(); i++)
        {
            final String symbol = ledger.tokenSymbol(i);
            final long revenue = ledger.balance(SystemAccounts.REVENUE, i);
            // interest is minted by the yield account, not issuance: the reserve backs only what issuance minted
            final long reserve = -ledger.balance(SystemAccounts.ISSUANCE, i);
            final long interest = -ledger.balance(SystemAccounts.YIELD, i);
            out.printf("token %-6s posted %18s", symbol, MicroUnits.toDecimalString(ledger.totalPosted(i)));
            if (revenue != 0)
            {
                out.printf("   utility revenue %s", MicroUnits.toDecimalString(revenue));
            }
            if (reserve != 0 || interest != 0)
            {
                out.printf("   supply %s = reserve %s (minted less redeemed)",
                    MicroUnits.toDecimalString(Math.addExact(reserve, interest)), MicroUnits.toDecimalString(reserve));
            }
            if (interest != 0)
            {
                out.printf(" + interest %s (paid by yield)", MicroUnits.toDecimalString(interest));
            }
            out.println();
        }
        out.println("ledger: balanced (debits = credits in every token)");
    }

    /**
     * Sums the DR incentive credits to customers and the meters refused a baseline, on the business-logic thread;
     * read after the engine has closed.
     */
    private static final class DrTally implements PostingListener
    {
        private int credited;
        private int refused;
        private long reductionWh;
        private long creditMicros;

        @Override
        public void onTransfer(final org.gridsettle.journal.codec.TransferCodec transfer)
        {
            if (transfer.reasonCode() == ReasonCode.DR_INCENTIVE.code() &&
                transfer.creditAccount() >= SystemAccounts.FIRST_CUSTOMER_ACCOUNT)
            {
                credited++;
                reductionWh += transfer.energyWh();
                creditMicros += transfer.amount();
            }
        }

        @Override
        public void onRejection(final RejectionCodec rejection)
        {
            if (rejection.reasonCode() == ReasonCode.DR_BASELINE_UNAVAILABLE.code())
            {
                refused++;
            }
        }
    }

    /**
     * Counts rejections by reason on the business-logic thread; read after the engine has closed.
     */
    private static final class RejectionCounter implements PostingListener
    {
        private final long[] byCode = new long[256];
        private long tickRejections;

        @Override
        public void onRejection(final RejectionCodec rejection)
        {
            byCode[rejection.reasonCode() & 0xFF]++;
            if (rejection.inputType() == org.gridsettle.journal.codec.RecordType.METER_TICK.id())
            {
                tickRejections++;
            }
        }

        String describe()
        {
            final StringBuilder sb = new StringBuilder();
            for (int code = 0; code < byCode.length; code++)
            {
                if (byCode[code] > 0)
                {
                    final ReasonCode reason = ReasonCode.ofCode(code);
                    sb.append(sb.length() == 0 ? "" : ", ").append(reason == null ? "code " + code : reason.name())
                        .append('=').append(byCode[code]);
                }
            }
            return sb.length() == 0 ? "none" : sb.toString();
        }
    }
}
