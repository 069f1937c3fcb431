package org.gridsettle.replay.audit;

import org.gridsettle.pricing.money.MicroUnits;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Writes the report as CSV: one row per (account, day, token, reason). Amounts are the change in the customer's
 * balance (credits minus debits) as six-decimal strings; {@code sequences} lists the output transfers summed, as
 * space-separated runs ({@code 120-155 160}) so the field needs no quoting. The day's energy and the token's closing
 * balance repeat on each of the day's rows. Carbon and demand-response columns say they are not priced, rather than
 * show zeros, when the report has no carbon or DR_INCENTIVE posting. The last column is the zone the dates are local
 * days of, on every row, so that a row copied out of the file still says which day it is (the HTML and JSON say it
 * once; a CSV has no place for that but a column).
 * <p>
 * Not thread-safe; one report per instance ({@link AuditWriter}).
 */
public final class AuditCsvWriter implements AuditWriter
{
    /** The header row. */
    public static final String HEADER = "account,date,token,reason,amount,transfers,sequences,import_kwh," +
        "export_kwh,closing_balance,carbon_emitted_kg,carbon_avoided_kg,dr_baseline_kwh,zone";

    private final PrintWriter out;

    /**
     * @param out destination; flushed at the end, not closed.
     */
    public AuditCsvWriter(final PrintWriter out)
    {
        this.out = out;
    }

    @Override
    public void begin(final AuditReport report)
    {
        out.print(HEADER);
        out.print('\n');
    }

    @Override
    public void accounts(final AuditReport report)
    {
        final boolean carbon = report.hasCarbonPostings();
        final boolean dr = report.hasDemandResponsePostings();
        for (final AccountAudit account : report.accounts())
        {
            final List<DrMeterDay> drDays = report.demandResponseOf(account);
            for (final DayEntry day : report.days(account).values())
            {
                final String baseline = dr ? baselineKwh(drDays, day) : AuditReport.NOT_PRICED;
                for (final Map.Entry<String, NavigableMap<String, PostingCell>> token : day.postings().entrySet())
                {
                    final Long balance = day.closingBalances().get(token.getKey());
                    for (final Map.Entry<String, PostingCell> reason : token.getValue().entrySet())
                    {
                        final PostingCell cell = reason.getValue();
                        out.print(account.accountId() + "," + day.date() + "," + token.getKey() + "," +
                            reason.getKey() + "," + MicroUnits.toDecimalString(cell.amount()) + "," +
                            cell.sequences().size() + "," + cell.sequences().toText(" ") + "," +
                            MicroUnits.kwhString(day.importWh()) + "," + MicroUnits.kwhString(day.exportWh()) + "," +
                            (balance == null ? "" : MicroUnits.toDecimalString(balance)) + "," +
                            (carbon ? CarbonMass.kg(day.carbonEmittedMicrograms()) + "," +
                            CarbonMass.kg(day.carbonAvoidedMicrograms()) : AuditReport.NOT_PRICED + ",") + "," +
                            baseline + "," + report.zone());
                        out.print('\n');
                    }
                }
            }
        }
    }

    @Override
    public void end(final AuditReport report)
    {
        out.flush();
    }

    /** The day's DR baseline over its event hours, summed over the account's meters; empty on a day without one. */
    private static String baselineKwh(final List<DrMeterDay> drDays, final DayEntry day)
    {
        long wh = 0;
        boolean any = false;
        for (final DrMeterDay dr : drDays)
        {
            if (dr.date().equals(day.date()))
            {
                wh += dr.baselineTotalWh();
                any = true;
            }
        }
        return any ? MicroUnits.kwhString(wh) : "";
    }
}
