package org.gridsettle.benchmarks.harness;

import java.lang.management.ManagementFactory;

/**
 * Reads how many bytes a thread has allocated, through HotSpot's {@code com.sun.management.ThreadMXBean}; the
 * harness samples the business-logic thread, and every thread of the JVM, before and after a measured window.
 * <p>
 * Thread-safe.
 */
public final class ThreadAllocation
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    static
    {
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private ThreadAllocation()
    {
    }

    /**
     * @param name thread name.
     * @return id of the newest live thread with that name.
     * @throws IllegalStateException if there is none.
     */
    public static long threadIdNamed(final String name)
    {
        long id = -1;
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            // an engine closed just before may still be winding its thread down; the newest one is ours
            if (name.equals(t.getName()) && t.isAlive() && t.getId() > id)
            {
                id = t.getId();
            }
        }
        if (id < 0)
        {
            throw new IllegalStateException("no live thread named " + name);
        }
        return id;
    }

    /**
     * @return what every live thread of the JVM has allocated so far, to pass to {@link #allThreadsSince} later.
     */
    public static AllThreads allThreads()
    {
        final long[] ids = THREADS.getAllThreadIds();
        return new AllThreads(ids, THREADS.getThreadAllocatedBytes(ids));
    }

    /**
     * Bytes the whole JVM's threads allocated since {@code before}: the producer, the threads of the design under
     * test and any other, such as Chronicle's. A thread started since counts from zero; a thread that ended since is
     * missed, so the figure is a lower bound when threads come and go.
     *
     * @param before an earlier {@link #allThreads()}.
     * @return the bytes.
     */
    public static long allThreadsSince(final AllThreads before)
    {
        final AllThreads now = allThreads();
        long sum = 0;
        for (int i = 0; i < now.ids.length; i++)
        {
            if (now.bytes[i] >= 0)
            {
                sum += now.bytes[i] - before.bytesOf(now.ids[i]);
            }
        }
        return sum;
    }

    /**
     * Allocated bytes of every live thread at one moment. Immutable.
     */
    public static final class AllThreads
    {
        private final long[] ids;
        private final long[] bytes;

        private AllThreads(final long[] ids, final long[] bytes)
        {
            this.ids = ids;
            this.bytes = bytes;
        }

        private long bytesOf(final long id)
        {
            for (int i = 0; i < ids.length; i++)
            {
                if (ids[i] == id)
                {
                    return Math.max(0, bytes[i]);
                }
            }
            return 0;
        }
    }

    /**
     * @param threadId a live thread.
     * @return bytes it has allocated since it started.
     */
    public static long allocatedBytes(final long threadId)
    {
        final long bytes = THREADS.getThreadAllocatedBytes(threadId);
        if (bytes < 0)
        {
            throw new IllegalStateException("thread allocation measurement unavailable for thread " + threadId);
        }
        return bytes;
    }
}
