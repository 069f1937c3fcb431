package org.gridsettle.journal.pretouch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Takes the page faults of journal appends off the appends, on the writers' own thread while it waits for input:
 * each {@link #doWork()} writes a few pages of zeros just ahead of a writer's {@link AppendFrontier}, so that its
 * next appends find those pages in the page cache, backed by disk blocks and dirty.
 * <p>
 * Why not {@link JournalPretoucher}: that one needs a thread of its own, and on a 2-core machine whose cores are the
 * producer's and the business logic's, a third busy thread costs both of them milliseconds at a time whenever the
 * scheduler lets it in. A writer that waits for input has idle time at any offered rate below its capacity, and
 * none at full throughput, where this costs nothing because it is never called.
 * <p>
 * Why zeros by {@code pwrite} and not a touch through a mapping: a first touch of a mapped page of a sparse file
 * faults with read-around, zero-filling up to the disk's read-ahead (megabytes) in one go, a stall of its own on the
 * writer's thread; a page-aligned write of whole pages allocates just those pages, with no read.
 * <p>
 * Why {@link #DEFAULT_HEADROOM} is twice the read-ahead: the writer's first fault in a file reads a window ahead and
 * marks a page in it; when the writer reaches that page the kernel reads the next window, on the writer's thread, and
 * marks a page in that one, and so on, every read-ahead window (8 MiB on the disk measured). Zero-filling a window of
 * a sparse file took the engine's business-logic thread about 20 ms each time (profiled with {@code perf}: {@code
 * filemap_fault}, {@code page_cache_ra_order}, {@code ext4_mpage_readpages}, {@code memset}), every 110,000 ticks at
 * 200,000 ticks/s, with a headroom of 4 MiB. With the next window already written, the read-ahead finds its pages
 * in the page cache, marks none, and the chain ends.
 * <p>
 * Why writing zeros is safe: only because it runs on the writers' thread between their appends. Every byte beyond a
 * writer's frontier is then unwritten, as Chronicle appends in file order, and stays zero. The page holding the
 * frontier is skipped, as the writer has it already. Only the region inside the file's current length is written,
 * so the file is never extended here. The engine stops its business-logic thread before anything else appends at
 * close.
 * <p>
 * Cost: the same page allocations the writer would make, made earlier, {@value #PAGES_PER_CALL} pages per call so
 * that an input arriving during a call waits for at most that; disk blocks allocated up to the headroom beyond the
 * last record. The journals' bytes are the same either way.
 * <p>
 * Each call publishes how far it has got ({@link AppendFrontier#prepared(long)}), so that a {@link JournalPretoucher}
 * running as its backstop ({@link Pretouch#ADAPTIVE}) touches only where the writer's thread has fallen behind.
 * <p>
 * Threading: the thread that appends to every frontier given, and only between appends. A failure to open or
 * write a cycle file makes this give up on that file only; the writer just faults for itself again;
 * {@link #failures()} counts them.
 */
public final class IdlePretoucher
{
    /** How far ahead of each writer pages are written: two read-ahead windows of 8 MiB, see above. */
    public static final int DEFAULT_HEADROOM = 16 << 20;

    /** Pages written per call: an input that arrives during one waits a few microseconds at most. */
    static final int PAGES_PER_CALL = 4;

    private static final int PAGE = JournalPretoucher.PAGE;

    private final CycleFileTarget[] targets;
    private final long headroom;
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(PAGES_PER_CALL * PAGE);
    private int next;
    private long pagesTouched;
    private int failures;

    /**
     * @param headroom  bytes to keep written ahead of each writer, at least a page.
     * @param frontiers the writers to run ahead of; all appended to by the thread that calls {@link #doWork()}.
     */
    public IdlePretoucher(final long headroom, final AppendFrontier... frontiers)
    {
        if (headroom < PAGE)
        {
            throw new IllegalArgumentException("headroom must be at least a page: " + headroom);
        }
        this.headroom = headroom;
        this.targets = new CycleFileTarget[frontiers.length];
        for (int i = 0; i < frontiers.length; i++)
        {
            targets[i] = new CycleFileTarget(frontiers[i], StandardOpenOption.WRITE);
        }
    }

    /**
     * Writes at most {@value #PAGES_PER_CALL} pages ahead of one writer that needs them, taking the writers in turn.
     * Call it between appends, from the writers' thread, when there is nothing else to do.
     *
     * @return pages written; 0 when every writer is far enough ahead, which costs a few field reads.
     */
    public int doWork()
    {
        final CycleFileTarget[] targets = this.targets;
        final int count = targets.length;
        for (int i = 0; i < count; i++)
        {
            final int index = next;
            next = index + 1 == count ? 0 : index + 1;
            final int pages = touchAhead(targets[index]);
            if (pages > 0)
            {
                return pages;
            }
        }
        return 0;
    }

    /**
     * Closes the cycle files' channels. The pretoucher can be used again afterwards; it reopens them.
     */
    public void close()
    {
        for (final CycleFileTarget target : targets)
        {
            target.closeChannel();
        }
    }

    /**
     * @return pages written so far.
     */
    public long pagesTouched()
    {
        return pagesTouched;
    }

    /**
     * @return cycle files given up on after an I/O failure.
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
        // the page holding the frontier has been written by the writer: start at the next one
        final long firstFree = (position + PAGE - 1) & -PAGE;
        if (target.touched < firstFree)
        {
            target.touched = firstFree;
        }
        final long wanted = (position + headroom) & -PAGE;
        if (target.touched >= wanted)
        {
            return 0;
        }
        try
        {
            return touch(target, position, Math.min(wanted, target.touched + (long)PAGES_PER_CALL * PAGE));
        }
        catch (final IOException | RuntimeException e)
        {
            target.giveUp();
            failures++;
            return 0;
        }
    }

    private int touch(final CycleFileTarget target, final long position, final long limit) throws IOException
    {
        final long end = Math.min(limit, target.size(position, limit)) & -PAGE;
        final long from = target.touched;
        if (end <= from)
        {
            return 0;
        }
        final int length = (int)(end - from);
        final FileChannel channel = target.channel();
        final ByteBuffer zeros = this.zeros;
        zeros.clear().limit(length);
        long at = from;
        while (zeros.hasRemaining())
        {
            at += channel.write(zeros, at);
        }
        target.touched = end;
        target.frontier().prepared(end);
        final int pages = length / PAGE;
        pagesTouched += pages;
        return pages;
    }
}
