package org.gridsettle.benchmarks.harness;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits for a consumer to reach a count, parking between looks so the waiting thread does not take a core from the
 * consumer it waits for on a 2-core machine.
 * <p>
 * Stateless and thread-safe.
 */
public final class Await
{
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private Await()
    {
    }

    /**
     * @param progress what the consumer has done so far.
     * @param target   the count to reach.
     * @param failure  the consumer's fatal error, or null while healthy.
     * @return {@link System#nanoTime()} when the target was seen.
     * @throws IllegalStateException if the consumer failed or did not get there within ten minutes.
     */
    public static long reach(final LongSupplier progress, final long target, final Supplier<Throwable> failure)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (progress.getAsLong() < target)
        {
            final Throwable f = failure.get();
            if (f != null)
            {
                throw new IllegalStateException("consumer failed: " + f, f);
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("consumer stuck at " + progress.getAsLong() + " of " + target);
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
        return System.nanoTime();
    }
}
