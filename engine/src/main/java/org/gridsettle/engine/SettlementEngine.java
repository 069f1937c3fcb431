package org.gridsettle.engine;

import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.pipeline.BalanceQuery;
import org.gridsettle.engine.pipeline.InputSlot;
import org.gridsettle.engine.pipeline.JournalWriterPair;
import org.gridsettle.engine.pipeline.SettlementHandler;
import org.gridsettle.engine.snapshot.SnapshotStore;
import org.gridsettle.journal.Durability;
import org.gridsettle.journal.FreeSpace;
import org.gridsettle.journal.JournalWriteException;
import org.gridsettle.journal.JournalSeal;
import org.gridsettle.journal.JournalWriter;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.Sealing;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.PricingNodeField;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.engine.pipeline.IdleWorkWaitStrategy;
import org.gridsettle.journal.pretouch.IdlePretoucher;
import org.gridsettle.journal.pretouch.JournalPretoucher;
import org.gridsettle.journal.pretouch.Pretouch;
import org.gridsettle.pricing.carbon.CarbonIntensitySeries;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.oracle.OraclePriceSeries;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The embedding API: a host submits ticks and commands, the engine journals each one, applies it on a single
 * business-logic thread and journals the resulting postings.
 * <pre>{@code
 * try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start()) {
 *     engine.publishTariff(tariff);
 *     engine.registerAccount(1001);
 *     engine.enrolMeter(42, 1001, tariff.tariffId(), start);
 *     engine.submitTick(42, MeterTickCodec.CHANNEL_MAIN, start, 900, 350, 0);
 * }
 * }</pre>
 * <p>
 * Threading: every method that takes input (ticks, corrections, commands, tariffs, series, DR events) or a balance
 * query is a submission. With the default single-producer ring all submissions must come from one host thread (one
 * from another thread throws {@link IllegalStateException}, submitting nothing); build with
 * {@link Builder#multiProducer(boolean)} to submit from several, in any mix.
 * Producers never share encoder state: each ring slot carries its own. Submissions block while the ring is full,
 * except {@link #trySubmitTick}, which returns false instead (back-pressure); once the engine has halted they throw
 * {@link IllegalStateException} instead of waiting. {@link #close()} may run while producers submit: it drains the
 * ring, then closes the journals. A submission is acknowledged by the engine once {@link #appliedSequence()} reaches
 * its sequence. {@link #appliedSequence()}, {@link #fatalError()} and {@link #snapshotStalls()} may be read from any
 * thread; the other getters say when they are valid.
 * <p>
 * Bad input: every submission is journalled, and one the rules refuse is answered with a REJECTION output naming a
 * reason code ({@code journal/FORMAT.md}; {@link PostingListener#onRejection}), never with an exception, and the
 * inputs after it go on. Only an argument the record cannot hold (a channel or calendar kind above one byte, an
 * invalid pricing node name, a negative reading limit or modification number, a null) throws, before anything is
 * submitted.
 * <p>
 * Memory: besides the correction window ({@link Builder#correctionWindow}), each meter enrolled in demand response
 * costs {@value org.gridsettle.engine.logic.DrHistory#BYTES_PER_DR_METER} bytes of hourly history (48 local days x 24
 * hours, for the 10-in-10 baseline; see {@link org.gridsettle.engine.logic.DrHistory}); other meters cost nothing
 * for it. Each meter whose ticks a tariff with daily tiers priced costs 2,976 bytes of day totals (2 open billing
 * periods x 31 local days x 6 TOU periods x 8 bytes, what the period close trues daily tiers up from), plus a map
 * entry; other meters cost nothing for them. Reading limits cost nothing until an enrolment sets one, then 8 bytes
 * for every enrolled meter, kept in each snapshot.
 * <p>
 * Limits: each kind of per-meter or per-account state is one Java array, so one engine holds the history of at most
 * {@value org.gridsettle.engine.logic.DrHistory#MAX_DR_METERS} DR meters (13 GB of it), the day totals of at most
 * 5,772,805 daily-tier meters, the balances of at most 134,217,727 accounts, and {@link Builder#correctionWindow}'s
 * slots; the input that would need one more halts the engine, naming the limit, and so does its replay. Shard a
 * larger fleet over several engines. A snapshot has no limit of its own: it takes about 1.4 KB a meter, plus the
 * 7,104 bytes of a DR meter's history and the 2,976 of a daily-tier meter's totals, and passes 2 GiB at some 1.5
 * million meters, or 250,000 all in demand response; plan its native memory (a quarter more) and disk (three
 * snapshots) by that.
 */
public final class SettlementEngine implements AutoCloseable
{
    /**
     * Default free space below which an engine refuses to start: its two journals' writers and pretouchers claim
     * pages up to 16 MiB ahead of their last records, so with less the first appends could already fault.
     */
    public static final long DEFAULT_MIN_FREE_SPACE = 32L << 20;

    /**
     * Most meters {@link Builder#expectedMeters} may size the state for: the per-meter arrays (billing accumulators,
     * 60 longs a meter, the largest besides the correction window) each hold at most about {@code Integer.MAX_VALUE}
     * elements, and 2^24 meters keep every one of them well inside that.
     */
    public static final int MAX_EXPECTED_METERS = 1 << 24;

    /** Default spacing of periodic snapshots, in inputs per enrolled meter. */
    public static final long DEFAULT_SNAPSHOT_INPUTS_PER_METER = 10;

    // The facade encodes each fixed-size input into its ring slot itself, which keeps the hot path in one place;
    // the rest it hands on: admission, slot claims and the run state to the gate, the records too large for a slot
    // to their publisher, the threads' start and stop to EngineThreads, and the close to CloseSequence.
    private final Builder config;
    private final JournalWriter input;
    private final JournalWriter output;
    private final SettlementHandler handler;
    private final SubmissionGate gate;
    private final EngineThreads threads = new EngineThreads();
    private final LargeRecordPublisher largeRecords;
    private final CloseSequence closeSequence;
    /** Captured once: every balance query's answer checks it ({@link BalanceAnswer}); reads the volatile field. */
    private final java.util.function.Supplier<Thread> waitForLogicThread;
    private long recovered;

    private SettlementEngine(final Builder config)
    {
        this.config = config;
        final Path dir = Objects.requireNonNull(config.journalDir, "journalDir");
        // up front, while nothing is written: after a write faults, the record it wrote may or may not be there
        final long usable = FreeSpace.usableBytes(dir);
        if (usable != FreeSpace.UNKNOWN && usable < config.minFreeSpace)
        {
            throw JournalWriteException.tooLittleSpace(dir, usable, config.minFreeSpace);
        }
        final JournalWriterPair writers = JournalWriterPair.open(dir, config.durability, config.sealing);
        this.input = writers.input();
        this.output = writers.output();
        try
        {
            this.handler = new SettlementHandler(
                input, output, Journals.output(dir), config.listeners.toArray(new PostingListener[0]),
                config.correctionWindow,
                config.snapshots
                    ? new SnapshotStore(dir.resolve("snapshots"), config.durability == Durability.SYNC_ON_BATCH)
                    : null,
                config.snapshotInterval, config.snapshotInputsPerMeter);
            handler.logic().reserveMeters(config.expectedMeters);
            handler.reserveSnapshot(config.expectedMeters);
        }
        catch (final RuntimeException | Error e)
        {
            // no engine to close: let go of the journals (and their writer locks) as they are
            try
            {
                input.abandon();
            }
            finally
            {
                output.abandon();
            }
            throw e;
        }
        this.gate = new SubmissionGate(config.multiProducer);
        this.waitForLogicThread = gate::logicThread;
        this.largeRecords = new LargeRecordPublisher(gate);
        this.closeSequence = new CloseSequence(gate, threads, handler, input, output);
    }

    /**
     * @return a builder with defaults suited to a 2-core machine.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Recovers any journalled state, then starts the business-logic thread.
     * <p>
     * A recovery that is refused (a journal that fails verification, a replay that differs from the recorded
     * outputs) closes the engine as it stands before the refusal is thrown: the journals are let go exactly as found,
     * with no close checkpoint and no snapshot, so that another engine may open them; {@link #close} then does
     * nothing more. So does any other failure of the start, such as an {@link OutOfMemoryError} while replaying or an
     * interrupt while the business-logic thread starts: the failure is thrown, {@link #fatalError()} returns it, and
     * a new engine may start on the directory.
     * <p>
     * Threading: call once, before any submission. The outputs that recovery appends (those a crash lost after their
     * input was journalled) reach the listeners on the calling thread, before this returns. A {@link #close()} from
     * another thread meanwhile (a shutdown hook during a long recovery) waits for this to return, then closes; one
     * from a listener here throws {@link IllegalStateException}.
     *
     * @return this.
     * @throws IllegalStateException if the engine was started or closed before: recovery would run again into the
     *                               running state, and a second business-logic thread would append to its journals.
     */
    public SettlementEngine start()
    {
        // a close from another thread (a shutdown hook) waits for the start instead of letting go of the journals
        // under the recovery, after which start went on to run a business-logic thread close() never stopped
        synchronized (closeSequence.lock())
        {
            if (gate.closed())
            {
                throw new IllegalStateException("engine is closed: build a new one on the journal directory");
            }
            if (threads.started())
            {
                throw new IllegalStateException("engine already started");
            }
            final WaitStrategy waitStrategy =
                threads.startPretouch(config.effectivePretouch(), config.waitStrategy, input, output, handler);
            gate.recoveringOn(Thread.currentThread());
            try
            {
                try
                {
                    recovered = handler.recover(Journals.input(config.journalDir));
                }
                finally
                {
                    // before abandonStart: its close() on this thread is the engine's own, not a listener's
                    gate.recoveringOn(null);
                }
            }
            catch (final RuntimeException | Error e)
            {
                // a refused recovery must leave the journals exactly as found: close() seals and snapshots nothing
                abandonStart(e);
                throw e;
            }
            try
            {
                threads.startLogicThread(waitStrategy, config.ringSize, handler, gate, config.journalDir);
            }
            catch (final RuntimeException | Error e)
            {
                // recovered, but no thread to run the logic (a ring the Disruptor refuses, a thread the JVM cannot
                // start, an interrupt while waiting for it): nothing was submitted, and the journals are let go as
                // they are
                abandonStart(e);
                throw e;
            }
            return this;
        }
    }

    /**
     * Closes an engine whose start failed, as a halted one, before the failure is thrown: a caller who never got the
     * engine (build().start() in one expression) would otherwise keep the journals open, their writer locks held
     * and any logic thread running, until the process ends, and no engine could open the directory again.
     */
    private void abandonStart(final Throwable e)
    {
        gate.fatal(e);
        try
        {
            close();
        }
        catch (final RuntimeException closing)
        {
            if (closing.getCause() != e)
            {
                e.addSuppressed(closing);
            }
        }
    }

    /**
     * Submits a meter tick, blocking while the ring is full. A tick is identified by (meter, channel, interval start):
     * the same tick again is acknowledged as a duplicate and posts nothing, the same identity with other values is
     * rejected CONFLICTING_DUPLICATE (send a {@link #submitCorrection} instead). A meter not enrolled at the interval
     * is rejected UNKNOWN_METER, negative energy NEGATIVE_ENERGY, a length not positive ZERO_LENGTH_INTERVAL, and an
     * instant or amount no tariff can place or price MALFORMED or OVERFLOW.
     *
     * @param meterId         meter.
     * @param channel         register channel, 0 to {@link MeterTickCodec#MAX_CHANNEL}; see
     *                        {@link MeterTickCodec#CHANNEL_MAIN}. The engine settles channels 0 to 15 and rejects
     *                        the rest MALFORMED.
     * @param intervalStart   interval start, epoch seconds UTC.
     * @param intervalSeconds interval length; the interval must not run on past a change of TOU period, billing
     *                        period, local day (daily tiers) or clock hour (hourly netting), which a tick aligned to
     *                        the tariff's schedule never does, or it is rejected INTERVAL_SPANS_PERIOD; nor
     *                        overlap an interval already settled on the meter's channel (INTERVAL_OVERLAP), as a
     *                        feed's hourly readings would its 15-minute ones, or, once that interval has left the
     *                        correction window, OUTSIDE_CORRECTION_WINDOW, as a tick older than the window is.
     * @param importWh        energy imported in the interval.
     * @param exportWh        energy exported in the interval.
     * @throws IllegalArgumentException if the channel does not fit the record's one byte; nothing is submitted.
     */
    public void submitTick(
        final long meterId,
        final int channel,
        final long intervalStart,
        final int intervalSeconds,
        final long importWh,
        final long exportWh)
    {
        checkChannel(channel);
        final long seq = gate.admitAndClaim();
        publishTick(seq, meterId, channel, intervalStart, intervalSeconds, importWh, exportWh, 0);
    }

    /**
     * Submits a meter tick unless the ring is full.
     *
     * @param meterId         meter.
     * @param channel         register channel, 0 to {@link MeterTickCodec#MAX_CHANNEL}; 16 and above are rejected
     *                        MALFORMED.
     * @param intervalStart   interval start, epoch seconds UTC.
     * @param intervalSeconds interval length.
     * @param importWh        energy imported.
     * @param exportWh        energy exported.
     * @return false if the ring was full and nothing was submitted: the caller must retry or shed load.
     * @throws IllegalArgumentException if the channel does not fit the record's one byte; nothing is submitted.
     */
    public boolean trySubmitTick(
        final long meterId,
        final int channel,
        final long intervalStart,
        final int intervalSeconds,
        final long importWh,
        final long exportWh)
    {
        checkChannel(channel);
        final long seq = gate.tryAdmitAndClaim();
        if (seq == SubmissionGate.RING_FULL)
        {
            return false;
        }
        publishTick(seq, meterId, channel, intervalStart, intervalSeconds, importWh, exportWh, 0);
        return true;
    }

    /**
     * Submits a correction: it replaces the tick with the same (meter, channel, interval start) and the same
     * interval length, reversing that tick's postings exactly and posting the corrected values. Accepted within the
     * correction window, also for a closed billing period; one with another length is rejected INTERVAL_OVERLAP, one
     * with no accepted tick to replace NOTHING_TO_CORRECT, and one with the tick's own values is acknowledged as a
     * duplicate.
     *
     * @param meterId         meter.
     * @param channel         register channel, 0 to {@link MeterTickCodec#MAX_CHANNEL}; 16 and above are rejected
     *                        MALFORMED.
     * @param intervalStart   interval start of the tick corrected.
     * @param intervalSeconds interval length.
     * @param importWh        corrected import.
     * @param exportWh        corrected export.
     * @throws IllegalArgumentException if the channel does not fit the record's one byte; nothing is submitted.
     */
    public void submitCorrection(
        final long meterId,
        final int channel,
        final long intervalStart,
        final int intervalSeconds,
        final long importWh,
        final long exportWh)
    {
        checkChannel(channel);
        final long seq = gate.admitAndClaim();
        publishTick(seq, meterId, channel, intervalStart, intervalSeconds, importWh, exportWh,
            MeterTickCodec.FLAG_CORRECTION);
    }

    private static void checkChannel(final int channel)
    {
        // checked before a slot is claimed: a claimed slot is always published, and the record holds one byte
        if (channel < 0 || channel > MeterTickCodec.MAX_CHANNEL)
        {
            throw new IllegalArgumentException("channel " + channel + " outside 0.." + MeterTickCodec.MAX_CHANNEL);
        }
    }

    private void publishTick(
        final long seq,
        final long meterId,
        final int channel,
        final long intervalStart,
        final int intervalSeconds,
        final long importWh,
        final long exportWh,
        final int flags)
    {
        final InputSlot slot = gate.slot(seq);
        try
        {
            slot.tick().encode(0, meterId, channel, intervalStart, intervalSeconds, importWh, exportWh, flags);
            slot.length(MeterTickCodec.LENGTH);
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Opens a customer account. An id already open is rejected ALREADY_EXISTS (so a retry changes nothing), one
     * outside the customer range MALFORMED.
     *
     * @param accountId at least {@link org.gridsettle.engine.ledger.SystemAccounts#FIRST_CUSTOMER_ACCOUNT}, at most
     *                  {@code Long.MAX_VALUE >> 4}.
     */
    public void registerAccount(final long accountId)
    {
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            slot.account().encode(0, accountId);
            slot.length(AccountRegistrationCodec.LENGTH);
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Enrols a meter on an account and tariff from an instant on, with no programs. An account not registered is
     * rejected UNKNOWN_ACCOUNT, a tariff not published UNKNOWN_TARIFF; the same enrolment again is applied again and
     * changes nothing.
     *
     * @param meterId       meter, not 0 (which transfers without a meter carry): meter 0 is rejected MALFORMED.
     * @param accountId     account billed.
     * @param tariffId      tariff.
     * @param effectiveFrom epoch seconds.
     */
    public void enrolMeter(final long meterId, final long accountId, final long tariffId, final long effectiveFrom)
    {
        enrolMeter(meterId, accountId, tariffId, effectiveFrom, 0, 0);
    }

    /**
     * Enrols (or re-enrols) a meter on an account and tariff from an instant on. A re-enrolment replaces the whole
     * enrolment from {@code effectiveFrom}: ticks and corrections of intervals before it are then rejected
     * (UNKNOWN_METER), and a move to another account or tariff effective at or before an interval the meter has
     * already settled is rejected (ALREADY_SETTLED), so that nothing posted under the old enrolment is ever reversed
     * under the new one.
     * <p>
     * A move to another account or tariff while the meter has a billing period with accepted ticks that is not
     * closed yet is rejected (MOVE_IN_OPEN_PERIOD): that period's close would settle it to the new account at the
     * new tariff's rates. Move a meter at a billing-period boundary, after the old tariff's {@code PERIOD_CLOSE}.
     *
     * @param meterId       meter, not 0 (rejected MALFORMED).
     * @param accountId     account billed.
     * @param tariffId      tariff.
     * @param effectiveFrom epoch seconds.
     * @param programs      program bits, see {@link MeterEnrolmentCodec#PROGRAM_NET_METERING}.
     * @param carbonRegion  packed carbon region, or 0.
     */
    public void enrolMeter(
        final long meterId,
        final long accountId,
        final long tariffId,
        final long effectiveFrom,
        final long programs,
        final long carbonRegion)
    {
        enrolMeter(meterId, accountId, tariffId, effectiveFrom, programs, carbonRegion, null);
    }

    /**
     * Enrols (or re-enrols) a meter on an account and tariff from an instant on, with the pricing node its exports
     * are priced at when its tariff takes export rates from the price oracle.
     *
     * @param meterId       meter, not 0 (rejected MALFORMED).
     * @param accountId     account billed.
     * @param tariffId      tariff.
     * @param effectiveFrom epoch seconds.
     * @param programs      program bits, see {@link MeterEnrolmentCodec#PROGRAM_NET_METERING}.
     * @param carbonRegion  packed carbon region, or 0.
     * @param pricingNode   pricing node name such as {@code TH_NP15_GEN-APND}, or null for none.
     * @throws IllegalArgumentException if the node name is not valid
     *                                  ({@link PricingNodeField#problem}).
     */
    public void enrolMeter(
        final long meterId,
        final long accountId,
        final long tariffId,
        final long effectiveFrom,
        final long programs,
        final long carbonRegion,
        final String pricingNode)
    {
        enrolMeter(meterId, accountId, tariffId, effectiveFrom, programs, carbonRegion, pricingNode, 0, 0);
    }

    /**
     * Enrols (or re-enrols) a meter with reading limits: the highest average import and export power its readings
     * may show, such as the service's capacity and the inverter's nameplate. A new tick, or a correction with new
     * values, whose energy is more than a limit times its interval ({@code energyWh * 3600 > limitW *
     * intervalSeconds}) is rejected READING_ABOVE_LIMIT instead of being priced, so an implausible reading never
     * posts a charge or mints a credit; an exact retry of a settled reading is still acknowledged as a duplicate. A
     * re-enrolment replaces the limits, and one without limits clears them.
     *
     * @param meterId       meter, not 0 (rejected MALFORMED).
     * @param accountId     account billed.
     * @param tariffId      tariff.
     * @param effectiveFrom epoch seconds.
     * @param programs      program bits, see {@link MeterEnrolmentCodec#PROGRAM_NET_METERING}.
     * @param carbonRegion  packed carbon region, or 0.
     * @param pricingNode   pricing node name such as {@code TH_NP15_GEN-APND}, or null for none.
     * @param importLimitW  import limit in watts, or 0 for none.
     * @param exportLimitW  export limit in watts, or 0 for none.
     * @throws IllegalArgumentException if the node name is not valid ({@link PricingNodeField#problem}) or a limit
     *                                  is negative.
     */
    public void enrolMeter(
        final long meterId,
        final long accountId,
        final long tariffId,
        final long effectiveFrom,
        final long programs,
        final long carbonRegion,
        final String pricingNode,
        final int importLimitW,
        final int exportLimitW)
    {
        // refused before claiming a ring slot: a claimed slot must always be published
        if (pricingNode != null)
        {
            PricingNodeField.requireValid(pricingNode);
        }
        if (importLimitW < 0 || exportLimitW < 0)
        {
            throw new IllegalArgumentException(
                "reading limits are watts, 0 for none; got import " + importLimitW + ", export " + exportLimitW);
        }
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            final MeterEnrolmentCodec enrolment = slot.enrolment().encode(0, meterId, accountId, tariffId,
                effectiveFrom, programs, carbonRegion, pricingNode, importLimitW, exportLimitW);
            slot.length(enrolment.encodedLength());
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Redeems (burns) program tokens from a customer account. Idempotent by request id: a retry with the same fields
     * is acknowledged as a duplicate, the same id with other fields rejected CONFLICTING_DUPLICATE. Rejected rather
     * than overdrawing (INSUFFICIENT_BALANCE); an account not registered is rejected UNKNOWN_ACCOUNT, an amount not
     * positive MALFORMED, and one that would take the token's running total of postings past what a long holds
     * OVERFLOW (its request id is then free to be used again).
     *
     * @param requestId   the host's id for this request.
     * @param accountId   customer account.
     * @param tokenSymbol packed program token, see {@link org.gridsettle.pricing.money.TokenSymbol}.
     * @param amount      micro-units.
     */
    public void redeem(final long requestId, final long accountId, final long tokenSymbol, final long amount)
    {
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            slot.redemption().encode(0, requestId, accountId, tokenSymbol, amount);
            slot.length(RedemptionCodec.LENGTH);
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Accrues one day's interest on every held balance of a program token. A token and day are accrued once: a repeat
     * of the last day at the APY it was accrued at is acknowledged as a duplicate whatever its request id, and one at
     * another APY is rejected CONFLICTING_DUPLICATE, since a corrected APY for a day already accrued is not paid. An
     * APY below 0 or above 100,000 bps, or a day outside the years 1990 to 2100 that the tariffs' zone tables cover,
     * is rejected MALFORMED, and nothing is remembered of it.
     *
     * @param requestId   the host's id for this request.
     * @param tokenSymbol packed program token.
     * @param apyBps      annual percentage yield, basis points, compounded daily.
     * @param epochDay    the day accrued, days since 1970-01-01 (not a yyyymmdd), 7,305 (1990-01-01) to 47,846
     *                    (2100-12-31): days in order; the last day again is acknowledged (at its APY), an earlier one
     *                    rejected OUT_OF_ORDER.
     */
    public void accrueInterest(final long requestId, final long tokenSymbol, final long apyBps, final long epochDay)
    {
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            slot.accrual().encode(0, requestId, tokenSymbol, apyBps, epochDay);
            slot.length(InterestAccrualCodec.LENGTH);
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Tells the engine that time has passed: a local day or a billing period of a tariff has ended. One for an
     * instant at or before the tariff's last of that kind is acknowledged as a duplicate; one for an instant before
     * the tariff is in force is rejected UNKNOWN_TARIFF, an unknown kind MALFORMED. The instant is not checked
     * against the tariff's local midnights, but the fixed charges are posted once per local day (END_OF_DAY) or
     * billing period (PERIOD_CLOSE) of the instant before it: a later event in a day or period already charged
     * settles DR events, hourly netting and the period's ticks, and charges nothing fixed again. Send one per local
     * day and billing period, at its end.
     *
     * @param kind     {@link CalendarCodec#END_OF_DAY} or {@link CalendarCodec#PERIOD_CLOSE}.
     * @param at       epoch second it ended (exclusive end).
     * @param tariffId tariff affected.
     * @throws IllegalArgumentException if the kind does not fit the record's one byte (0 to 255); nothing is
     *                                  submitted.
     */
    public void calendar(final int kind, final long at, final long tariffId)
    {
        // refused before a slot is claimed: the record keeps the low byte only, so 257 would close a billing period
        if (kind < 0 || kind > CalendarCodec.MAX_KIND)
        {
            throw new IllegalArgumentException("calendar kind " + kind + " outside 0.." + CalendarCodec.MAX_KIND +
                " (END_OF_DAY " + CalendarCodec.END_OF_DAY + ", PERIOD_CLOSE " + CalendarCodec.PERIOD_CLOSE + ")");
        }
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            slot.calendar().encode(0, kind, at, tariffId);
            slot.length(CalendarCodec.LENGTH);
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Publishes a demand-response event, journalled like every other input so that replay settles it the same way.
     * It dispatches the meters on {@code tariffId} enrolled in demand response
     * ({@link MeterEnrolmentCodec#PROGRAM_DEMAND_RESPONSE}); each is credited {@code max(0, baseline - actual)} Wh
     * over the event hours at {@code incentive}, minted in {@code programToken}, when the tariff's first end of day
     * ({@link #calendar}) at or after {@code end} is applied. A retry with the same event id and fields is
     * acknowledged as a duplicate; the same id with other fields, an id withdrawn ({@link #withdrawDrEvent}), an event
     * overlapping another of the tariff that was not withdrawn, or one not in whole local hours of one day is rejected
     * with a reason code (see {@code journal/FORMAT.md}). It is journalled without a modification number (DR_EVENT
     * schema 1, as before format version 6); a host that has one, such as an OpenADR ingest, passes it to the
     * overload below.
     * <pre>{@code
     * // 14:00-18:00 local on a weekday: 10-in-10 baseline with the day-of adjustment, 0.50 DR per kWh reduced
     * engine.publishDrEvent(2026_0716L, TokenSymbol.pack("DR"), tariffId, start, start + 4 * 3600, 500_000,
     *     BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
     * }</pre>
     *
     * @param eventId           the program's id for the event.
     * @param programToken      packed token the incentive is minted in, see
     *                          {@link org.gridsettle.pricing.money.TokenSymbol}.
     * @param tariffId          tariff whose DR-enrolled meters are dispatched; its zone and holidays define the
     *                          baseline's local hours and weekdays.
     * @param start             first instant, epoch seconds, on a local hour.
     * @param end               exclusive end, epoch seconds: whole hours after start, on the same local day.
     * @param incentive         micro-units of the program token per kWh reduced.
     * @param method            the baseline method, not null.
     * @param declaredWhPerHour the declared baseline in Wh per hour for {@link BaselineMethod#DECLARED}; otherwise 0.
     */
    public void publishDrEvent(
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final BaselineMethod method,
        final long declaredWhPerHour)
    {
        submitDrEvent(eventId, programToken, tariffId, start, end, incentive, method, declaredWhPerHour,
            DrEventCodec.UNKNOWN_MODIFICATION, false);
    }

    /**
     * Publishes a demand-response event as {@link #publishDrEvent(long, long, long, long, long, long, BaselineMethod,
     * long)} does, and journals the OpenADR {@code modificationNumber} it was published at (DR_EVENT schema 2), so
     * that a host reading the journal later can tell a newer modification of the event from an older one, such as a
     * stale cancellation fed again. The engine does not settle by it: a resend with the same event id and settling
     * fields at another modification is still acknowledged as a duplicate, and one with other settling fields is
     * still rejected CONFLICTING_DUPLICATE whatever its modification: a publication does not change a journalled
     * event. A later modification of it is published with {@link #modifyDrEvent}; it can also be withdrawn
     * ({@link #withdrawDrEvent}).
     *
     * @param eventId            the program's id for the event.
     * @param programToken       packed token the incentive is minted in.
     * @param tariffId           tariff whose DR-enrolled meters are dispatched.
     * @param start              first instant, epoch seconds, on a local hour.
     * @param end                exclusive end, epoch seconds: whole hours after start, on the same local day.
     * @param incentive          micro-units of the program token per kWh reduced.
     * @param method             the baseline method, not null.
     * @param declaredWhPerHour  the declared baseline in Wh per hour for {@link BaselineMethod#DECLARED}; otherwise 0.
     * @param modificationNumber the OpenADR modification number of the event as published, 0 or more.
     * @throws IllegalArgumentException if the modification number is negative, before anything is submitted.
     */
    public void publishDrEvent(
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final BaselineMethod method,
        final long declaredWhPerHour,
        final long modificationNumber)
    {
        submitDrEvent(eventId, programToken, tariffId, start, end, incentive, method, declaredWhPerHour,
            requireModificationNumber(modificationNumber), false);
    }

    /**
     * Publishes an OpenADR modification of a demand-response event (DR_EVENT schema 3, format version 9): the event as
     * the VTN now has it, under the same event id at a higher {@code modificationNumber}. It is journalled like every
     * other input and answered on the business-logic thread, as follows (journal/FORMAT.md, DR_EVENT):
     * <ul>
     *   <li>an event id the engine does not hold: published as a new event, as
     *       {@link #publishDrEvent(long, long, long, long, long, long, BaselineMethod, long, long)} would;</li>
     *   <li>a pending event held at a lower modification number, with the same program token and tariff: its hours,
     *       incentive, baseline method and declared baseline are replaced, after the checks a new event gets (an
     *       overlap with another event of the tariff, malformed hours, a tariff not in force at the new start); a
     *       failed check is rejected with that reason and the held version stays, to settle as it was;</li>
     *   <li>anything else (a number at or below the held one, an event held without a number, a settled or withdrawn
     *       event, another token or tariff) is answered as a publication: the same settling fields are acknowledged
     *       as a duplicate, others rejected CONFLICTING_DUPLICATE, a withdrawn id DR_EVENT_WITHDRAWN.</li>
     * </ul>
     * Threading: a submission, as in the class Javadoc (one host thread with the default single-producer ring, any
     * with {@link Builder#multiProducer(boolean)}); it is applied in journal order, after every input submitted
     * before it.
     *
     * @param eventId            the program's id for the event, as first published.
     * @param programToken       packed token the incentive is minted in: the event's, unchanged.
     * @param tariffId           tariff whose DR-enrolled meters are dispatched: the event's, unchanged.
     * @param start              first instant, epoch seconds, on a local hour.
     * @param end                exclusive end, epoch seconds: whole hours after start, on the same local day.
     * @param incentive          micro-units of the program token per kWh reduced.
     * @param method             the baseline method, not null.
     * @param declaredWhPerHour  the declared baseline in Wh per hour for {@link BaselineMethod#DECLARED}; otherwise 0.
     * @param modificationNumber the OpenADR modification number of this modification, 0 or more.
     * @throws IllegalArgumentException if the modification number is negative, before anything is submitted.
     * @throws NullPointerException     if {@code method} is null, before anything is submitted.
     */
    public void modifyDrEvent(
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final BaselineMethod method,
        final long declaredWhPerHour,
        final long modificationNumber)
    {
        submitDrEvent(eventId, programToken, tariffId, start, end, incentive, method, declaredWhPerHour,
            requireModificationNumber(modificationNumber), true);
    }

    /** Refused before a ring slot is claimed, as the codec would refuse it only once the slot is taken. */
    private static long requireModificationNumber(final long modificationNumber)
    {
        if (modificationNumber < 0)
        {
            throw new IllegalArgumentException("an OpenADR modificationNumber is 0 or more; got " + modificationNumber);
        }
        return modificationNumber;
    }

    /**
     * @param modificationNumber 0 or more for DR_EVENT schema 2 or 3, {@link DrEventCodec#UNKNOWN_MODIFICATION} for 1.
     * @param modification       true for schema 3, a modification.
     */
    private void submitDrEvent(
        final long eventId,
        final long programToken,
        final long tariffId,
        final long start,
        final long end,
        final long incentive,
        final BaselineMethod method,
        final long declaredWhPerHour,
        final long modificationNumber,
        final boolean modification)
    {
        // before a ring slot is claimed: a claimed slot is always published, and an empty one halts the engine
        Objects.requireNonNull(method, "method");
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            final DrEventCodec event = modification ?
                slot.drEvent().encodeModification(0, eventId, programToken, tariffId, start, end, incentive,
                    method.code(), declaredWhPerHour, modificationNumber) :
                slot.drEvent().encode(0, eventId, programToken, tariffId, start, end, incentive, method.code(),
                    declaredWhPerHour, modificationNumber);
            slot.length(event.encodedLength());
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Withdraws a demand-response event published earlier ({@link #publishDrEvent}) that has not settled yet, as an
     * OpenADR cancellation does: it is journalled like every other input, and from it on the event never settles, so
     * no incentive is minted or paid for it, and it no longer overlaps a later event of the tariff (call the hours
     * again under a new id). Its day still stays out of later baselines, as a day its customers were notified of.
     * <ul>
     *   <li>A repeat of the withdrawal is acknowledged as a duplicate and changes nothing.</li>
     *   <li>An event id never accepted, or accepted for another tariff, is rejected UNKNOWN_DR_EVENT (132); an event
     *       an end of day has settled already, DR_EVENT_SETTLED (133): settlement is final.</li>
     *   <li>Once withdrawn, the id stays withdrawn: publishing it again, the same event or another, is rejected
     *       DR_EVENT_WITHDRAWN (134).</li>
     * </ul>
     * <pre>{@code
     * engine.withdrawDrEvent(2026_0716L, tariffId);   // the VTN cancelled the event
     * }</pre>
     *
     * @param eventId  the id the event was published under.
     * @param tariffId the tariff it was published for.
     */
    public void withdrawDrEvent(final long eventId, final long tariffId)
    {
        submitWithdrawal(eventId, tariffId, DrEventCodec.UNKNOWN_MODIFICATION);
    }

    /**
     * Withdraws an event as {@link #withdrawDrEvent(long, long)} does, and journals the OpenADR
     * {@code modificationNumber} of the cancellation (DR_EVENT_WITHDRAWAL schema 2), so that an auditor reading the
     * journal later can tell which of the VTN's messages called the event off. The engine settles nothing by it: a
     * withdrawal is answered as above whatever its number.
     *
     * @param eventId            the id the event was published under.
     * @param tariffId           the tariff it was published for.
     * @param modificationNumber the OpenADR modification number of the cancellation, 0 or more.
     * @throws IllegalArgumentException if the modification number is negative, before anything is submitted.
     */
    public void withdrawDrEvent(final long eventId, final long tariffId, final long modificationNumber)
    {
        submitWithdrawal(eventId, tariffId, requireModificationNumber(modificationNumber));
    }

    private void submitWithdrawal(final long eventId, final long tariffId, final long modificationNumber)
    {
        final long seq = gate.admitAndClaim();
        final InputSlot slot = gate.slot(seq);
        try
        {
            slot.length(slot.drWithdrawal().encode(0, eventId, tariffId, modificationNumber).encodedLength());
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
    }

    /**
     * Asks for a balance without stalling the business-logic thread: the answer reflects every input submitted
     * before the query, and names the input sequence it is as of.
     *
     * @param accountId   account; one never registered has a zero balance.
     * @param tokenSymbol packed token; one never posted has a zero balance.
     * @return completed on the business-logic thread, which also runs any stage already chained to it without
     *         {@code Async} (keep those short, or chain with {@code thenApplyAsync} and the like); completed
     *         exceptionally if the engine halts first. Waiting for it, or a stage chained to it, from a listener
     *         ({@code get}, {@code join}) throws {@link IllegalStateException} instead of waiting for ever. A future
     *         that {@code CompletableFuture.allOf} or {@code anyOf} makes of answers is a plain one, which that check
     *         cannot see: a listener waiting for one waits for ever, with every input behind it.
     */
    public CompletableFuture<Balance> queryBalance(final long accountId, final long tokenSymbol)
    {
        final CompletableFuture<Balance> answer = new BalanceAnswer<>(waitForLogicThread);
        final long seq = gate.admitAndClaim();
        try
        {
            gate.slot(seq).query(new BalanceQuery(accountId, tokenSymbol, answer));
        }
        finally
        {
            gate.publishAndLeave(seq);
        }
        final Throwable f = gate.fatal();
        if (f != null)
        {
            // halted after this query was claimed: the halt may have swept the ring before it was published
            answer.completeExceptionally(SubmissionGate.halted(f));
        }
        return answer;
    }

    /**
     * Publishes a tariff version; it is journalled whole, so the journal replays without side files.
     *
     * @param tariff the version.
     */
    public void publishTariff(final TouTariff tariff)
    {
        largeRecords.tariff(tariff);
    }

    /**
     * Publishes grid carbon intensity for a region, journalled as one record per run of contiguous, equal-length
     * intervals (at most {@link org.gridsettle.journal.codec.CarbonIntensityCodec#MAX_VALUES} each). Values already
     * known for the region may not be overlapped: publish forward in time; a record that overlaps them is rejected
     * ALREADY_EXISTS, so a series submitted again changes nothing. An empty series journals nothing. A record starting
     * outside the years 1990 to 2100, or of intervals longer than a day, is rejected MALFORMED.
     *
     * @param regionSymbol packed region code, as given at enrolment.
     * @param series       the values, missing ones marked as such.
     */
    public void publishCarbonIntensity(final long regionSymbol, final CarbonIntensitySeries series)
    {
        largeRecords.carbonIntensity(regionSymbol, series);
    }

    /**
     * Publishes oracle prices of a pricing node, journalled as one record per run of contiguous, equal-length
     * intervals (at most {@link OraclePriceCodec#MAX_VALUES} each). Prices already known for the node may not be
     * overlapped: publish forward in time; a record that overlaps them is rejected ALREADY_EXISTS. A gap between
     * intervals is journalled as a gap and is a missing price. An empty series journals nothing. A record starting
     * outside the years 1990 to 2100, or of intervals longer than a day, is rejected MALFORMED.
     *
     * @param series the node's prices, micro-units per MWh.
     * @throws IllegalArgumentException if the node name is not valid
     *                                  ({@link PricingNodeField#problem}).
     */
    public void publishOraclePrices(final OraclePriceSeries series)
    {
        largeRecords.oraclePrices(series);
    }

    /**
     * Safe from any thread. Input sequences number the journalled input records from 1, in the order the ring
     * delivered them, and go on from {@link #recoveredInputs()} after a restart. Each submission is one record, except
     * a carbon-intensity or oracle-price series, which is one per run of contiguous, equal-length intervals
     * ({@link #publishCarbonIntensity}), and a balance query, which is none ({@link Balance#asOfSequence()} names the
     * input it is as of). A host that cannot tell which of its submissions a sequence is may submit again more than
     * it must: nothing posts twice, though an input superseded since (a tick since corrected, a DR event since
     * withdrawn, a tariff version or account already known) is answered with a rejection rather than a duplicate
     * acknowledgement.
     *
     * @return the last input sequence whose effects are journalled.
     */
    public long appliedSequence()
    {
        return handler.appliedSequence();
    }

    /**
     * Valid after {@link #start()}.
     *
     * @return the number of inputs the journal held at start, the last input sequence recovered: those a snapshot
     *     restored as well as those re-applied after it ({@link #recoveryNotes()} says which snapshot, if any).
     */
    public long recoveredInputs()
    {
        return recovered;
    }

    /**
     * Valid after {@link #start()}.
     *
     * @return what recovery did at start, one line each: the cycle files it set aside (see
     *         {@link #setAsideCycleFiles()}), the snapshots it loaded or skipped (a skipped one, damaged or ahead of
     *         the journals, is renamed to a spare for a later snapshot to overwrite), and the outputs it appended that
     *         the output journal lacked. Every line but a loaded snapshot's is worth showing an operator.
     */
    public java.util.List<String> recoveryNotes()
    {
        return handler.recoveryNotes();
    }

    /**
     * Valid after {@link #start()}.
     *
     * @return the cycle files, by their names in the journal, that this engine's start found as a writer killed at
     *         the instant it created them left them (no header, no record) and renamed to {@code NAME.cq4.abandoned}
     *         (journal/FORMAT.md section 8); empty in the usual case. A host that reports the start to an operator
     *         should name them: the kill left no other trace.
     */
    public java.util.List<Path> setAsideCycleFiles()
    {
        return handler.setAsideCycleFiles();
    }

    /**
     * Safe from any thread. Once it is set, submissions and {@link #close()} throw {@link IllegalStateException}
     * naming it; close the engine, then start a new one on the same journal directory, which recovers every input
     * journalled, and submit again what the halted engine's {@link #appliedSequence()} had not reached: an exact
     * duplicate posts nothing.
     *
     * @return the error that halted the engine (a journal write, a broken ledger invariant, a listener that threw, an
     *     {@link Error} on the business-logic thread), or null.
     */
    public Throwable fatalError()
    {
        return gate.fatal();
    }

    /**
     * Valid after {@link #close()}.
     *
     * @return digest of the output journal.
     */
    public long outputDigest()
    {
        return output.digest();
    }

    /**
     * Valid after {@link #close()}.
     *
     * @return digest of the input journal.
     */
    public long inputDigest()
    {
        return input.digest();
    }

    /**
     * The input journal's record count, digest and SHA-256 seal as {@link #close()} sealed it: the line {@code settle
     * verify} prints for it, for a host to keep where whoever can edit the journal cannot change it, and to compare
     * later ({@code settle verify --kept}).
     *
     * @return the input journal's seal after a clean close, of records then forced to the storage device; null
     *         before, after a halt left it unsealed, or after a close that could not write or force it threw.
     */
    public JournalSeal inputSeal()
    {
        return input.seal();
    }

    /**
     * The output journal's, as {@link #inputSeal()}.
     *
     * @return the output journal's seal after a clean close, as {@link #inputSeal()}; null as it is.
     */
    public JournalSeal outputSeal()
    {
        return output.seal();
    }

    /**
     * Valid after {@link #close()}. After a halt it is the state the halt left, which may hold part of the input the
     * engine halted on (the postings journalled before the failure): the journal, not this, is what a restart
     * recovers.
     *
     * @return the ledger.
     */
    public Ledger ledger()
    {
        return handler.logic().ledger();
    }

    /**
     * Valid after {@link #close()}.
     *
     * @return pages of the journals' cycle files prepared ahead of their writers ({@link Builder#pretouch}); 0 when
     *     pretouch is off.
     */
    public long pretouchedPages()
    {
        return threads.pretouchedPages();
    }

    /**
     * Safe from any thread, while running or after {@link #close()}.
     *
     * @return how long the periodic snapshots have held up the business-logic thread since this engine started.
     */
    public SnapshotStalls snapshotStalls()
    {
        return handler.snapshotStalls();
    }

    /**
     * Valid after {@link #close()}.
     *
     * @return counters of the state machine.
     */
    public EngineCounters counters()
    {
        final var logic = handler.logic();
        return new EngineCounters(input.dataRecords(), output.dataRecords(), logic.ticksPriced(), logic.transfers(),
            logic.rejections());
    }

    /**
     * Drains the ring, stops the business-logic thread, checks the ledger and closes both journals, forcing their
     * files to the storage device in either durability. It returns once the engine's own threads (business-logic,
     * snapshot, pretoucher) have ended, halted or not.
     * <p>
     * Threading: call from any host thread, not from a listener. A call while another closes waits for it and
     * returns once the journals are closed; one while {@link #start()} runs waits for the start to end. Producers
     * may still be submitting: every submission that returns normally is journalled and applied before the journals
     * close, and every later one throws {@link IllegalStateException} with nothing submitted.
     *
     * @throws IllegalStateException if the engine had halted ({@link #fatalError()}), or halted on an input this
     *                               close drained: the journals are left as they are, without close checkpoints,
     *                               for the next start to recover (only the first call throws; a later one
     *                               returns, and {@link #fatalError()} still names the halt); or, changing nothing,
     *                               if called from a listener, where it would wait for itself; or if the ledger
     *                               fails the closing check (balances not summing to zero: an engine fault), after
     *                               which both journals are closed and sealed all the same, since they hold exactly
     *                               the inputs and outputs that led to it.
     * @throws JournalWriteException if a journal's close checkpoint could not be written, or its files could not be
     *                               forced to the storage device after it (a failing device): the other journal is
     *                               closed all the same, a failure of its own attached as a suppressed exception,
     *                               and the seal of a journal not forced is null.
     * @throws org.gridsettle.engine.snapshot.SnapshotWriteException if the closing snapshot could not be written
     *                               (its folder unwritable or full) while the engine had not halted: both journals
     *                               are closed and sealed all the same, and the next start re-applies the inputs
     *                               after the newest snapshot it finds.
     */
    @Override
    public void close()
    {
        closeSequence.close();
    }

    /**
     * Engine configuration. Defaults: page-cache durability, a snapshot every million inputs (and at least
     * {@value SettlementEngine#DEFAULT_SNAPSHOT_INPUTS_PER_METER} inputs per enrolled meter apart) and at shutdown, a
     * sleeping wait strategy that leaves the second core to the host on a 2-core machine and pretouches the journals
     * while it waits, with a parked pretoucher thread as its backstop ({@link Pretouch#ADAPTIVE}), a ring of 8192
     * entries, single producer, at least {@link SettlementEngine#DEFAULT_MIN_FREE_SPACE} bytes free to build.
     * <p>
     * Threading: not thread-safe; configure and build on one thread.
     */
    public static final class Builder
    {
        private Path journalDir;
        private Durability durability = Durability.PAGE_CACHE;
        private Sealing sealing = Sealing.INLINE;
        private WaitStrategy waitStrategy;
        private int ringSize = 8192;
        private boolean multiProducer;
        private int correctionWindow = org.gridsettle.engine.logic.TickWindow.DEFAULT_SLOTS;
        private int expectedMeters;
        private boolean snapshots = true;
        private long minFreeSpace = DEFAULT_MIN_FREE_SPACE;
        /** Null until set: then {@link Pretouch#ADAPTIVE}, or {@link Pretouch#OFF} with the caller's wait strategy. */
        private Pretouch pretouch;
        private long snapshotInterval = 1_000_000;
        private long snapshotInputsPerMeter = DEFAULT_SNAPSHOT_INPUTS_PER_METER;
        private final List<PostingListener> listeners = new ArrayList<>();

        private Builder()
        {
        }

        /**
         * @param dir journal directory; {@code input/} and {@code output/} are created inside.
         * @return this.
         */
        public Builder journalDir(final Path dir)
        {
            this.journalDir = dir;
            return this;
        }

        /**
         * @param bytes free space the journal directory's file system must have for the engine to start (default
         *              {@link #DEFAULT_MIN_FREE_SPACE}); 0 for no check. {@link #build()}, not
         *              {@link SettlementEngine#start()}, checks it: with less it writes nothing and throws
         *              {@link JournalWriteException}. While running, a full disk halts the engine with the same
         *              exception, and the journal keeps every record completed before it.
         * @return this.
         */
        public Builder minFreeSpace(final long bytes)
        {
            if (bytes < 0)
            {
                throw new IllegalArgumentException("minFreeSpace must not be negative: " + bytes);
            }
            this.minFreeSpace = bytes;
            return this;
        }

        /**
         * @param durability what an acknowledged input promises. With {@link Durability#SYNC_ON_BATCH} each snapshot
         *                   is also forced to disk before it is renamed into place; with page-cache durability it
         *                   is not, since the journals would not survive a power loss either, and a snapshot torn
         *                   by one fails its checksum and an older one, or a full replay, is used.
         * @return this.
         */
        public Builder durability(final Durability durability)
        {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /**
         * @param sealing which thread computes the journals' SHA-256 checkpoints: the business-logic thread, or a
         *                thread per journal. The journals' bytes are the same either way.
         * @return this.
         */
        public Builder sealing(final Sealing sealing)
        {
            this.sealing = Objects.requireNonNull(sealing, "sealing");
            return this;
        }

        /**
         * @param pretouch where the journals' pages are prepared ahead of their writers, so that the business-logic
         *                 thread does not take the page faults of its appends: not at all; on that thread while it
         *                 waits for input ({@link IdlePretoucher}, run by the engine's own wait strategy, so not with
         *                 {@link #waitStrategy}); on a daemon thread ({@link JournalPretoucher}), which needs a core
         *                 of its own; or both, the daemon thread touching only where the business-logic thread falls
         *                 behind, as at full throughput ({@link Pretouch#ADAPTIVE}, the default). The journals' bytes
         *                 are the same in every mode.
         * @return this.
         */
        public Builder pretouch(final Pretouch pretouch)
        {
            this.pretouch = Objects.requireNonNull(pretouch, "pretouch");
            return this;
        }

        /**
         * @param waitStrategy how the business-logic thread waits for input, instead of the engine's own: a
         *                     {@link SleepingWaitStrategy} that pretouches the journals and copies a pending
         *                     snapshot capture while it waits ({@link IdleWorkWaitStrategy}), with a pretoucher
         *                     thread as its backstop. Pretouch then defaults to {@link Pretouch#OFF}, and a capture
         *                     is copied only a meter per input.
         * @return this.
         */
        public Builder waitStrategy(final WaitStrategy waitStrategy)
        {
            this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
            return this;
        }

        /**
         * @param ringSize ring entries, a positive power of two. Each entry is allocated when the engine starts, with
         *                 a 128-byte native buffer of its own and a few hundred bytes of heap: a ring larger than the
         *                 JVM can hold fails {@link SettlementEngine#start()} with an {@link OutOfMemoryError},
         *                 which lets go of the journal directory as found (a new engine may start on it).
         * @return this.
         * @throws IllegalArgumentException naming the value, if it is not a positive power of two.
         */
        public Builder ringSize(final int ringSize)
        {
            // Integer.MIN_VALUE has one bit set too; the Disruptor refused it only in start(), after recovery
            if (ringSize < 1 || Integer.bitCount(ringSize) != 1)
            {
                throw new IllegalArgumentException("ringSize must be a positive power of two: " + ringSize);
            }
            this.ringSize = ringSize;
            return this;
        }

        /**
         * @param multiProducer true to allow submissions from several host threads.
         * @return this.
         */
        public Builder multiProducer(final boolean multiProducer)
        {
            this.multiProducer = multiProducer;
            return this;
        }

        /**
         * Sizes the per-meter state for a fleet up front. Without it the state grows by doubling as meters enrol,
         * and each growth holds the old and the new arrays at once; near the heap's limit (a million meters in
         * 2 GiB) those large copies can fail for want of contiguous heap even when the final state fits. State
         * still grows beyond the expected count if more meters enrol.
         *
         * @param meters meters expected to enrol, 0 to {@link #MAX_EXPECTED_METERS}; 0 (the default) to grow from
         *               small. {@link #build()} also refuses a count whose correction windows
         *               ({@link #correctionWindow}) would not fit together.
         * @return this.
         * @throws IllegalArgumentException naming the value, if it is negative or above
         *                                  {@link #MAX_EXPECTED_METERS}.
         */
        public Builder expectedMeters(final int meters)
        {
            if (meters < 0 || meters > MAX_EXPECTED_METERS)
            {
                throw new IllegalArgumentException(
                    "expectedMeters must be 0 to " + MAX_EXPECTED_METERS + " meters: " + meters);
            }
            this.expectedMeters = meters;
            return this;
        }

        /**
         * @param slots ticks remembered per meter for duplicate detection and corrections; each costs
         *              {@value org.gridsettle.engine.logic.TickWindow#BYTES_PER_SLOT} bytes per meter, besides the
         *              window's {@value org.gridsettle.engine.logic.TickWindow#BYTES_PER_METER} bytes per meter.
         *              At most {@link org.gridsettle.engine.logic.TickWindow#MAX_TOTAL_SLOTS} slots for all meters
         *              together: {@link #build()} refuses a window that times {@link #expectedMeters} (at least
         *              one meter) is more, and meters enrolled beyond that halt the engine. The journal does not
         *              record it, and a late tick's outcome depends on it: start every engine on a journal, and
         *              replay it ({@code settle replay --correction-window}), with the window it was written with;
         *              a start or replay with another names the window in the difference it finds.
         * @return this.
         * @throws IllegalArgumentException naming the value, if it is below 1 or a single meter's window would not
         *                                  fit.
         */
        public Builder correctionWindow(final int slots)
        {
            if (slots < 1 || slots > org.gridsettle.engine.logic.TickWindow.MAX_TOTAL_SLOTS)
            {
                throw new IllegalArgumentException("correctionWindow must be 1 to " +
                    org.gridsettle.engine.logic.TickWindow.MAX_TOTAL_SLOTS + " ticks: " + slots);
            }
            this.correctionWindow = slots;
            return this;
        }

        /**
         * The business-logic thread captures each snapshot into memory (about 0.3 µs per enrolled meter once
         * compiled: 30 ms for 100,000 meters; {@link SettlementEngine#snapshotStalls()} measures it) and a snapshot
         * thread writes it; a capture waits if the previous snapshot is still being
         * written. By default a snapshot is due every 1,000,000 inputs, but only once there have been
         * {@value SettlementEngine#DEFAULT_SNAPSHOT_INPUTS_PER_METER} inputs per enrolled meter since the last: a
         * million meters then snapshot every 10,000,000 inputs (a 1.4 GB capture), not every million, and recovery
         * replays at most that tail. Setting an interval here takes snapshots at exactly its multiples instead,
         * unless {@link #snapshotInputsPerMeter} is set after it.
         *
         * @param inputs inputs between periodic snapshots (0 for none); a snapshot is also taken at clean shutdown.
         * @return this.
         */
        public Builder snapshotInterval(final long inputs)
        {
            if (inputs < 0)
            {
                throw new IllegalArgumentException("snapshot interval must not be negative: " + inputs);
            }
            this.snapshotInterval = inputs;
            this.snapshotInputsPerMeter = 0;
            return this;
        }

        /**
         * Spaces periodic snapshots by the fleet: one is taken at a multiple of the interval only if at least this
         * many inputs per enrolled meter came since the last, so that their cost per input stays the same as the
         * fleet grows.
         *
         * @param inputs inputs per enrolled meter, 0 for a fixed interval.
         * @return this.
         */
        public Builder snapshotInputsPerMeter(final long inputs)
        {
            if (inputs < 0)
            {
                throw new IllegalArgumentException("snapshot inputs per meter must not be negative: " + inputs);
            }
            this.snapshotInputsPerMeter = inputs;
            return this;
        }

        /**
         * @param enabled false to take no snapshots at all and always recover by full replay.
         * @return this.
         */
        public Builder snapshots(final boolean enabled)
        {
            this.snapshots = enabled;
            return this;
        }

        /**
         * @param listener receives outputs in order on the business-logic thread; one that throws halts the engine
         *                 (see {@link PostingListener}).
         * @return this.
         */
        public Builder listener(final PostingListener listener)
        {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Opens the journals, verifying each end to end, and takes their writer locks. Each failure below leaves
         * nothing open and nothing written.
         *
         * @return an engine, not yet started.
         * @throws NullPointerException   if no journal directory was set.
         * @throws IllegalArgumentException if {@link #correctionWindow} times {@link #expectedMeters} is more than
         *                                  {@link org.gridsettle.engine.logic.TickWindow#MAX_TOTAL_SLOTS} slots.
         * @throws IllegalStateException  if a wait strategy was set with a pretouch mode that works in the engine's
         *                                own ({@link Pretouch#IDLE}, {@link Pretouch#ADAPTIVE}), or another engine
         *                                or {@code settle} command is writing the journals.
         * @throws JournalWriteException  if the directory's file system has less free space than
         *                                {@link #minFreeSpace}.
         * @throws org.gridsettle.journal.JournalCorruptException if a journal fails verification.
         * @throws java.io.UncheckedIOException if the journals cannot be created or opened (a path that is a file, a
         *                                      read-only file system, no permission), naming the path and why.
         */
        public SettlementEngine build()
        {
            if (pretouch != null && pretouch.usesIdleTime() && waitStrategy != null)
            {
                throw new IllegalStateException("pretouch " + pretouch +
                    " runs in the engine's own wait strategy: set one or the other, not both");
            }
            // refused here, before the journals are opened: the window is sized as the engine is built
            final long slots = (long)Math.max(1, expectedMeters) * correctionWindow;
            if (slots > org.gridsettle.engine.logic.TickWindow.MAX_TOTAL_SLOTS)
            {
                throw new IllegalArgumentException("correctionWindow " + correctionWindow + " x expectedMeters " +
                    expectedMeters + " = " + slots + " slots, more than the " +
                    org.gridsettle.engine.logic.TickWindow.MAX_TOTAL_SLOTS + " the window holds");
            }
            return new SettlementEngine(this);
        }

        private Pretouch effectivePretouch()
        {
            if (pretouch != null)
            {
                return pretouch;
            }
            return waitStrategy == null ? Pretouch.ADAPTIVE : Pretouch.OFF;
        }
    }
}
