package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.dr.BaselineMethod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DR_EVENT schema 3, a modification, on the state machine over {@link DrScenario#standardEvent}: event 2 is published
 * at OpenADR modification 1 for 14:00-16:00 of the event day, where it credits meter 1 1.790122 DR (worked by hand in
 * {@code DrSettlementTest}). A modification at a higher number replaces its hours; every other one is answered as a
 * publication is.
 */
class DrModificationTest
{
    private static final int DAY = DrScenario.EVENT_DAY;
    private static final long TARIFF = EngineFixture.TARIFF;
    /** Meter 1's credit for event 2 at 14:00-16:00, from DrSettlementTest's hand calculation. */
    private static final long METER_1_CREDIT = 1_790_122;
    private static final BaselineMethod ADJUSTED = BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT;

    @Test
    void aModificationAtAHigherNumberSettlesOverItsNewHoursAsAnEventPublishedWithThem()
    {
        final long[] modification = new long[1];
        // 15:00-17:00 overlaps the event's own 14:00-16:00: only other events of the tariff are an overlap
        final DrScenario modified = DrScenario.standardEvent(1, 14, 16, s ->
            modification[0] = s.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 2));
        final DrScenario direct = DrScenario.standardEvent(2, 15, 17, s ->
        {
        });

        assertThat(modified.outputsOf().causedBy(modification[0])).as("accepted as a new event is: no output")
            .isEmpty();
        final List<byte[]> settled = settlement(modified);
        assertThat(settled).anyMatch(DrModificationTest::isIncentive);
        assertThat(settled).filteredOn(r -> Outputs.type(r) == RecordType.TRANSFER.id() &&
            Outputs.transfer(r).token() == DrScenario.DR)
            .allMatch(r -> Outputs.transfer(r).intervalStart() == DrScenario.at(DAY, 15));
        assertThat(withoutSequences(settled)).isEqualTo(withoutSequences(settlement(direct)));
        assertThat(drBalance(modified.logic.ledger(), 1001)).as("not the 14:00-16:00 credit")
            .isEqualTo(drBalance(direct.logic.ledger(), 1001)).isNotEqualTo(METER_1_CREDIT);
        assertThat(drBalance(modified.logic.ledger(), SystemAccounts.DR_FUND)).isZero();
        modified.logic.ledger().checkBalanced();
    }

    @Test
    void aModificationAtTheHeldNumberOrBelowIsAnsweredAsAPublication()
    {
        final long[] in = new long[3];
        final DrScenario s = DrScenario.standardEvent(3, 14, 16, x ->
        {
            in[0] = x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 2);
            in[1] = x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 3);
            in[2] = x.modify(2, DrScenario.at(DAY, 14), DrScenario.at(DAY, 16), ADJUSTED, 0, 3);
        });
        s.assertRejected(in[0], ReasonCode.CONFLICTING_DUPLICATE, 2);
        s.assertRejected(in[1], ReasonCode.CONFLICTING_DUPLICATE, 2);
        assertThat(s.outputsOf().causedBy(in[2])).singleElement().matches(Outputs::isDuplicateAck);
        assertThat(drBalance(s.logic.ledger(), 1001)).isEqualTo(METER_1_CREDIT);
    }

    @Test
    void aSettledOrWithdrawnEventIsNotModified()
    {
        final DrScenario s = DrScenario.standardEvent(1, 14, 16, x ->
        {
        });
        s.assertRejected(s.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 5),
            ReasonCode.CONFLICTING_DUPLICATE, 2);
        assertThat(s.outputsOf().causedBy(s.modify(2, DrScenario.at(DAY, 14), DrScenario.at(DAY, 16), ADJUSTED, 0, 5)))
            .singleElement().matches(Outputs::isDuplicateAck);
        assertThat(s.outputsOf().causedBy(s.endOfDay(DAY + 1))).noneMatch(DrModificationTest::isIncentive);
        assertThat(drBalance(s.logic.ledger(), 1001)).isEqualTo(METER_1_CREDIT);

        final long[] modification = new long[1];
        final DrScenario w = DrScenario.standardEvent(1, 14, 16, x ->
        {
            x.withdraw(2, TARIFF);
            modification[0] = x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 2);
        });
        w.assertRejected(modification[0], ReasonCode.DR_EVENT_WITHDRAWN, 2);
        assertThat(w.logic.ledger().findToken(DrScenario.DR)).as("nothing minted").isNegative();
    }

    @Test
    void aModificationFailingTheChecksOfANewEventIsRefusedAndTheHeldVersionSettles()
    {
        final long[] in = new long[5];
        final DrScenario s = DrScenario.standardEvent(1, 14, 16, x ->
        {
            // event 3 holds 17:00-18:00
            x.publish(false, 3, DrScenario.DR, TARIFF, DrScenario.at(DAY, 17), DrScenario.at(DAY, 18),
                DrScenario.INCENTIVE, ADJUSTED.code(), 0, 0);
            in[0] = x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 18), ADJUSTED, 0, 2);
            in[1] = x.modify(2, DrScenario.at(DAY, 15) + 1_800, DrScenario.at(DAY, 17), ADJUSTED, 0, 2);
            in[2] = x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), BaselineMethod.TEN_IN_TEN, 5, 2);
            // another token or tariff is another event, whatever the number
            in[3] = x.publish(true, 2, DrScenario.DR + 1, TARIFF, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17),
                DrScenario.INCENTIVE, ADJUSTED.code(), 0, 2);
            in[4] = x.publish(true, 2, DrScenario.DR, TARIFF + 1, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17),
                DrScenario.INCENTIVE, ADJUSTED.code(), 0, 2);
        });
        s.assertRejected(in[0], ReasonCode.DR_EVENT_OVERLAP, 2);
        s.assertRejected(in[1], ReasonCode.MALFORMED, 2);
        s.assertRejected(in[2], ReasonCode.MALFORMED, 2);
        s.assertRejected(in[3], ReasonCode.CONFLICTING_DUPLICATE, 2);
        s.assertRejected(in[4], ReasonCode.CONFLICTING_DUPLICATE, 2);
        // the held 14:00-16:00 pays as DrSettlementTest worked it out
        assertThat(settlement(s)).filteredOn(DrModificationTest::isIncentive)
            .filteredOn(r -> Outputs.transfer(r).creditAccount() == 1001 &&
                Outputs.transfer(r).intervalStart() == DrScenario.at(DAY, 14))
            .singleElement().matches(r -> Outputs.transfer(r).amount() == METER_1_CREDIT);
    }

    @Test
    void anEventHeldWithoutANumberIsNotModifiedAndAnUnknownIdIsANewEvent()
    {
        final long[] in = new long[2];
        final DrScenario s = DrScenario.standardEvent(x ->
        {
            in[0] = x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 0);
            in[1] = x.modify(3, DrScenario.at(DAY, 17), DrScenario.at(DAY, 18), BaselineMethod.DECLARED, 2_000, 4);
        });
        s.assertRejected(in[0], ReasonCode.CONFLICTING_DUPLICATE, 2);
        assertThat(s.outputsOf().causedBy(in[1])).isEmpty();
        assertThat(settlement(s)).filteredOn(DrModificationTest::isIncentive)
            .anyMatch(r -> Outputs.transfer(r).intervalStart() == DrScenario.at(DAY, 17))
            .anyMatch(r -> Outputs.transfer(r).intervalStart() == DrScenario.at(DAY, 14) &&
                Outputs.transfer(r).creditAccount() == 1001 && Outputs.transfer(r).amount() == METER_1_CREDIT);
    }

    @Test
    void aSnapshotBeforeAModificationAndItsTailGiveTheUninterruptedRun()
    {
        final byte[][] state = new byte[1][];
        final int[] at = new int[2];
        final DrScenario s = DrScenario.standardEvent(1, 14, 16, x ->
        {
            state[0] = DrScenario.state(x.logic);
            at[0] = x.inputs.size();
            at[1] = x.outputs.size();
            x.modify(2, DrScenario.at(DAY, 15), DrScenario.at(DAY, 17), ADJUSTED, 0, 2);
            x.modify(2, DrScenario.at(DAY, 14), DrScenario.at(DAY, 16), ADJUSTED, 0, 1);
        });
        final DrScenario restored = DrScenario.restored(state[0]);
        assertThat(restored.logic.drModificationsUnknown()).isFalse();
        for (final byte[] input : s.inputs.subList(at[0], s.inputs.size()))
        {
            restored.apply(input);
        }
        final List<byte[]> expected = s.outputs.subList(at[1], s.outputs.size());
        assertThat(restored.outputs).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++)
        {
            assertThat(restored.outputs.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(DrScenario.state(restored.logic)).isEqualTo(DrScenario.state(s.logic));
    }

    private static List<byte[]> settlement(final DrScenario s)
    {
        return s.outputsOf().causedBy(s.settledBy);
    }

    /** @return the records with their sequence, cause and chain zeroed: what the rules decided, not where. */
    private static List<List<Byte>> withoutSequences(final List<byte[]> records)
    {
        final List<List<Byte>> out = new ArrayList<>();
        for (final byte[] r : records)
        {
            final byte[] copy = Arrays.copyOf(r, r.length);
            Arrays.fill(copy, 8, 24, (byte)0);
            Arrays.fill(copy, copy.length - 8, copy.length, (byte)0);
            final List<Byte> bytes = new ArrayList<>();
            for (final byte b : copy)
            {
                bytes.add(b);
            }
            out.add(bytes);
        }
        return out;
    }

    private static boolean isIncentive(final byte[] r)
    {
        return Outputs.type(r) == RecordType.TRANSFER.id() &&
            Outputs.transfer(r).reasonCode() == ReasonCode.DR_INCENTIVE.code();
    }

    private static long drBalance(final Ledger ledger, final long account)
    {
        final int dr = ledger.findToken(DrScenario.DR);
        return dr < 0 ? 0 : ledger.balance(account, dr);
    }
}
