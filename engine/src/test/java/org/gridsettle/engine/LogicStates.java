package org.gridsettle.engine;

import org.gridsettle.engine.logic.OutputSink;
import org.gridsettle.engine.logic.SettlementLogic;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * What the snapshot tests compare state machines by: their whole state as {@link SettlementLogic#writeState} writes
 * it, the output records they emit, and the input records a {@link LogicInputs} encodes.
 */
final class LogicStates
{
    private LogicStates()
    {
    }

    /**
     * @param out collects every output record's bytes, in order.
     * @return a sink for a state machine.
     */
    static OutputSink collect(final ByteArrayOutputStream out)
    {
        return (buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            out.writeBytes(bytes);
        };
    }

    /**
     * @param inputs receives a copy of every input record encoded.
     * @return an encoder of command streams.
     */
    static LogicInputs recording(final List<byte[]> inputs)
    {
        return recording(inputs, false);
    }

    /**
     * @param inputs     receives a copy of every input record encoded.
     * @param dailyTiers true for the daily-tier variant ({@link LogicInputs#LogicInputs(LogicInputs.RecordConsumer,
     *                   boolean)}).
     * @return an encoder of command streams.
     */
    static LogicInputs recording(final List<byte[]> inputs, final boolean dailyTiers)
    {
        return new LogicInputs((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            inputs.add(copy);
        }, dailyTiers);
    }

    /**
     * @param logic a state machine.
     * @return its whole state, as a snapshot holds it.
     * @throws IOException never for a byte array.
     */
    static byte[] state(final SettlementLogic logic) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            logic.writeState(out);
        }
        return bytes.toByteArray();
    }
}
