package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.conventional.BigDecimalPricer;
import org.gridsettle.benchmarks.conventional.ConventionalLedger;
import org.gridsettle.benchmarks.workload.Fleet;
import org.gridsettle.benchmarks.workload.PeriodTable;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.pricing.money.MicroUnits;

import java.util.function.LongUnaryOperator;

/**
 * The figures both designs must agree on: the sum of import charges (USD) and of export credits (SOLAR), in
 * micro-units, and a digest of every account's balance in both tokens, so that the same sums posted to other
 * customers do not agree. Immutable.
 *
 * @param usdMicros      sum of import charges.
 * @param solarMicros    sum of export credits.
 * @param balancesDigest a hash of each customer's (in meter order), the revenue account's and the issuance account's
 *                       USD and SOLAR balances, in micro-units.
 */
public record TokenTotals(long usdMicros, long solarMicros, long balancesDigest)
{
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    /**
     * Reads the totals from a stopped engine's ledger. Token indexes follow first use, so they are looked up by
     * symbol rather than assumed.
     *
     * @param ledger the ledger, read after the engine closed.
     * @param meters the fleet's size: its customers' accounts are {@link Fleet#accountOf} 1 to {@code meters}.
     * @return the totals; a token never used totals zero.
     */
    public static TokenTotals of(final Ledger ledger, final int meters)
    {
        int usd = -1;
        int solar = -1;
        for (int i = 0; i < ledger.tokenCount(); i++)
        {
            if (PeriodTable.TOKEN.equals(ledger.tokenSymbol(i)))
            {
                usd = i;
            }
            else if (PeriodTable.EXPORT_TOKEN.equals(ledger.tokenSymbol(i)))
            {
                solar = i;
            }
        }
        final int usdIndex = usd;
        final int solarIndex = solar;
        return new TokenTotals(usd < 0 ? 0 : ledger.totalPosted(usd), solar < 0 ? 0 : ledger.totalPosted(solar),
            digest(meters, account -> usdIndex < 0 ? 0 : ledger.balance(account, usdIndex),
                account -> solarIndex < 0 ? 0 : ledger.balance(account, solarIndex)));
    }

    /**
     * @param ledger the conventional design's ledger, read after its pipeline closed.
     * @param meters the fleet's size.
     * @return the totals.
     */
    public static TokenTotals of(final ConventionalLedger ledger, final int meters)
    {
        return new TokenTotals(BigDecimalPricer.toMicros(ledger.usdPosted()),
            BigDecimalPricer.toMicros(ledger.solarPosted()),
            digest(meters, account -> BigDecimalPricer.toMicros(ledger.usdBalance(account)),
                account -> BigDecimalPricer.toMicros(ledger.solarBalance(account))));
    }

    private static long digest(final int meters, final LongUnaryOperator usd, final LongUnaryOperator solar)
    {
        long h = meters;
        for (int m = 1; m <= meters; m++)
        {
            h = mix(mix(h, usd.applyAsLong(Fleet.accountOf(m))), solar.applyAsLong(Fleet.accountOf(m)));
        }
        for (final long account : new long[] {SystemAccounts.REVENUE, SystemAccounts.ISSUANCE})
        {
            h = mix(mix(h, usd.applyAsLong(account)), solar.applyAsLong(account));
        }
        return h;
    }

    private static long mix(final long h, final long value)
    {
        final long x = (h ^ value) * MULTIPLIER;
        return x ^ (x >>> 29);
    }

    @Override
    public String toString()
    {
        return "USD " + MicroUnits.toDecimalString(usdMicros) + " (" + usdMicros + " µ), SOLAR " +
            MicroUnits.toDecimalString(solarMicros) + " (" + solarMicros + " µ), balances " +
            Long.toHexString(balancesDigest);
    }
}
