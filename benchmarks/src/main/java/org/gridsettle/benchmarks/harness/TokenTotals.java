package org.gridsettle.benchmarks.harness;

import org.gridsettle.benchmarks.workload.PeriodTable;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.pricing.money.MicroUnits;

/**
 * The figures both designs must agree on: the sum of import charges (USD) and of export credits (SOLAR), in
 * micro-units. Immutable.
 *
 * @param usdMicros   sum of import charges.
 * @param solarMicros sum of export credits.
 */
public record TokenTotals(long usdMicros, long solarMicros)
{
    /**
     * Reads the totals from a stopped engine's ledger. Token indexes follow first use, so they are looked up by
     * symbol rather than assumed.
     *
     * @param ledger the ledger, read after the engine closed.
     * @return the totals; a token never used totals zero.
     */
    public static TokenTotals of(final Ledger ledger)
    {
        long usd = 0;
        long solar = 0;
        for (int i = 0; i < ledger.tokenCount(); i++)
        {
            if (PeriodTable.TOKEN.equals(ledger.tokenSymbol(i)))
            {
                usd = ledger.totalPosted(i);
            }
            else if (PeriodTable.EXPORT_TOKEN.equals(ledger.tokenSymbol(i)))
            {
                solar = ledger.totalPosted(i);
            }
        }
        return new TokenTotals(usd, solar);
    }

    @Override
    public String toString()
    {
        return "USD " + MicroUnits.toDecimalString(usdMicros) + " (" + usdMicros + " µ), SOLAR " +
            MicroUnits.toDecimalString(solarMicros) + " (" + solarMicros + " µ)";
    }
}
