package org.gridsettle.engine;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.constraints.IntRange;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.engine.snapshot.StateOutput;
import org.gridsettle.journal.codec.CalendarCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture whose correction window and billing accumulators are copied meter by meter while the state machine goes
 * on must hold exactly the bytes a capture that stopped it would have written at the start: for a random command
 * stream (ticks, corrections, enrolments, calendar closes...), a random starting point and a random number of meters
 * copied between inputs, including none, so that the copy-on-write before a change and the completion before a
 * non-tick input carry it alone. The state machine's own state and outputs must not change either.
 */
class DeferredCaptureProperties
{
    @Provide
    Arbitrary<List<LogicInputs.Command>> streams()
    {
        return LogicInputs.streams(6, 150);
    }

    /** Long enough that days of ticks usually come before a close, which a close after the cut then trues up. */
    @Provide
    Arbitrary<List<LogicInputs.Command>> longStreams()
    {
        return LogicInputs.streams(6, 60, 150);
    }

    @Property(tries = 120)
    void aDeferredCaptureHoldsTheStateOfItsStart(
        @ForAll("streams") final List<LogicInputs.Command> stream,
        @ForAll @IntRange(min = 0, max = 1000) final int startPermille,
        @ForAll @IntRange(min = 0, max = 3) final int metersPerInput) throws IOException
    {
        aDeferredCaptureHoldsTheStateOfItsStart(stream, startPermille, metersPerInput, false);
    }

    /** The same on daily tiers: their day totals are written whole when the capture starts, not meter by meter. */
    @Property(tries = 60)
    void aDeferredCaptureHoldsTheStateOfItsStartOnDailyTiers(
        @ForAll("longStreams") final List<LogicInputs.Command> stream,
        @ForAll @IntRange(min = 0, max = 1000) final int startPermille,
        @ForAll @IntRange(min = 0, max = 3) final int metersPerInput) throws IOException
    {
        aDeferredCaptureHoldsTheStateOfItsStart(stream, startPermille, metersPerInput, true);
    }

    private static void aDeferredCaptureHoldsTheStateOfItsStart(
        final List<LogicInputs.Command> stream, final int startPermille, final int metersPerInput,
        final boolean dailyTiers) throws IOException
    {
        final List<byte[]> inputs = new ArrayList<>();
        final LogicInputs encoder = LogicStates.recording(inputs, dailyTiers);
        encoder.setUp(6);
        stream.forEach(encoder::apply);
        final int start = inputs.size() * startPermille / 1000;

        final ByteArrayOutputStream plainOutputs = new ByteArrayOutputStream();
        final SettlementLogic plain = new SettlementLogic(LogicStates.collect(plainOutputs), 8);
        final ByteArrayOutputStream capturingOutputs = new ByteArrayOutputStream();
        final SettlementLogic capturing = new SettlementLogic(LogicStates.collect(capturingOutputs), 8);
        final StateOutput capture = new StateOutput(64);
        try
        {
            byte[] expected = null;
            for (int i = 0; i < inputs.size(); i++)
            {
                if (i == start)
                {
                    expected = LogicStates.state(capturing);
                    capture.reset();
                    capturing.writeStateDeferred(capture);
                }
                apply(plain, inputs.get(i));
                apply(capturing, inputs.get(i));
                if (i >= start)
                {
                    capturing.captureStep(metersPerInput);
                }
            }
            if (expected == null)
            {
                expected = LogicStates.state(capturing);
                capturing.writeStateDeferred(capture);
            }
            capturing.finishCapture();

            assertThat(bytes(capture.bytes())).isEqualTo(expected);
            assertThat(capturingOutputs.toByteArray()).isEqualTo(plainOutputs.toByteArray());
            assertThat(LogicStates.state(capturing)).isEqualTo(LogicStates.state(plain));
        }
        finally
        {
            capture.free();
        }
    }

    @Example
    void aCalendarCloseWhileMetersAreUncopiedFinishesTheCaptureFirst() throws IOException
    {
        final List<byte[]> inputs = new ArrayList<>();
        final LogicInputs encoder = LogicStates.recording(inputs);
        encoder.setUp(6);
        for (int meter = 1; meter <= 6; meter++)
        {
            encoder.apply(new LogicInputs.Command(0, meter, 3, 400 + meter, 0));
        }
        final SettlementLogic logic = new SettlementLogic((b, o, l) ->
        {
        }, 8);
        inputs.forEach(input -> apply(logic, input));
        final byte[] expected = LogicStates.state(logic);

        final StateOutput capture = new StateOutput(64);
        try
        {
            assertThat(logic.writeStateDeferred(capture)).as("meters left to copy").isTrue();
            // the March billing period closes in April: every meter's accumulators are settled and freed
            final byte[] close = new byte[CalendarCodec.LENGTH];
            new CalendarCodec().<CalendarCodec>wrap(new UnsafeBuffer(close), 0).encode(1_000, CalendarCodec.PERIOD_CLOSE,
                EngineFixture.START + 40L * 86_400, EngineFixture.TARIFF);
            apply(logic, close);
            assertThat(LogicStates.state(logic)).as("the close changed the state").isNotEqualTo(expected);
            logic.finishCapture();

            assertThat(bytes(capture.bytes())).isEqualTo(expected);
        }
        finally
        {
            capture.free();
        }
    }

    private static void apply(final SettlementLogic logic, final byte[] input)
    {
        logic.apply(new UnsafeBuffer(input), 0, input.length);
    }

    private static byte[] bytes(final DirectBuffer buffer)
    {
        final byte[] copy = new byte[buffer.capacity()];
        buffer.getBytes(0, copy);
        return copy;
    }
}
