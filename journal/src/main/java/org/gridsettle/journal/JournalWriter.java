package org.gridsettle.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.MutableDirectBuffer;
import org.gridsettle.journal.chain.HashChain;

import java.nio.file.Path;

/**
 * Appends sealed records to one Chronicle Queue journal, extending its hash chain.
 * <p>
 * Each record is sealed in the caller's buffer (its chain trailer written), then copied into the memory-mapped cycle
 * file in one document. When the queue already holds records, the chain resumes from the last one, so a restarted
 * engine keeps a single unbroken chain.
 * <p>
 * Single writer: call only from one thread at a time (the engine's business-logic thread). Chronicle itself checks
 * this; the check is relaxed so the writer may be created on one thread and used on another.
 */
public final class JournalWriter implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final HashChain chain = new HashChain();
    private final Path dir;
    private final Durability durability;
    private long count;

    /**
     * Opens or creates a journal.
     *
     * @param dir        directory of the queue.
     * @param durability what an append promises.
     */
    public JournalWriter(final Path dir, final Durability durability)
    {
        this.dir = dir;
        this.durability = durability;
        this.queue = Journals.open(dir);
        final JournalReader.Tail tail = JournalReader.tail(queue, dir);
        this.count = tail.count();
        chain.resume(tail.lastChain());
        this.appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Seals and appends a record.
     *
     * @param buffer a direct buffer holding the record.
     * @param offset of the record.
     * @param length whole record length.
     * @return the record's position in the journal, zero-based.
     */
    public long append(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        chain.seal(buffer, offset, length);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.unsafeWrite(buffer.addressOffset() + offset, length);
        }
        return count++;
    }

    /**
     * Called at the end of a batch of appends: with {@link Durability#SYNC_ON_BATCH} this forces the mapped pages to
     * the storage device (msync) so the batch survives power loss.
     */
    public void endOfBatch()
    {
        if (durability == Durability.SYNC_ON_BATCH)
        {
            appender.sync();
        }
    }

    /**
     * @return digest so far: the chain value of the last record.
     */
    public long digest()
    {
        return chain.head();
    }

    /**
     * @return number of records in the journal.
     */
    public long count()
    {
        return count;
    }

    /**
     * @return the journal directory.
     */
    public Path dir()
    {
        return dir;
    }

    @Override
    public void close()
    {
        appender.close();
        queue.close();
    }
}
