package org.gridsettle.replay.ingest;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.tariff.TouTariff;

import java.nio.file.Path;

/**
 * How far an existing journal's calendar got for a tariff: where an ingest that appends resumes it, and the start the
 * journal gave the tariff.
 * <p>
 * An ingest leaves the month of its last reading open, so that a later ingest can add to it. That later ingest must
 * then end the days, and close the month, that the earlier ones left open, even if its own readings start in the next
 * month: otherwise a utility that ingests one file a month never ends a day or closes a period. The journal itself
 * says how far the calendar got, so nothing beside it has to remember: the latest end of day of the tariff, or, if
 * no run ended a day yet, the earliest reading journalled for a meter enrolled on the tariff, from its enrolment on.
 * It also says which DR events of the tariff are journalled, which of them an end of day has settled and which a
 * withdrawal has taken back, so that a run's report does not credit or leave pending an event an earlier run
 * published, and so that a cancellation is withdrawn once; and the highest OpenADR modification number journalled
 * for each (DR_EVENT schema 2), so that an older modification fed again does not withdraw or change a newer one; a
 * modification the engine took (DR_EVENT schema 3, applied and not rejected) moves its event's end.
 * Other readings are journalled too but rejected by the engine (an unknown meter's, one dated before its meter's
 * enrolment, a clock's 1970), and resuming from one would end every day since it.
 * <p>
 * The input journal is read without checking its chains: the engine that appends to it verifies both journals end to
 * end when it opens them, before anything is journalled. Immutable; safe to share between threads.
 */
final class JournalledCalendar
{
    /** No journal, or nothing in it to resume from. */
    static final long NONE = Long.MIN_VALUE;
    /** Nothing journalled. */
    static final JournalledCalendar EMPTY = new JournalledCalendar(NONE, NONE, null, new LongHashSet(),
        new LongHashSet(), new LongHashSet(), new LongHashSet(), new Long2LongHashMap(NONE),
        new Long2LongHashMap(DrEventCodec.UNKNOWN_MODIFICATION), new Long2LongHashMap(NONE));

    private final long lastEndOfDay;
    private final long earliestReading;
    private final TouTariff tariff;
    private final LongHashSet drEvents;
    private final LongHashSet settledDrEvents;
    private final LongHashSet withdrawnDrEvents;
    private final LongHashSet withdrawnAfterSettlement;
    private final Long2LongHashMap pendingDrEventEnds;
    private final Long2LongHashMap drEventModifications;
    private final Long2LongHashMap heldModifications;

    private JournalledCalendar(final long lastEndOfDay, final long earliestReading, final TouTariff tariff,
        final LongHashSet drEvents, final LongHashSet settledDrEvents, final LongHashSet withdrawnDrEvents,
        final LongHashSet withdrawnAfterSettlement, final Long2LongHashMap pendingDrEventEnds,
        final Long2LongHashMap drEventModifications, final Long2LongHashMap heldModifications)
    {
        this.drEventModifications = drEventModifications;
        this.heldModifications = heldModifications;
        this.withdrawnAfterSettlement = withdrawnAfterSettlement;
        this.pendingDrEventEnds = pendingDrEventEnds;
        this.withdrawnDrEvents = withdrawnDrEvents;
        this.lastEndOfDay = lastEndOfDay;
        this.earliestReading = earliestReading;
        this.tariff = tariff;
        this.drEvents = drEvents;
        this.settledDrEvents = settledDrEvents;
    }

