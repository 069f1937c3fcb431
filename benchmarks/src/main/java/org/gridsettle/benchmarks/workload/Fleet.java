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
        engine.publishTariff(BenchTariff.create());
        for (int m = 1; m <= meters; m++)
        {
            engine.registerAccount(accountOf(m));
            engine.enrolMeter(m, accountOf(m), PeriodTable.TARIFF_ID, BenchTariff.EFFECTIVE_FROM);
        }
        return setUpInputs(meters);
    }
}
