package org.gridsettle.journal.pretouch;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.io.ReferenceOwner;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

/**
 * Takes the page faults of journal appends off the writer's thread: it touches the pages of each journal's current
 * cycle file a few MiB ahead of its {@link AppendFrontier}, so that the writer finds them already in the page cache,
 * backed by disk blocks and dirty.
 * <p>
 * Why: Chronicle Queue writes through a memory-mapped file, and the first write to each page of a sparse cycle file
 * faults. The kernel then reads the page in, zero-filling it and, with read-ahead, up to megabytes around it, and
 * reserves its disk blocks, all on the writing thread (profiled with {@code perf}: {@code filemap_fault},
 * {@code ext4_mpage_readpages}, {@code memset}). On the 2-core VM measured, a producer appending a tick's two records
 * at 200,000 ticks/s had a p99 of 16.6 ms that way; with this pretoucher on a thread of its own, 13.2 µs when it
 * touched through a mapping of its own and 1.2 µs through the writer's (the harness's {@code raw-append} and
 * {@code raw-append-pretouched} rows, {@code benchmarks/README.md}). Chronicle's own pretoucher is only in its
 * commercial edition.
 * <p>
 * A page is touched by an atomic compare-and-set of its first eight bytes from zero to zero, through the writer's own
 * mapping: the chunk of the cycle file its last append went into, which the {@link AppendFrontier} publishes and
 * this reserves while it touches ({@code tryReserve}), so Chronicle cannot unmap it meanwhile. It changes nothing:
 * where the writer has already written, the compare fails and nothing is stored; where it has not, the bytes are zero
 * and stay zero, and a later write by the writer lands after the atomic one. Through the writer's mapping the writer
 * then finds the page mapped and takes no fault at all; through a mapping of the pretoucher's own, as before
 * 2026-11-26, it still faulted on each page, if more cheaply, and the mapping and unmapping of each pass cost more
 * than they saved: at full throughput the engine ran at 653,000-717,000 ticks/s with it against 737,000-871,000
 * without, and at 773,000-865,000 with the writer's mapping (benchmarks/LOG.md). Only pages inside that chunk and
 * its overlap are touched, so the file is never extended here; the next chunk's pages wait until the writer has
 * moved into it.
 * <p>
 * Cost: the same page faults, on another core, which a 2-core machine does not have to spare: at an offered rate a
 * third busy thread costs the engine milliseconds of tail latency. So the engine runs it on its own only when asked
 * ({@link Pretouch#THREAD}); by default it is the backstop of the writer's idle pretouch ({@link Pretouch#ADAPTIVE}),
 * touching only where that falls behind. Disk blocks are allocated up to the headroom beyond the last record, which a
 * sparse cycle file would otherwise leave unallocated until written.
 * <p>
 * Threading: an {@link Agent}, run by one {@link org.agrona.concurrent.AgentRunner} thread; the frontiers are written
 * by their writers' threads. A failure to touch a cycle file makes this pretoucher give up on that file only (the
 * writer is unaffected, it only faults for itself again); {@link #failures()} counts them.
 */
public final class JournalPretoucher implements Agent
{
    /** How far ahead of each writer pages are touched: two read-ahead windows of 8 MiB, as {@link IdlePretoucher}'s. */
    public static final int DEFAULT_HEADROOM = 16 << 20;

    /** Stride of the touches: the smallest page size on the platforms gridsettle runs on. */
    static final int PAGE = 4096;

    /** Largest region touched per pass, so that one journal does not hold up the others. */
    private static final int BATCH = 1 << 20;

    private static final ReferenceOwner OWNER = ReferenceOwner.temporary("gridsettle-pretouch");

    private final CycleFileTarget[] targets;
    private final long headroom;
    private final String roleName;
    private final boolean backstop;
    private long pagesTouched;
    private int failures;

    /**
     * @param roleName  name of the agent, for its thread.
     * @param headroom  bytes to keep touched ahead of each writer.
     * @param frontiers the writers to run ahead of.
     */
    public JournalPretoucher(final String roleName, final long headroom, final AppendFrontier... frontiers)
    {
        this(roleName, headroom, false, frontiers);
    }

    /**
     * @param roleName  name of the agent, for its thread.
     * @param headroom  bytes to keep touched ahead of each writer.
     * @param backstop  true to touch only where the writer's own thread has fallen behind with its idle preparation
     *                  ({@link AppendFrontier#prepared()} less than half the headroom ahead): at an offered rate that
     *                  thread keeps up and this one stays parked; at full throughput it never waits, and this one
     *                  does the work.
     * @param frontiers the writers to run ahead of.
     */
    public JournalPretoucher(
        final String roleName, final long headroom, final boolean backstop, final AppendFrontier... frontiers)
    {
        if (headroom < PAGE)
        {
            throw new IllegalArgumentException("headroom must be at least a page: " + headroom);
        }
        this.roleName = roleName;
        this.headroom = headroom;
        this.backstop = backstop;
        this.targets = new CycleFileTarget[frontiers.length];
        for (int i = 0; i < frontiers.length; i++)
        {
            targets[i] = new CycleFileTarget(frontiers[i]);
        }
    }

