package org.gridsettle.engine.pipeline;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RedemptionCodec;

/**
 * One pre-allocated Disruptor ring entry: an encoded input record waiting to be journalled and applied, or a balance
 * query waiting to be answered.
 * <p>
 * Each slot owns its buffer and one encoder per fixed-size input type, already wrapped on that buffer, so producers
 * on several threads encode without sharing any state and without allocating. Rare large inputs (tariff versions)
 * bring their own buffer through {@link #attachLarge}.
 * <p>
 * Threading: not thread-safe; a slot belongs to the one producer that claimed it until it is published, then to
 * the business-logic thread, ownership passing through the Disruptor's sequence barrier.
 */
public final class InputSlot
{
    /** Capacity of the inline buffer, enough for every fixed-size input. */
    public static final int INLINE_CAPACITY = 128;

    private final UnsafeBuffer inline = new UnsafeBuffer(BufferUtil.allocateDirectAligned(INLINE_CAPACITY, 64));
    private final MeterTickCodec tick = new MeterTickCodec();
    private final AccountRegistrationCodec account = new AccountRegistrationCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final InterestAccrualCodec accrual = new InterestAccrualCodec();
    private final CalendarCodec calendar = new CalendarCodec();
    private final DrEventCodec drEvent = new DrEventCodec();
    private final DrEventWithdrawalCodec drWithdrawal = new DrEventWithdrawalCodec();
    private MutableDirectBuffer current = inline;
    private int length;
    private BalanceQuery query;

    /**
     * Wraps every encoder on the inline buffer.
     */
    public InputSlot()
    {
        tick.wrap(inline, 0);
        account.wrap(inline, 0);
        enrolment.wrap(inline, 0);
        redemption.wrap(inline, 0);
        accrual.wrap(inline, 0);
        calendar.wrap(inline, 0);
        drEvent.wrap(inline, 0);
        drWithdrawal.wrap(inline, 0);
    }

    /** @return the tick encoder; call {@link #length(int)} after encoding. */
    public MeterTickCodec tick()
    {
        return tick;
    }

    /** @return the account registration encoder. */
    public AccountRegistrationCodec account()
    {
        return account;
    }

    /** @return the enrolment encoder. */
    public MeterEnrolmentCodec enrolment()
    {
        return enrolment;
    }

    /** @return the redemption encoder. */
    public RedemptionCodec redemption()
    {
        return redemption;
    }

    /** @return the interest accrual encoder. */
    public InterestAccrualCodec accrual()
    {
        return accrual;
    }

    /** @return the calendar event encoder. */
    public CalendarCodec calendar()
    {
        return calendar;
    }

    /** @return the demand-response event encoder. */
    public DrEventCodec drEvent()
    {
        return drEvent;
    }

    /** @return the demand-response event withdrawal encoder. */
    public DrEventWithdrawalCodec drWithdrawal()
    {
        return drWithdrawal;
    }

    /**
     * @param length whole length of the record now in the inline buffer.
     */
    public void length(final int length)
    {
        this.length = length;
        this.current = inline;
        this.query = null;
    }

    /**
     * Uses a separately allocated direct buffer for a large record.
     *
     * @param buffer holding the record at offset 0.
     * @param length its length.
     */
    public void attachLarge(final MutableDirectBuffer buffer, final int length)
    {
        this.current = buffer;
        this.length = length;
        this.query = null;
    }

    /**
     * Turns this slot into a query: not journalled, answered on the business-logic thread in ring order.
     *
     * @param query the query.
     */
    public void query(final BalanceQuery query)
    {
        this.query = query;
        this.length = 0;
    }

    /**
     * @return the query in this slot, or null for an input.
     */
    public BalanceQuery query()
    {
        return query;
    }

    /**
     * @return the buffer holding the record.
     */
    public MutableDirectBuffer record()
    {
        return current;
    }

    /**
     * @return the record length.
     */
    public int recordLength()
    {
        return length;
    }

    /**
     * Drops a large buffer or query once handled so the ring does not keep it alive.
     */
    public void clear()
    {
        current = inline;
        length = 0;
        query = null;
    }
}
