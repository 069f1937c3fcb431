package org.gridsettle.benchmarks.workload;

import org.gridsettle.engine.SettlementEngine;
import org.gridsettle.engine.ledger.SystemAccounts;

/**
 * Sets up an engine for the {@link TickSource} stream: publishes the {@link BenchTariff}, then registers one account
 * per meter and enrols the meter on it.
 * <p>
 * Call from the engine's producer thread.
 */
public final class Fleet
{
    private static final long SCATTER = 1_000_003L;
    private static final long OTHER_SCATTER = 999_983L;

    private Fleet()
    {
    }

    /**
     * @param meterId a meter.
     * @return the account it bills.
     */
    public static long accountOf(final long meterId)
    {
        return SystemAccounts.FIRST_CUSTOMER_ACCOUNT + meterId;
    }

    /**
     * @param meters fleet size.
     * @return how many inputs {@link #setUp} submits; the first tick's input sequence is this plus one.
     */
    public static long setUpInputs(final int meters)
    {
        return 1 + 2L * meters;
    }

    /**
     * @param engine a started engine with an empty journal.
     * @param meters fleet size.
     * @return the number of inputs submitted.
     */
    public static long setUp(final SettlementEngine engine, final int meters)
    {
        return setUp(engine, meters, false);
    }

    /**
     * @param engine   a started engine with an empty journal.
     * @param meters   fleet size.
     * @param shuffled true to enrol the meters in the order of {@link #shuffledMeter}, so that the ticks, which come
     *                 in meter-id order, do not follow the engine's enrolment order.
     * @return the number of inputs submitted.
     */
    public static long setUp(final SettlementEngine engine, final int meters, final boolean shuffled)
    {
        engine.publishTariff(BenchTariff.create());
        for (int k = 0; k < meters; k++)
        {
            final long m = shuffled ? shuffledMeter(k, meters) : k + 1;
            engine.registerAccount(accountOf(m));
            engine.enrolMeter(m, accountOf(m), PeriodTable.TARIFF_ID, BenchTariff.EFFECTIVE_FROM);
        }
        return setUpInputs(meters);
    }

    /**
     * A fixed permutation of the fleet that scatters neighbours: the k-th meter enrolled is
     * {@code k * P mod meters + 1}, with P a prime that does not divide the fleet size.
     *
     * @param k      enrolment position, 0 to meters - 1.
     * @param meters fleet size.
     * @return meter id, 1..meters.
     */
    public static long shuffledMeter(final long k, final int meters)
    {
        final long prime = meters % SCATTER == 0 ? OTHER_SCATTER : SCATTER;
        return k * prime % meters + 1;
    }
}
