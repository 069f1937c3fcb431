package org.gridsettle.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.RecordFlyweight;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams the records of one journal in order, checking each record's structure and its place in the hash chain
 * before handing it on. A record that fails either check stops the read with a {@link JournalCorruptException} that
 * names the journal, the position and the sequence: a corrupt journal is never read past silently.
 * <p>
 * Records are handed out as a view on the memory-mapped file: no copy, no allocation per record.
 * Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final HashChain chain = new HashChain();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final Path dir;
    private long position;

    /**
     * @param dir queue directory, which must exist.
     */
    public JournalReader(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new JournalCorruptException("no journal at " + dir);
        }
        this.dir = dir;
        this.queue = Journals.open(dir);
        this.tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Reads the next record if there is one.
     *
     * @param handler receives the record.
     * @return true if a record was read, false at the end of the journal.
     * @throws JournalCorruptException if the record is malformed or breaks the chain.
     */
    public boolean next(final RecordHandler handler)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            view.wrap(bytes.addressForRead(bytes.readPosition()), length);
            final String problem = RecordValidator.problem(view, 0, length);
            if (problem != null)
            {
                throw corrupt(problem);
            }
            if (!chain.verify(view, 0, length))
            {
                throw corrupt("hash chain broken: the record or one before it was altered, removed or reordered");
            }
            handler.onRecord(view, 0, length, position);
            position++;
            return true;
        }
    }

    private JournalCorruptException corrupt(final String problem)
    {
        final long sequence = view.capacity() >= RecordFlyweight.HEADER_LENGTH ?
            RecordFlyweight.sequenceAt(view, 0) : -1;
        return new JournalCorruptException(
            dir + ": record " + position + " (sequence " + sequence + "): " + problem);
    }

    /**
     * @return chain value of the last record read: the digest so far.
     */
    public long digest()
    {
        return chain.head();
    }

    /**
     * @return number of records read so far.
     */
    public long position()
    {
        return position;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }

    /**
     * What a writer needs to resume a journal: how many records it holds and the chain value of the last one.
     *
     * @param count     number of records.
     * @param lastChain chain value of the last record, or {@link HashChain#GENESIS}.
     */
    record Tail(long count, long lastChain)
    {
    }

    static Tail tail(final ChronicleQueue queue, final Path dir)
    {
        long count = 0;
        long last = HashChain.GENESIS;
        try (ExcerptTailer t = queue.createTailer())
        {
            t.singleThreadedCheckDisabled(true);
            t.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = t.readingDocument())
            {
                if (dc.isPresent())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    if (length < RecordFlyweight.TRAILER_LENGTH)
                    {
                        throw new JournalCorruptException(dir + ": last record is " + length + " bytes");
                    }
                    last = bytes.readLong(bytes.readPosition() + length - RecordFlyweight.TRAILER_LENGTH);
                }
            }
        }
        if (last != HashChain.GENESIS)
        {
            try (ExcerptTailer t = queue.createTailer())
            {
                t.singleThreadedCheckDisabled(true);
                while (true)
                {
                    try (DocumentContext dc = t.readingDocument())
                    {
                        if (!dc.isPresent())
                        {
                            break;
                        }
                        count++;
                    }
                }
            }
        }
        return new Tail(count, last);
    }
}
