package org.gridsettle.engine.logic;

import org.gridsettle.engine.snapshot.StateIo;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.snapshot.StateOutput;
import org.gridsettle.journal.RecordValidator;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.CarbonIntensityCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.calendar.ZoneOffsetTable;
import org.gridsettle.pricing.interval.IntervalIndex;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The settlement state machine: {@code apply(input record) -> output records}.
 * <p>
 * It knows nothing of the Disruptor or Chronicle. Given the same inputs in the same order it emits byte-identical
 * outputs, because it reads no clock, uses no randomness and never lets hash-map iteration order decide what it
 * emits. So the same class runs inside the engine, in replay, in recovery, or under a replicated log.
 * <p>
 * Bad input never throws out of {@link #apply}: it becomes a rejection record with a reason code. A broken ledger
 * invariant does throw, so the host halts rather than posting on. Each input type has its own processor; this class
 * validates the record and dispatches it.
 * <p>
 * Owned by one thread (the business-logic thread). Not thread-safe.
 */
public final class SettlementLogic
{
    private final MeterRegistry meters = new MeterRegistry();
    private final TariffBook tariffs = new TariffBook();
    private final Ledger ledger = new Ledger();
    private final TickWindow window;
    private final BillingAccumulators billing = new BillingAccumulators();
    private final DailyTierTotals dailyTotals = new DailyTierTotals();
    private final DeferredCapture capture;
    private final CarbonBook carbon = new CarbonBook();
    private final OracleBook oracle = new OracleBook();
    private final ReadingLimits limits = new ReadingLimits();
    private final HourlyNetting netting;
    private final DrHistory drHistory = new DrHistory();
    private final DrEventBook drEvents = new DrEventBook();
    private final Postings postings;
    private final CalendarProcessor calendar;
    private final TickProcessor ticks;
    private final RegistryProcessor registry;
    private final RedemptionProcessor redemptions;
    private final InterestProcessor interest;
    private final DrProcessor demandResponse;

    private final UnsafeBuffer inputView = new UnsafeBuffer(0, 0);
    private final MeterTickCodec tick = new MeterTickCodec();
    private final AccountRegistrationCodec account = new AccountRegistrationCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final TariffVersionCodec tariff = new TariffVersionCodec();
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final InterestAccrualCodec accrual = new InterestAccrualCodec();
    private final CalendarCodec calendarEvent = new CalendarCodec();
    private final CarbonIntensityCodec carbonRecord = new CarbonIntensityCodec();
    private final OraclePriceCodec oracleRecord = new OraclePriceCodec();
    private final DrEventCodec drEvent = new DrEventCodec();
    private final DrEventWithdrawalCodec drWithdrawal = new DrEventWithdrawalCodec();

    private long lastInputSequence;

    /**
     * @param sink receives every output record in order.
     */
    public SettlementLogic(final OutputSink sink)
    {
        this(sink, TickWindow.DEFAULT_SLOTS);
    }

    /**
     * @param sink              receives every output record in order.
     * @param correctionWindow  ticks remembered per meter for duplicate detection and corrections.
     */
    public SettlementLogic(final OutputSink sink, final int correctionWindow)
    {
        this.window = new TickWindow(correctionWindow);
        this.postings = new Postings(sink, ledger);
        this.netting = new HourlyNetting(postings);
        this.calendar = new CalendarProcessor(meters, tariffs, billing, dailyTotals, window, postings);
        this.capture = new DeferredCapture(ledger, meters, window, billing);
        this.ticks = new TickProcessor(meters, tariffs, window, calendar, billing, dailyTotals, carbon, drHistory,
            oracle, netting, limits, postings, capture);
        this.registry = new RegistryProcessor(meters, tariffs, window, billing, oracle, limits, drEvents, postings);
        this.redemptions = new RedemptionProcessor(meters, postings);
        this.interest = new InterestProcessor(postings);
        this.demandResponse = new DrProcessor(meters, tariffs, drHistory, drEvents, postings);
        tick.wrap(inputView, 0);
        account.wrap(inputView, 0);
        enrolment.wrap(inputView, 0);
        tariff.wrap(inputView, 0);
        redemption.wrap(inputView, 0);
        accrual.wrap(inputView, 0);
        calendarEvent.wrap(inputView, 0);
        carbonRecord.wrap(inputView, 0);
        oracleRecord.wrap(inputView, 0);
        drEvent.wrap(inputView, 0);
        drWithdrawal.wrap(inputView, 0);
    }

    /**
     * Sizes the per-meter state for a number of meters at once, instead of growing it as meters enrol.
     *
     * @param meters meters expected.
     */
    public void reserveMeters(final int meters)
    {
        if (meters > 0)
        {
            window.ensureMeters(meters);
            billing.ensureMeters(meters);
            // the arrays a snapshot sorts keys in, and the ledger's slots: an account per meter
            this.meters.reserveSnapshotScratch(meters);
            capture.reserve(meters);
            ledger.reserveAccounts(meters);
        }
    }

    /**
     * @param observer shown every dispatched meter's demand-response figures as events settle, for audit reports.
     * @return this.
     */
    public SettlementLogic drSettlementObserver(final DrSettlementObserver observer)
    {
        demandResponse.observer(observer);
        return this;
    }

    /**
     * Applies one journalled input record.
     *
     * @param buffer holding the record; its header carries the input sequence.
     * @param offset of the record.
     * @param length whole record length.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        inputView.wrap(buffer, offset, length);
        final boolean hasHeader = length >= RecordFlyweight.HEADER_LENGTH;
        final long sequence = hasHeader ? RecordFlyweight.sequenceAt(inputView, 0) : 0;
        final int typeId = hasHeader ? RecordFlyweight.typeIdAt(inputView, 0) : 0;
        lastInputSequence = sequence;
        final RecordType type = RecordType.ofId(typeId);
        if (type == null || !type.isInput() || RecordValidator.problem(inputView, 0, length) != null)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, typeId, 0);
            return;
        }
        if (type != RecordType.METER_TICK)
        {
            // a tick changes only its own meter, which it copies first; any other input may change every meter
            capture.finish();
        }
        try
        {
            dispatch(type, sequence, typeId);
        }
        catch (final IllegalArgumentException | ArithmeticException e)
        {
            // a value no tariff or calendar can place (an instant outside the years the zone tables cover, an
            // amount that would overflow): every processor checks before it posts, so nothing was emitted yet
            postings.reject(sequence, ReasonCode.MALFORMED, typeId, malformedSubject(type));
        }
    }

    /**
     * The subject FORMAT.md section 5 gives a MALFORMED rejection of a well-formed record of this type, so that one
     * refused here, by a value a processor could not place, names the same thing as one its processor refused: the
     * meter of a tick or enrolment, the kind of a calendar record, the eventId of a DR event or withdrawal, and so on;
     * 0 for a tariff version or oracle price record, as documented.
     */
    private long malformedSubject(final RecordType type)
    {
        return switch (type)
        {
            case METER_TICK -> tick.meterId();
            case ACCOUNT_REGISTRATION -> account.accountId();
            case METER_ENROLMENT -> enrolment.meterId();
            case REDEMPTION -> redemption.requestId();
            case INTEREST_ACCRUAL -> accrual.apyBps();
            case CALENDAR -> calendarEvent.kind();
            case CARBON_INTENSITY -> carbonRecord.region();
            case DR_EVENT -> drEvent.eventId();
            case DR_EVENT_WITHDRAWAL -> drWithdrawal.eventId();
            default -> 0;
        };
    }

    private void dispatch(final RecordType type, final long sequence, final int typeId)
    {
        switch (type)
        {
            case METER_TICK -> ticks.apply(sequence, tick);
            case ACCOUNT_REGISTRATION -> registry.applyAccount(sequence, account);
            case METER_ENROLMENT -> registry.applyEnrolment(sequence, enrolment);
            case TARIFF_VERSION -> registry.applyTariff(sequence, tariff);
            case REDEMPTION -> redemptions.apply(sequence, redemption);
            case INTEREST_ACCRUAL -> interest.apply(sequence, accrual);
            case CALENDAR -> applyCalendar(sequence);
            case CARBON_INTENSITY -> applyCarbon(sequence);
            case ORACLE_PRICE -> applyOracle(sequence);
            case DR_EVENT -> demandResponse.apply(sequence, drEvent);
            case DR_EVENT_WITHDRAWAL -> demandResponse.withdraw(sequence, drWithdrawal);
            default -> postings.reject(sequence, ReasonCode.MALFORMED, typeId, 0);
        }
    }

    private void applyCalendar(final long sequence)
    {
        // DR events settle at their tariff's end of day, after its fixed charges: a journalled input, never a clock
        if (calendar.apply(sequence, calendarEvent) && calendarEvent.kind() == CalendarCodec.END_OF_DAY)
        {
            demandResponse.settleDue(sequence, calendarEvent.tariffId(), calendarEvent.at());
            // the day's last hours of hourly-netting meters that no later tick has closed
            netting.onEndOfDay(sequence, calendarEvent.tariffId(), calendarEvent.at(), meters);
        }
    }

    private void applyCarbon(final long sequence)
    {
        final int type = RecordType.CARBON_INTENSITY.id();
        if (!carbonRecord.consistent() || !placeable(carbonRecord.start(), carbonRecord.intervalSeconds()))
        {
            postings.reject(sequence, ReasonCode.MALFORMED, type, carbonRecord.region());
            return;
        }
        try
        {
            if (!carbon.publish(carbonRecord))
            {
                postings.reject(sequence, ReasonCode.ALREADY_EXISTS, type, carbonRecord.region());
            }
        }
        catch (final IllegalArgumentException e)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, type, carbonRecord.region());
        }
    }

    private void applyOracle(final long sequence)
    {
        final int type = RecordType.ORACLE_PRICE.id();
        if (!oracleRecord.consistent() || !placeable(oracleRecord.start(), oracleRecord.intervalSeconds()))
        {
            postings.reject(sequence, ReasonCode.MALFORMED, type, 0);
        }
        else if (!oracle.publish(oracleRecord))
        {
            // the subject is the node's dense id: names do not fit in a rejection, ids follow the journal
            postings.reject(sequence, ReasonCode.ALREADY_EXISTS, type, oracle.idOf(oracleRecord.node()));
        }
    }

    /**
     * A carbon or oracle record is placed only in the years the zone tables cover and for at most a day a value: one
     * starting elsewhere can price no tick, and one held longer (milliseconds taken for seconds, as either) would hold
     * its region's or node's values years ahead, since they only grow forward, and refuse every real record after it
     * ALREADY_EXISTS.
     */
    private static boolean placeable(final long start, final int intervalSeconds)
    {
        return ZoneOffsetTable.inCoveredYears(start) && intervalSeconds <= IntervalIndex.MAX_INTERVAL_SECONDS;
    }

    /**
     * @return sequence of the last input applied.
     */
    public long lastInputSequence()
    {
        return lastInputSequence;
    }

    /**
     * @return sequence of the last output emitted.
     */
    public long outputSequence()
    {
        return postings.outputSequence();
    }

    /**
     * @return ticks priced (accepted, corrections excluded).
     */
    public long ticksPriced()
    {
        return ticks.ticksPriced();
    }

    /**
     * @return transfers posted.
     */
    public long transfers()
    {
        return postings.transfers();
    }

    /**
     * @return inputs rejected.
     */
    public long rejections()
    {
        return postings.rejections();
    }

    /**
     * @return the ledger; read it only on the business-logic thread or after the engine has stopped.
     */
    public Ledger ledger()
    {
        return ledger;
    }

    /**
     * @return the DR hourly history; same threading rule as {@link #ledger()}.
     */
    public DrHistory drHistory()
    {
        return drHistory;
    }

    /**
     * @return the meter registry; same threading rule as {@link #ledger()}.
     */
    public MeterRegistry meters()
    {
        return meters;
    }

    /**
     * Writes the whole state in canonical order: two logics in the same state write the same bytes.
     *
     * @param out destination.
     * @throws IOException on write failure.
     */
    public void writeState(final DataOutput out) throws IOException
    {
        out.writeLong(lastInputSequence);
        out.writeInt(window.slots());
        meters.writeState(out);
        tariffs.writeState(out);
        ledger.writeState(out);
        window.writeState(out, meters.meterCount());
        billing.writeState(out, meters.meterCount());
        writeStateAfterBilling(out);
        window.writeWatermarks(out, meters.meterCount());
        interest.writeApys(out);
        limits.writeState(out, meters.meterCount());
        drHistory.writeCoverage(out);
        drEvents.writeModifications(out);
    }

    private void writeStateAfterBilling(final DataOutput out) throws IOException
    {
        postings.writeState(out);
        ticks.writeState(out);
        calendar.writeState(out);
        redemptions.writeState(out);
        interest.writeState(out);
        carbon.writeState(out);
        oracle.writeState(out, meters.meterCount());
        netting.writeState(out);
        drHistory.writeState(out);
        drEvents.writeState(out);
        // added at the end, one after the other, so that snapshots written before each still read (readState); the
        // correction window's eviction watermarks follow (writeState, or claimed by the deferred capture)
        redemptions.writeBodies(out);
        dailyTotals.writeState(out);
    }

    /**
     * Writes the same state as {@link #writeState}, except that the per-meter sections (the registry's columns, the
     * correction window and the billing accumulators) and the ledger's balances, nearly all of a capture, are left to
     * be copied meter by meter and account by account as this logic goes on ({@link DeferredCapture}): by
     * {@link #captureStep} between inputs, and by {@link #apply} itself before an input changes a meter or an account
     * not yet copied. The capture is complete, and the same bytes as {@link #writeState} would have written now, once
     * {@link #captureStep} returns true or after {@link #finishCapture}.
     *
     * @param out the capture.
     * @return true if meters or accounts remain to be copied.
     * @throws IOException never from a {@link StateOutput} but for a name too long for {@code writeUTF}.
     * @throws IllegalStateException if the ledger is out of balance, when the capture is written whole; a deferred
     *     capture proves the balances it copies balanced ({@link Ledger#checkBalanced}), and the call that completes
     *     it ({@link #captureStep}, {@link #finishCapture}, or {@link #apply} of an input that is not a tick) throws
     *     if not.
     */
    public boolean writeStateDeferred(final StateOutput out) throws IOException
    {
        capture.finish();
        final int meterCount = meters.meterCount();
        if (!capture.deferrable(meterCount))
        {
            ledger.checkBalanced();
            writeState(out);
            return false;
        }
        out.writeLong(lastInputSequence);
        out.writeInt(window.slots());
        final long registryBase = meters.writeSectionHead(out);
        tariffs.writeState(out);
        ledger.writeStateDeferred(out);
        capture.begin(out, meterCount, registryBase);
        writeStateAfterBilling(out);
        capture.claimWatermarks(out);
        // after the claimed watermarks, as writeState puts it: small, so written whole at the capture's start
        interest.writeApys(out);
        // 8 bytes a meter once any meter has a limit, none before: written whole too, as the oracle's nodes are
        limits.writeState(out, meterCount);
        // 2 bytes an hour of each DR meter's 48 days, written whole as its hours are (writeStateAfterBilling)
        drHistory.writeCoverage(out);
        // 8 bytes a DR event, written whole as the event book is
        drEvents.writeModifications(out);
        return capture.pending();
    }

    /**
     * Copies a few more meters, and as many ledger accounts, of a capture begun by {@link #writeStateDeferred}.
     *
     * @param meterCount meters to copy at most.
     * @return true if the capture is complete, or none is pending.
     */
    public boolean captureStep(final int meterCount)
    {
        return capture.step(meterCount);
    }

    /**
     * Completes a capture begun by {@link #writeStateDeferred}, if one is pending.
     */
    public void finishCapture()
    {
        capture.finish();
    }

    /**
     * @return correction-window entries whose interval length a snapshot of an earlier build did not keep; until
     *         {@link #restoreWindowLength} has given each its length, this state is not the one a replay builds.
     */
    public long windowLengthsUnknown()
    {
        return window.unknownLengths();
    }

    /**
     * @return the earliest input sequence {@link #restoreWindowLength} needs to see, or {@link Long#MAX_VALUE}.
     */
    public long earliestWindowCauseOfUnknownLength()
    {
        return window.earliestCauseOfUnknownLength();
    }

    /**
     * Gives the correction-window entry a journalled tick caused its interval length, if a snapshot of an earlier
     * build left it unknown. Call on a logic just loaded, with the input journal's ticks up to the snapshot's input.
     *
     * @param sequence the tick's input sequence.
     * @param tick     the tick.
     */
    public void restoreWindowLength(final long sequence, final MeterTickCodec tick)
    {
        final int meter = meters.indexOf(tick.meterId());
        if (meter != MeterRegistry.NO_METER && tick.channel() <= 15)
        {
            window.restoreLength(meter, sequence, tick.intervalStart(), tick.channel(), tick.intervalSeconds());
        }
    }

    /**
     * Replaces this logic's state with one written by {@link #writeState}. Call only on a fresh logic.
     *
     * @param in source.
     * @throws IOException on read failure or a state this logic cannot take.
     */
    public void readState(final DataInput in) throws IOException
    {
        readState(in, false);
    }

    /**
     * Replaces this logic's state with one written by {@link #writeState} or by an earlier build. Call only on a
     * fresh logic.
     *
     * @param in               source.
     * @param legacyWindowKeys true for a state written before the correction window's keys held interval lengths
     *                         (snapshot formats 02 and 03).
     * @throws IOException on read failure or a state this logic cannot take.
     */
    public void readState(final DataInput in, final boolean legacyWindowKeys) throws IOException
    {
        lastInputSequence = in.readLong();
        final int slots = in.readInt();
        if (slots != window.slots())
        {
            throw new IOException("snapshot was taken with a correction window of " + slots + " ticks, engine has " +
                window.slots());
        }
        meters.readState(in);
        tariffs.readState(in);
        ledger.readState(in);
        window.readState(in, legacyWindowKeys);
        billing.readState(in);
        postings.readState(in);
        ticks.readState(in);
        calendar.readState(in);
        redemptions.readState(in);
        interest.readState(in);
        carbon.readState(in);
        oracle.readState(in);
        netting.readState(in);
        drHistory.readState(in, meters.meterCount());
        drEvents.readState(in);
        if (StateIo.hasMore(in))
        {
            redemptions.readBodies(in);
        }
        if (StateIo.hasMore(in))
        {
            dailyTotals.readState(in, meters.meterCount());
        }
        else
        {
            // written before day totals were kept: the daily-tier periods open then close on their tick postings
            dailyTotals.untrackOpenPeriods(meters, tariffs, billing);
        }
        if (StateIo.hasMore(in))
        {
            window.readWatermarks(in);
        }
        if (StateIo.hasMore(in))
        {
            interest.readApys(in);
        }
        // then sections written only when they hold something, each opened by its mark: the reading limits (none in a
        // snapshot from before enrolments had them, as no older input could set one), the DR hours' coverage and the
        // DR events' modification numbers
        drHistory.coverageNotRead();
        drEvents.modificationsNotRead();
        while (StateIo.hasMore(in))
        {
            final int mark = in.readInt();
            if (mark == ReadingLimits.STATE_MARK)
            {
                limits.readState(in);
            }
            else if (mark == DrHistory.COVERAGE_MARK)
            {
                drHistory.readCoverage(in);
            }
            else if (mark == DrEventBook.MODIFICATIONS_MARK)
            {
                drEvents.readModifications(in);
            }
            else
            {
                throw new IOException("snapshot has an unknown section mark 0x" + Integer.toHexString(mark) +
                    " after the interest accruals' APYs");
            }
        }
    }

    /**
     * @return true if this logic was loaded from a snapshot written before the interest accruals' APYs were kept,
     *     with a day accrued: this state is then not the one a replay builds, and a replay must be used instead.
     */
    public boolean interestApysUnknown()
    {
        return interest.apysUnknown();
    }

    /**
     * @return true if this logic was loaded from a snapshot written before DR history kept each hour's covered
     *     seconds, with a DR meter's history: this state cannot tell a partly read hour from a read one, and a replay
     *     must be used instead.
     */
    public boolean drCoverageUnknown()
    {
        return drHistory.coverageUnknown();
    }

    /**
     * @return true if this logic was loaded from a snapshot written before the DR event book held each event's OpenADR
     *     modification number, with a pending event: whether a modification (DR_EVENT schema 3) replaces it depends on
     *     its number, which only a replay tells.
     */
    public boolean drModificationsUnknown()
    {
        return drEvents.modificationsUnknown();
    }

    /**
     * @return true if this logic was loaded from a snapshot written before the correction window kept eviction
     *     watermarks, with a meter whose window is full; until {@link #confirmNoWindowWatermarks} returns 0, this state
     *     is not the one a replay builds.
     */
    public boolean windowWatermarksUnknown()
    {
        return window.watermarksUnknown();
    }

    /**
     * Notes the channel of a journalled tick up to the snapshot's input, while {@link #windowWatermarksUnknown}.
     *
     * @param tick the tick.
     */
    public void noteJournalledTick(final MeterTickCodec tick)
    {
        final int meter = meters.indexOf(tick.meterId());
        if (meter != MeterRegistry.NO_METER && tick.channel() <= 15)
        {
            window.noteJournalledChannel(meter, tick.channel());
        }
    }

    /**
     * Settles {@link #windowWatermarksUnknown} from the ticks noted ({@link #noteJournalledTick}): a meter whose ticks
     * were all on one channel never has a watermark.
     *
     * @return the meters with a full window and ticks on several channels, whose watermarks only a replay can tell;
     *     0 if this state is now the one a replay builds.
     */
    public int confirmNoWindowWatermarks()
    {
        return window.confirmNoWatermarks();
    }
}
