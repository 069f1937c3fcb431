package org.gridsettle.replay.dump;

import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalCorruptException;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The redemption requests of an input journal, by input sequence, for a dump of the outputs they caused: a REDEMPTION
 * transfer explains itself with zeros (journal/FORMAT.md section 5), and a refusal may name the request id or the
 * account, so the request id a bank statement carries, and the account a refusal is about, are found here.
 * <p>
 * The input journal is read whole, verified, on the first question, and only then. A journal that fails its checks
 * part-way keeps the requests read before the failure, and {@link #problem()} names it. Not thread-safe.
 */
public final class RedemptionInputs
{
    private final Path inputQueue;
    private boolean loaded;
    private String problem;
    private int count;
    private long[] sequences = new long[16];
    private long[] requestIds = new long[16];
    private long[] accounts = new long[16];

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
        return indexOf(inputSequence) >= 0;
    }

    /**
     * @param inputSequence the input sequence of a redemption request, for which {@link #isRedemption} is true.
     * @return its request id.
     */
    public long requestIdOf(final long inputSequence)
    {
        return requestIds[indexOf(inputSequence)];
    }

    /**
     * @param accountId an account.
     * @return the input sequences of its redemption requests.
     */
    public LongHashSet sequencesOf(final long accountId)
    {
        load();
        final LongHashSet of = new LongHashSet();
        for (int i = 0; i < count; i++)
        {
            if (accounts[i] == accountId)
            {
                of.add(sequences[i]);
            }
        }
        return of;
    }

    /**
     * @return what made the input journal fail its checks while it was read, or null.
     */
    public String problem()
    {
        return problem;
    }

    private int indexOf(final long inputSequence)
    {
        load();
        final int i = Arrays.binarySearch(sequences, 0, count, inputSequence);
        return i >= 0 ? i : -1;
    }

    private void load()
    {
        if (loaded)
        {
            return;
        }
        loaded = true;
        if (inputQueue == null)
        {
            return;
        }
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final RedemptionCodec redemption = new RedemptionCodec();
        try (JournalReader reader = JournalReader.readOnly(inputQueue))
        {
            while (reader.next((buffer, offset, length, position) ->
            {
                if (RecordFlyweight.typeIdAt(buffer, offset) == RecordType.REDEMPTION.id())
                {
                    view.wrap(buffer, offset, length);
                    redemption.wrap(view, 0);
                    add(RecordFlyweight.sequenceAt(buffer, offset), redemption.requestId(), redemption.accountId());
                }
            }))
            {
                // the handler collects, in input order: the sequences ascend
            }
        }
        catch (final JournalCorruptException e)
        {
            problem = e.getMessage();
        }
    }

    private void add(final long sequence, final long requestId, final long accountId)
    {
        if (count == sequences.length)
        {
            sequences = Arrays.copyOf(sequences, count * 2);
            requestIds = Arrays.copyOf(requestIds, count * 2);
            accounts = Arrays.copyOf(accounts, count * 2);
        }
        sequences[count] = sequence;
        requestIds[count] = requestId;
        accounts[count++] = accountId;
    }
}
