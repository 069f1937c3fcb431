package org.gridsettle.benchmarks.conventional;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Accounts and meter enrolments kept the usual way: boxed keys in {@link HashMap} and {@link HashSet}, one
 * {@link Enrolment} object per meter. The engine keeps the same facts in primitive maps and arrays; heap per meter
 * compares the two.
 * <p>
 * Filled before the worker starts and then read only by the worker; not thread-safe.
 */
public final class ConventionalRegistry
{
    private final Set<Long> accounts = new HashSet<>();
    private final Map<Long, Enrolment> meters = new HashMap<>();

    /**
     * @param accountId a customer account.
     */
    public void registerAccount(final long accountId)
    {
        accounts.add(accountId);
    }

    /**
     * @param meterId       meter.
     * @param accountId     a registered account.
     * @param tariffId      tariff.
     * @param effectiveFrom epoch seconds.
     */
    public void enrol(final long meterId, final long accountId, final long tariffId, final long effectiveFrom)
    {
        if (!accounts.contains(accountId))
        {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        meters.put(meterId, new Enrolment(accountId, tariffId, effectiveFrom));
    }

    /**
     * @param meterId a meter.
     * @return its enrolment, or null.
     */
    public Enrolment enrolmentOf(final long meterId)
    {
        return meters.get(meterId);
    }

    /**
     * @return meters enrolled.
     */
    public int meterCount()
    {
        return meters.size();
    }

    /**
     * One meter's enrolment. Immutable.
     *
     * @param accountId     account billed.
     * @param tariffId      tariff.
     * @param effectiveFrom first instant.
     */
    public record Enrolment(long accountId, long tariffId, long effectiveFrom)
    {
    }
}
