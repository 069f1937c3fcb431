package org.gridsettle.journal;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Verifies the XXH64 chain of one or more journals on a thread of its own, for readers on another thread that take
 * the links on trust ({@link JournalReader#chainVerification(boolean)}). Replay spends a fifth of its time hashing;
 * this moves that work to the other core, and the replay's result stands only once {@link #confirm(long...)} has
 * seen every record the trusting readers read verified.
 * <p>
 * The check reads ahead of the trusting readers as far as each journal goes: on a closed journal it is usually done
 * long before them. A broken link beyond what they read does not count against them, as it would not have stopped
 * an inline check either. SHA-256 checkpoints are not compared ({@code settle verify} does that).
 * <p>
 * Threading: created, begun and confirmed or closed by one owning thread; the check runs on a daemon thread it
 * starts, which parks when it has read everything there is until it is told how far the trusting readers went.
 */
public final class BackgroundChainCheck implements AutoCloseable
{
    private static final long NOT_YET_KNOWN = Long.MAX_VALUE;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long WAIT_FOR_OWNER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the check waits at a journal's end for records the trusting reader has already seen. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final RecordHandler IGNORE = (buffer, offset, length, position) ->
    {
    };

    private final Path[] journals;
    private final long stallLimitNanos;
    /** Per journal: records its trusting reader read, once told; written by the owner, read by the check. */
    private final AtomicLongArray limits;
    private final CountDownLatch readAhead = new CountDownLatch(1);
    /** Per journal, written by the check and read by the owner after joining it. */
    private final RuntimeException[] failures;
    private final long[] failedAt;
    /** The check's thread, once begun. */
    private SideTask<Void> task;
    private boolean confirmed;

    private BackgroundChainCheck(final long stallLimitNanos, final Path[] journals)
    {
        this.stallLimitNanos = stallLimitNanos;
        this.journals = journals.clone();
        this.limits = new AtomicLongArray(journals.length);
        this.failures = new RuntimeException[journals.length];
        this.failedAt = new long[journals.length];
        for (int i = 0; i < journals.length; i++)
        {
            limits.set(i, NOT_YET_KNOWN);
        }
    }

    /**
     * Prepares a check without starting it, for an owner that starts it with {@link #begin()} once it is worth a
     * thread: early in a JVM's life the other core is the JIT compiler's.
     *
     * @param journals queue directories: each is read as far as it goes, in this order, then each up to where its
     *                 trusting reader stopped.
     * @return the check, not yet running.
     */
    public static BackgroundChainCheck of(final Path... journals)
    {
        return new BackgroundChainCheck(STALL_LIMIT_NANOS, journals);
    }

    /**
     * Starts checking at once.
     *
     * @param journals as for {@link #of}.
     * @return the running check.
     */
    public static BackgroundChainCheck start(final Path... journals)
    {
        return of(journals).begin();
    }

    static BackgroundChainCheck start(final long stallLimitNanos, final Path... journals)
    {
        return new BackgroundChainCheck(stallLimitNanos, journals).begin();
    }

    /**
     * Starts the check's thread, if it has not started yet.
     *
     * @return this.
     */
    public BackgroundChainCheck begin()
    {
        if (task == null)
        {
            task = SideTask.start("gridsettle-chain-check", () ->
            {
                run();
                return null;
            });
        }
        return this;
    }

    /**
     * Waits until the check has covered the records the trusting readers read, and fails if any of them is corrupt.
     * Starts the check first if it has not started.
     *
     * @param recordsRead each journal's trusting reader's {@link JournalReader#position()} when it stopped, in the
     *                    order given to {@link #start}.
     * @throws JournalCorruptException (or the reader's other failure) for the first broken record among those read;
     *         an {@link Error} on the check's thread is thrown as it is.
     */
    public void confirm(final long... recordsRead)
    {
        if (recordsRead.length != journals.length)
        {
            throw new IllegalArgumentException(recordsRead.length + " positions for " + journals.length + " journals");
        }
        for (int i = 0; i < recordsRead.length; i++)
        {
            limits.set(i, recordsRead[i]);
        }
        begin();
        confirmed = true;
        // a journal without a failure was followed up to its limit: the check only returns early by throwing
        task.join();
        for (int i = 0; i < recordsRead.length; i++)
        {
            if (failures[i] != null && failedAt[i] < recordsRead[i])
            {
                throw failures[i];
            }
        }
    }

    /**
     * Waits until every journal has been checked as far as it went when the check reached it, or failed: for tests
     * of what the check does with damage beyond what was read.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void awaitReadAhead() throws InterruptedException
    {
        readAhead.await();
    }

    /**
     * Stops the check without confirming anything, if it was started and {@link #confirm} was not called.
     */
    @Override
    public void close()
    {
        if (task != null && !confirmed)
        {
            for (int i = 0; i < journals.length; i++)
            {
                limits.set(i, 0);
            }
            task.join();
        }
    }

    private void run()
    {
        final JournalReader[] readers = new JournalReader[journals.length];
        try
        {
            for (int i = 0; i < journals.length; i++)
            {
                try
                {
                    readers[i] = JournalReader.readOnly(journals[i]).checkpointVerification(false);
                }
                catch (final RuntimeException e)
                {
                    fail(i, 0, e);
                }
            }
            // each journal as far as it goes now, then each up to where its trusting reader stopped; a journal that
            // failed is read no further, and the others are still checked, since its failure may lie beyond
            // what was read from it
            for (int i = 0; i < journals.length; i++)
            {
                if (failures[i] == null)
                {
                    toEnd(i, readers[i]);
                }
            }
            readAhead.countDown();
            for (int i = 0; i < journals.length; i++)
            {
                if (failures[i] == null)
                {
                    follow(i, readers[i]);
                }
            }
        }
        finally
        {
            readAhead.countDown();
            for (final JournalReader reader : readers)
            {
                if (reader != null)
                {
                    reader.close();
                }
            }
        }
    }

    private void toEnd(final int journal, final JournalReader reader)
    {
        try
        {
            while (reader.position() < limits.get(journal) && reader.next(IGNORE))
            {
                // the reader verifies each link as it reads
            }
        }
        catch (final RuntimeException e)
        {
            fail(journal, reader.position(), e);
        }
    }

    private void follow(final int journal, final JournalReader reader)
    {
        long stalledSince = 0;
        try
        {
            while (reader.position() < limits.get(journal))
            {
                if (reader.next(IGNORE))
                {
                    stalledSince = 0;
                    continue;
                }
                final long limit = limits.get(journal);
                if (limit != NOT_YET_KNOWN && reader.position() < limit)
                {
                    // the trusting reader saw records this one does not: not yet visible here, or the file changed
                    final long now = System.nanoTime();
                    if (stalledSince == 0)
                    {
                        stalledSince = now;
                    }
                    else if (now - stalledSince > stallLimitNanos)
                    {
                        throw new JournalCorruptException(journals[journal] + ": record " + reader.position() +
                            ": the journal ends here for the chain check, but " + limit +
                            " records were read from it: it changed while it was being read");
                    }
                }
                // a millisecond while the owner is still reading, so as not to wake ten thousand times a second
                LockSupport.parkNanos(this, limit == NOT_YET_KNOWN ? WAIT_FOR_OWNER_NANOS : PARK_NANOS);
            }
        }
        catch (final RuntimeException e)
        {
            fail(journal, reader.position(), e);
        }
    }

    private void fail(final int journal, final long position, final RuntimeException e)
    {
        failures[journal] = e;
        failedAt[journal] = position;
    }
}
