package org.gridsettle.engine.snapshot;

import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.ThreadEnds;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes snapshots with the business-logic thread doing only the part that needs its state quiescent: it captures
 * the state into a reused off-heap {@link StateOutput}, and a thread of the writer's own hashes it, writes the file,
 * forces it to disk if the store forces, renames it into place and recycles old snapshots. That thread writes in bursts
 * of 64 KiB with a pause of {@value #PAUSE_NANOS} ns after each, unless someone waits for the snapshot
 * ({@link #awaitWritten}), so that it takes a core from the busy threads for tens of microseconds at a time, not for
 * the scheduler's slices of 3 ms. Each snapshot is written over the file of the oldest snapshot no longer kept, when
 * there is one (see {@link SpareFiles} for why), so the directory holds the newest {@value #KEEP} snapshots and one
 * spare.
 * <p>
 * Why: written whole on the logic thread, a snapshot of 100,000 meters stalled every input behind it for about half
 * a second, most of it in the file, the fsync and the checksum. The logic thread now pays for the capture alone, and for
 * periodic snapshots ({@link #begin}) only for its small sections at once: the per-meter sections and the ledger's
 * balances, nearly all of a capture, are copied a few meters and accounts at a time afterwards ({@link #step}, after
 * each input and while the logic thread waits for one), and a meter or an account an input is about to change is
 * copied first (see
 * {@code DeferredCapture}); benchmarks/LOG.md has the stall before and after.
 * <p>
 * One capture is in flight at a time: {@link #take} and {@link #begin} first complete a capture still being copied
 * and wait for the previous snapshot to be on disk, since all use the same buffer; at the usual interval of a million
 * inputs that one has long finished. A snapshot that failed to be written is reported by the next {@link #take} or
 * {@link #begin} or by {@link #close}, which halts the engine as a failure on the logic thread would have. The files
 * are the same as if written synchronously.
 * <p>
 * Threading: {@link #take}, {@link #begin}, {@link #step}, {@link #awaitWritten} and {@link #close} from the
 * business-logic thread, or from the thread that closes the engine after that one has stopped.
 */
public final class SnapshotWriter implements AutoCloseable
{
    private static final int KEEP = 2;
    /**
     * Pause between the bursts in which a snapshot is written ({@link SnapshotStore#persist(StateOutput, Runnable)}):
     * long enough that the thread leaves the core to the busy ones, short enough that 130 MB is on disk well before
     * the next periodic snapshot (2,000 bursts of 64 KiB).
     */
    static final long PAUSE_NANOS = 50_000;

    private final SnapshotStore store;
    private final StateOutput captured = new StateOutput(1 << 20);
    /** The snapshot thread once the executor has made it, joined by {@link #close}; else null. */
    private volatile Thread worker;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r ->
    {
        final Thread t = new Thread(r, "gridsettle-snapshot");
        t.setDaemon(true);
        worker = t;
        return t;
    });
    private Future<?> inFlight;
    /** The logic whose capture is still being copied, or null. */
    private SettlementLogic copying;
    private volatile SnapshotInfo last;
    /** Set while a caller waits for the snapshot in flight, which then stops pausing between bursts. */
    private volatile boolean awaited;
    private final Runnable pauseUnlessAwaited = this::pauseUnlessAwaited;
    private boolean closed;

    /**
     * @param store where the snapshots go.
     */
    public SnapshotWriter(final SnapshotStore store)
    {
        this.store = store;
    }

    /**
     * Captures the state now and writes it in the background.
     *
     * @param logic           the state machine, quiescent.
     * @param outputRecords   output data records at this point.
     * @param outputChainHead output chain head at this point.
     */
    public void take(final SettlementLogic logic, final long outputRecords, final long outputChainHead)
    {
        checkOpen();
        awaitWritten();
        SnapshotStore.capture(logic, outputRecords, outputChainHead, captured);
        inFlight = thread.submit(this::persist);
    }

    /**
     * Begins a capture of the state now that the logic thread pays for only in part: the largest per-meter sections
     * are copied by {@link #step} between inputs, and by the logic itself before an input changes a meter not yet
     * copied. The file is written in the background once the capture is complete.
     *
     * @param logic           the state machine, quiescent now.
     * @param outputRecords   output data records at this point.
     * @param outputChainHead output chain head at this point.
     */
    public void begin(final SettlementLogic logic, final long outputRecords, final long outputChainHead)
    {
        checkOpen();
        awaitWritten();
        if (SnapshotStore.captureDeferred(logic, outputRecords, outputChainHead, captured))
        {
            copying = logic;
        }
        else
        {
            inFlight = thread.submit(this::persist);
        }
    }

    /**
     * Copies a few more meters of a capture begun by {@link #begin}, and hands the snapshot to the writer's thread
     * when it is complete. Costs a field read when no capture is being copied.
     *
     * @param meters meters to copy at most.
     * @return true if a capture was being copied, so this call had work to do.
     */
    public boolean step(final int meters)
    {
        final SettlementLogic logic = copying;
        if (logic == null)
        {
            return false;
        }
        if (logic.captureStep(meters))
        {
            copying = null;
            inFlight = thread.submit(this::persist);
        }
        return true;
    }

    private void completeCapture()
    {
        final SettlementLogic logic = copying;
        if (logic != null)
        {
            copying = null;
            logic.finishCapture();
            inFlight = thread.submit(this::persist);
        }
    }

    /**
     * Grows the capture buffer on the writer's thread, so that the next capture on the logic thread does not have
     * to; the next {@link #take} waits for it if it is still running.
     *
     * @param bytes expected size of a snapshot.
     */
    public void reserve(final long bytes)
    {
        checkOpen();
        awaitWritten();
        inFlight = thread.submit(() -> captured.reserve(bytes));
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("the snapshot writer is closed");
        }
    }

    private void persist()
    {
        last = store.persist(captured, pauseUnlessAwaited, store.spare());
        store.recycle(KEEP);
        // room for the state to grow before a capture has to grow the buffer itself: grown by a quarter when less than
        // an eighth is left, not after every snapshot, since growing touches every new page (36 ms of CPU for
        // 100,000 meters) and that CPU is taken from the two busy threads of a 2-core machine
        final long size = captured.length();
        captured.reset();
        final long grow = growthAfter(size, captured.capacity());
        if (grow > 0)
        {
            captured.reserve(grow);
        }
    }

    private void pauseUnlessAwaited()
    {
        if (!awaited)
        {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /**
     * @param size     bytes of the snapshot just written.
     * @param capacity bytes of capture memory held.
     * @return the capacity to grow to before the next capture, or 0 to keep what there is: a quarter more than the
     *     snapshot once less than an eighth of it is left.
     */
    static long growthAfter(final long size, final long capacity)
    {
        return capacity - size < size / 8 ? size + size / 4 : 0;
    }

    /**
     * Completes a capture still being copied, then waits until the snapshot in flight, if any, is on disk.
     *
     * @return the newest snapshot written by this writer, or null if none.
     * @throws SnapshotWriteException if writing it failed.
     */
    public SnapshotInfo awaitWritten()
    {
        completeCapture();
        final Future<?> pending = inFlight;
        if (pending != null)
        {
            inFlight = null;
            awaited = true;
            boolean interrupted = false;
            try
            {
                while (true)
                {
                    try
                    {
                        pending.get();
                        break;
                    }
                    catch (final InterruptedException e)
                    {
                        // the snapshot must finish before its buffer is reused or the engine reports closed
                        interrupted = true;
                    }
                    catch (final ExecutionException e)
                    {
                        throw new SnapshotWriteException(store.describeFailure(e.getCause()), e.getCause());
                    }
                }
            }
            finally
            {
                awaited = false;
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
        return last;
    }

    /**
     * Waits for the snapshot in flight, stops the thread, waits for it to end and frees the buffer. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            awaitWritten();
        }
        finally
        {
            thread.shutdown();
            // the executor reports termination before its thread has exited: join the thread itself, which its
            // last task (awaited above) has left, as close promises that no engine thread outlives it
            ThreadEnds.awaitEnd(worker);
            captured.free();
        }
    }
}
