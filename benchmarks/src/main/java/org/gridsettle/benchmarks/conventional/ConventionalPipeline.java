package org.gridsettle.benchmarks.conventional;

import org.gridsettle.benchmarks.workload.PeriodTable;
import org.gridsettle.engine.ledger.SystemAccounts;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * The design a team would write first, kept honest so the engine has a fair comparison: producers put a new
 * {@link TickEvent} per tick on a {@link ArrayBlockingQueue}; one worker thread takes it, prices it with
 * {@link BigDecimalPricer}, posts to a {@link ConventionalLedger} and writes a JSON line per posting. Same ticks and
 * same tariff as the engine, no journal hash chain and no input journal, so it does strictly less work.
 * <p>
 * Threading: {@link #submit} from one producer thread; everything else of the pipeline runs on the worker thread
 * named {@link #WORKER_NAME}. {@link #processed()} may be read from any thread; {@link #ledger()} only after
 * {@link #close()}.
 */
public final class ConventionalPipeline implements AutoCloseable
{
    /** Name of the worker thread, for allocation measurement. */
    public static final String WORKER_NAME = "conventional-worker";

    private static final TickEvent POISON = new TickEvent(-1, 0, 0, 0, 0);

    private final BlockingQueue<TickEvent> queue;
    private final ConventionalRegistry registry;
    private final BigDecimalPricer pricer = new BigDecimalPricer();
    private final ConventionalLedger ledger = new ConventionalLedger();
    private final JsonLineWriter out;
    private final LongConsumer onTickDone;
    private final Thread worker;
    private volatile long processed;
    private volatile long rejected;
    private volatile Throwable failure;

    /**
     * @param registry   accounts and enrolments, filled before this starts.
     * @param outputFile JSON-lines output, created or truncated.
     * @param capacity   queue capacity; the engine's ring size for a like-for-like comparison.
     * @param onTickDone called on the worker with the tick index once its output line is written; may be null.
     */
    public ConventionalPipeline(
        final ConventionalRegistry registry, final Path outputFile, final int capacity, final LongConsumer onTickDone)
    {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.registry = registry;
        this.out = new JsonLineWriter(outputFile);
        this.onTickDone = onTickDone;
        this.worker = new Thread(this::work, WORKER_NAME);
        this.worker.setDaemon(true);
    }

    /**
     * Starts the worker.
     *
     * @return this.
     */
    public ConventionalPipeline start()
    {
        worker.start();
        return this;
    }

    /**
     * Queues a tick, blocking while the queue is full.
     *
     * @param tick the tick.
     * @throws IllegalStateException if the worker has failed, at the latest on the submission after the one it
     *                               failed during.
     */
    public void submit(final TickEvent tick)
    {
        final Throwable f = failure;
        if (f != null)
        {
            throw new IllegalStateException("conventional worker failed: " + f, f);
        }
        try
        {
            queue.put(tick);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        }
    }

    /**
     * @return ticks fully processed; safe from any thread.
     */
    public long processed()
    {
        return processed;
    }

    /**
     * @return ticks refused because their meter is not enrolled; safe from any thread.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * @return the error that stopped the worker, or null.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * @return the worker thread's id.
     */
    public long workerThreadId()
    {
        return worker.getId();
    }

    /**
     * @return the ledger; read it only after {@link #close()}.
     */
    public ConventionalLedger ledger()
    {
        return ledger;
    }

    /**
     * Lets the worker drain the queue, then stops it and closes the output file.
     */
    @Override
    public void close()
    {
        try
        {
            if (worker.isAlive())
            {
                queue.put(POISON);
                worker.join();
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing", e);
        }
        finally
        {
            out.close();
        }
        final Throwable f = failure;
        if (f != null)
        {
            throw new IllegalStateException("conventional worker failed: " + f, f);
        }
    }

    private void work()
    {
        try
        {
            long count = 0;
            while (true)
            {
                final TickEvent tick = queue.take();
                if (tick == POISON)
                {
                    return;
                }
                apply(tick);
                if (onTickDone != null)
                {
                    onTickDone.accept(tick.index());
                }
                processed = ++count;
            }
        }
        catch (final Throwable t)
        {
            failure = t;
            // a producer parked in put() on a full queue would wait for ever for a worker that has stopped: emptying
            // the queue lets its put return, and its next submit sees the failure, written before
            queue.clear();
        }
    }

    private void apply(final TickEvent tick)
    {
        final ConventionalRegistry.Enrolment enrolment = registry.enrolmentOf(tick.meterId());
        if (enrolment == null || tick.intervalStart() < enrolment.effectiveFrom())
        {
            rejected = rejected + 1;
            return;
        }
        final PricedTick priced = pricer.price(tick.intervalStart(), tick.importWh(), tick.exportWh());
        final String period = PeriodTable.name(priced.period());
        final long customer = enrolment.accountId();
        if (priced.importCharge().signum() > 0)
        {
            ledger.postCharge(customer, SystemAccounts.REVENUE, priced.importCharge());
            out.write(tick.index(), tick.meterId(), tick.intervalStart(), customer, SystemAccounts.REVENUE,
                PeriodTable.TOKEN, tick.importWh(), priced.importRate(), period, priced.importCharge());
        }
        if (priced.exportCredit().signum() > 0)
        {
            ledger.postCredit(SystemAccounts.ISSUANCE, customer, priced.exportCredit());
            out.write(tick.index(), tick.meterId(), tick.intervalStart(), SystemAccounts.ISSUANCE, customer,
                PeriodTable.EXPORT_TOKEN, tick.exportWh(), priced.exportRate(), period, priced.exportCredit());
        }
    }
}
