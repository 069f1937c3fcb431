package org.gridsettle.engine.logic;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.gridsettle.pricing.dr.DrQuote;
import org.gridsettle.pricing.dr.DrSettlementCalculator;
import org.gridsettle.pricing.dr.TenInTenBaseline;
import org.gridsettle.pricing.tariff.TouTariff;

import java.util.Arrays;

/**
 * Applies demand-response events and settles them.
 * <p>
 * <b>Publication</b> (a DR_EVENT input). An event id seen before is acknowledged as a duplicate if every field is
 * the same, and rejected with CONFLICTING_DUPLICATE otherwise. A new event is checked: a known baseline method, a
 * non-zero program token, incentive and declared baseline not negative (declared only with the declared method),
 * whole hours within one local day of its tariff's zone, starting on a local hour, not across a daylight-saving
 * change (its local hours must be its real hours, which the baseline's hours are), and, with the day-of adjustment,
 * at 04:00 or later so that the adjustment window is on the same day; otherwise MALFORMED. Its tariff must be in
 * force at its start (UNKNOWN_TARIFF), and it may not overlap another event of the same tariff (DR_EVENT_OVERLAP):
 * a meter's hour is never credited twice. An id that was withdrawn is refused (DR_EVENT_WITHDRAWN), the same event
 * or another: a late copy of the original publication must not bring a cancelled event back.
 * <p>
 * <b>Modification</b> (DR_EVENT schema 3, format version 9). Of an unknown id, it is a new event. Of a pending event
 * held at a known modification number below its own, with the same program token and tariff, it replaces the event's
 * hours, incentive, baseline method and declared baseline, after the checks a new event gets (its own hours do not
 * overlap it); a failed check is the rejection a new event would get, and the held version stays. Otherwise (a lower
 * or equal number, an event held without a number, settled or withdrawn, another token or tariff) it is answered as
 * a schema-1 or 2 record is.
 * <p>
 * <b>Withdrawal</b> (a DR_EVENT_WITHDRAWAL input, an OpenADR cancellation). A pending event of the named id and
 * tariff is withdrawn: it never settles, so nothing is minted or paid for it, and it no longer overlaps a later
 * event of its tariff, so the hours can be called again under a new id. Its day stays out of later baselines, as a
 * notified day. The withdrawal posts nothing. A withdrawal of a withdrawn event is acknowledged as a duplicate
 * (subject the tariff, key the event id); one of an id never accepted, or accepted for another tariff, is rejected
 * UNKNOWN_DR_EVENT, and one of a settled event DR_EVENT_SETTLED, since settlement is final. Subject of both: the
 * event id.
 * <p>
 * <b>Settlement</b> is triggered by the tariff's END_OF_DAY calendar input: every event of that tariff not yet
 * settled whose end is at or before the calendar instant settles then, in publication order, never by a clock. For
 * each meter on the tariff enrolled in demand response since before the event started (in enrolment order), the
 * {@link DrSettlementCalculator} finds the reduction and credit. Then, in the program token:
 * <ol>
 *   <li>one funding transfer, ISSUANCE to DR_FUND, mints the event's total credit: the sum of the meters' credits
 *       (so supply stays equal to the reserve-backed issuance 1:1); meterId 0, energyWh the total reduction;</li>
 *   <li>one DR_INCENTIVE transfer per meter with a non-zero credit, DR_FUND to the meter's account; energyWh = the
 *       meter's reduction over the event, rate = the incentive, amount = halfEven(energyWh x rate / 1000);</li>
 *   <li>a meter with no baseline (fewer than 10 eligible days, 4 on a weekend or holiday; a missing reading) gets a rejection with reason
 *       DR_BASELINE_UNAVAILABLE (OVERFLOW if its figures overflow), input type DR_EVENT, subject the meter.</li>
 * </ol>
 * Both transfers carry intervalStart = the event's start, the tariff id and version whose zone and calendar the
 * baseline used, period = the baseline method code and tier = the number of baseline days (0 for declared). An event
 * is identified by (tariff, start) because events of a tariff never overlap. The DR fund passes each event's money
 * straight through, so its balance is zero after every settlement; that is checked, and a broken check halts the
 * engine.
 * <p>
 * <b>Corrections.</b> A correction updates the hourly history (so later baselines use the corrected reading). A
 * settled event is final: a correction of a tick inside its hours changes no credit.
 * <p>
 * Owned by the business-logic thread. Not thread-safe.
 */
