package org.gridsettle.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
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
import java.util.HexFormat;

/**
 * Appends sealed records to one Chronicle Queue journal, extending its XXH64 chain, and writes a SHA-256
 * {@link CheckpointCodec checkpoint} every {@code checkpointInterval} records and when closed.
 * <p>
 * Each record is sealed in the caller's buffer (its chain trailer written), then copied into the memory-mapped cycle
 * file as one document. Opening an existing journal verifies it end to end first and resumes both chains from its
 * last record, so a restarted engine keeps one unbroken chain.
 * <p>
 * A write that fails (a full disk: Chronicle's memory-mapped write faults) is reported as a
 * {@link JournalWriteException}, and from then on the writer writes nothing, not even a checkpoint when closed.
 * <p>
 * One writer a journal: a second one on the same directory, in this process or another, is refused when it opens
 * ({@link WriterLock}). Single writer: call only from one thread at a time (the engine's business-logic thread). Chronicle's own
 * thread check is relaxed so the writer may be created on one thread and used on another. With
 * {@link Sealing#BACKGROUND} the SHA-256 of the checkpoints is computed on a thread the writer owns, started when it
 * opens and stopped when it closes or is abandoned.
 */
public final class JournalWriter implements AutoCloseable
{
    /**
     * Thrown inside a write whose record did not reach the mapped file, so that it is rolled back like any other
     * fault; preallocated, so the check costs nothing until it fires. Callers see it only as the cause of the
     * {@link JournalWriteException} that {@link #fail} makes of it.
     */
    private static final InternalError NOT_LANDED =
        new InternalError("a fault occurred in an unsafe memory access operation: the record did not reach the file");

    /** Added to the name of a cycle file {@link #setAsideCycleFile() set aside} when a writer opened the journal. */
    public static final String ABANDONED_SUFFIX = AbandonedCycleFile.SUFFIX;