    /**
     * Reads the input journal once, handing every record to {@code alsoEach} too, so that an ingest reads its input
     * journal once ({@link SettledReadings.Scan}).
     *
     * @param journalDir a journal directory, which need not exist.
     * @param tariffId   the tariff whose calendar is resumed.
     * @param version    the version an ingest publishes.
     * @param alsoEach   sees every input record, in journal order, before this reads it.
     * @param applied    true for an input sequence the output journal shows applied and not rejected: whether the
     *                   engine took a DR event modification (DR_EVENT schema 3) depends on checks only it makes.
     * @return what the journal holds for the tariff.
     */
    static JournalledCalendar read(final Path journalDir, final long tariffId, final int version,
        final RecordHandler alsoEach, final java.util.function.LongPredicate applied)
    {
        if (!Journals.exists(journalDir))
        {
            return EMPTY;
        }
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final CalendarCodec calendar = new CalendarCodec();
        final MeterTickCodec tick = new MeterTickCodec();
        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
        final TariffVersionCodec tariff = new TariffVersionCodec();
        final DrEventCodec drEvent = new DrEventCodec();
        final DrEventWithdrawalCodec withdrawal = new DrEventWithdrawalCodec();
        final LongHashSet drEvents = new LongHashSet();
        final LongHashSet settled = new LongHashSet();
        final LongHashSet withdrawn = new LongHashSet();
        final LongHashSet tooLate = new LongHashSet();
        // DR event id -> end, until an end of day the engine applies (one later than any before it) settles it
        final Long2LongHashMap unsettledEnds = new Long2LongHashMap(NONE);
        // DR event id -> the highest OpenADR modification number its DR_EVENT records carry (schema 2); none for an id
        // whose records are all schema 1
        final Long2LongHashMap modifications = new Long2LongHashMap(DrEventCodec.UNKNOWN_MODIFICATION);
        // DR event id -> the modification number the engine holds it at: its first publication's, then that of each
        // modification it took; UNKNOWN_MODIFICATION for one published without, so the map's missing value is NONE
        final Long2LongHashMap held = new Long2LongHashMap(NONE);
        // meter -> effective start of its latest enrolment on the tariff, as the engine keeps it
        final Long2LongHashMap enrolledFrom = new Long2LongHashMap(NONE);
        final long[] found = {NONE, Long.MAX_VALUE};
        final TouTariff[] journalledTariff = {null};
        try (JournalReader input = new JournalReader(Journals.input(journalDir)).chainVerification(false)
            .checkpointVerification(false))
        {
            while (input.next((buffer, offset, length, position) ->
            {
                alsoEach.onRecord(buffer, offset, length, position);
                final int type = RecordFlyweight.typeIdAt(buffer, offset);
                view.wrap(buffer, offset, length);
                if (type == RecordType.CALENDAR.id())
                {
                    calendar.wrap(view, 0);
                    if (calendar.kind() == CalendarCodec.END_OF_DAY && calendar.tariffId() == tariffId &&
                        calendar.at() > found[0])
                    {
                        found[0] = calendar.at();
                        final Long2LongHashMap.KeyIterator ids = unsettledEnds.keySet().iterator();
                        while (ids.hasNext())
                        {
                            final long id = ids.nextValue();
                            if (unsettledEnds.get(id) <= calendar.at())
                            {
                                settled.add(id);
                                ids.remove();
                            }
                        }
                    }
                }
                else if (type == RecordType.METER_ENROLMENT.id())
                {
                    enrolment.wrap(view, 0);
                    if (enrolment.tariffId() == tariffId)
                    {
                        enrolledFrom.put(enrolment.meterId(), enrolment.effectiveFrom());
                    }
                    else
                    {
                        enrolledFrom.remove(enrolment.meterId());
                    }
                }
                else if (type == RecordType.METER_TICK.id())
                {
                    tick.wrap(view, 0);
                    final long from = enrolledFrom.get(tick.meterId());
                    if (from != NONE && tick.intervalStart() >= from)
                    {
                        found[1] = Math.min(found[1], tick.intervalStart());
                    }
                }
                else if (type == RecordType.DR_EVENT.id())
                {
                    drEvent.wrap(view, 0);
                    // the engine keeps an id's first publication; a copy of it is a duplicate or a conflict, and a
                    // modification at a higher number replaces it while it is pending
                    if (drEvent.tariffId() == tariffId && drEvents.add(drEvent.eventId()))
                    {
                        unsettledEnds.put(drEvent.eventId(), drEvent.end());
                        held.put(drEvent.eventId(), drEvent.modificationNumber());
                    }
                    else if (drEvent.tariffId() == tariffId && drEvent.modification() &&
                        unsettledEnds.containsKey(drEvent.eventId()) && held.get(drEvent.eventId()) >= 0 &&
                        drEvent.modificationNumber() > held.get(drEvent.eventId()) &&
                        applied.test(RecordFlyweight.sequenceAt(buffer, offset)))
                    {
                        // a modification the engine took replaced the pending event: it settles at its new end
                        unsettledEnds.put(drEvent.eventId(), drEvent.end());
                        held.put(drEvent.eventId(), drEvent.modificationNumber());
                    }
                    // a later copy's number counts too: the VTN had sent that modification, whatever the engine made
                    // of it, so a cancellation at or below it is older than what was journalled
                    final long modification = drEvent.modificationNumber();
                    if (drEvent.tariffId() == tariffId &&
                        modification > modifications.get(drEvent.eventId()))
                    {
                        modifications.put(drEvent.eventId(), modification);
                    }
                }
                else if (type == RecordType.DR_EVENT_WITHDRAWAL.id())
                {
                    withdrawal.wrap(view, 0);
                    // the engine withdraws only a pending event of the tariff; it refuses the rest
                    if (withdrawal.tariffId() == tariffId && unsettledEnds.remove(withdrawal.eventId()) != NONE)
                    {
                        withdrawn.add(withdrawal.eventId());
                    }
                    else if (withdrawal.tariffId() == tariffId && settled.contains(withdrawal.eventId()))
                    {
                        // refused DR_EVENT_SETTLED, and journalled so: the cancellation is on record once
                        tooLate.add(withdrawal.eventId());
                    }
                    // the cancellation's own number (schema 2) is a modification the VTN sent, as an event copy's is
                    final long modification = withdrawal.modificationNumber();
                    if (withdrawal.tariffId() == tariffId && modification > modifications.get(withdrawal.eventId()))
                    {
                        modifications.put(withdrawal.eventId(), modification);
                    }
                }
                else if (type == RecordType.TARIFF_VERSION.id() && journalledTariff[0] == null)
                {
                    tariff.wrap(view, 0);
                    if (tariff.tariffId() == tariffId && tariff.version() == version)
                    {
                        // a later copy is rejected ALREADY_EXISTS: the first is the one that prices
                        journalledTariff[0] = tariff.decode();
                    }
                }
            }))
            {
                // the handler keeps what it found
            }
        }
        return new JournalledCalendar(found[0], found[1] == Long.MAX_VALUE ? NONE : found[1], journalledTariff[0],
            drEvents, settled, withdrawn, tooLate, unsettledEnds, modifications, held);
    }

