package org.gridsettle.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.WriteLock;

import java.lang.reflect.Method;

/**
 * Releases Chronicle's write lock (a PID word in {@code metadata.cq4t}) that a failed write left held by this process.
 * <p>
 * Why: Chronicle Queue takes the lock when a document is begun and releases it when the document is closed, but an
 * error thrown while it completes the document (its header and index) skips the release: only interruption and
 * corrupt-stream exceptions are handled there. A fault from a full disk is an {@link InternalError} thrown just there,
 * and the lock then outlives the writer: the next writer in this process waits 15 s for it and fails (a process that
 * exits takes its PID with it, so a restarted command line does not meet this). The lock is reached through
 * {@code SingleChronicleQueue.writeLock()}, which Chronicle does not make public; if that cannot be done, the lock is
 * left as it is.
 * <p>
 * Stateless and thread-safe; call on the writer's thread, after its failed write.
 */
final class WriteLockRelease
{
    private static final Method WRITE_LOCK = writeLockMethod();

    private WriteLockRelease()
    {
    }

    private static Method writeLockMethod()
    {
        try
        {
            final Method method = SingleChronicleQueue.class.getDeclaredMethod("writeLock");
            method.setAccessible(true);
            return method;
        }
        catch (final ReflectiveOperationException | RuntimeException e)
        {
            return null;
        }
    }

    /**
     * @param queue a queue whose writer failed.
     * @return true if this process held its write lock and it was released.
     */
    static boolean releaseIfHeld(final ChronicleQueue queue)
    {
        if (WRITE_LOCK == null || !(queue instanceof SingleChronicleQueue))
        {
            return false;
        }
        try
        {
            final WriteLock lock = (WriteLock)WRITE_LOCK.invoke(queue);
            if (lock.isLockedByCurrentProcess(pid -> { }))
            {
                lock.unlock();
                return true;
            }
            return false;
        }
        catch (final ReflectiveOperationException | RuntimeException e)
        {
            return false;
        }
    }
}
