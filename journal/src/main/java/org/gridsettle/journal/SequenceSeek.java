package org.gridsettle.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, by binary search over Chronicle's index, where a journal's first record with a sequence at or after a given
 * one lies, and the chain link a reader needs to carry on verifying from there.
 * <p>
 * Sequences rise with the index: every data record carries the engine's sequence, and a checkpoint is ordered by the
 * last sequence it covers, so the search key never falls. The search reads O(log n) records per cycle file plus one
 * per cycle, instead of every record before the target.
 * <p>
 * Not thread-safe; used once by a {@link JournalReader} before it reads, then closed.
 */
final class SequenceSeek implements AutoCloseable
{
    /** Where reading should start; {@code index} is {@link #END} when every record is before the sequence. */
    record Target(long index, long chainBefore, long recordsBefore)
    {
    }

    /** Index of a target past the last record. */
    static final long END = -1;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final CheckpointCodec checkpoint = new CheckpointCodec();

    SequenceSeek(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
    }

    /** Releases the search's tailer; the queue stays open for the reader. */
    @Override
    public void close()
    {
        tailer.close();
    }

    /**
     * @param sequence the first sequence wanted.
     * @return where to start: past the end, with the chain and count after the last record, when no record has a
     *         sequence that high.
     */
    Target find(final long sequence)
    {
        final RollCycle rollCycle = queue.rollCycle();
        // the cycle files the directory holds, within the table store's range, rather than Chronicle's listing of
        // that range: the listing fails ("'file not found' for the upperCycle") when the table store names a cycle
        // whose file was removed, which the reader names once it has read on to the end (FORMAT.md section 8)
        final List<Integer> cycles = new ArrayList<>();
        final int firstCycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        for (final Path file : CycleFileCheck.cycleFiles(queue.file().toPath()))
        {
            final int cycle = Journals.cycleOf(file);
            if (cycle >= firstCycle && cycle <= lastCycle)
            {
                cycles.add(cycle);
            }
        }
        for (int c = 0; c < cycles.size(); c++)
        {
            final int cycle = cycles.get(c);
            final long count = excerptsIn(rollCycle, cycle);
            if (count == 0 || key(rollCycle.toIndex(cycle, count - 1)) < sequence)
            {
                continue;
            }
            long lo = 0;
            long hi = count - 1;
            while (lo < hi)
            {
                final long mid = (lo + hi) >>> 1;
                if (key(rollCycle.toIndex(cycle, mid)) >= sequence)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }
            final long index = rollCycle.toIndex(cycle, lo);
            return new Target(index, chainBefore(rollCycle, cycles, c, lo), recordsBefore(rollCycle, cycles, c, lo));
        }
        if (cycles.isEmpty())
        {
            return new Target(END, HashChain.GENESIS, 0);
        }
        final int last = cycles.size() - 1;
        final long count = excerptsIn(rollCycle, cycles.get(last));
        return new Target(END, chainBefore(rollCycle, cycles, last, count), recordsBefore(rollCycle, cycles, last, count));
    }

    private long excerptsIn(final RollCycle rollCycle, final int cycle)
    {
        if (!tailer.moveToIndex(rollCycle.toIndex(cycle, 0)))
        {
            return 0;
        }
        // the last sequence number that exists, by doubling then halving: cycle files carry no count of their own
        long present = 0;
        long step = 1;
        while (tailer.moveToIndex(rollCycle.toIndex(cycle, present + step)))
        {
            present += step;
            step <<= 1;
        }
        for (step >>= 1; step > 0; step >>= 1)
        {
            if (tailer.moveToIndex(rollCycle.toIndex(cycle, present + step)))
            {
                present += step;
            }
        }
        // moveToIndex succeeds one past the last record (the append position), so look for a record there
        return isPresent(rollCycle.toIndex(cycle, present)) ? present + 1 : present;
    }

    private boolean isPresent(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            return dc.isPresent();
        }
    }

    private long key(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return Long.MAX_VALUE;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return Long.MAX_VALUE;
            }
            wrap(dc);
            if (RecordFlyweight.typeIdAt(view, 0) == RecordType.CHECKPOINT.id())
            {
                checkpoint.wrap(view, 0);
                return checkpoint.lastSequence();
            }
            return RecordFlyweight.sequenceAt(view, 0);
        }
    }

    /**
     * The chain head after the last data record before the target: each record's trailer is the chain's value after
     * it, and checkpoints are sealed aside, so they do not move it.
     */
    private long chainBefore(final RollCycle rollCycle, final List<Integer> cycles, final int cycleAt, final long at)
    {
        int c = cycleAt;
        long s = at - 1;
        while (c >= 0)
        {
            for (; s >= 0; s--)
            {
                final long index = rollCycle.toIndex(cycles.get(c), s);
                if (tailer.moveToIndex(index))
                {
                    try (DocumentContext dc = tailer.readingDocument())
                    {
                        if (dc.isPresent())
                        {
                            final int length = wrap(dc);
                            if (RecordFlyweight.typeIdAt(view, 0) != RecordType.CHECKPOINT.id())
                            {
                                return view.getLong(length - RecordFlyweight.TRAILER_LENGTH,
                                    RecordFlyweight.ORDER);
                            }
                        }
                    }
                }
            }
            if (--c >= 0)
            {
                s = excerptsIn(rollCycle, cycles.get(c)) - 1;
            }
        }
        return HashChain.GENESIS;
    }

    private long recordsBefore(final RollCycle rollCycle, final List<Integer> cycles, final int cycleAt, final long at)
    {
        long before = at;
        for (int c = 0; c < cycleAt; c++)
        {
            before += excerptsIn(rollCycle, cycles.get(c));
        }
        return before;
    }

    private int wrap(final DocumentContext dc)
    {
        final Bytes<?> bytes = dc.wire().bytes();
        final int length = (int)bytes.readRemaining();
        view.wrap(bytes.addressForRead(bytes.readPosition()), length);
        return length;
    }
}
