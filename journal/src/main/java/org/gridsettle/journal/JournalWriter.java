package org.gridsettle.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.chain.BackgroundBlockSealer;
import org.gridsettle.journal.chain.BlockDigest;
import org.gridsettle.journal.chain.BlockSealer;
import org.gridsettle.journal.chain.HashChain;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.pretouch.AppendFrontier;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends sealed records to one Chronicle Queue journal, extending its XXH64 chain, and writes a SHA-256
 * {@link CheckpointCodec checkpoint} every {@code checkpointInterval} records and when closed.
 * <p>
 * Each record is sealed in the caller's buffer (its chain trailer written), then copied into the memory-mapped cycle
 * file as one document. Opening an existing journal verifies it end to end first and resumes both chains from its
 * last record, so a restarted engine keeps one unbroken chain.
 * <p>
 * Single writer: call only from one thread at a time (the engine's business-logic thread). Chronicle's own
 * thread check is relaxed so the writer may be created on one thread and used on another. With
 * {@link Sealing#BACKGROUND} the SHA-256 of the checkpoints is computed on a thread the writer owns, started when it
 * opens and stopped when it closes or is abandoned.
 */
public final class JournalWriter implements AutoCloseable
{
    /** Default records per SHA-256 checkpoint. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 4096;

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final HashChain chain = new HashChain();
    private AppendFrontier frontier;
    private final BlockSealer blockSealer;
    private final CheckpointCodec checkpoint = new CheckpointCodec();
    private final UnsafeBuffer checkpointBuffer =
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(CheckpointCodec.LENGTH + 24, 64));
    private final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
    private final Path dir;
    private final Durability durability;
    private final int checkpointInterval;
    private long count;
    private long recordsInBlock;
    private long dataRecords;
    private long lastSequence;
    private boolean sealedByClose;
    /** What the close checkpoint the journal ends with binds, when {@link #sealedByClose}. */
    private long sealedBoundRecords;
    private long sealedBoundChain;

    /**
     * Opens or creates a journal with the default checkpoint interval.
     *
     * @param dir        directory of the queue.
     * @param durability what an append promises.
     */
    public JournalWriter(final Path dir, final Durability durability)
    {
        this(dir, durability, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /**
     * Opens or creates a journal that seals its checkpoints on the writer's thread.
     *
     * @param dir                directory of the queue.
     * @param durability         what an append promises.
     * @param checkpointInterval records per SHA-256 checkpoint.
     */
    public JournalWriter(final Path dir, final Durability durability, final int checkpointInterval)
    {
        this(dir, durability, checkpointInterval, Sealing.INLINE);
    }

    /**
     * Opens or creates a journal.
     *
     * @param dir                directory of the queue.
     * @param durability         what an append promises.
     * @param checkpointInterval records per SHA-256 checkpoint.
     * @param sealing            which thread computes the checkpoints' SHA-256.
     */
    public JournalWriter(
        final Path dir, final Durability durability, final int checkpointInterval, final Sealing sealing)
    {
        if (checkpointInterval < 1)
        {
            throw new IllegalArgumentException("checkpointInterval must be positive: " + checkpointInterval);
        }
        this.dir = dir;
        this.durability = durability;
        this.checkpointInterval = checkpointInterval;
        final BlockDigest blockDigest;
        if (Files.isDirectory(dir))
        {
            try (JournalReader existing = new JournalReader(dir))
            {
                existing.verifyToEnd();
                count = existing.position();
                dataRecords = existing.dataRecords();
                lastSequence = existing.lastSequence();
                chain.resume(existing.digest());
                blockDigest = existing.blockDigest();
                recordsInBlock = blockDigest.recordsInBlock();
                sealedByClose = existing.endsWithCloseCheckpoint();
                sealedBoundRecords = existing.closeBoundRecords();
                sealedBoundChain = existing.closeBoundChain();
            }
        }
        else
        {
            blockDigest = new BlockDigest();
        }
        this.queue = Journals.open(dir);
        this.appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
        checkpoint.wrap(checkpointBuffer, 0);
        // started last: nothing after it can fail and leave its thread running
        this.blockSealer = sealing == Sealing.BACKGROUND ?
            new BackgroundBlockSealer(
                blockDigest, BackgroundBlockSealer.DEFAULT_CAPACITY, "gridsettle-seal-" + dir.getFileName()) :
            blockDigest;
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
        final long position = write(buffer, offset, length);
        dataRecords++;
        blockSealer.add(buffer, offset, length);
        lastSequence = RecordFlyweight.sequenceAt(buffer, offset);
        sealedByClose = false;
        if (++recordsInBlock >= checkpointInterval)
        {
            writeCheckpoint(CheckpointCodec.KIND_PERIODIC, 0, 0);
        }
        return position;
    }

    private long write(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.unsafeWrite(buffer.addressOffset() + offset, length);
            final AppendFrontier frontier = this.frontier;
            if (frontier != null)
            {
                frontier.advance(appender, bytes, bytes.writePosition());
            }
        }
        return count++;
    }

    private void writeCheckpoint(final int kind, final long boundRecords, final long boundChain)
    {
        blockSealer.seal(sha);
        recordsInBlock = 0;
        checkpoint.encode(count, lastSequence, kind, sha, boundRecords, boundChain);
        chain.sealAside(checkpointBuffer, 0, CheckpointCodec.LENGTH);
        write(checkpointBuffer, 0, CheckpointCodec.LENGTH);
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
     * Starts publishing where this writer has got to in its cycle file, for a
     * {@link org.gridsettle.journal.pretouch.JournalPretoucher} on another thread. A writer nobody asked costs nothing
     * for it. Call before the first append that should be tracked, on the writer's thread or before that thread starts.
     *
     * @return the writer's frontier, the same on every call.
     */
    public AppendFrontier frontier()
    {
        if (frontier == null)
        {
            frontier = new AppendFrontier();
        }
        return frontier;
    }

    /**
     * @return digest so far: the chain head after the last data record.
     */
    public long digest()
    {
        return chain.head();
    }

    /**
     * @return number of records in the journal, checkpoints included.
     */
    public long count()
    {
        return count;
    }

    /**
     * @return number of data records in the journal, checkpoints excluded.
     */
    public long dataRecords()
    {
        return dataRecords;
    }

    /**
     * @return the journal directory.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * Seals the journal with a close checkpoint that also binds another journal's state (the output journal binds
     * the input journal's record count and chain head), then closes it.
     *
     * @param boundRecords records of the bound journal, or 0.
     * @param boundChain   chain head of the bound journal, or 0.
     */
    public void close(final long boundRecords, final long boundChain)
    {
        try
        {
            // a journal closed again with nothing appended keeps its close checkpoint, unless what that checkpoint
            // binds has moved on: an output journal whose input journal took inputs that caused no output (an
            // accepted enrolment) must bind the input journal's new end, or verification finds them unbound
            if (!sealedByClose || boundRecords != sealedBoundRecords || boundChain != sealedBoundChain)
            {
                writeCheckpoint(CheckpointCodec.KIND_CLOSE, boundRecords, boundChain);
                sealedByClose = true;
                sealedBoundRecords = boundRecords;
                sealedBoundChain = boundChain;
            }
            endOfBatch();
        }
        finally
        {
            blockSealer.close();
            appender.close();
            queue.close();
        }
    }

    @Override
    public void close()
    {
        close(0, 0);
    }

    /**
     * Closes without a close checkpoint, for an engine that halted or never started: the journal keeps exactly the
     * records it has, and verification reports that it was not closed cleanly.
     */
    public void abandon()
    {
        try
        {
            endOfBatch();
        }
        finally
        {
            blockSealer.close();
            appender.close();
            queue.close();
        }
    }
}
