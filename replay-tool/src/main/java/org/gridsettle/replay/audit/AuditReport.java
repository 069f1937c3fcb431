package org.gridsettle.replay.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;

/**
 * The measurement-and-verification report of a journal, ready to render: the audited accounts of one group (every
 * account, when they fit in memory together) and the range and zone they were cut by, with the fleet-wide views the
 * charts and totals need, which are the whole selection's whichever group this is ({@link AuditFleet}).
 * <p>
 * Immutable once built; safe to render from any thread.
 *
 * @param journal        the journal directory, as given.
 * @param verifiedInput  the input journal's records settle verify checked before the audit read them: all it read.
 * @param verifiedOutput the output journal's, likewise: all the report is of.
 * @param zone           zone of the local days.
 * @param from           first day reported, or null.
 * @param to             first day not reported, or null.
 * @param selection      what was audited, for the heading: {@code "account 100000"}, {@code "meter 5000000"}, ...
 * @param fleet          every selected account together.
 * @param accounts       the accounts of this group, ascending.
 * @param demandResponse the demand-response days of this group's meters, by meter.
 */
public record AuditReport(
    String journal, VerifiedRecords verifiedInput, VerifiedRecords verifiedOutput, ZoneId zone, LocalDate from,
    LocalDate to, String selection, AuditFleet fleet, List<AccountAudit> accounts,
    Map<Long, List<DrMeterDay>> demandResponse)
{
    /** What the carbon or demand-response columns say when the reported postings have no carbon or DR posting. */
    public static final String NOT_PRICED = "not priced by this journal";

    /**
     * @param groupAccounts       the accounts of another group, ascending.
     * @param groupDemandResponse their meters' demand-response days.
     * @return the same report of that group.
     */
    public AuditReport group(final List<AccountAudit> groupAccounts,
        final Map<Long, List<DrMeterDay>> groupDemandResponse)
    {
        return new AuditReport(journal, verifiedInput, verifiedOutput, zone, from, to, selection, fleet, groupAccounts,
            groupDemandResponse);
    }

    /**
     * @param account an audited account.
     * @return the demand-response days of its meters in the report's range, by date then meter.
     */
    public List<DrMeterDay> demandResponseOf(final AccountAudit account)
    {
        final List<DrMeterDay> days = new ArrayList<>();
        for (final long meter : account.meters())
        {
            for (final DrMeterDay day : demandResponse.getOrDefault(meter, List.of()))
            {
                if ((from == null || !day.date().isBefore(from)) && (to == null || day.date().isBefore(to)))
                {
                    days.add(day);
                }
            }
        }
        days.sort(Comparator.comparing(DrMeterDay::date).thenComparingLong(DrMeterDay::meterId));
        return days;
    }

    /**
     * @param account an audited account.
     * @return its days in the report's range.
     */
    public NavigableMap<LocalDate, DayEntry> days(final AccountAudit account)
    {
        return account.days(from, to);
    }

    /**
     * @return every reported day of any selected account, ascending.
     */
    public NavigableSet<LocalDate> allDays()
    {
        return fleet.days();
    }

    /**
     * @param account an audited account, or null for every selected account together.
     * @return amount per token, then reason, summed over the reported days; the cells carry no sequences, each
     *     day's cell has them.
     */
    public NavigableMap<String, NavigableMap<String, PostingCell>> totals(final AccountAudit account)
    {
        if (account == null)
        {
            return fleet.totals();
        }
        return DayEntry.sumPostings(days(account).values());
    }

    /**
     * @return CO2 of priced imports and of credited exports of every selected account over the reported days,
     *     micrograms: {emitted, avoided}.
     */
    public long[] carbonMicrograms()
    {
        return fleet.carbonMicrograms();
    }

    /**
     * @return true if any reported posting has a carbon reason: only then are the carbon masses known.
     */
    public boolean hasCarbonPostings()
    {
        return fleet.hasReason("CARBON_ADDER") || fleet.hasReason("CARBON_CREDIT");
    }

    /**
     * @return true if any reported posting is a demand-response incentive.
     */
    public boolean hasDemandResponsePostings()
    {
        return fleet.hasReason("DR_INCENTIVE");
    }
}