    /**
     * Runs a pretoucher with the default headroom on a daemon thread of its own, idling 1 ms at a time when every
     * writer is far enough ahead. Its errors are its own: it gives up on a file, never on the writers.
     *
     * @param name      thread and agent name.
     * @param frontiers the writers to run ahead of.
     * @return the started runner; close it to stop the thread.
     */
    public static AgentRunner startOnDaemonThread(final String name, final AppendFrontier... frontiers)
    {
        return startOnDaemonThread(name, false, frontiers);
    }

    /**
     * As {@link #startOnDaemonThread(String, AppendFrontier...)}, as a backstop to the writers' own idle preparation
     * if {@code backstop} is true (see the constructor).
     *
     * @param name      the thread's name.
     * @param backstop  true to touch only where the writers' own threads have fallen behind.
     * @param frontiers the writers to run ahead of.
     * @return the runner, to be closed when the writers are.
     */
    public static AgentRunner startOnDaemonThread(
        final String name, final boolean backstop, final AppendFrontier... frontiers)
    {
        final AgentRunner runner = new AgentRunner(
            new SleepingMillisIdleStrategy(1),
            // the failures a pretoucher can meet are handled in doWork; nothing else is worth stopping a writer for
            t -> { },
            null,
            new JournalPretoucher(name, DEFAULT_HEADROOM, backstop, frontiers));
        AgentRunner.startOnThread(runner, r -> daemonThread(r, name));
        return runner;
    }

    /**
     * The pretoucher's thread. A fault inside a mapping (a full disk, a file cut short) is delivered as an
     * {@link InternalError} at the next safepoint poll, which may come in the runner's idle strategy rather than in
     * {@link #doWork}'s catch; the runner rethrows an Error, so the thread ends there. That is an optimisation giving
     * up, as {@link #doWork} would: the writers meet the same fault on their own threads and report it, so this thread
     * ends without printing it; any other throwable is printed as an uncaught one is.
     *
     * @param runnable the agent runner.
     * @param name     the thread's name.
     * @return the unstarted daemon thread.
     */
    static Thread daemonThread(final Runnable runnable, final String name)
    {
        final Thread t = new Thread(runnable, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) ->
        {
            if (!(e instanceof InternalError))
            {
                // what a thread without its own handler gets: the default handler, or the trace on stderr
                thread.getThreadGroup().uncaughtException(thread, e);
            }
        });
        return t;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        try
        {
            for (final CycleFileTarget target : targets)
            {
                work += touchAhead(target);
            }
        }
        catch (final InternalError e)
        {
            // a fault in compiled code is delivered at the next safepoint poll, which can be past touchAhead's own
            // catch (a full disk ended this thread so, in CycleFileTarget.position): which file faulted is no longer
            // known, so every file is given up on until its writer rolls, and the writers fault for themselves
            for (final CycleFileTarget target : targets)
            {
                target.giveUp();
            }
            failures++;
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (final CycleFileTarget target : targets)
        {
            target.closeChannel();
        }
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    /**
     * @return pages touched so far; read from the agent's thread, or after it stopped.
     */
    public long pagesTouched()
    {
        return pagesTouched;
    }

    /**
     * @return cycle files given up on after an I/O failure; read from the agent's thread, or after it stopped.
     */
    public int failures()
    {
        return failures;
    }

    private int touchAhead(final CycleFileTarget target)
    {
        final long position = target.position();
        if (position == 0)
        {
            return 0;
        }
        if (target.touched < position)
        {
            target.touched = position & -PAGE;
        }
        final long wanted = position + headroom;
        if (target.touched + PAGE > wanted)
        {
            return 0;
        }
        if (backstop && target.frontier().prepared() >= position + headroom / 2)
        {
            return 0;
        }
        try
        {
            return touch(target, Math.min(wanted, target.touched + BATCH));
        }
        catch (final RuntimeException | InternalError e)
        {
            // InternalError is how the JVM reports a fault inside a mapping, as from a file cut short under it
            target.giveUp();
            failures++;
            return 0;
        }
    }

    private int touch(final CycleFileTarget target, final long limit)
    {
        final BytesStore<?, ?> chunk = target.frontier().store();
        if (chunk == null || !chunk.tryReserve(OWNER))
        {
            // the writer has moved on from this chunk: the next call sees the one it moved to
            return 0;
        }
        final long from = target.touched;
        final long end = limit & -PAGE;
        long offset = from;
        try
        {
            while (offset < end && chunk.inside(offset, 8))
            {
                chunk.compareAndSwapLong(offset, 0L, 0L);
                offset += PAGE;
            }
        }
        finally
        {
            chunk.release(OWNER);
        }
        target.touched = offset;
        final int pages = (int)((offset - from) / PAGE);
        pagesTouched += pages;
        return pages;
    }
}