final class DrProcessor
{
    private static final int DR_EVENT = RecordType.DR_EVENT.id();
    private static final int WITHDRAWAL = RecordType.DR_EVENT_WITHDRAWAL.id();
    /** Tier field of the funding transfer. */
    static final int FUNDING = 0;
    /** A meter's status when its figures overflowed. */
    private static final int OVERFLOWED = -2;

    private final MeterRegistry meters;
    private final TariffBook tariffs;
    private final DrHistory history;
    private final DrEventBook events;
    private final Postings postings;
    private final DrQuote quote = new DrQuote();
    private DrSettlementObserver observer = DrSettlementObserver.NONE;
    private long[] eventDays = new long[16];
    private long[] credits = new long[64];
    private long[] reductions = new long[64];
    private int[] statuses = new int[64];
    private int[] tiers = new int[64];

    DrProcessor(
        final MeterRegistry meters,
        final TariffBook tariffs,
        final DrHistory history,
        final DrEventBook events,
        final Postings postings)
    {
        this.meters = meters;
        this.tariffs = tariffs;
        this.history = history;
        this.events = events;
        this.postings = postings;
    }

    void apply(final long sequence, final DrEventCodec event)
    {
        final long eventId = event.eventId();
        final int known = events.indexOf(eventId);
        final boolean replaces = known != DrEventBook.NONE && replacing(known, event);
        if (known != DrEventBook.NONE && !replaces)
        {
            if (events.withdrawn(known))
            {
                postings.reject(sequence, ReasonCode.DR_EVENT_WITHDRAWN, DR_EVENT, eventId);
            }
            else if (events.sameAs(known, event))
            {
                postings.acknowledgeDuplicate(sequence, event.programToken(), eventId);
            }
            else
            {
                postings.reject(sequence, ReasonCode.CONFLICTING_DUPLICATE, DR_EVENT, eventId);
            }
            return;
        }
        final BaselineMethod method = BaselineMethod.ofCode(event.baselineMethod());
        final long start = event.start();
        final long end = event.end();
        if (method == null || event.programToken() == 0 || event.incentive() < 0 || event.declaredWhPerHour() < 0 ||
            (method != BaselineMethod.DECLARED && event.declaredWhPerHour() != 0) ||
            start >= end || end - start > 86_400L || (end - start) % 3_600L != 0)
        {
            postings.reject(sequence, ReasonCode.MALFORMED, DR_EVENT, eventId);
            return;
        }
        final TouTariff tariff = tariffs.inForce(event.tariffId(), start);
        if (tariff == null)
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_TARIFF, DR_EVENT, event.tariffId());
            return;
        }
        final long local = tariff.zoneTable().localEpochSecond(start);
        final long localDay = Math.floorDiv(local, 86_400L);
        final long firstHour = (local - localDay * 86_400L) / 3_600L;
        final long endHour = firstHour + (end - start) / 3_600L;
        // across a daylight-saving change an event's real hours are not its local hours, which the baseline counts
        final boolean acrossDstChange = tariff.zoneTable().localEpochSecond(end) - local != end - start;
        if (local % 3_600L != 0 || endHour > 24 || acrossDstChange ||
            Math.floorDiv(tariff.zoneTable().localEpochSecond(end - 1), 86_400L) != localDay ||
            (method == BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT && firstHour < TenInTenBaseline.WINDOW_FROM))
        {
            postings.reject(sequence, ReasonCode.MALFORMED, DR_EVENT, eventId);
            return;
        }
        // a modification may keep some of its own hours: only the tariff's other events can overlap it
        if (events.overlaps(replaces ? known : DrEventBook.NONE, event.tariffId(), start, end))
        {
            postings.reject(sequence, ReasonCode.DR_EVENT_OVERLAP, DR_EVENT, eventId);
            return;
        }
        if (!TokenLimit.admits(postings.ledger(), tariffs, events, null, event.programToken()))
        {
            postings.reject(sequence, ReasonCode.TOKEN_LIMIT, DR_EVENT, eventId);
            return;
        }
        if (replaces)
        {
            events.replace(known, event, localDay);
            return;
        }
        events.add(event, localDay);
    }

    /**
     * @return true if the record is a modification (DR_EVENT schema 3) that replaces the held event {@code known}:
     *         pending, at a known modification number below the record's, of the same program token and tariff.
     */
    private boolean replacing(final int known, final DrEventCodec event)
    {
        // another program token or tariff is another event, refused CONFLICTING_DUPLICATE below: the token limit
        // counted the held event's token, and its tariff's calendar (zone, holidays, ends of day, baseline days) placed
        // it and is to settle it
        return event.modification() && supersedes(known, event) && events.token(known) == event.programToken() &&
            events.tariff(known) == event.tariffId();
    }

    /**
     * @return true if the held event {@code known} is pending at a known modification number below the record's: one
     *         published without a number (schema 1) cannot be ordered against a modification, so it is never replaced.
     */
    private boolean supersedes(final int known, final DrEventCodec event)
    {
        final long held = events.modification(known);
        return events.pending(known) && held >= 0 && event.modificationNumber() > held;
    }

    /**
     * Withdraws a pending event, so that it never settles.
     *
     * @param sequence   the withdrawal input.
     * @param withdrawal the record.
     */
    void withdraw(final long sequence, final DrEventWithdrawalCodec withdrawal)
    {
        final long eventId = withdrawal.eventId();
        final int known = events.indexOf(eventId);
        if (known == DrEventBook.NONE || events.tariff(known) != withdrawal.tariffId())
        {
            postings.reject(sequence, ReasonCode.UNKNOWN_DR_EVENT, WITHDRAWAL, eventId);
        }
        else if (events.withdrawn(known))
        {
            postings.acknowledgeDuplicate(sequence, withdrawal.tariffId(), eventId);
        }
        else if (events.settled(known))
        {
            postings.reject(sequence, ReasonCode.DR_EVENT_SETTLED, WITHDRAWAL, eventId);
        }
        else
        {
            events.markWithdrawn(known);
        }
    }

    /**
     * Settles every pending event (neither settled nor withdrawn) of a tariff that has ended by an end of day.
     *
     * @param sequence the END_OF_DAY calendar input.
     * @param tariffId its tariff.
     * @param at       its instant.
     */
    void settleDue(final long sequence, final long tariffId, final long at)
    {
        for (int e = 0, n = events.count(); e < n; e++)
        {
            if (events.tariff(e) == tariffId && events.pending(e) && events.end(e) <= at)
            {
                settle(sequence, e);
                events.markSettled(e);
            }
        }
    }

    private void settle(final long sequence, final int e)
    {
        final long start = events.start(e);
        final TouTariff tariff = tariffs.inForce(events.tariff(e), start);
        final long local = tariff.zoneTable().localEpochSecond(start);
        final long day = events.localDay(e);
        final int firstHour = (int)((local - day * 86_400L) / 3_600L);
        final int endHour = firstHour + (int)((events.end(e) - start) / 3_600L);
        final BaselineMethod method = BaselineMethod.ofCode(events.method(e));
        eventDays = events.daysOf(events.tariff(e), eventDays);
        final int meterCount = meters.meterCount();
        ensureMeters(meterCount);
        long totalCredit = 0;
        long totalReduction = 0;
        // first every meter's figures, so that the funding transfer can precede the payments it funds
        for (int m = 0; m < meterCount; m++)
        {
            statuses[m] = -1;
            if (!dispatched(m, events.tariff(e), start))
            {
                continue;
            }
            history.select(m);
            try
            {
                DrSettlementCalculator.settle(method, tariff, history, day, firstHour, endHour, events.declaredWh(e),
                    events.incentive(e), eventDays, events.lastDayCount, quote);
                if (quote.status == DrQuote.OK)
                {
                    // both totals first: a meter whose figures overflow them is refused whole, never half counted
                    final long credit = Math.addExact(totalCredit, quote.creditMicros);
                    final long reduction = Math.addExact(totalReduction, quote.reductionWh);
                    totalCredit = credit;
                    totalReduction = reduction;
                    credits[m] = quote.creditMicros;
                    reductions[m] = quote.reductionWh;
                    tiers[m] = quote.dayCount;
                }
                statuses[m] = quote.status;
                observer.onMeter(sequence, events.id(e), meters.meterIdAt(m), day, quote);
            }
            catch (final ArithmeticException overflow)
            {
                statuses[m] = OVERFLOWED;
            }
        }
        final long token = events.token(e);
        // the funding and the payments each move totalCredit through the ledger: checked before the first of them,
        // so an event the ledger cannot take is refused whole, never half paid
        if (totalCredit > postings.ledger().headroom(token) / 2)
        {
            for (int m = 0; m < meterCount; m++)
            {
                if (statuses[m] == DrQuote.OK && credits[m] > 0)
                {
                    statuses[m] = OVERFLOWED;
                }
            }
            totalCredit = 0;
        }
        if (totalCredit > 0)
        {
            postings.transfer(sequence, SystemAccounts.ISSUANCE, SystemAccounts.DR_FUND, token, totalCredit,
                ReasonCode.DR_INCENTIVE)
                .explain(0, start, totalReduction, events.incentive(e), tariff.tariffId(), tariff.version(),
                    method.code(), FUNDING);
            postings.emitTransfer();
        }
        for (int m = 0; m < meterCount; m++)
        {
            final int status = statuses[m];
            if (status == DrQuote.OK && credits[m] > 0)
            {
                postings.transfer(sequence, SystemAccounts.DR_FUND, meters.accountOf(m), token, credits[m],
                    ReasonCode.DR_INCENTIVE)
                    .explain(meters.meterIdAt(m), start, reductions[m], events.incentive(e), tariff.tariffId(),
                        tariff.version(), method.code(), tiers[m]);
                postings.emitTransfer();
            }
            else if (status == DrQuote.INSUFFICIENT_HISTORY || status == DrQuote.ACTUAL_MISSING)
            {
                postings.reject(sequence, ReasonCode.DR_BASELINE_UNAVAILABLE, DR_EVENT, meters.meterIdAt(m));
            }
            else if (status == OVERFLOWED)
            {
                postings.reject(sequence, ReasonCode.OVERFLOW, DR_EVENT, meters.meterIdAt(m));
            }
        }
        checkFundEmpty(token);
    }

    void observer(final DrSettlementObserver observer)
    {
        this.observer = observer;
    }

    private boolean dispatched(final int m, final long tariffId, final long start)
    {
        return meters.tariffOf(m) == tariffId && meters.enrolledFrom(m) <= start &&
            (meters.programsOf(m) & MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE) != 0;
    }

    private void checkFundEmpty(final long token)
    {
        final Ledger ledger = postings.ledger();
        final int index = ledger.findToken(token);
        if (index >= 0 && ledger.balance(SystemAccounts.DR_FUND, index) != 0)
        {
            throw new IllegalStateException("DR fund of " + ledger.tokenSymbol(index) + " holds " +
                ledger.balance(SystemAccounts.DR_FUND, index) + " after settling an event: it must pass through");
        }
    }

    private void ensureMeters(final int meterCount)
    {
        if (meterCount > credits.length)
        {
            final int capacity = Math.max(meterCount, credits.length * 2);
            credits = Arrays.copyOf(credits, capacity);
            reductions = Arrays.copyOf(reductions, capacity);
            statuses = Arrays.copyOf(statuses, capacity);
            tiers = Arrays.copyOf(tiers, capacity);
        }
    }
}
