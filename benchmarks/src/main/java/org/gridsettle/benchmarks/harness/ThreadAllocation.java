package org.gridsettle.benchmarks.harness;

import java.lang.management.ManagementFactory;

/**
 * Reads how many bytes a thread has allocated, through HotSpot's {@code com.sun.management.ThreadMXBean}; the
 * harness samples the business-logic thread before and after a measured window.
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
