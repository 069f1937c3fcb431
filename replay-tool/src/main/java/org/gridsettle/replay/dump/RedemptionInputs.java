package org.gridsettle.replay.dump;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;

import java.nio.file.Path;

/**
 * The redemption requests of an input journal, looked up by input sequence for a dump of the outputs they caused: a
 * REDEMPTION transfer explains itself with zeros (journal/FORMAT.md section 5), and a refusal may name the request id
 * or the account, so the request id a bank statement carries, and the account a refusal is about, are found here.
 * <p>
 * An output journal is in the order of its causes, so a dump asks about rising input sequences: one
 * {@link JournalReader} follows along, forward only, and answers from the input it stopped at. The input journal is
 * opened on the first question, positioned at that input by {@link JournalReader#seekToSequence} (which reads
 * O(log n) records of the index, not the inputs before it); a question about an input behind the reader, or
 * {@value #SEEK_GAP} inputs or more ahead of it, opens a new reader positioned the same way. A dump of a few outputs
 * therefore reads a few inputs, not the whole input journal, which may hold hundreds of millions of ticks.
 * <p>
 * What is verified: every input read is checked as {@link JournalReader#next} checks it (structure, and its XXH64 link
 * to the input before it, resumed from the link stored in that one after a seek); a reader positioned at the journal's
 * first input also compares the SHA-256 checkpoints it passes, which one that seeked further cannot. Inputs a seek
 * skips, and those after the last input asked about, are not read, so not verified either: that is
 * {@code settle verify}'s job. An input that fails its checks ends the lookups: {@link #problem()} names it, and every
 * later question is answered as about no redemption, as the inputs after a failure cannot be trusted.
 * <p>
 * Allocation free per question except when it opens a reader. Not thread-safe: one per dump.
 */
public final class RedemptionInputs implements AutoCloseable
{
    /** Inputs worth reading through rather than opening a new reader and seeking, as for event times. */
    static final long SEEK_GAP = 65_536;

    private final Path inputQueue;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final RecordHandler onInput = this::onInput;
    private JournalReader reader;
    private String problem;
    /** Sequence of the last input read, 0 before the current reader's first. */
    private long readSequence;
    private boolean readIsRedemption;
    private long readRequestId;
    private long readAccount;
    private long inputsRead;
    private int readersOpened;

    /**
     * @param inputQueue the input journal's queue directory, or null when the journal has no input half.
     */
    public RedemptionInputs(final Path inputQueue)
    {
        this.inputQueue = inputQueue;
    }

    /**
     * @param inputSequence an input sequence.
     * @return true if that input is a redemption request read from the input journal.
     */
    public boolean isRedemption(final long inputSequence)
    {
        return readTo(inputSequence) && readIsRedemption;
    }

    /**
     * @param inputSequence the input sequence of a redemption request, for which {@link #isRedemption} is true.
     * @return its request id.
     */
    public long requestIdOf(final long inputSequence)
    {
        requireRedemption(inputSequence);
        return readRequestId;
    }

    /**
     * @param inputSequence the input sequence of a redemption request, for which {@link #isRedemption} is true.
     * @return the account that asked for it.
     */
    public long accountOf(final long inputSequence)
    {
        requireRedemption(inputSequence);
        return readAccount;
    }

    /**
     * @return what made the input journal fail its checks where it was read, or null.
     */
    public String problem()
    {
        return problem;
    }

    /** Closes the input journal, if a question opened it; a later question opens it again. */
    @Override
    public void close()
    {
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }

    /**
     * @return inputs read so far, over every reader: what a dump costs the input journal, for tests.
     */
    long inputsRead()
    {
        return inputsRead;
    }

    /**
     * @return input readers opened so far: one per seek, for tests of the forward-only path.
     */
    int readersOpened()
    {
        return readersOpened;
    }

    private void requireRedemption(final long inputSequence)
    {
        if (!isRedemption(inputSequence))
        {
            throw new IllegalStateException("input " + inputSequence + " is no redemption request read");
        }
    }

    /**
     * @return true if the reader stands at the input with that sequence, its fields kept by {@link #onInput}.
     */
    private boolean readTo(final long inputSequence)
    {
        if (inputQueue == null || problem != null)
        {
            return false;
        }
        try
        {
            if (reader == null || inputSequence < readSequence || inputSequence - readSequence >= SEEK_GAP)
            {
                close();
                readersOpened++;
                readSequence = 0;
                readIsRedemption = false;
                // assigned before the seek, so that a seek that fails leaves a reader close() closes
                reader = JournalReader.readOnly(inputQueue);
                reader.seekToSequence(inputSequence);
            }
            final JournalReader r = reader;
            while (readSequence < inputSequence && r.next(onInput))
            {
                // onInput keeps the sequence, and the request if it is one, of the input read
            }
        }
        catch (final JournalCorruptException e)
        {
            problem = e.getMessage();
            close();
            return false;
        }
        return readSequence == inputSequence;
    }

    private void onInput(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        inputsRead++;
        readSequence = RecordFlyweight.sequenceAt(buffer, offset);
        readIsRedemption = RecordFlyweight.typeIdAt(buffer, offset) == RecordType.REDEMPTION.id();
        if (readIsRedemption)
        {
            view.wrap(buffer, offset, length);
            redemption.wrap(view, 0);
            readRequestId = redemption.requestId();
            readAccount = redemption.accountId();
        }
    }
}
