package org.gridsettle.journal;

import org.agrona.DirectBuffer;
import org.gridsettle.journal.codec.RecordFlyweight;

import java.nio.file.Path;

/**
 * Looks up the event time of an output's cause in the input journal, for a reader of the output journal that
 * filters by event time. An output journal is in the order of its causes, so one verifying {@link JournalReader}
 * follows along, forward only: a run of lookups costs one pass over the inputs between the first and the last cause
 * at most. A cause far ahead ({@value #SEEK_GAP} inputs or more) or behind the reader is reached by a new reader
 * positioned with {@link JournalReader#seekToSequence} instead, which reads O(log n) records.
 * <p>
 * The input journal is opened on the first lookup, so a filter that never needs it never opens it. Records read are
 * verified as {@link JournalReader#next} does: a broken input journal ends the lookup with a
 * {@link JournalCorruptException} naming the input record.
 * <p>
 * Allocation free per lookup except when it opens a reader. Not thread-safe: one per reading thread.
 */
public final class InputEventTimes implements CauseEventTime, AutoCloseable
{
    /** Inputs worth reading through rather than opening a new reader and seeking. */
    static final long SEEK_GAP = 65_536;

    private final Path inputQueue;
    private final EventTime eventTime = new EventTime();
    private final RecordHandler onInput = this::onInput;
    private JournalReader reader;
    private long readSequence;
    private long readTime = EventTime.NONE;
    private int readersOpened;

    /**
     * @param inputQueue the input journal's queue directory, for example {@code DIR/input}.
     */
    public InputEventTimes(final Path inputQueue)
    {
        this.inputQueue = inputQueue;
    }

    /**
     * {@inheritDoc}
     *
     * @throws JournalCorruptException if an input record read on the way fails verification.
     */
    @Override
    public long eventTimeOf(final long causeSequence)
    {
        if (reader == null || causeSequence < readSequence || causeSequence - readSequence >= SEEK_GAP)
        {
            close();
            reader = JournalReader.readOnly(inputQueue).seekToSequence(causeSequence);
            readersOpened++;
            readSequence = 0;
            readTime = EventTime.NONE;
        }
        final JournalReader r = reader;
        while (readSequence < causeSequence && r.next(onInput))
        {
            // onInput keeps the sequence and event time of the record read
        }
        return readSequence == causeSequence ? readTime : EventTime.NONE;
    }

    /**
     * @return input readers opened so far: one per seek, for tests of the forward-only path.
     */
    int readersOpened()
    {
        return readersOpened;
    }

    /** Closes the input journal, if a lookup opened it; a later lookup opens it again. */
    @Override
    public void close()
    {
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }

    private void onInput(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        readSequence = RecordFlyweight.sequenceAt(buffer, offset);
        readTime = eventTime.of(buffer, offset);
    }
}
