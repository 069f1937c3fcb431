package org.gridsettle.replay.rerate;

import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;

/**
 * Writes a re-rate as CSV, one row per (account, token, reason): original, rerated and difference (rerated minus
 * original), each the change in the customer's balance as a six-decimal string, so a charge is negative and a
 * dearer tariff shows a negative difference.
 * <p>
 * Stateless; safe from any thread.
 */
public final class RerateCsvWriter
{
    /** The header row. */
    public static final String HEADER = "account,token,reason,original,rerated,difference";

    private RerateCsvWriter()
    {
    }

    /**
     * @param out    destination; flushed, not closed.
     * @param totals the totals.
     */
    public static void write(final PrintWriter out, final RerateTotals totals)
    {
        out.print(HEADER);
        out.print('\n');
        totals.rows().forEach((account, tokens) -> tokens.forEach((token, reasons) -> reasons.forEach((reason, row) ->
        {
            out.print(account + "," + token + "," + reason + "," +
                MicroUnits.toDecimalString(row[RerateTotals.ORIGINAL]) + "," +
                MicroUnits.toDecimalString(row[RerateTotals.RERATED]) + "," +
                MicroUnits.toDecimalString(Math.subtractExact(row[RerateTotals.RERATED], row[RerateTotals.ORIGINAL])));
            out.print('\n');
        })));
        out.flush();
    }
}
