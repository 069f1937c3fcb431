package org.gridsettle.journal;

import org.agrona.DirectBuffer;

/**
 * Reads only the records whose {@link EventTime event time} lies in {@code [from, to)}, out of a
 * {@link JournalReader} that still checks every record it passes over. Records about no time are left out.
 * <p>
 * Allocation free per record: the filtering handler is captured once. Not thread-safe: one per reader.
 */
public final class EventTimeRange
{
    private final long from;
    private final long to;
    private final EventTime eventTime;
    private final RecordHandler filter = this::onRecord;
    private RecordHandler target;
    private boolean matched;

    /**
     * @param from first event time wanted, epoch seconds, inclusive.
     * @param to   first event time not wanted, epoch seconds, exclusive.
     */
    public EventTimeRange(final long from, final long to)
    {
        this(from, to, CauseEventTime.NONE);
    }

    /**
     * @param from   first event time wanted, epoch seconds, inclusive.
     * @param to     first event time not wanted, epoch seconds, exclusive.
     * @param causes the event times of the inputs output records were caused by, for an output journal's duplicate
     *               acknowledgements ({@link InputEventTimes}); without them those are about no time.
     */
    public EventTimeRange(final long from, final long to, final CauseEventTime causes)
    {
        if (from >= to)
        {
            throw new IllegalArgumentException("empty event-time range: from " + from + " is not before to " + to);
        }
        this.from = from;
        this.to = to;
        this.eventTime = new EventTime(causes);
    }

    /**
     * Hands the next record in range to the handler.
     *
     * @param reader  the reader, positioned anywhere.
     * @param handler receives the record.
     * @return true if a record in range was handed over, false at the end of the journal.
     * @throws JournalCorruptException as {@link JournalReader#next} does, for any record passed over.
     */
    public boolean next(final JournalReader reader, final RecordHandler handler)
    {
        target = handler;
        matched = false;
        while (reader.next(filter))
        {
            if (matched)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param buffer holding a record.
     * @param offset of the record.
     * @return true if its event time lies in the range.
     */
    public boolean contains(final DirectBuffer buffer, final int offset)
    {
        final long t = eventTime.of(buffer, offset);
        return t != EventTime.NONE && t >= from && t < to;
    }

    private void onRecord(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        if (contains(buffer, offset))
        {
            matched = true;
            target.onRecord(buffer, offset, length, position);
        }
    }
}
