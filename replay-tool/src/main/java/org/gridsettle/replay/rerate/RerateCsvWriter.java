package org.gridsettle.replay.rerate;

import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Writes a re-rate as CSV, one row per (account, token, reason): original, rerated and difference (rerated minus
 * original), each the change in the customer's balance as a six-decimal string, so a charge is negative and a
 * dearer tariff shows a negative difference. The last columns say, on every row, what was compared: the first day and
 * the first day not compared (empty when not bounded), the zone they are local days of, the tariff replaced and the
 * replacement's file name, so that a row copied out of the file, or the file sent on alone, still says what it is.
 * <p>
 * Stateless; safe from any thread.
 */
public final class RerateCsvWriter
{
    /** The header row. */
    public static final String HEADER =
        "account,token,reason,original,rerated,difference,from,to,zone,replaced_tariff,replacement";

    private RerateCsvWriter()
    {
    }

    /**
     * What a re-rate compared, written on every row.
     *
     * @param from            first day compared, or null for the journal's first.
     * @param to              first day not compared, or null for none.
     * @param zone            the zone the days are local days of.
     * @param replacedTariff  the journal's tariff id whose versions were replaced.
     * @param replacement     the replacement tariff's file name.
     */
    public record Scope(LocalDate from, LocalDate to, ZoneId zone, long replacedTariff, String replacement)
    {
        String columns()
        {
            return (from == null ? "" : from.toString()) + "," + (to == null ? "" : to.toString()) + "," + zone + "," +
                replacedTariff + "," + quoted(replacement);
        }
    }

    /**
     * @param out    destination; flushed, not closed.
     * @param totals the totals.
     * @param scope  what was compared.
     */
    public static void write(final PrintWriter out, final RerateTotals totals, final Scope scope)
    {
        final String scopeColumns = scope.columns();
        out.print(HEADER);
        out.print('\n');
        totals.rows().forEach((account, tokens) -> tokens.forEach((token, reasons) -> reasons.forEach((reason, row) ->
        {
            out.print(account + "," + token + "," + reason + "," +
                MicroUnits.toDecimalString(row[RerateTotals.ORIGINAL]) + "," +
                MicroUnits.toDecimalString(row[RerateTotals.RERATED]) + "," +
                MicroUnits.toDecimalString(Math.subtractExact(row[RerateTotals.RERATED], row[RerateTotals.ORIGINAL])) +
                "," + scopeColumns);
            out.print('\n');
        })));
        out.flush();
    }

    /** RFC 4180: a file name may hold a comma or a quote; every other field here cannot. */
    private static String quoted(final String field)
    {
        return field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0 ?
            field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
