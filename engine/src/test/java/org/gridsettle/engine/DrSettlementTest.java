package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.engine.logic.DrHistory;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DR event settled end to end by the state machine, hand-calculated.
 * <p>
 * Day 0 is Monday 2026-03-02 in Los Angeles; the event (id 2) is Thursday day 17 (03-19), 14:00-16:00, 10-in-10 with
 * the day-of adjustment, 1.234567 DR per kWh. Walking back: day 16 Wed, 15 Tue, 14 Mon (a tariff holiday), 13-12
 * weekend, 11 Fri, 10 Thu (an earlier DR event, id 1), 9 Wed, 8 Tue, 7 Mon, 6-5 weekend (with the DST change), 4 Fri,
 * 3 Thu, 2 Wed, 1 Tue: the baseline days are 16, 15, 11, 9, 8, 7, 4, 3, 2, 1.
 * <ul>
 *   <li>Meter 1 (DR) uses 1,000 Wh an hour on baseline days, 5,000 on the holiday and 3,000 on day 10, so including
 *       either would show. On the event day it uses 1,100 an hour in the window (10:00-13:00) and 400 in the event
 *       hours; its 15:45 tick (100 Wh) is corrected to 50 before settlement: hour 15 = 350 Wh.
 *       Ratio = 10 x 3,300 / 30,000 = 1.1; baseline = 10,000 x 1.1 / 10 = 1,100 Wh per hour; reduction =
 *       (1,100 - 400) + (1,100 - 350) = 1,450 Wh; credit = 1,450 x 1.234567 = 1.79012215 -> 1.790122.</li>
 *   <li>Meter 2 (DR) uses 1,000 Wh an hour always: ratio 1, baseline 1,000, no reduction, no transfer.</li>
 *   <li>Meter 3 joined DR on day 10: only days 16, 15 and 11 are eligible, so it gets DR_BASELINE_UNAVAILABLE.</li>
 *   <li>Meter 4 is not in DR: no history, nothing posted.</li>
 * </ul>
 */
class DrSettlementTest
{
    private static final int EVENT_DAY = DrScenario.EVENT_DAY;
    private static final long INCENTIVE = DrScenario.INCENTIVE;

    private DrScenario s;
    private long settledBy;

    @BeforeEach
    void run()
    {
        s = DrScenario.standardEvent();
        settledBy = s.settledBy;
        // the day before the event: it has not ended, nothing of it is settled
        assertThat(drOutputs(s.outputsOf().causedBy(findEndOfDay(EVENT_DAY - 1)))).isEmpty();
    }

    @Test
    void theEventSettlesAtItsEndOfDayWithAFundingMintAndOneCreditPerReducingMeter()
    {
        final List<byte[]> outs = drOutputs(s.outputsOf().causedBy(settledBy));
        assertThat(outs).hasSize(3);

        final TransferCodec funding = Outputs.transfer(outs.get(0));
        assertThat(funding.reasonCode()).isEqualTo(ReasonCode.DR_INCENTIVE.code());
        assertThat(funding.debitAccount()).isEqualTo(SystemAccounts.ISSUANCE);
        assertThat(funding.creditAccount()).isEqualTo(SystemAccounts.DR_FUND);
        assertThat(funding.token()).isEqualTo(DrScenario.DR);
        assertThat(funding.amount()).isEqualTo(1_790_122);
        assertThat(funding.meterId()).isZero();
        assertThat(funding.energyWh()).isEqualTo(1_450);

        final TransferCodec credit = Outputs.transfer(outs.get(1));
        assertThat(credit.reasonCode()).isEqualTo(ReasonCode.DR_INCENTIVE.code());
        assertThat(credit.debitAccount()).isEqualTo(SystemAccounts.DR_FUND);
        assertThat(credit.creditAccount()).isEqualTo(1001);
        assertThat(credit.meterId()).isEqualTo(1);
        assertThat(credit.intervalStart()).isEqualTo(DrScenario.at(EVENT_DAY, 14));
        assertThat(credit.energyWh()).isEqualTo(1_450);
        assertThat(credit.rate()).isEqualTo(INCENTIVE);
        assertThat(credit.tariffId()).isEqualTo(EngineFixture.TARIFF);
        assertThat(credit.tariffVersion()).isEqualTo(1);
        assertThat(credit.period()).isEqualTo(BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT.code());
        assertThat(credit.tier()).as("baseline days").isEqualTo(10);
        // the auditor's recomputation: halfEven(energyWh x rate / 1000)
        assertThat(credit.amount()).isEqualTo(1_790_122);

        final RejectionCodec refused = new RejectionCodec().wrap(new UnsafeBuffer(outs.get(2)), 0);
        assertThat(ReasonCode.ofCode(refused.reasonCode())).isEqualTo(ReasonCode.DR_BASELINE_UNAVAILABLE);
        assertThat(refused.inputType()).isEqualTo(RecordType.DR_EVENT.id());
        assertThat(refused.subject()).as("meter").isEqualTo(3);
    }

