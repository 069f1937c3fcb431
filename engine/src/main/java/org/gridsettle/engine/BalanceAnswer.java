package org.gridsettle.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The answer to a balance query, and every stage chained to it: a {@link CompletableFuture} that refuses to be
 * waited on from the business-logic thread before it is done.
 * <p>
 * Why: only the business-logic thread answers a query, so a listener (which runs on that thread) that waited for
 * one, or for a stage chained to one, waited for itself, for ever, and every input with it. Now the wait throws
 * {@link IllegalStateException}, which halts the engine as any listener failure does, naming the mistake.
 * <p>
 * Threading: as {@link CompletableFuture}; the check reads the engine's logic thread, which is volatile in
 * {@link SubmissionGate}.
 *
 * @param <T> the value: a {@link Balance}, or what a chained stage makes of it.
 */
final class BalanceAnswer<T> extends CompletableFuture<T>
{
    private final Supplier<Thread> logicThread;

    /**
     * @param logicThread the engine's business-logic thread, or null before it runs.
     */
    BalanceAnswer(final Supplier<Thread> logicThread)
    {
        this.logicThread = logicThread;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new BalanceAnswer<>(logicThread);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException
    {
        refuseWaitOnLogicThread();
        return super.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        refuseWaitOnLogicThread();
        return super.get(timeout, unit);
    }

    @Override
    public T join()
    {
        refuseWaitOnLogicThread();
        return super.join();
    }

    private void refuseWaitOnLogicThread()
    {
        if (!isDone() && Thread.currentThread() == logicThread.get())
        {
            throw new IllegalStateException("a listener waited for a balance query: only the business-logic " +
                "thread it runs on answers it, so it would wait for ever; chain a stage (thenAccept) instead, or " +
                "query from a host thread");
        }
    }
}
