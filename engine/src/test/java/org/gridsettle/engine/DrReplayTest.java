package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.DrHistory;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay determinism and snapshot + tail for DR state: the hourly history and the event book are part of the
 * snapshot, so restoring at any cut, before or after the event's publication, history or settlement, gives the same
 * outputs byte for byte and the same final state as the uninterrupted run. Also the memory of the history.
 */
class DrReplayTest
{
    @Test
    void aFullReplayOfTheInputsGivesTheSameOutputBytes()
    {
        final DrScenario recorded = DrScenario.standardEvent();
        final List<byte[]> replayed = new ArrayList<>();
        final SettlementLogic fresh = logic(replayed);
        for (final byte[] in : recorded.inputs)
        {
            fresh.apply(new UnsafeBuffer(in), 0, in.length);
        }
        assertThat(replayed).hasSameSizeAs(recorded.outputs);
        for (int i = 0; i < replayed.size(); i++)
        {
            assertThat(replayed.get(i)).as("output %d", i + 1).isEqualTo(recorded.outputs.get(i));
        }
    }

    @Test
    void snapshotPlusTailEqualsTheFullRunAtEveryCut() throws IOException
    {
        final DrScenario recorded = DrScenario.standardEvent();
        final List<byte[]> inputs = recorded.inputs;
        final byte[] finalState = state(recorded.logic);
        final int settledAt = (int)recorded.settledBy;
        for (final int cut : new int[] {1, 9, 11, 2_000, 4_321, settledAt - 300, settledAt - 1, settledAt,
            inputs.size() - 1})
        {
            final List<byte[]> outputs = new ArrayList<>();
            final SettlementLogic before = logic(outputs);
            for (int i = 0; i < cut; i++)
            {
                before.apply(new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
            }
            final SettlementLogic after = logic(outputs);
            after.readState(new DataInputStream(new ByteArrayInputStream(state(before))));
            for (int i = cut; i < inputs.size(); i++)
            {
                after.apply(new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
            }
            assertThat(outputs).as("cut at %d", cut).hasSameSizeAs(recorded.outputs);
            for (int i = 0; i < outputs.size(); i++)
            {
                assertThat(outputs.get(i)).as("cut at %d, output %d", cut, i + 1).isEqualTo(recorded.outputs.get(i));
            }
            assertThat(state(after)).as("state after cut at %d", cut).isEqualTo(finalState);
        }
    }

    @Test
    void historyCostsTheDocumentedBytesPerDrMeterAndNothingForOtherMeters()
    {
        final DrScenario s = new DrScenario();
        s.tariff(DrScenario.tariff());
        final int drMeters = 1_024;
        for (long m = 1; m <= 2 * drMeters; m++)
        {
            s.account(1000 + m);
            s.enrol(m, EngineFixture.START, m <= drMeters ? MeterEnrolmentCodec.PROGRAM_DEMAND_RESPONSE : 0);
            s.tick(m, EngineFixture.START, 100, false);
        }
        final DrHistory history = s.logic.drHistory();
        assertThat(history.meters()).isEqualTo(drMeters);
        // 48 days x (4-byte day + 24 x (4-byte Wh + 2-byte covered seconds)) = 7,104 bytes per DR meter; capacity
        // grows by doubling to 1,024
        assertThat(DrHistory.BYTES_PER_DR_METER).isEqualTo(48 * (4 + 24 * (4 + 2))).isEqualTo(7_104);
        assertThat(history.capacityBytes()).isEqualTo((long)drMeters * DrHistory.BYTES_PER_DR_METER);
    }

    private static SettlementLogic logic(final List<byte[]> outputs)
    {
        return new SettlementLogic((b, o, l) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            outputs.add(copy);
        });
    }

    private static byte[] state(final SettlementLogic logic) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        logic.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