    @Test
    void supplyEqualsIssuanceTheFundPassesThroughAndTheLedgerBalances()
    {
        final Ledger ledger = s.logic.ledger();
        final int dr = ledger.findToken(DrScenario.DR);
        assertThat(ledger.balance(1001, dr)).isEqualTo(1_790_122);
        assertThat(ledger.balance(1002, dr)).isZero();
        assertThat(ledger.balance(SystemAccounts.DR_FUND, dr)).isZero();
        assertThat(ledger.balance(SystemAccounts.ISSUANCE, dr)).isEqualTo(-1_790_122);
        ledger.checkBalanced();
    }

    @Test
    void theEarlierDeclaredEventSettledOnItsDayWithNothingToCredit()
    {
        // event 1, declared 1,000 Wh for 14:00-15:00 on day 10: meter 1 used 3,000, meters 2 and 3 used 1,000
        final long eod10 = findEndOfDay(10);
        assertThat(drOutputs(s.outputsOf().causedBy(eod10))).isEmpty();
    }

    @Test
    void historyIsKeptOnlyForDrMetersAndACorrectionAfterSettlementChangesNoCredit()
    {
        final DrHistory history = s.logic.drHistory();
        assertThat(history.meters()).isEqualTo(3);
        final int meter4 = s.logic.meters().indexOf(4);
        assertThat(history.select(meter4)).isFalse();

        final int before = s.outputs.size();
        // meter 2's last tick is 15:45 on the event day, still in its correction window
        final long correction = s.tick(2, DrScenario.at(EVENT_DAY, 15) + 2_700, 0, true);
        final List<byte[]> outs = s.outputsOf().causedBy(correction);
        assertThat(outs).isNotEmpty().allSatisfy(r ->
            assertThat(Outputs.transfer(r).reasonCode()).isEqualTo(ReasonCode.ENERGY_CHARGE.code()));
        assertThat(s.outputs.size() - before).isEqualTo(outs.size());
        // the history now holds 750 Wh in hour 15, for later baselines
        assertThat(history.select(s.logic.meters().indexOf(2))).isTrue();
        assertThat(history.wh(LocalDate.of(2026, 3, 2).plusDays(EVENT_DAY).toEpochDay(), 15)).isEqualTo(750);
        // a later end of day does not settle the event again
        assertThat(drOutputs(s.outputsOf().causedBy(s.endOfDay(EVENT_DAY + 1)))).isEmpty();
    }

    @Test
    void aRepeatedEndOfDayIsAcknowledgedAndSettlesNothing()
    {
        final List<byte[]> outs = s.outputsOf().causedBy(s.endOfDay(EVENT_DAY));
        assertThat(outs).hasSize(1);
        assertThat(Outputs.isDuplicateAck(outs.get(0))).isTrue();
    }

