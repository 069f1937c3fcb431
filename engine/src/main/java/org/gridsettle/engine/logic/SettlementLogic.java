package org.gridsettle.engine.logic;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.RecordValidator;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.PriceQuote;
import org.gridsettle.pricing.tariff.TouPricer;
import org.gridsettle.pricing.tariff.TouTariff;

/**
 * The settlement state machine: {@code apply(input record) -> output records}.
 * <p>
 * It knows nothing of the Disruptor or Chronicle. Given the same inputs in the same order it emits byte-identical
 * outputs, because it reads no clock, uses no randomness and never lets hash-map iteration order decide what it
 * emits. So the same instance type runs inside the engine, in replay, in recovery, or under a replicated log.
 * <p>
 * Bad input never throws out of {@link #apply}: it becomes a rejection record with a reason code. A broken ledger
 * invariant does throw, so the host halts rather than posting on.
 * <p>
 * Owned by one thread (the business-logic thread). Not thread-safe.
 */
public final class SettlementLogic
{
    private final OutputSink sink;
    private final MeterRegistry meters = new MeterRegistry();
    private final TariffBook tariffs = new TariffBook();
    private final Ledger ledger = new Ledger();
    private final PriceQuote quote = new PriceQuote();

    private final UnsafeBuffer inputView = new UnsafeBuffer(0, 0);
    private final MeterTickCodec tick = new MeterTickCodec();
    private final AccountRegistrationCodec account = new AccountRegistrationCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final TariffVersionCodec tariffCodec = new TariffVersionCodec();

    private final UnsafeBuffer out = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private final TransferCodec transfer = new TransferCodec();
    private final RejectionCodec rejection = new RejectionCodec();

    private long lastInputSequence;
    private long outputSequence;
    private long ticksPriced;
    private long transfers;
    private long rejections;

    /**
     * @param sink receives every output record in order.
     */
    public SettlementLogic(final OutputSink sink)
    {
        this.sink = sink;
        transfer.wrap(out, 0);
        rejection.wrap(out, 0);
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
        final long sequence = length >= RecordFlyweight.HEADER_LENGTH ? RecordFlyweight.sequenceAt(inputView, 0) : 0;
        lastInputSequence = sequence;
        final int typeId = length >= RecordFlyweight.HEADER_LENGTH ? RecordFlyweight.typeIdAt(inputView, 0) : 0;
        if (RecordValidator.problem(inputView, 0, length) != null)
        {
            reject(sequence, ReasonCode.MALFORMED, typeId, 0);
            return;
        }
        final RecordType type = RecordType.ofId(typeId);
        switch (type)
        {
            case METER_TICK -> onTick(sequence);
            case ACCOUNT_REGISTRATION -> onAccount(sequence);
            case METER_ENROLMENT -> onEnrolment(sequence);
            case TARIFF_VERSION -> onTariff(sequence);
            default -> reject(sequence, ReasonCode.MALFORMED, typeId, 0);
        }
    }

    private void onTick(final long sequence)
    {
        final MeterTickCodec t = tick.wrap(inputView, 0);
        final long meterId = t.meterId();
        if (t.intervalSeconds() <= 0)
        {
            reject(sequence, ReasonCode.ZERO_LENGTH_INTERVAL, RecordType.METER_TICK.id(), meterId);
            return;
        }
        final long importWh = t.importWh();
        final long exportWh = t.exportWh();
        if (importWh < 0 || exportWh < 0)
        {
            reject(sequence, ReasonCode.NEGATIVE_ENERGY, RecordType.METER_TICK.id(), meterId);
            return;
        }
        final int meter = meters.indexOf(meterId);
        final long start = t.intervalStart();
        if (meter == MeterRegistry.NO_METER || start < meters.enrolledFrom(meter))
        {
            reject(sequence, ReasonCode.UNKNOWN_METER, RecordType.METER_TICK.id(), meterId);
            return;
        }
        final TouTariff tariff = tariffs.inForce(meters.tariffOf(meter), start);
        if (tariff == null)
        {
            reject(sequence, ReasonCode.UNKNOWN_TARIFF, RecordType.METER_TICK.id(), meters.tariffOf(meter));
            return;
        }
        try
        {
            TouPricer.price(tariff, start, importWh, exportWh, quote);
        }
        catch (final ArithmeticException | IllegalArgumentException e)
        {
            reject(sequence, ReasonCode.OVERFLOW, RecordType.METER_TICK.id(), meterId);
            return;
        }
        ticksPriced++;
        final long customer = meters.accountOf(meter);
        if (quote.importAmount > 0)
        {
            post(sequence, customer, SystemAccounts.REVENUE, tariff.tokenSymbol(), quote.importAmount,
                ReasonCode.ENERGY_CHARGE);
            transfer.explain(meterId, start, importWh, quote.importRate, tariff.tariffId(), tariff.version(),
                quote.periodIndex, 0);
            emit(TransferCodec.LENGTH);
        }
        if (quote.exportAmount > 0)
        {
            post(sequence, SystemAccounts.ISSUANCE, customer, tariff.exportTokenSymbol(), quote.exportAmount,
                ReasonCode.EXPORT_CREDIT);
            transfer.explain(meterId, start, exportWh, quote.exportRate, tariff.tariffId(), tariff.version(),
                quote.periodIndex, 0);
            emit(TransferCodec.LENGTH);
        }
    }