    /**
     * @return the instant of the latest END_OF_DAY record for the tariff; without one, the earliest interval start of
     *         a journalled reading of a meter enrolled on the tariff, from its enrolment on; without either,
     *         {@link #NONE}.
     */
    long resumeFrom()
    {
        return lastEndOfDay != NONE ? lastEndOfDay : earliestReading;
    }

    /**
     * @return the latest END_OF_DAY of the tariff journalled, or {@link #NONE}: the engine acknowledges an end of day
     *         at or before it as a duplicate and settles nothing at it.
     */
    long lastEndOfDay()
    {
        return lastEndOfDay;
    }

    /**
     * @return the effective start of the tariff version journalled first, or {@link #NONE}.
     */
    long tariffEffectiveFrom()
    {
        return tariff == null ? NONE : tariff.effectiveFromEpochSecond();
    }

    /**
     * @return the tariff version journalled first, which prices the journal's readings; null when there is none.
     */
    TouTariff tariff()
    {
        return tariff;
    }

    /**
     * @param engineId a DR event id.
     * @return true if the journal holds a DR event of the tariff with that id.
     */
    boolean holdsDrEvent(final long engineId)
    {
        return drEvents.contains(engineId);
    }

    /**
     * @param engineId a DR event id.
     * @return the highest OpenADR modification number the journal's DR_EVENT records of the tariff carry for it, or
     *         {@link DrEventCodec#UNKNOWN_MODIFICATION} when it holds none: the event is not journalled, or only in
     *         records written without one (DR_EVENT schema 1, before format version 6).
     */
    long drEventModification(final long engineId)
    {
        return drEventModifications.get(engineId);
    }

    /**
     * @param engineId a DR event id.
     * @return the OpenADR modification number the engine holds the event at: its first publication's, or that of the
     *         last modification (DR_EVENT schema 3) the engine took; not that of one it refused, which a later copy at
     *         the same number may still replace it by. {@link DrEventCodec#UNKNOWN_MODIFICATION} when the event is not
     *         journalled or was published without one.
     */
    long heldDrEventModification(final long engineId)
    {
        final long held = heldModifications.get(engineId);
        return held == NONE ? DrEventCodec.UNKNOWN_MODIFICATION : held;
    }

    /**
     * @param engineId a DR event id.
     * @return true if an end of day the engine applied after the event's publication, at or after its end, settled
     *         it.
     */
    boolean settledDrEvent(final long engineId)
    {
        return settledDrEvents.contains(engineId);
    }

    /**
     * @param engineId a DR event id.
     * @return true if a withdrawal the engine applied took the event back before it settled.
     */
    boolean withdrawnDrEvent(final long engineId)
    {
        return withdrawnDrEvents.contains(engineId);
    }

    /**
     * @param engineId a DR event id.
     * @return true if a withdrawal of the event came after an end of day had settled it (the engine refused it
     *         DR_EVENT_SETTLED).
     */
    boolean withdrawnAfterSettlement(final long engineId)
    {
        return withdrawnAfterSettlement.contains(engineId);
    }

    /**
     * @param engineId a DR event id.
     * @return true if the journal holds the event of the tariff and neither settled nor withdrew it.
     */
    boolean pendingDrEvent(final long engineId)
    {
        return pendingDrEventEnds.containsKey(engineId);
    }

    /**
     * @param except ids of events this run withdraws, whose days need not end.
     * @return the ends of the other DR events of the tariff journalled and neither settled nor withdrawn, epoch
     *         seconds, in no order.
     */
    long[] pendingDrEventEnds(final java.util.function.LongPredicate except)
    {
        final long[] ends = new long[pendingDrEventEnds.size()];
        final int[] n = {0};
        pendingDrEventEnds.forEach((id, end) ->
        {
            if (!except.test(id))
            {
                ends[n[0]++] = end;
            }
        });
        return java.util.Arrays.copyOf(ends, n[0]);
    }
}
