package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DR_EVENT_WITHDRAWAL on the state machine, over {@link DrScenario#standardEvent}: without a withdrawal, event 2
 * credits meter 1 1.790122 DR at the event day's end of day (worked by hand in {@code DrSettlementTest}), and event 1
 * credits nothing; so a scenario whose event 2 is withdrawn must never mint DR at all.
 */
class DrWithdrawalTest
{
    private static final int EVENT_DAY = DrScenario.EVENT_DAY;
    private static final long TARIFF = EngineFixture.TARIFF;
    /** Meter 1's credit for event 2, from DrSettlementTest's hand calculation: 1,450 Wh x 1.234567 DR per kWh. */
    private static final long METER_1_CREDIT = 1_790_122;

    @Test
    void anEventWithdrawnBeforeItsEndOfDayNeverSettlesAndNoDrIsMinted()
    {
        final long[] withdrawal = new long[1];
        final DrScenario s = DrScenario.standardEvent(x -> withdrawal[0] = x.withdraw(2, TARIFF));

        assertThat(s.outputsOf().causedBy(withdrawal[0])).as("a withdrawal posts nothing").isEmpty();
        assertThat(s.outputsOf().causedBy(s.settledBy)).as("the end of day settles no DR").noneMatch(r ->
            Outputs.type(r) == RecordType.TRANSFER.id() &&
                Outputs.transfer(r).reasonCode() == ReasonCode.DR_INCENTIVE.code());
        final Ledger ledger = s.logic.ledger();
        // event 1 credited nothing and event 2 was withdrawn: the DR token was never posted in
        assertThat(ledger.findToken(DrScenario.DR)).isNegative();
        assertThat(drBalance(ledger, SystemAccounts.DR_FUND)).isZero();
        assertThat(drBalance(ledger, 1001)).isZero();
        ledger.checkBalanced();
        // a later end of day does not settle it either
        assertThat(s.outputsOf().causedBy(s.endOfDay(EVENT_DAY + 1))).noneMatch(r ->
            Outputs.type(r) == RecordType.TRANSFER.id() &&
                Outputs.transfer(r).reasonCode() == ReasonCode.DR_INCENTIVE.code());
    }

    @Test
    void aRepeatedWithdrawalIsAcknowledgedAsADuplicateAndChangesNothing()
    {
        final long[] repeat = new long[1];
        final DrScenario s = DrScenario.standardEvent(x ->
        {
            x.withdraw(2, TARIFF);
            repeat[0] = x.withdraw(2, TARIFF);
        });
        final List<byte[]> outs = s.outputsOf().causedBy(repeat[0]);
        assertThat(outs).hasSize(1);
        assertThat(Outputs.isDuplicateAck(outs.get(0))).isTrue();
        final DuplicateAckCodec ack = new DuplicateAckCodec().wrap(new UnsafeBuffer(outs.get(0)), 0);
        assertThat(ack.meterId()).as("subject: the tariff").isEqualTo(TARIFF);
        assertThat(ack.intervalStart()).as("key: the event id").isEqualTo(2);
        assertThat(s.logic.ledger().findToken(DrScenario.DR)).isNegative();
        // and again after the end of day: still withdrawn, not settled
        assertThat(Outputs.isDuplicateAck(s.outputsOf().causedBy(s.withdraw(2, TARIFF)).get(0))).isTrue();
    }

    @Test
    void anUnknownEventAnotherTariffsOrASettledOneIsRejectedAndNothingChanges()
    {
        final DrScenario s = DrScenario.standardEvent();
        final Ledger ledger = s.logic.ledger();
        assertThat(drBalance(ledger, 1001)).isEqualTo(METER_1_CREDIT);

        s.assertRejected(s.withdraw(99, TARIFF), ReasonCode.UNKNOWN_DR_EVENT, 99);
        s.assertRejected(s.withdraw(2, TARIFF + 1), ReasonCode.UNKNOWN_DR_EVENT, 2);
        s.assertRejected(s.withdraw(2, TARIFF), ReasonCode.DR_EVENT_SETTLED, 2);
        s.assertRejected(s.withdraw(1, TARIFF), ReasonCode.DR_EVENT_SETTLED, 1);
        assertThat(drBalance(ledger, 1001)).isEqualTo(METER_1_CREDIT);
        assertThat(drBalance(ledger, SystemAccounts.DR_FUND)).isZero();
        // a rejected withdrawal leaves no trace: the settled event is acknowledged as before
        assertThat(Outputs.isDuplicateAck(s.outputsOf().causedBy(s.drEvent(2, DrScenario.at(EVENT_DAY, 14),
            DrScenario.at(EVENT_DAY, 16), DrScenario.INCENTIVE, BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT,
            0)).get(0))).isTrue();
    }

    @Test
    void aWithdrawnIdIsNeverPublishedAgainButItsHoursCanBeCalledUnderANewId()
    {
        final long[] sequences = new long[2];
        final DrScenario s = DrScenario.standardEvent(x ->
        {
            x.withdraw(2, TARIFF);
            sequences[0] = x.drEvent(2, DrScenario.at(EVENT_DAY, 14), DrScenario.at(EVENT_DAY, 16),
                DrScenario.INCENTIVE, BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
            sequences[1] = x.drEvent(3, DrScenario.at(EVENT_DAY, 14), DrScenario.at(EVENT_DAY, 16),
                DrScenario.INCENTIVE, BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT, 0);
        });
        s.assertRejected(sequences[0], ReasonCode.DR_EVENT_WITHDRAWN, 2);
        assertThat(s.outputsOf().causedBy(sequences[1])).as("event 3 overlaps only the withdrawn event").isEmpty();
        // event 3 is event 2 again, on the same baseline days (day 17 is an event day either way): the same credit
        assertThat(drBalance(s.logic.ledger(), 1001)).isEqualTo(METER_1_CREDIT);
        assertThat(drBalance(s.logic.ledger(), SystemAccounts.DR_FUND)).isZero();
    }

    @Test
    void aSnapshotTakenAfterTheWithdrawalRestoresItAndTheRestoredLogicSettlesNothing()
    {
        final byte[][] state = new byte[1][];
        final DrScenario s = DrScenario.standardEvent(x ->
        {
            x.withdraw(2, TARIFF);
            state[0] = DrScenario.state(x.logic);
        });
        final DrScenario restored = DrScenario.restored(state[0]);
        restored.apply(s.inputs.get((int)s.settledBy - 1));

        final List<byte[]> expected = s.outputsOf().causedBy(s.settledBy);
        assertThat(restored.outputs).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++)
        {
            assertThat(restored.outputs.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(restored.logic.ledger().findToken(DrScenario.DR)).isNegative();
        assertThat(DrScenario.state(restored.logic)).isEqualTo(DrScenario.state(s.logic));
    }

    private static long drBalance(final Ledger ledger, final long account)
    {
        final int dr = ledger.findToken(DrScenario.DR);
        return dr < 0 ? 0 : ledger.balance(account, dr);
    }
}