    @Test
    void eventsAreIdempotentByIdAndAreCheckedWhenPublished()
    {
        final long start = DrScenario.at(20, 14);
        final long end = DrScenario.at(20, 16);
        final int adjusted = BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT.code();
        final long exact = s.drEvent(2, DrScenario.at(EVENT_DAY, 14), DrScenario.at(EVENT_DAY, 16), INCENTIVE,
            BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
        final byte[] ack = s.outputsOf().causedBy(exact).get(0);
        assertThat(Outputs.isDuplicateAck(ack)).isTrue();
        final DuplicateAckCodec d = new DuplicateAckCodec().wrap(new UnsafeBuffer(ack), 0);
        assertThat(d.meterId()).as("subject: the program token").isEqualTo(DrScenario.DR);
        assertThat(d.intervalStart()).as("key: the event id").isEqualTo(2);

        assertThat(reason(s.drEvent(2, start, end, INCENTIVE, BaselineMethod.TEN_IN_TEN, 0)))
            .isEqualTo(ReasonCode.CONFLICTING_DUPLICATE);
        assertThat(reason(s.drEvent(3, DrScenario.at(EVENT_DAY, 15), DrScenario.at(EVENT_DAY, 17), INCENTIVE,
            BaselineMethod.TEN_IN_TEN, 0))).isEqualTo(ReasonCode.DR_EVENT_OVERLAP);
        assertThat(reason(s.drEvent(4, DrScenario.DR, EngineFixture.TARIFF, start, end, INCENTIVE, 3, 0)))
            .as("unknown method").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(5, DrScenario.DR, EngineFixture.TARIFF, start + 1_800, end, INCENTIVE,
            adjusted, 0))).as("not whole hours").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(6, DrScenario.DR, EngineFixture.TARIFF, DrScenario.at(20, 22),
            DrScenario.at(21, 1), INCENTIVE, 0, 0))).as("across midnight").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(7, DrScenario.DR, EngineFixture.TARIFF, DrScenario.at(20, 2),
            DrScenario.at(20, 4), INCENTIVE, adjusted, 0))).as("no adjustment window").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(8, DrScenario.DR, EngineFixture.TARIFF, start, end, -1, 0, 0)))
            .as("negative incentive").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(9, DrScenario.DR, EngineFixture.TARIFF, start, end, INCENTIVE, 0, 500)))
            .as("declared Wh with a 10-in-10 method").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(10, 0, EngineFixture.TARIFF, start, end, INCENTIVE, 0, 0)))
            .as("no token").isEqualTo(ReasonCode.MALFORMED);
        assertThat(reason(s.drEvent(11, DrScenario.DR, 99, start, end, INCENTIVE, 0, 0)))
            .isEqualTo(ReasonCode.UNKNOWN_TARIFF);
        // a rejected event leaves no trace: its id can be used by a correct one
        assertThat(s.outputsOf().causedBy(s.drEvent(11, DrScenario.DR, EngineFixture.TARIFF, start, end, INCENTIVE,
            0, 0))).isEmpty();
    }

    @Test
    void baselineHoursAreLocalClockHoursOnBothSidesOfTheDaylightSavingChange()
    {
        // one DR meter using 1,000 Wh an hour at 14:00 and 15:00 local and 3,000 in every other hour, every day;
        // days 1-4 (03-03..03-06) are in PST, the rest in PDT. Counted in local clock hours the baseline is 1,000;
        // counted in UTC or at a fixed offset, the PST days would give 3,000 for one of the two hours.
        final DrScenario dst = new DrScenario();
        dst.tariff(DrScenario.tariff());
        dst.account(1001);
        dst.enrol(1, EngineFixture.START, org.gridsettle.journal.codec.MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE);
        dst.drEvent(9, DrScenario.at(EVENT_DAY, 14), DrScenario.at(EVENT_DAY, 16), 1_000_000, BaselineMethod.TEN_IN_TEN,
            0);
        long eod = 0;
        for (int day = 0; day <= EVENT_DAY; day++)
        {
            final boolean eventDay = day == EVENT_DAY;
            dst.ticks(1, day, 0, DrScenario.quarters(day), h -> h == 14 || h == 15 ? eventDay ? 100 : 250 : 750);
            eod = dst.endOfDay(day);
        }
        final List<byte[]> outs = drOutputs(dst.outputsOf().causedBy(eod));
        assertThat(outs).hasSize(2);
        // (1,000 - 400) x 2 hours = 1,200 Wh x 1.000000 = 1.200000
        assertThat(Outputs.transfer(outs.get(1)).energyWh()).isEqualTo(1_200);
        assertThat(Outputs.transfer(outs.get(1)).amount()).isEqualTo(1_200_000);
    }

    private ReasonCode reason(final long inputSequence)
    {
        final List<byte[]> outs = s.outputsOf().causedBy(inputSequence);
        assertThat(outs).hasSize(1);
        return Outputs.rejection(outs.get(0));
    }

    private long findEndOfDay(final int day)
    {
        for (int i = 0; i < s.inputs.size(); i++)
        {
            final byte[] in = s.inputs.get(i);
            if (Outputs.type(in) == RecordType.CALENDAR.id() &&
                new org.agrona.concurrent.UnsafeBuffer(in).getLong(32, java.nio.ByteOrder.LITTLE_ENDIAN) ==
                    DrScenario.at(day + 1, 0))
            {
                return i + 1;
            }
        }
        throw new AssertionError("no end of day " + day);
    }

    /** The DR incentive transfers and DR-event rejections among some outputs. */
    private static List<byte[]> drOutputs(final List<byte[]> outs)
    {
        return outs.stream().filter(r -> Outputs.type(r) == RecordType.TRANSFER.id() ?
            Outputs.transfer(r).reasonCode() == ReasonCode.DR_INCENTIVE.code() :
            Outputs.type(r) == RecordType.REJECTION.id() &&
                new RejectionCodec().<RejectionCodec>wrap(new UnsafeBuffer(r), 0).inputType() ==
                    RecordType.DR_EVENT.id()).toList();
    }
}
