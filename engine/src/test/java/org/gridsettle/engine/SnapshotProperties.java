package org.gridsettle.engine;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For a random cut point of a random command stream: a snapshot taken there, loaded into a fresh state machine and
 * fed the tail, gives the same output bytes and the same final state as one state machine fed everything.
 */
class SnapshotProperties
{
    @Provide
    Arbitrary<List<LogicInputs.Command>> streams()
    {
        return LogicInputs.streams(4, 120);
    }

    /** Long enough that days of ticks usually come before a close, which a close after the cut then trues up. */
    @Provide
    Arbitrary<List<LogicInputs.Command>> longStreams()
    {
        return LogicInputs.streams(4, 60, 150);
    }

    @Property(tries = 80)
    void snapshotPlusTailEqualsFullReplay(
        @ForAll("streams") final List<LogicInputs.Command> stream,
        @ForAll @IntRange(min = 0, max = 1000) final int cutPermille) throws IOException
    {
        snapshotPlusTailEqualsFullReplay(stream, cutPermille, false);
    }

    /** The same over four local days on daily tiers, whose closes true up from the day totals a snapshot holds. */
    @Property(tries = 60)
    void snapshotPlusTailEqualsFullReplayOnDailyTiers(
        @ForAll("longStreams") final List<LogicInputs.Command> stream,
        @ForAll @IntRange(min = 0, max = 1000) final int cutPermille) throws IOException
    {
        snapshotPlusTailEqualsFullReplay(stream, cutPermille, true);
    }

    private static void snapshotPlusTailEqualsFullReplay(
        final List<LogicInputs.Command> stream, final int cutPermille, final boolean dailyTiers) throws IOException
    {
        final List<byte[]> inputs = new ArrayList<>();
        final LogicInputs encoder = LogicStates.recording(inputs, dailyTiers);
        encoder.setUp(4);
        stream.forEach(encoder::apply);
        final int cut = inputs.size() * cutPermille / 1000;

        final ByteArrayOutputStream fullOutputs = new ByteArrayOutputStream();
        final int[] outputsAtCut = new int[1];
        final SettlementLogic full = new SettlementLogic(LogicStates.collect(fullOutputs), 8);
        for (int i = 0; i < inputs.size(); i++)
        {
            if (i == cut)
            {
                outputsAtCut[0] = fullOutputs.size();
            }
            full.apply(new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
        }
        if (cut == inputs.size())
        {
            outputsAtCut[0] = fullOutputs.size();
        }

        final SettlementLogic prefix = new SettlementLogic((b, o, l) ->
        {
        }, 8);
        for (int i = 0; i < cut; i++)
        {
            prefix.apply(new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
        }
        final ByteArrayOutputStream tailOutputs = new ByteArrayOutputStream();
        final SettlementLogic restored = new SettlementLogic(LogicStates.collect(tailOutputs), 8);
        restored.readState(new DataInputStream(new ByteArrayInputStream(LogicStates.state(prefix))));
        for (int i = cut; i < inputs.size(); i++)
        {
            restored.apply(new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
        }

        final byte[] all = fullOutputs.toByteArray();
        final byte[] tailOfFull = java.util.Arrays.copyOfRange(all, outputsAtCut[0], all.length);
        assertThat(tailOutputs.toByteArray()).isEqualTo(tailOfFull);
        assertThat(LogicStates.state(restored)).isEqualTo(LogicStates.state(full));
    }
}