    /** Default records per SHA-256 checkpoint. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 4096;

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final HashChain chain = new HashChain();
    private AppendFrontier frontier;
    private final BlockSealer blockSealer;
    private final CheckpointCodec checkpoint = new CheckpointCodec();
    /** Views the trailer of the record just written, straight from the mapping (see {@link #write}). */
    private final UnsafeBuffer readBack = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer checkpointBuffer =
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(CheckpointCodec.LENGTH + 24, 64));
    private final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
    private final Path dir;
    private final ExclusiveFileLock lock;
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
    /** The SHA-256 of the close checkpoint the journal ends with, when {@link #sealedByClose}. */
    private final byte[] closeSha = new byte[CheckpointCodec.SHA_LENGTH];
    /** Set once {@link #close(long, long)} has sealed the journal: what {@link #seal()} answers. */
    private JournalSeal closedSeal;
    /** Set by the first write that failed; from then on the writer writes nothing. */
    private JournalWriteException failure;
    /** The newest cycle file's cycle when this writer opened the journal: a clean close forces it and later ones. */
    private final int cycleAtOpen;
    /** The queue directory, or its nearest ancestor that existed, when this writer opened it: see cycleAtOpen. */
    private final Path existingAtOpen;
    /** The newest cycle file, set aside as a killed writer left it when creating it, or null. */
    private final Path setAside;
    /** Records in the journal when it was opened: a writer that appended nothing may put {@link #setAside} back. */
    private final long countAtOpen;

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
        // before reading where the journal ends: another writer appending after that read would fork the chain
        final boolean existed = Files.isDirectory(dir);
        // before the lock creates the directory: a clean close forces the entries naming those it created
        this.existingAtOpen = ClosedJournalSync.existingAtOpen(dir);
        this.lock = WriterLock.acquire(dir);
        Path abandoned = null;
        try
        {
            // under the lock: no live writer is creating the file
            abandoned = existed ? AbandonedCycleFile.setAsideIfAbandoned(dir) : null;
            final int newestCycle = existed ? ClosedJournalSync.newestCycle(dir) : Integer.MIN_VALUE;
            final BlockDigest blockDigest;
            if (existed)
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
                    if (sealedByClose)
                    {
                        System.arraycopy(existing.seal(), 0, closeSha, 0, closeSha.length);
                    }
                }
            }
            else
            {
                blockDigest = new BlockDigest();
            }
            if (!Files.isWritable(dir))
            {
                // Chronicle would open it read-only and refuse the appender without naming it, or, while it could
                // write the files there, fail at the first new day's file
                throw new IllegalStateException(dir + ": cannot write to the queue directory (its permissions, an " +
                    "immutable flag or a read-only mount): make it writable for this user, then start again; " +
                    "nothing was written");
            }
            ChronicleQueue opened = null;
            try
            {
                opened = Journals.open(dir);
                this.appender = opened.createAppender();
            }
            catch (final InternalError e)
            {
                // Chronicle maps metadata.cq4t as it opens: on a full disk that faults too
                CloseHelper.quietClose(opened);
                throw JournalWriteException.of(dir, e);
            }
            this.queue = opened;
            appender.singleThreadedCheckDisabled(true);
            checkpoint.wrap(checkpointBuffer, 0);
            // started last: nothing after it can fail and leave its thread running
            this.blockSealer = sealing == Sealing.BACKGROUND ?
                new BackgroundBlockSealer(
                    blockDigest, BackgroundBlockSealer.DEFAULT_CAPACITY, "gridsettle-seal-" + dir.getFileName()) :
                blockDigest;
            this.setAside = abandoned;
            this.countAtOpen = count;
            this.cycleAtOpen = newestCycle;
        }
        catch (final RuntimeException | Error e)
        {
            try
            {
                if (abandoned != null)
                {
                    AbandonedCycleFile.restore(abandoned);
                }
            }
            finally
            {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Seals and appends a record.
     *
     * @param buffer a buffer holding the record: direct memory (the engine's ring) or a Java array.
     * @param offset of the record.
     * @param length whole record length.
     * @return the record's position in the journal, zero-based.
     * @throws JournalWriteException if the record could not be written (a full disk), or an earlier one could not:
     *                               from the first failure on, the writer writes nothing, and the record that failed
     *                               may or may not be in the journal.
     */
    public long append(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (failure != null)
        {
            throw failure;
        }
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
        if (failure != null)
        {
            // a writer that failed once writes nothing more: what follows a lost record could not be replayed
            throw failure;
        }
        try
        {
            final DocumentContext dc = appender.writingDocument();
            boolean written = false;
            try
            {
                final Bytes<?> bytes = dc.wire().bytes();
                final long start = bytes.writePosition();
                final byte[] array = buffer.byteArray();
                if (array == null)
                {
                    bytes.unsafeWrite(buffer.addressOffset() + offset, length);
                }
                else
                {
                    // a buffer over a Java array: its addressOffset is an offset into the array, not an address, and
                    // read as one it made the JVM fault (SIGSEGV) instead of appending
                    bytes.write(array, buffer.wrapAdjustment() + offset, length);
                }
                // a fault in compiled code is reported only at the thread's next safepoint poll, after the stores
                // that faulted were skipped: Chronicle would complete the header over a record that is not there.
                // The trailer is written last, so it lies on the last page the record reaches; read back, it shows
                // whether the record landed (a page the disk had no room for reads as zeros, or faults)
                final int trailer = length - Long.BYTES;
                readBack.wrap(bytes.addressForRead(start + trailer), Long.BYTES);
                if (readBack.getLong(0) != buffer.getLong(offset + trailer))
                {
                    throw NOT_LANDED;
                }
                final AppendFrontier frontier = this.frontier;
                if (frontier != null)
                {
                    frontier.advance(appender, bytes, bytes.writePosition());
                }
                written = true;
            }
            finally
            {
                if (!written)
                {
                    // a record cut short must never be completed: Chronicle's rollback zeroes the document's header
                    // first (it was written before the bytes, so its page is there), leaving the journal ending before it
                    dc.rollbackOnClose();
                }
                dc.close();
            }
        }
        catch (final InternalError e)
        {
            // a full disk (or a file cut under the mapping) reaches a memory-mapped write as SIGBUS, which the JVM
            // reports as an InternalError: the only allocation on this path is on the way out
            throw fail(e);
        }
        return count++;
    }

    private JournalWriteException fail(final Throwable cause)
    {
        JournalWriteException failed;
        try
        {
            failed = JournalWriteException.of(dir, cause);
        }
        catch (final InternalError late)
        {
            // the JVM delivers a fault it noticed earlier at the next poll, which may be in here; only once
            failed = JournalWriteException.of(dir, cause);
        }
        failure = failed;
        // Chronicle leaves its write lock held when a fault interrupts the completing of a document
        WriteLockRelease.releaseIfHeld(queue);
        return failed;
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
        if (durability == Durability.SYNC_ON_BATCH && failure == null)
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
     * @return the newest cycle file, by its name in the journal, if this writer renamed it to that name plus
     *         {@link #ABANDONED_SUFFIX} when it opened the journal, because a writer killed at the instant it created
     *         the file had left it without Chronicle's header (FORMAT.md section 8); null if it did not.
     */
    public Path setAsideCycleFile()
    {
        return setAside == null ? null : AbandonedCycleFile.original(setAside);
    }

    /**
     * What {@code settle verify} prints for the journal as this writer closed it, so that a host can keep the seal
     * without reading the journal again. A close that appended nothing keeps the close checkpoint the journal already
     * ended with, and with it that checkpoint's seal, unless what that checkpoint binds has moved on (an output journal
     * whose input journal took inputs that caused no output): then it is the seal of a second close checkpoint.
     *
     * @return the journal's record count, digest and seal after a clean {@link #close(long, long)}, whose records
     *     that close forced to the storage device ({@code fsync}) before it returned, in either durability; null
     *     before it, and after a write failed or {@link #abandon()} left the journal without a close checkpoint.
     */
    public JournalSeal seal()
    {
        return closedSeal;
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
     * the input journal's record count and chain head), closes it, and forces the files this writer wrote to the
     * storage device ({@code fsync}), in either durability, so that the {@link #seal()} it hands out survives a power
     * failure after it returns.
     *
     * @param boundRecords records of the bound journal, or 0.
     * @param boundChain   chain head of the bound journal, or 0.
     */
    public void close(final long boundRecords, final long boundChain)
    {
        if (failure != null)
        {
            // no close checkpoint after a failed write: the journal ends where the failure left it
            abandon();
            return;
        }
        JournalSeal sealed = null;
        try
        {
            // a journal closed again with nothing appended keeps its close checkpoint, unless what that checkpoint
            // binds has moved on: an output journal whose input journal took inputs that caused no output (an
            // accepted enrolment) must bind the input journal's new end, or verification finds them unbound
            if (!sealedByClose || boundRecords != sealedBoundRecords || boundChain != sealedBoundChain)
            {
                writeCheckpoint(CheckpointCodec.KIND_CLOSE, boundRecords, boundChain);
                System.arraycopy(sha, 0, closeSha, 0, closeSha.length);
                sealedByClose = true;
                sealedBoundRecords = boundRecords;
                sealedBoundChain = boundChain;
            }
            endOfBatch();
            if (failure == null)
            {
                sealed = new JournalSeal(dataRecords, chain.head(), HexFormat.of().formatHex(closeSha));
            }
        }
        finally
        {
            try
            {
                blockSealer.close();
                appender.close();
                queue.close();
                if (sealed != null)
                {
                    // under the lock still: the seal handed out is of records on the device, in either durability
                    ClosedJournalSync.force(dir, cycleAtOpen, existingAtOpen);
                    closedSeal = sealed;
                }
            }
            finally
            {
                lock.close();
            }
        }
    }

    @Override
    public void close()
    {
        close(0, 0);
    }

    /**
     * Closes without a close checkpoint, for an engine that halted or never started: the journal keeps exactly the
     * records it has, and verification reports that it was not closed cleanly. A cycle file {@link #setAsideCycleFile
     * set aside} when the writer opened is put back if nothing was appended, so that a refused start leaves the
     * journal as it found it.
     */
    public void abandon()
    {
        try
        {
            endOfBatch();
        }
        finally
        {
            try
            {
                blockSealer.close();
                appender.close();
                queue.close();
                if (setAside != null && count == countAtOpen)
                {
                    AbandonedCycleFile.restore(setAside);
                }
            }
            finally
            {
                lock.close();
            }
        }
    }
}