    private void onAccount(final long sequence)
    {
        account.wrap(inputView, 0);
        final long accountId = account.accountId();
        if (accountId < SystemAccounts.FIRST_CUSTOMER_ACCOUNT || accountId > (Long.MAX_VALUE >> 4))
        {
            reject(sequence, ReasonCode.MALFORMED, RecordType.ACCOUNT_REGISTRATION.id(), accountId);
        }
        else if (!meters.registerAccount(accountId))
        {
            reject(sequence, ReasonCode.ALREADY_EXISTS, RecordType.ACCOUNT_REGISTRATION.id(), accountId);
        }
    }

    private void onEnrolment(final long sequence)
    {
        final MeterEnrolmentCodec e = enrolment.wrap(inputView, 0);
        if (!meters.hasAccount(e.accountId()))
        {
            reject(sequence, ReasonCode.UNKNOWN_ACCOUNT, RecordType.METER_ENROLMENT.id(), e.accountId());
        }
        else if (!tariffs.contains(e.tariffId()))
        {
            reject(sequence, ReasonCode.UNKNOWN_TARIFF, RecordType.METER_ENROLMENT.id(), e.tariffId());
        }
        else
        {
            meters.enrol(e.meterId(), e.accountId(), e.tariffId(), e.effectiveFrom());
        }
    }

    private void onTariff(final long sequence)
    {
        final TouTariff tariff;
        try
        {
            tariffCodec.wrap(inputView, 0);
            tariff = tariffCodec.decode();
        }
        catch (final RuntimeException e)
        {
            reject(sequence, ReasonCode.MALFORMED, RecordType.TARIFF_VERSION.id(), 0);
            return;
        }
        if (!tariffs.publish(tariff))
        {
            reject(sequence, ReasonCode.ALREADY_EXISTS, RecordType.TARIFF_VERSION.id(), tariff.tariffId());
        }
    }

    private void post(
        final long cause,
        final long debit,
        final long credit,
        final long tokenSymbol,
        final long amount,
        final ReasonCode reason)
    {
        ledger.post(debit, credit, ledger.tokenIndex(tokenSymbol), amount);
        transfer.encode(++outputSequence, cause, debit, credit, tokenSymbol, amount, reason);
        transfers++;
    }

    private void reject(final long cause, final ReasonCode reason, final int inputType, final long subject)
    {
        rejection.encode(++outputSequence, cause, reason, inputType, subject);
        rejections++;
        emit(RejectionCodec.LENGTH);
    }

    private void emit(final int length)
    {
        sink.onOutput(out, 0, length);
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
        return outputSequence;
    }

    /**
     * @return ticks priced (accepted).
     */
    public long ticksPriced()
    {
        return ticksPriced;
    }

    /**
     * @return transfers posted.
     */
    public long transfers()
    {
        return transfers;
    }

    /**
     * @return inputs rejected.
     */
    public long rejections()
    {
        return rejections;
    }

    /**
     * @return the ledger; read it only on the business-logic thread or after the engine has stopped.
     */
    public Ledger ledger()
    {
        return ledger;
    }

    /**
     * @return the meter registry; same threading rule as {@link #ledger()}.
     */
    public MeterRegistry meters()
    {
        return meters;
    }
}
