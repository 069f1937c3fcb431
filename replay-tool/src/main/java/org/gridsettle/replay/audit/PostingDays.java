package org.gridsettle.replay.audit;

import org.gridsettle.journal.EventTime;
import org.gridsettle.journal.codec.ReasonCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Gives each transfer the local day it belongs to, from its explanation fields (journal/FORMAT.md, TRANSFER):
 * <ul>
 *     <li>energy charges, export credits and carbon postings: the day of the tick's interval start (a carbon posting
 *     too, since its tick may have posted no energy amount before it: an export at a zero sell rate still earns
 *     CARBON); DR incentives: the day of the event's start;</li>
 *     <li>fixed charges: the day that ended at the calendar record's {@code at}, which is exclusive;</li>
 *     <li>interest: the UTC day accrued ({@code intervalStart} is that day's 00:00 UTC), taken as that date;</li>
 *     <li>true-ups and demand charges: the last local day of the billing period closed, the day that ends at the
 *     close's instant (the {@code at} of the CALENDAR input that caused them: their own {@code intervalStart} is the
 *     period's start). Dated by the transfer before them, as they were until 2026-11-27, a correction sent just
 *     before the close filed the true-up under the corrected tick's day;</li>
 *     <li>everything else (redemptions) carries no day of its own that says when it was posted, so it belongs to the
 *     day of the transfer before it in the output journal, which is the order the engine applied its causes in.</li>
 * </ul>
 * Not thread-safe: it remembers the previous transfer's day. Feed it every transfer in output order.
 */
public final class PostingDays
{
    private static final long SECONDS_PER_DAY = 86_400L;

    private final ZoneId zone;
    private LocalDate previous;

    /**
     * @param zone the zone local days are counted in.
     */
    public PostingDays(final ZoneId zone)
    {
        this.zone = zone;
    }

    /**
     * @param reasonCode a transfer's reason code.
     * @return true if it is dated by the event time of the input that caused it, which the caller then reads.
     */
    public static boolean datedByCause(final int reasonCode)
    {
        return reasonCode == ReasonCode.TRUE_UP.code() || reasonCode == ReasonCode.DEMAND_CHARGE.code();
    }

    /**
     * @param reasonCode    the transfer's reason code.
     * @param intervalStart its intervalStart explanation field.
     * @param causeTime     for a reason {@link #datedByCause}, the event time of the input that caused the transfer
     *                      (a period close's instant); otherwise, or when not known, {@link EventTime#NONE}.
     * @return the local day it is reported under.
     */
    public LocalDate dayOf(final int reasonCode, final long intervalStart, final long causeTime)
    {
        final ReasonCode reason = ReasonCode.ofCode(reasonCode);
        final LocalDate day;
        if (datedByCause(reasonCode) && causeTime != EventTime.NONE)
        {
            // the close's instant is exclusive: the period's last day is the one that ends there
            day = local(causeTime - 1);
        }
        else if (reason == ReasonCode.ENERGY_CHARGE || reason == ReasonCode.EXPORT_CREDIT ||
            reason == ReasonCode.EXPORT_CHARGE || reason == ReasonCode.HOURLY_NETTING ||
            reason == ReasonCode.CARBON_ADDER || reason == ReasonCode.CARBON_CREDIT ||
            reason == ReasonCode.DR_INCENTIVE)
        {
            day = local(intervalStart);
        }
        else if (reason == ReasonCode.FIXED_CHARGE && intervalStart != 0)
        {
            day = local(intervalStart - 1);
        }
        else if (reason == ReasonCode.INTEREST)
        {
            day = LocalDate.ofEpochDay(Math.floorDiv(intervalStart, SECONDS_PER_DAY));
        }
        else
        {
            day = previous != null ? previous : local(intervalStart);
        }
        previous = day;
        return day;
    }

    private LocalDate local(final long epochSecond)
    {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
    }
}
