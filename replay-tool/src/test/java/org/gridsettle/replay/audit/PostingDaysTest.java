package org.gridsettle.replay.audit;

import org.gridsettle.journal.EventTime;
import org.gridsettle.journal.codec.ReasonCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local day each transfer is reported under. A carbon posting carries its tick's interval start
 * (journal/FORMAT.md, TRANSFER), so it is dated by it, not by the transfer before it in the output journal: that one
 * is another tick's when the carbon posting's own tick posted no energy amount (an export at a zero sell rate, or at a
 * negative oracle price that earns nothing, still earns CARBON), and an ingest submits one meter's days after
 * another's.
 */
class PostingDaysTest
{
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void aCarbonPostingIsDatedByItsOwnTickNotByTheTransferBeforeIt()
    {
        final PostingDays days = new PostingDays(LOS_ANGELES);
        // meter A's last tick, 2026-03-31 12:00 local (PDT, -07:00)
        assertThat(days.dayOf(ReasonCode.ENERGY_CHARGE.code(), epoch("2026-03-31T19:00:00Z"), EventTime.NONE))
            .isEqualTo(LocalDate.of(2026, 3, 31));

        // meter B's first tick, 2026-03-02 12:00 local (PST, -08:00): an export credited nothing, earning CARBON, and
        // an import of a zero-rate period paying the carbon adder alone
        assertThat(days.dayOf(ReasonCode.CARBON_CREDIT.code(), epoch("2026-03-02T20:00:00Z"), EventTime.NONE))
            .isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(days.dayOf(ReasonCode.CARBON_ADDER.code(), epoch("2026-03-03T20:00:00Z"), EventTime.NONE))
            .isEqualTo(LocalDate.of(2026, 3, 3));
    }

    @Test
    void aTrueUpOrDemandChargeIsDatedByThePeriodClosesInstantNotByTheTransferBeforeIt()
    {
        final PostingDays days = new PostingDays(LOS_ANGELES);
        // a correction of 2026-03-01's tick, sent just before the close
        days.dayOf(ReasonCode.ENERGY_CHARGE.code(), epoch("2026-03-01T20:00:00Z"), EventTime.NONE);

        // their intervalStart is the start of the billing period closed; the close at 2026-04-01 00:00 local (PDT)
        // ends the period's last day, 2026-03-31
        final long close = epoch("2026-04-01T07:00:00Z");
        assertThat(PostingDays.datedByCause(ReasonCode.TRUE_UP.code())).isTrue();
        assertThat(PostingDays.datedByCause(ReasonCode.ENERGY_CHARGE.code())).isFalse();
        assertThat(days.dayOf(ReasonCode.TRUE_UP.code(), epoch("2026-03-01T08:00:00Z"), close))
            .isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(days.dayOf(ReasonCode.DEMAND_CHARGE.code(), epoch("2026-03-01T08:00:00Z"), close))
            .isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void aRedemptionTakesTheDayOfTheTransferBeforeIt()
    {
        final PostingDays days = new PostingDays(LOS_ANGELES);
        days.dayOf(ReasonCode.ENERGY_CHARGE.code(), epoch("2026-03-31T19:00:00Z"), EventTime.NONE);

        // a redemption carries no time of its own (its explanation fields are 0)
        assertThat(days.dayOf(ReasonCode.REDEMPTION.code(), 0, EventTime.NONE)).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    private static long epoch(final String instant)
    {
        return Instant.parse(instant).getEpochSecond();
    }
}
