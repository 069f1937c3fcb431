package org.gridsettle.replay.ingest;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.nio.file.Path;

/**
 * How far an existing journal's calendar got for a tariff: where an ingest that appends resumes it.
 * <p>
 * An ingest leaves the month of its last reading open, so that a later ingest can add to it. That later ingest must
 * then end the days, and close the month, that the earlier ones left open, even if its own readings start in the next
 * month: otherwise a utility that ingests one file a month never ends a day or closes a period. The journal itself
 * says how far the calendar got, so nothing beside it has to remember: the latest end of day of the tariff, or, if
 * no run ended a day yet, the earliest reading journalled.
 * <p>
 * The input journal is read without checking its chains: the engine that appends to it verifies both journals end to
 * end when it opens them, before anything is journalled. Stateless; safe from any thread.
 */
final class JournalledCalendar
{
    /** No journal, or nothing in it to resume from. */
    static final long NONE = Long.MIN_VALUE;

    private JournalledCalendar()
    {
    }

    /**
     * @param journalDir a journal directory, which need not exist.
     * @param tariffId   the tariff whose calendar is resumed.
     * @return the instant of the latest END_OF_DAY record for the tariff; without one, the earliest interval start of
     *         a journalled tick; without either, {@link #NONE}.
     */
    static long resumeFrom(final Path journalDir, final long tariffId)
    {
        if (!Journals.exists(journalDir))
        {
            return NONE;
        }
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final CalendarCodec calendar = new CalendarCodec();
        final MeterTickCodec tick = new MeterTickCodec();
        final long[] found = {NONE, Long.MAX_VALUE};
        try (JournalReader input = new JournalReader(Journals.input(journalDir)).chainVerification(false)
            .checkpointVerification(false))
        {
            while (input.next((buffer, offset, length, position) ->
            {
                final int type = RecordFlyweight.typeIdAt(buffer, offset);
                if (type == RecordType.CALENDAR.id())
                {
                    view.wrap(buffer, offset, length);
                    calendar.wrap(view, 0);
                    if (calendar.kind() == CalendarCodec.END_OF_DAY && calendar.tariffId() == tariffId)
                    {
                        found[0] = Math.max(found[0], calendar.at());
                    }
                }
                else if (type == RecordType.METER_TICK.id())
                {
                    view.wrap(buffer, offset, length);
                    tick.wrap(view, 0);
                    found[1] = Math.min(found[1], tick.intervalStart());
                }
            }))
            {
                // the handler keeps what it found
            }
        }
        return found[0] != NONE ? found[0] : found[1] != Long.MAX_VALUE ? found[1] : NONE;
    }
}
