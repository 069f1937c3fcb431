package org.gridsettle.replay.dump;

import org.agrona.DirectBuffer;
import org.gridsettle.journal.EventTimeRange;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Streams one journal through a {@link RecordJsonWriter}, verifying it as it goes (a dump is read with the same
 * {@link JournalReader} as a replay, so it never shows a record that breaks the chain), with a window on sequence
 * numbers and a cap on the number of records written.
 * <p>
 * The sequence window is a seek ({@link JournalReader#seekToSequence}): records before it are not read, and the chain
 * is checked from the window's first record on ({@code settle verify} checks the whole journal). A checkpoint
 * carries no sequence of its own: it is shown when the data record before it was (its {@code lastSequence}, 0 when
 * there is none, is at least the window's start). An event-time range filters what follows: records about no time,
 * checkpoints among them, are left out then; so are they when only one meter's or account's records are asked for
 * ({@link RecordSubject}).
 * Not thread-safe; one run per instance.
 */
public final class JournalDump
{
    /** Records between checks of the output: a check flushes it. */
    private static final int CHECK_EVERY = 1024;

    private final RecordJsonWriter writer;
    private final String journalName;
    private final long fromSequence;
    private final long limit;
    private final boolean includeCheckpoints;
    private final RecordHandler write = this::onRecord;
    private EventTimeRange eventTimes;
    private RecordSubject subject;
    private java.util.function.BooleanSupplier outputFailed = () -> false;
    private boolean archive;
    private long written;
    private long lastDataSequence;

    /**
     * @param writer             renders each record.
     * @param journalName        {@code "input"} or {@code "output"}, written into every line.
     * @param fromSequence       records whose sequence is below this are read and verified but not written.
     * @param limit              stop after writing this many records.
     * @param includeCheckpoints true to write checkpoint records too.
     */
    public JournalDump(
        final RecordJsonWriter writer,
        final String journalName,
        final long fromSequence,
        final long limit,
        final boolean includeCheckpoints)
    {
        this.writer = writer;
        this.journalName = journalName;
        this.fromSequence = fromSequence;
        this.limit = limit;
        this.includeCheckpoints = includeCheckpoints;
    }

    /**
     * @param range only records whose event time lies in it; null for all.
     * @return this.
     */
    public JournalDump eventTimes(final EventTimeRange range)
    {
        this.eventTimes = range;
        return this;
    }

    /**
     * @param selection only the records about one meter or account; null for all.
     * @return this.
     */
    public JournalDump subject(final RecordSubject selection)
    {
        this.subject = selection;
        return this;
    }

    /**
     * Dumps an archive of closed cycle files (FORMAT.md section 12): a last cycle file closed by a roll to a later day
     * is where the archive ends, not cycle files removed.
     *
     * @return this.
     */
    public JournalDump archive()
    {
        this.archive = true;
        return this;
    }

    /**
     * @param failed asked every {@value #CHECK_EVERY} records whether the output can no longer be written (a closed
     *               pipe, as under {@code | head}, or a full disk), so that the dump stops instead of reading on.
     * @return this.
     */
    public JournalDump stopWhen(final java.util.function.BooleanSupplier failed)
    {
        this.outputFailed = failed;
        return this;
    }

    /**
     * Dumps a journal until its end, the limit, or an output that failed ({@link #stopWhen}).
     *
     * @param queueDir the journal's queue directory, for example {@code DIR/output}.
     * @return records written.
     * @throws org.gridsettle.journal.JournalCorruptException at the first record that fails verification, or at the end
     *                                                        of a journal whose later cycle files were removed; every
     *                                                        record before it has been written.
     * @throws UncheckedIOException                           if the output cannot be written.
     */
    public long run(final Path queueDir)
    {
        try (JournalReader reader = JournalReader.readOnly(queueDir))
        {
            reader.includeCheckpoints(includeCheckpoints && eventTimes == null && subject == null)
                .seekToSequence(fromSequence);
            final EventTimeRange range = eventTimes;
            boolean more;
            long handed = 0;
            while ((more = written < limit) && (range == null ? reader.next(write) : range.next(reader, write)))
            {
                // onRecord writes; counted by records handed to it, since a subject filter writes few of them
                if (++handed % CHECK_EVERY == 0 && written > 0 && outputFailed.getAsBoolean())
                {
                    return written;
                }
            }
            final String removed = more && !archive ? reader.removedCycleFilesProblem() : null;
            if (removed != null)
            {
                // every record was printed, but the journal went on in cycle files that are gone
                throw new JournalCorruptException(removed);
            }
        }
        return written;
    }

    private void onRecord(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        if (RecordFlyweight.typeIdAt(buffer, offset) != RecordType.CHECKPOINT.id())
        {
            lastDataSequence = RecordFlyweight.sequenceAt(buffer, offset);
        }
        if (lastDataSequence < fromSequence || (subject != null && !subject.matches(buffer, offset, length)))
        {
            return;
        }
        try
        {
            writer.write(journalName, buffer, offset, length, position);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        written++;
    }
}
