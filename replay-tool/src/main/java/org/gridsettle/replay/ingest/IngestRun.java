package org.gridsettle.replay.ingest;

import org.gridsettle.engine.EngineCounters;
import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.engine.snapshot.SnapshotWriteException;
import org.gridsettle.journal.IoReason;
import org.gridsettle.replay.bill.BillingCalendar;
import org.gridsettle.replay.bill.ZeroRuns;
import org.gridsettle.journal.ExclusiveFileLock;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.ProgressListener;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.TouTariff;
import org.gridsettle.replay.tariff.DemandWindowCheck;
import org.gridsettle.replay.tariff.TariffDocument;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Loads real meter data into a journal and runs the engine over it: the tariff is published, the enrolment file's
 * accounts registered and meters enrolled, then every reading of every usage file is submitted as a tick.
 * <p>
 * Every file is read once before the engine starts, so a file that cannot be read at all stops the run before
 * anything is journalled; a journal is append-only, and half a file in it could not be taken back. Bad rows are
 * skipped and reported, and so are readings of enrolled meters from before any enrolment can start
 * ({@link EnrolmentStart}); readings the engine rejects are journalled with their rejection.
 * <p>
 * The tariff and enrolments take effect from the local midnight that starts the day the rate's URDB start date names
 * when it has one ({@link TariffDocument#pricesFrom}), else from the local midnight that starts the day of the earliest
 * reading of an enrolled meter. A journal that already exists is
 * recovered by the engine and appended to; the tariff and accounts then come back as rejected duplicates
 * ({@code ALREADY_EXISTS}), the journalled tariff version keeps pricing, and the meters are enrolled from its start;
 * a tariff or zone that differs from it is refused before anything is journalled. Readings the journal already
 * settled with the same values are not submitted again ({@link SettledReadings}). One ingest writes a journal at a
 * time: a second one into the same directory is refused before it journals anything ({@link JournalLock}).
 * An end of day is submitted at each local midnight the readings pass and a period close at each start of a billing
 * period (the tariff's billing-cycle day) they pass, in time order among the readings, up to the start of the last
 * billing period: it stays open, its days not ended (but those a DR event needs to settle), so that a later ingest
 * can add to it. The days and period an earlier ingest left open are ended before this
 * run's enrolments.
 * <p>
 * Not thread-safe: one run, on the calling thread.
 */
public final class IngestRun
{
    /** Readings further apart than a year are taken for a wrong date: a leap year and a day of slack. */
    private static final long MAX_GAP_SECONDS = 367L * 86_400L;

    private final Path journalDir;
    private final TariffDocument tariffDocument;
    private final ZoneId zone;
    private final String exportToken;
    /** Whether the caller named the export token, rather than leaving it to the tariff: for the refusal's words. */
    private final boolean exportTokenGiven;
    private final List<Enrolment> enrolments;
    private final List<UsageFile> usageFiles;
    private CarbonFiles carbon = CarbonFiles.NONE;
    private ProgressListener progress = ProgressListener.NONE;
    private ProgressListener readProgress = ProgressListener.NONE;
    private java.util.function.BooleanSupplier stopRequested = () -> false;
    private boolean stopped;
    private String snapshotFailure;
    private List<Path> oracleFiles = List.of();
    private String defaultPricingNode;
    private DrEventFiles demandResponse = DrEventFiles.NONE;
    private Consumer<String> warnings = (line) -> { };
    private Optional<String> inputWarning = Optional.empty();
    private int zeroRunHours = ZeroRuns.DEFAULT_HOURS;

    /**
     * @param journalDir     journal directory, created or appended to.
     * @param tariffDocument the tariff.
     * @param zone           the tariff's zone.
     * @param exportToken    token export credits are posted in, or null for the tariff's own
     *                       ({@link TariffDocument#exportToken()}).
     * @param enrolments     the meters and their accounts.
     * @param usageFiles     meter-data files, submitted in this order.
     */
    public IngestRun(
        final Path journalDir,
        final TariffDocument tariffDocument,
        final ZoneId zone,
        final String exportToken,
        final List<Enrolment> enrolments,
        final List<UsageFile> usageFiles)
    {
        this.journalDir = Objects.requireNonNull(journalDir, "journalDir");
        this.tariffDocument = Objects.requireNonNull(tariffDocument, "tariffDocument");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.exportTokenGiven = exportToken != null;
        this.exportToken = exportTokenGiven ? exportToken : tariffDocument.exportToken();
        this.enrolments = List.copyOf(enrolments);
        this.usageFiles = List.copyOf(usageFiles);
    }

    /**
     * @param carbonFiles grid carbon intensity to publish before the meters are enrolled on its region.
     * @return this.
     */
    public IngestRun carbon(final CarbonFiles carbonFiles)
    {
        this.carbon = Objects.requireNonNull(carbonFiles, "carbonFiles");
        return this;
    }

    /**
     * @param oraclePriceFiles   oracle price CSVs, published in this order before the readings; bad rows are
     *                           reported and skipped like bad usage rows.
     * @param defaultPricingNode pricing node of every meter whose enrolment names none, or null.
     * @return this.
     */
    public IngestRun oracle(final List<Path> oraclePriceFiles, final String defaultPricingNode)
    {
        this.oracleFiles = List.copyOf(oraclePriceFiles);
        this.defaultPricingNode = defaultPricingNode;
        return this;
    }

    /**
     * @param events demand-response events to publish, announced ahead of the readings like a day-ahead notice, so
     *               that each settles at the end of its day; that day is ended in this run (with its end of day and
     *               those before it) when the readings reach the event's end.
     * @return this.
     */
    public IngestRun demandResponse(final DrEventFiles events)
    {
        this.demandResponse = Objects.requireNonNull(events, "events");
        return this;
    }

    /**
     * @param reporter receives one line per warning that does not stop the run, such as a Green Button file stating
     *                 another zone than the tariff's.
     * @return this.
     */
    public IngestRun warnings(final Consumer<String> reporter)
    {
        this.warnings = Objects.requireNonNull(reporter, "reporter");
        return this;
    }

    /**
     * @param line a warning about how the command read its options, such as the tariff's zone being assumed, given to
     *             {@link #warnings} with the run's own once every input file has been read and accepted: a refused
     *             file stays the run's one line of stderr.
     * @return this.
     */
    public IngestRun inputWarning(final Optional<String> line)
    {
        this.inputWarning = Objects.requireNonNull(line, "line");
        return this;
    }

    /**
     * @param hours the shortest run of an enrolled meter's zero readings the report names ({@link ZeroRuns}), or 0
     *              for no check; the readings are settled as read either way.
     * @return this.
     */
    public IngestRun zeroRunHours(final int hours)
    {
        if (hours < 0)
        {
            throw new IllegalArgumentException("zero-run hours must not be negative: " + hours);
        }
        this.zeroRunHours = hours;
        return this;
    }

    /**
     * @param listener told how many readings have been submitted, against the number read.
     * @return this.
     */
    public IngestRun progress(final ProgressListener listener)
    {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * @param listener told how many bytes of the usage files have been read, against their sizes (twice a Green Button
     *                 file's, which is read twice; {@link ReadProgress}), while they are read and parsed before
     *                 anything is submitted; its last call has the total.
     * @return this.
     */
    public IngestRun readProgress(final ProgressListener listener)
    {
        this.readProgress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * @param requested asked before each reading is submitted whether to stop (a signal to the command): the readings
     *                  submitted so far settle and the engine closes as at the end of a whole run; the ends of days
     *                  not fully ingested are left for the rerun, which skips the readings this run settled.
     * @return this.
     */
    public IngestRun stopWhen(final java.util.function.BooleanSupplier requested)
    {
        this.stopRequested = Objects.requireNonNull(requested, "requested");
        return this;
    }

    /**
     * @return true if the run stopped submitting readings because {@link #stopWhen} asked it to; it closed the engine
     *         as at the end of a whole run, so the journal ends with its close checkpoint.
     */
    public boolean stopped()
    {
        return stopped;
    }

    /**
     * @return why the snapshot the engine writes as it closes could not be written, or null if it was: the journal
     *     was closed and sealed first, so every reading the run submitted is in it and the report is true.
     */
    public String snapshotFailure()
    {
        return snapshotFailure;
    }

    /**
     * Runs the ingest.
     *
     * @param badRowReporter receives one line per bad row, as it is found.
     * @return what was done.
     * @throws MeterDataException when a usage file cannot be read at all; nothing is journalled then.
     * @throws org.gridsettle.pricing.importer.urdb.UrdbImportException when the tariff cannot be mapped; nothing is
     *                                                                 journalled then.
     */
    public IngestReport run(final Consumer<String> badRowReporter)
    {
        final long firstCovered = LocalDate.of(ZoneOffsetTable.FIRST_YEAR, 1, 1).atStartOfDay(zone).toEpochSecond();
        final long lastCovered = LocalDate.of(ZoneOffsetTable.LAST_YEAR, 1, 1).atStartOfDay(zone).toEpochSecond();
        // a tariff that cannot be mapped is refused before a single reading is looked at
        final TouTariff mapped = tariffDocument.toTariff(
            tariffDocument.startDate().map(Instant::getEpochSecond).orElse(firstCovered), exportToken, zone);
        final BadRowTally badRows = new BadRowTally(badRowReporter);
        final MeterIdMap meterIds = new MeterIdMap(enrolments);
        final List<IngestReport.FileSummary> files = new ArrayList<>();
        // read everything first: a file that cannot be read stops the run before anything is journalled, and the
        // readings of all files are then submitted in time order with the calendar events between them
        final ReadingBuffer readings =
            new ReadingBuffer(meterIds, badRows, EnrolmentStart.of(tariffDocument.earliestStart(zone), zone));
        final ReadProgress read = ReadProgress.of(readProgress, usageFiles);
        for (final UsageFile file : usageFiles)
        {
            final long badBefore = badRows.count();
            final long count = file.read(readings, read);
            files.add(new IngestReport.FileSummary(file.name(), file.format(), count, badRows.count() - badBefore));
        }
        read.finish();
        final List<OraclePriceSeries> oraclePrices = new ArrayList<>();
        final SeriesCoverage oracleCoverage =
            new SeriesCoverage("oracle price intervals", "node", "ORACLE_PRICE_MISSING");
        for (final Path file : oracleFiles)
        {
            for (final OraclePriceSeries series : OraclePriceFiles.read(file, badRows))
            {
                oraclePrices.add(series);
                oracleCoverage.series(String.valueOf(file.getFileName()), series.node(), series);
            }
        }
        final java.util.function.LongPredicate covered = t -> t >= firstCovered && t < lastCovered;
        checkDates(readings, covered, meterIds.unknownMeters());
        // after the refusal of a run with nothing to settle at all, which is its one line
        files.stream().filter((f) -> f.readings() == 0 && f.badRows() == 0).forEach((f) -> warnings.accept(
            emptyFileWarning(f)));
        final long firstReading = readings.earliestStart(covered);
        inputWarning.ifPresent(warnings);
        readings.readerWarnings().forEach(warnings);
        if (firstReading != Long.MAX_VALUE)
        {
            readings.feedTimeZones().mismatches(zone, firstReading).forEach(warnings);
        }
        final ReadingChecks checks = new ReadingChecks(readings, covered, enrolments, zone);
        checks.nightExports().forEach(warnings);
        checks.exportTerms(mapped).forEach(warnings);
        // a tariff whose exports earn its TOU sell rates looks no oracle price up: no reading of it needs one
        checks.seriesCoverage(carbon, mapped.pricesCarbon(), mapped.carbonCarryIntervals(), defaultPricingNode,
            oracleFiles.isEmpty() || !mapped.oraclePricedExports() ? null : oracleCoverage)
            .forEach(warnings);
        if (!mapped.oraclePricedExports())
        {
            oracleFiles.forEach((file) -> warnings.accept(file.getFileName() + ": the tariff credits no export at " +
                "an oracle price (only a gridsettle tariff whose export_rule has \"export_rate\": \"oracle\" " +
                "does), so --oracle's prices are journalled and price nothing"));
        }
        if (!mapped.pricesCarbon())
        {
            // as for --oracle: taken in silence, a carbon file that prices nothing read as if it priced the readings
            new LinkedHashSet<>(IntStream.range(0, carbon.series().size()).mapToObj(carbon::source).toList())
                .forEach((file) -> warnings.accept(file + ": the tariff prices no carbon (only a gridsettle tariff " +
                    "with a \"carbon\" block does; URDB rates have none), so --carbon's intensities are journalled " +
                    "and price nothing"));
        }
        DemandWindowCheck.mismatch(tariffDocument.demandWindowMinutes(),
            IntStream.range(0, readings.size()).map(readings::seconds)).ifPresent(warnings);
        refuseForeignDirectory();
        // one writer at a time, from reading what the journal settled to closing the engine: a second ingest into
        // the directory would interleave its hash chain with this one's
        final ExclusiveFileLock writer = JournalLock.acquire(journalDir);
        try
        {
            // before the journal is read: a reader refuses, or waits a minute on, what a killed run left behind
            for (final Path file : Journals.setAsideAbandonedCycleFiles(journalDir))
            {
                warnings.accept(file + " was left without Chronicle's header by a run killed as it created the " +
                    "file, and held no record: set aside as " + file.getFileName() + JournalWriter.ABANDONED_SUFFIX);
            }
            return settle(readings, covered, meterIds, badRows, files, oraclePrices, checks.zeroRuns(zeroRunHours));
        }
        finally
        {
            writer.close();
        }
    }

    /**
     * A usage file read without a fault that held nothing is most likely the wrong file of a download (its UsagePoint
     * or ReadingType alone): the summary line's "0 readings" alone left that to be noticed.
     */
    private static String emptyFileWarning(final IngestReport.FileSummary file)
    {
        return UsageFile.noReading(file.name(), file.format()) + "; nothing of it is settled";
    }

    /**
     * Refuses, before anything is written, a directory that holds no journal but holds something else: the engine
     * would lay a new journal out among those files. Typed for the journal's own {@code input} queue (one level too
     * deep, a slip an operator makes), it would nest a second journal inside the first one's queue directory.
     */
    private void refuseForeignDirectory()
    {
        if (Journals.exists(journalDir) || !java.nio.file.Files.isDirectory(journalDir))
        {
            return;
        }
        // what a journal directory holds before its first cycle file: the engine's and this command's own entries
        final Set<String> own = Set.of(Journals.INPUT, Journals.OUTPUT, "snapshots", JournalLock.FILE);
        final List<String> others;
        try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(journalDir))
        {
            others = entries.map((p) -> p.getFileName().toString()).filter((name) -> !own.contains(name)).sorted()
                .limit(3).toList();
        }
        catch (final java.io.IOException e)
        {
            throw new java.io.UncheckedIOException(journalDir + ": cannot list the journal directory: " +
                IoReason.of(e), e);
        }
        if (others.isEmpty())
        {
            return;
        }
        final boolean queue = others.stream().anyMatch((name) -> name.endsWith(".cq4") || name.endsWith(".cq4t"));
        throw new IllegalArgumentException(journalDir + " holds no journal but is not empty (" +
            String.join(", ", others) + (others.size() == 3 ? ", ..." : "") + "): " + (queue ?
            "it is a queue inside a journal; give the journal directory, the one holding input/ and output/" :
            "give a new or empty directory, or an existing journal's") + "; nothing was journalled");
    }

    /**
     * The part of {@link #run} that reads and writes the journal, called with the {@link JournalLock} held.
     */
    private IngestReport settle(
        final ReadingBuffer readings,
        final java.util.function.LongPredicate covered,
        final MeterIdMap meterIds,
        final BadRowTally badRows,
        final List<IngestReport.FileSummary> files,
        final List<OraclePriceSeries> oraclePrices,
        final List<String> zeroRuns)
    {
        // one pass over the input journal: the calendar to resume, and the readings it settled already (a file sent
        // again is not submitted again)
        final SettledReadings.Scan settledScan = SettledReadings.scan(journalDir, readings);
        final JournalledEnrolments enrolled = new JournalledEnrolments(settledScan::applied);
        final JournalledCalendar journalled =
            JournalledCalendar.read(journalDir, TariffDocument.TARIFF_ID, TariffDocument.VERSION,
                (buffer, offset, length, position) ->
                {
                    settledScan.onRecord(buffer, offset, length, position);
                    enrolled.onRecord(buffer, offset, length, position);
                },
                settledScan::applied);
        final SettledReadings settled = settledScan.result();
        // appending, the journalled version keeps pricing (this run's copy is rejected ALREADY_EXISTS): its start is
        // the tariff's, and the meters keep it, so that re-enrolling them does not take back days they were on it
        final long effectiveFrom = journalled.tariffEffectiveFrom() != JournalledCalendar.NONE ?
            journalled.tariffEffectiveFrom() : effectiveFrom(readings.earliestStart(covered));
        final TouTariff tariff = tariffDocument.toTariff(effectiveFrom, exportToken, zone);
        refuseAnotherTariff(tariff, journalled.tariff());
        enrolled.refuseRenumbered(enrolments, tariff.tariffId(), journalDir);
        final List<DrEventFiles.Cancelled> withdrawals = DrWithdrawals.due(demandResponse, journalled);
        final List<DrEventFiles.Mapped> drEvents = DrPublications.due(demandResponse, journalled);
        // only for the events published: one skipped as older than the journal's is not settled by this run at all
        drEvents.forEach((event) -> DrTargetWarning.of(event, demandResponse.venId()).ifPresent(warnings));
        if (!drEvents.isEmpty())
        {
            DrPartialHours.of(readings, enrolments, drEvents,
                demandResponse.program().method() == BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, zone)
                .forEach(warnings);
        }
        if (!drEvents.isEmpty() && enrolments.stream()
            .noneMatch((e) -> (e.programs() & MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE) != 0))
        {
            // the summary's "0 meters credited" alone reads like meters that did not shed load
            warnings.accept("the enrolment file puts no meter in demand response (its programs column's " +
                "demand_response): the " + drEvents.size() + " DR event" + (drEvents.size() == 1 ? "" : "s") +
                " journalled dispatch" + (drEvents.size() == 1 ? "es" : "") + " no meter and pay" +
                (drEvents.size() == 1 ? "s" : "") + " nothing");
        }
        final List<BillingCalendar.Event> events =
            calendarEvents(readings, covered, journalled, withdrawals, drEvents);

        final boolean journalExisted = Journals.exists(journalDir);
        final EngineOutcomeTally tally = new EngineOutcomeTally();
        final DrOutcomeTally drTally = new DrOutcomeTally();
        final Set<Long> accounts = new LinkedHashSet<>();
        long submitted = 0;
        if (stopRequested.getAsBoolean())
        {
            // a signal while the files were read: the engine is not started, so the journal is as it was
            throw new IllegalStateException("stopped by a signal before anything was journalled");
        }
        final SettlementEngine engine = SettlementEngine.builder().journalDir(journalDir).listener(tally)
            .listener(drTally).build();
        long recovered = 0;
        try (engine)
        {
            engine.start();
            recovered = engine.recoveredInputs();
            // what the start did besides loading a snapshot: a snapshot passed over (a damaged file can mean a
            // failing disk), outputs appended that the output journal lacked (a kill, or a lost output file)
            engine.recoveryNotes().stream().filter((note) -> !note.startsWith("loaded snapshot ")).forEach(warnings);
            engine.publishTariff(tariff);
            // before any end of day of this run, so that a cancelled event still pending never settles, and before
            // this run's events, so that one a VTN called over the cancelled event's hours does not overlap it
            for (final DrEventFiles.Cancelled c : withdrawals)
            {
                // with the cancellation's modification number, so that the journal shows which message it was
                engine.withdrawDrEvent(c.engineId(), tariff.tariffId(), c.event().modificationNumber());
            }
            publishDrEvents(engine, tariff.tariffId(), drEvents, journalled);
            // the days and the month an earlier ingest left open end before this run enrols anyone: a meter it adds
            // was not on the tariff then, and is not charged for them
            int nextEvent = 0;
            final long firstReading = readings.earliestStart(covered);
            while (nextEvent < events.size() && events.get(nextEvent).at() <= firstReading)
            {
                engine.calendar(events.get(nextEvent).kind(), events.get(nextEvent++).at(), tariff.tariffId());
            }
            for (final CarbonIntensitySeries series : carbon.series())
            {
                engine.publishCarbonIntensity(TokenSymbol.pack(series.region()), series);
            }
            final long carbonRegion = carbon.enrolmentRegionSymbol();
            for (final Enrolment e : enrolments)
            {
                if (accounts.add(e.accountId()))
                {
                    engine.registerAccount(e.accountId());
                }
                engine.enrolMeter(e.meterId(), e.accountId(), tariff.tariffId(), effectiveFrom, e.programs(),
                    carbonRegion, e.pricingNode() != null ? e.pricingNode() : defaultPricingNode, e.importLimitW(),
                    e.exportLimitW());
            }
            for (final OraclePriceSeries series : oraclePrices)
            {
                engine.publishOraclePrices(series);
            }
            final long toSubmit = readings.size() - settled.count();
            final java.util.function.BooleanSupplier stop = stopRequested;
            for (final int i : readings.inStartOrder())
            {
                if (settled.isSettled(i))
                {
                    continue;
                }
                if (stop.getAsBoolean())
                {
                    // every reading submitted so far settles; the rest, and the ends of their days, wait for a rerun,
                    // which skips what this run settled
                    stopped = true;
                    break;
                }
                if (submitted % ProgressListener.EVERY == 0)
                {
                    progress.progress(submitted, toSubmit);
                }
                while (nextEvent < events.size() && events.get(nextEvent).at() <= readings.start(i))
                {
                    engine.calendar(events.get(nextEvent).kind(), events.get(nextEvent++).at(), tariff.tariffId());
                }
                engine.submitTick(readings.meter(i), readings.channel(i), readings.start(i), readings.seconds(i),
                    readings.importWh(i), readings.exportWh(i));
                submitted++;
            }
            while (!stopped && nextEvent < events.size())
            {
                engine.calendar(events.get(nextEvent).kind(), events.get(nextEvent++).at(), tariff.tariffId());
            }
            progress.progress(submitted, submitted);
        }
        catch (final SnapshotWriteException e)
        {
            if (engine.fatalError() != null)
            {
                throw e;
            }
            // the closing snapshot: the journals were sealed before it failed, and this run's report is true
            snapshotFailure = e.getMessage();
        }
        final EngineCounters counters = engine.counters();
        // calendar events already applied by an earlier run are acknowledged too: only the readings count here
        final long tickDuplicates = tickDuplicates(recovered, tally.duplicateCauses());
        return new IngestReport(
            journalExisted || recovered > 0, recovered, tariffDocument.describe(), effectiveFrom, enrolments.size(),
            accounts.size(), files, submitted, submitted - tally.tickRejections() - tickDuplicates,
            tickDuplicates, settled.count(), badRows.count(), badRows.byKind(), tally.tickRejectionsByReason(),
            tally.otherRejections(), meterIds.unknownMeters(), tally.transfers(), tally.amountsByToken(),
            counters.inputs(), counters.outputs(), engine.inputDigest(), engine.outputDigest(), engine.inputSeal(),
            engine.outputSeal(),
            carbon.enrolmentRegion(), carbon.intervals(), oracleIntervals(oraclePrices),
            drSummary(events, journalled, withdrawals, drEvents, drTally), zeroRuns,
            openPeriodLine(readings, covered, events, journalled));
    }

    private static Map<String, Long> oracleIntervals(final List<OraclePriceSeries> oraclePrices)
    {
        final Map<String, Long> byNode = new TreeMap<>();
        oraclePrices.forEach((series) -> byNode.merge(series.node(), (long)series.size(), Long::sum));
        return byNode;
    }

    /**
     * Refuses, before anything is journalled, a tariff other than the one the journal already prices with: this run's
     * copy would be rejected ALREADY_EXISTS and the journalled one would price its readings, while its days were
     * ended in this run's zone and its report named this run's rate.
     */
    private void refuseAnotherTariff(final TouTariff tariff, final TouTariff journalled)
    {
        if (journalled == null || java.util.Arrays.equals(encoded(tariff), encoded(journalled)))
        {
            return;
        }
        if (!journalled.exportToken().equals(tariff.exportToken()) && java.util.Arrays.equals(encoded(journalled),
            encoded(tariffDocument.toTariff(journalled.effectiveFromEpochSecond(), journalled.exportToken(), zone))))
        {
            // the one difference: a journal an ingest wrote before it took a gridsettle tariff's own export token
            throw new IllegalArgumentException(journalDir + " mints export credits in " + journalled.exportToken() +
                ", not " + (exportTokenGiven ? "--export-token " : "the tariff file's ") + tariff.exportToken() +
                ": give --export-token " + journalled.exportToken() + " to append to it; nothing was journalled");
        }
        throw new IllegalArgumentException("--tariff " + tariffDocument.describe() + " in " + zone + " is not the " +
            "tariff " + journalled.tariffId() + " version " + journalled.version() + " that " + journalDir +
            " already prices with (" + journalled.zone() + ", from an earlier ingest): appending, give the same " +
            "tariff file and --zone; a changed rate needs a journal of its own; nothing was journalled");
    }

    private static byte[] encoded(final TouTariff tariff)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(
            new byte[org.gridsettle.journal.codec.TariffVersionCodec.encodedLength(tariff)]);
        final org.gridsettle.journal.codec.TariffVersionCodec codec =
            new org.gridsettle.journal.codec.TariffVersionCodec();
        codec.wrap(buffer, 0);
        codec.encode(0, tariff);
        return buffer.byteArray();
    }

    private void publishDrEvents(
        final SettlementEngine engine, final long tariffId, final List<DrEventFiles.Mapped> drEvents,
        final JournalledCalendar journalled)
    {
        final DrProgram program = demandResponse.program();
        for (final DrEventFiles.Mapped e : drEvents)
        {
            // with its modification number, so that a later ingest can tell an older copy of it (DR_EVENT schema 2);
            // a later modification of an event an earlier run journalled, still pending, replaces it (schema 3)
            if (DrPublications.modifies(e, journalled))
            {
                engine.modifyDrEvent(e.engineId(), TokenSymbol.pack(program.token()), tariffId, e.start(), e.end(),
                    program.incentiveMicros(), program.method(), e.declaredWhPerHour(),
                    e.event().modificationNumber());
            }
            else
            {
                engine.publishDrEvent(e.engineId(), TokenSymbol.pack(program.token()), tariffId, e.start(), e.end(),
                    program.incentiveMicros(), program.method(), e.declaredWhPerHour(),
                    e.event().modificationNumber());
            }
        }
    }

    /**
     * @return the DR part of the report, or null when the run had no DR events option.
     */
    private DrSummary drSummary(
        final List<BillingCalendar.Event> calendar, final JournalledCalendar journalled,
        final List<DrEventFiles.Cancelled> withdrawals, final List<DrEventFiles.Mapped> drEvents,
        final DrOutcomeTally drTally)
    {
        if (demandResponse == DrEventFiles.NONE)
        {
            return null;
        }
        final List<DrSummary.Event> events = new ArrayList<>();
        for (final DrEventFiles.Mapped e : drEvents)
        {
            // an event settles at the first end of day at or after its end that the engine applies; one at or before
            // the journal's latest is acknowledged as a duplicate and settles nothing
            final boolean settledEarlier = journalled.settledDrEvent(e.engineId());
            final boolean due = calendar.stream().anyMatch((c) -> c.kind() == CalendarCodec.END_OF_DAY &&
                c.at() >= e.end() && c.at() > journalled.lastEndOfDay());
            events.add(new DrSummary.Event(e, drTally.publicationRejection(e.engineId()), settledEarlier,
                !settledEarlier && !due, drTally.credits(e.start()),
                DrPublications.modifies(e, journalled) ? journalled.heldDrEventModification(e.engineId()) :
                DrEventCodec.UNKNOWN_MODIFICATION));
        }
        final List<DrSummary.Withdrawal> withdrawn = new ArrayList<>();
        final Set<Long> listedIds = new java.util.HashSet<>();
        for (final DrEventFiles.Cancelled c : withdrawals)
        {
            withdrawn.add(new DrSummary.Withdrawal(c, drTally.withdrawalRejection(c.engineId()),
                DrWithdrawals.unchecked(c, journalled)));
            listedIds.add(c.engineId());
        }
        // stale cancellations are listed on lines of their own, as withdrawals are
        final List<DrEventFiles.Older> older = new ArrayList<>(DrWithdrawals.stale(demandResponse, journalled));
        older.forEach((o) -> listedIds.add(o.older().engineId()));
        older.addAll(DrPublications.superseded(demandResponse, journalled));
        // an event withdrawn in this run, or stale, is on a line of its own; one an earlier run withdrew is said to be
        final List<DrEventFiles.Skipped> skipped = new ArrayList<>();
        for (final DrEventFiles.Skipped s : demandResponse.skipped())
        {
            final long engineId = DrEventIds.of(s.event().eventId()).value();
            if (listedIds.contains(engineId) && !s.event().isTest())
            {
                continue;
            }
            if (s.event().isTest())
            {
                skipped.add(s);
            }
            else if (journalled.withdrawnDrEvent(engineId))
            {
                skipped.add(new DrEventFiles.Skipped(s.source(), s.event(), s.reason() + ", withdrawn by an earlier " +
                    "ingest (engine id " + engineId + ")"));
            }
            else if (journalled.withdrawnAfterSettlement(engineId))
            {
                skipped.add(new DrEventFiles.Skipped(s.source(), s.event(), s.reason() + ", settled before an " +
                    "earlier ingest's withdrawal of it (engine id " + engineId + ")"));
            }
            else
            {
                skipped.add(s);
            }
        }
        return new DrSummary(demandResponse.files(), demandResponse.program(), zone, events, withdrawn, older,
            DrPublications.withdrawnEarlier(demandResponse, journalled), skipped, demandResponse.superseded(),
            drTally.rejectionsByReason());
    }

    /**
     * Refuses, before anything is journalled, dates that would journal years of calendar events or nothing at all:
     * an ingest submits an end of day for every local day from its first reading to its last, with the day's fixed
     * charges, so one reading dated decades away would charge decades of fixed charges for good. A reading in the
     * future, a meter's readings more than a year apart, a tariff that starts after every reading, and readings past
     * the rate's URDB end date are refused whole, and so are usage files without a reading to start a new journal
     * from.
     */
    private void checkDates(
        final ReadingBuffer readings, final java.util.function.LongPredicate covered, final List<String> unknownMeters)
    {
        final long latest = readings.latestStart(covered);
        if (latest == Long.MIN_VALUE)
        {
            // a new journal's tariff and enrolments would start at the first covered year's midnight, for good; on a
            // journal that exists, a run without readings still ends its open days and withdraws cancelled events
            if (tariffDocument.startDate().isEmpty() && !Journals.exists(journalDir))
            {
                throw new IllegalArgumentException("the usage files hold no reading of an enrolled meter dated " +
                    ZoneOffsetTable.FIRST_YEAR + " to " + (ZoneOffsetTable.LAST_YEAR - 1) +
                    (unknownMeters.isEmpty() ? "" : " (they name only meters not in the enrolment file: " +
                    IngestReportPrinter.unknownMeters(unknownMeters) + ")") + ": nothing to settle, and no day to " +
                    "start a new journal's tariff and enrolments from (the rate has no URDB startdate); nothing " +
                    "was journalled");
            }
            return;
        }
        final long tomorrow = Instant.now().getEpochSecond() + 86_400L;
        // every enrolled meter's reading, not only those in the covered years: one dated 2100 or later is in the
        // future too, and the engine could only refuse it as MALFORMED, its date outside the zone tables
        final long newest = readings.latestStart(start -> true);
        if (newest > tomorrow)
        {
            throw new IllegalArgumentException("a reading starts at " + Instant.ofEpochSecond(newest) +
                ", in the future: a date in the usage files is wrong; nothing was journalled");
        }
        // per meter: files of different meters may well cover different years
        final org.agrona.collections.Long2LongHashMap previousByMeter = new org.agrona.collections.Long2LongHashMap(
            Long.MIN_VALUE);
        for (final int i : readings.inStartOrder())
        {
            final long start = readings.start(i);
            if (!covered.test(start))
            {
                continue;
            }
            final long previous = previousByMeter.put(readings.meter(i), start);
            if (previous != Long.MIN_VALUE && start - previous > MAX_GAP_SECONDS)
            {
                throw new IllegalArgumentException("the readings of one meter jump from " +
                    Instant.ofEpochSecond(previous) + " to " + Instant.ofEpochSecond(start) + ", more than a year " +
                    "without data: a date in the usage files is likely wrong; nothing was journalled");
            }
        }
        if (tariffDocument.endDate().isPresent() && tariffDocument.endDate().get().getEpochSecond() <= latest)
        {
            throw new IllegalArgumentException("readings run to " + Instant.ofEpochSecond(latest) + ", past the " +
                "tariff's URDB enddate " + tariffDocument.endDate().get() + ": an ended rate would price them; " +
                "ingest the readings before it with this rate and the rest with the rate that replaced it; nothing " +
                "was journalled");
        }
        // the earlier of the startdate and its day's local midnight: east of UTC the day begins before the startdate
        final Optional<Instant> earliest = tariffDocument.earliestStart(zone);
        if (earliest.isPresent() && earliest.get().getEpochSecond() > latest)
        {
            final Instant start = tariffDocument.startDate().orElseThrow();
            throw new IllegalArgumentException("the tariff takes effect on " + start + " (its " +
                tariffDocument.startDateName() + (earliest.get().equals(start) ? "" : ", whose day begins at " +
                earliest.get() + " in " + zone) + "), after every reading (the last starts at " +
                Instant.ofEpochSecond(latest) + "): no reading could be settled; nothing was journalled");
        }
    }

    /**
     * Counts the acknowledged inputs of this run that were readings, reading back this run's part of the input
     * journal, since an acknowledgement names only its cause's sequence.
     */
    private long tickDuplicates(final long recovered, final org.agrona.collections.LongArrayList causes)
    {
        if (causes.isEmpty())
        {
            return 0;
        }
        final org.agrona.collections.LongHashSet acknowledged = new org.agrona.collections.LongHashSet();
        causes.forEachOrderedLong(acknowledged::add);
        final long[] ticks = {0};
        try (org.gridsettle.journal.JournalReader reader = new org.gridsettle.journal.JournalReader(
            Journals.input(journalDir)))
        {
            reader.seekToSequence(recovered + 1);
            while (reader.next((buffer, offset, length, position) ->
            {
                if (acknowledged.contains(RecordFlyweight.sequenceAt(buffer, offset)) &&
                    RecordFlyweight.typeIdAt(buffer, offset) == RecordType.METER_TICK.id())
                {
                    ticks[0]++;
                }
            }))
            {
                // counted in the handler
            }
        }
        return ticks[0];
    }

    private long effectiveFrom(final long earliestReading)
    {
        if (tariffDocument.startDate().isPresent())
        {
            return tariffDocument.pricesFrom(zone).orElseThrow().getEpochSecond();
        }
        final long firstCovered = LocalDate.of(ZoneOffsetTable.FIRST_YEAR, 1, 1).atStartOfDay(zone).toEpochSecond();
        final long lastCovered = LocalDate.of(ZoneOffsetTable.LAST_YEAR, 1, 1).atStartOfDay(zone).toEpochSecond();
        // a reading dated outside the years the tariff's zone table covers is a bad date, not a reason to move the
        // tariff there: one before them is a bad row (EnrolmentStart), one after them the engine rejects
        if (earliestReading < firstCovered || earliestReading >= lastCovered)
        {
            return firstCovered;
        }
        return LocalDate.ofInstant(Instant.ofEpochSecond(earliestReading), zone).atStartOfDay(zone).toEpochSecond();
    }

    /**
     * End of each local day the readings cover, and a period close at each start of a billing period they pass; the
     * last, still open billing period is not closed, so a later ingest can add to it. The days of that period stay
     * open too, except up to the day of each DR event the readings reach the end of (this run's, or one an earlier
     * run journalled that is not settled yet): that day is ended (with the days before it), so that
     * the event settles in this run, while its period stays open. On a journal that already holds readings, the
     * calendar resumes where the journal's got to ({@link JournalledCalendar}), so the days and the month an earlier
     * ingest left open are ended and closed before this run's readings (the days both runs cover are acknowledged as
     * duplicates).
     */
    private List<BillingCalendar.Event> calendarEvents(
        final ReadingBuffer readings, final java.util.function.LongPredicate covered,
        final JournalledCalendar journalled, final List<DrEventFiles.Cancelled> withdrawals,
        final List<DrEventFiles.Mapped> drEvents)
    {
        final long resumeFrom = journalled.resumeFrom();
        final long first = readings.earliestStart(covered);
        final long last = readings.latestStart(covered);
        if (first == Long.MAX_VALUE)
        {
            return List.of();
        }
        final LocalDate firstDay = LocalDate.ofInstant(Instant.ofEpochSecond(first), zone);
        final LocalDate from = resumeFrom == JournalledCalendar.NONE ? firstDay :
            min(firstDay, LocalDate.ofInstant(Instant.ofEpochSecond(resumeFrom), zone));
        // the billing period of the last reading, from the tariff's cycle day: a close at a month start would end a
        // period billed from the 15th half-way
        final int cycleDay = tariffDocument.billingCycleDay();
        final LocalDate openMonth = openPeriodStart(last);
        LocalDate to = openMonth;
        final long readingsEnd = readings.latestEnd(covered);
        // this run's events, and those an earlier run journalled that are still waiting for the end of their day,
        // except those this run withdraws
        final java.util.stream.LongStream.Builder ends = java.util.stream.LongStream.builder();
        drEvents.forEach((e) -> ends.add(e.end()));
        java.util.Arrays.stream(journalled.pendingDrEventEnds((id) -> withdrawals.stream()
            .anyMatch((c) -> c.engineId() == id))).forEach(ends::add);
        for (final long end : ends.build().toArray())
        {
            final LocalDate dayAfter = LocalDate.ofInstant(Instant.ofEpochSecond(end - 1), zone).plusDays(1);
            if (end <= readingsEnd && dayAfter.isAfter(to))
            {
                to = dayAfter;
            }
        }
        if (!from.isBefore(to))
        {
            return List.of();
        }
        final long openMonthStart = openMonth.atStartOfDay(zone).toEpochSecond();
        return new BillingCalendar(from, to, zone, cycleDay).events().stream()
            .filter((e) -> e.kind() != CalendarCodec.PERIOD_CLOSE || e.at() <= openMonthStart)
            .toList();
    }

    /**
     * @param lastStart the interval start of the run's last reading, epoch seconds.
     * @return the first day of the billing period that holds it, which the run leaves open.
     */
    private LocalDate openPeriodStart(final long lastStart)
    {
        final int cycleDay = tariffDocument.billingCycleDay();
        final LocalDate lastDay = LocalDate.ofInstant(Instant.ofEpochSecond(lastStart), zone);
        return lastDay.getDayOfMonth() >= cycleDay ?
            lastDay.withDayOfMonth(cycleDay) : lastDay.minusMonths(1).withDayOfMonth(cycleDay);
    }

    /**
     * @return the summary's line on the billing period the run leaves open (its charges wait for a later ingest), or
     *         null when the run had no reading to settle.
     */
    private String openPeriodLine(
        final ReadingBuffer readings, final java.util.function.LongPredicate covered,
        final List<BillingCalendar.Event> events, final JournalledCalendar journalled)
    {
        final long last = readings.latestStart(covered);
        if (readings.earliestStart(covered) == Long.MAX_VALUE)
        {
            return null;
        }
        final LocalDate start = openPeriodStart(last);
        final LocalDate end = start.plusMonths(1);
        // a DR event's day in the open period is ended by this run (or an earlier one), so that the event settles
        long lastEnded = journalled.resumeFrom();
        for (final BillingCalendar.Event e : events)
        {
            if (e.kind() == CalendarCodec.END_OF_DAY)
            {
                lastEnded = lastEnded == JournalledCalendar.NONE ? e.at() : Math.max(lastEnded, e.at());
            }
        }
        final LocalDate notEnded = lastEnded == JournalledCalendar.NONE ? start :
            max(start, LocalDate.ofInstant(Instant.ofEpochSecond(lastEnded), zone));
        return "the billing period " + start + " to " + end + " holds the last reading: its days from " + notEnded +
            " are not ended and it is not closed, so its daily and monthly charges, demand charges and true-ups " +
            "are not posted; a later ingest whose readings pass its end posts them";
    }

    private static LocalDate max(final LocalDate a, final LocalDate b)
    {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(final LocalDate a, final LocalDate b)
    {
        return a.isBefore(b) ? a : b;
    }
}
