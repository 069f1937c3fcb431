package org.gridsettle.benchmarks.jmh;

import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.benchmarks.conventional.ConventionalLedger;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.pricing.money.TokenSymbol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * One ledger posting, an import charge from a customer to revenue: the engine's primitive-map {@link Ledger#post}
 * against 100,000 customer accounts already holding balances, next to the conventional
 * {@code HashMap<Long, BigDecimal>} ledger doing the same posting.
 * <p>
 * JMH state, one per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LedgerBenchmark
{
    private static final int ACCOUNTS = 100_000;
    private static final int AMOUNTS = 1024;

    private final long[] amounts = new long[AMOUNTS];
    private final BigDecimal[] decimalAmounts = new BigDecimal[AMOUNTS];
    private Ledger ledger;
    private ConventionalLedger conventional;
    private int usd;
    private int next;

    /**
     * Opens every account with one posting so the maps are at their steady size before measuring.
     */
    @Setup
    public void setUp()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        for (int i = 0; i < AMOUNTS; i++)
        {
            amounts[i] = 2_500 + (i * 7_919L) % 500_000;
            decimalAmounts[i] = BigDecimal.valueOf(amounts[i], 6);
        }
        ledger = new Ledger();
        conventional = new ConventionalLedger();
        usd = ledger.tokenIndex(TokenSymbol.pack("USD"));
        for (int a = 0; a < ACCOUNTS; a++)
        {
            ledger.post(SystemAccounts.FIRST_CUSTOMER_ACCOUNT + a, SystemAccounts.REVENUE, usd, amounts[a % AMOUNTS]);
            conventional.postCharge(SystemAccounts.FIRST_CUSTOMER_ACCOUNT + a, SystemAccounts.REVENUE,
                decimalAmounts[a % AMOUNTS]);
        }
    }

    /**
     * Posts to the next customer in turn.
     */
    @Benchmark
    public void ledgerPost()
    {
        final int i = advance();
        ledger.post(SystemAccounts.FIRST_CUSTOMER_ACCOUNT + i, SystemAccounts.REVENUE, usd, amounts[i & 1023]);
    }

    /**
     * Posts to the next customer in turn.
     */
    @Benchmark
    public void conventionalPost()
    {
        final int i = advance();
        conventional.postCharge(SystemAccounts.FIRST_CUSTOMER_ACCOUNT + i, SystemAccounts.REVENUE,
            decimalAmounts[i & 1023]);
    }

    private int advance()
    {
        final int i = next;
        next = i + 1 == ACCOUNTS ? 0 : i + 1;
        return i;
    }
}
