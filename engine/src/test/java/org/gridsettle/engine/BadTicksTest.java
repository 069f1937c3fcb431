package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadTicksTest
{
    @TempDir
    Path tmp;

    @Test
    void badTicksAreJournalledRejectedWithAReasonAndDoNotStopTheTicksAfterThem()
    {
        final long t = EngineFixture.START;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build().start())
        {
            EngineFixture.setUp(engine, 1); // inputs 1..3
            engine.submitTick(1, 0, t, 900, 100, 0);          // 4: good
            engine.submitTick(1, 0, t + 900, 900, -5, 0);     // 5: negative energy
            engine.submitTick(1, 0, t + 1800, 900, 200, 0);   // 6: good
            engine.submitTick(77, 0, t + 1800, 900, 200, 0);  // 7: unknown meter
            engine.submitTick(1, 0, t + 2700, 900, 300, 0);   // 8: good
            engine.submitTick(1, 0, t + 3600, 0, 300, 0);     // 9: zero-length interval
            engine.submitTick(1, 0, t + 3600, 900, 400, 0);   // 10: good
        }

        final List<byte[]> inputs = EngineFixture.readAll(Journals.input(tmp));
        assertThat(inputs).hasSize(10);
        final MeterTickCodec tick = new MeterTickCodec();
        tick.wrap(new UnsafeBuffer(inputs.get(4)), 0);
        assertThat(tick.importWh()).as("the rejected tick is journalled as submitted").isEqualTo(-5);

        final List<byte[]> outputs = EngineFixture.readAll(Journals.output(tmp));
        assertThat(outputs).hasSize(7);
        expectTransfer(outputs.get(0), 4, 100);
        expectRejection(outputs.get(1), 5, ReasonCode.NEGATIVE_ENERGY, 1);
        expectTransfer(outputs.get(2), 6, 200);
        expectRejection(outputs.get(3), 7, ReasonCode.UNKNOWN_METER, 77);
        expectTransfer(outputs.get(4), 8, 300);
        expectRejection(outputs.get(5), 9, ReasonCode.ZERO_LENGTH_INTERVAL, 1);
        expectTransfer(outputs.get(6), 10, 400);
    }

    @Test
    void aChannelTheRecordCannotHoldIsRefusedBeforeAnythingIsJournalledAndOneItCanHoldIsRejected()
    {
        final long t = EngineFixture.START;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(tmp).build().start())
        {
            EngineFixture.setUp(engine, 1);                   // inputs 1..3
            engine.submitTick(1, 0, t, 900, 100, 0);          // 4: good
            // 256 would be journalled as channel 0 and acknowledged as a duplicate of input 4
            assertThatThrownBy(() -> engine.submitTick(1, 256, t, 900, 100, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel 256");
            assertThatThrownBy(() -> engine.trySubmitTick(1, -1, t, 900, 100, 0))
                .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.submitCorrection(1, 512, t, 900, 50, 0))
                .isInstanceOf(IllegalArgumentException.class);
            engine.submitTick(1, 16, t, 900, 100, 0);         // 5: fits the record, not a channel the engine settles
            engine.submitTick(1, 0, t + 900, 900, 200, 0);    // 6: good
        }

        final List<byte[]> inputs = EngineFixture.readAll(Journals.input(tmp));
        assertThat(inputs).hasSize(6);
        final List<byte[]> outputs = EngineFixture.readAll(Journals.output(tmp));
        assertThat(outputs).hasSize(3);
        expectTransfer(outputs.get(0), 4, 100);
        expectRejection(outputs.get(1), 5, ReasonCode.MALFORMED, 1);
        expectTransfer(outputs.get(2), 6, 200);
    }

    private static void expectTransfer(final byte[] record, final long cause, final long energyWh)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(record);
        assertThat(RecordFlyweight.typeIdAt(buffer, 0)).isEqualTo(RecordType.TRANSFER.id());
        final TransferCodec transfer = new TransferCodec();
        transfer.wrap(buffer, 0);
        assertThat(transfer.causeSequence()).isEqualTo(cause);
        assertThat(transfer.energyWh()).isEqualTo(energyWh);
        // 00:00-01:00 local is off-peak: amount = Wh * 300,000 µ/kWh / 1000, e.g. 100 Wh -> 30,000 µ
        assertThat(transfer.amount()).isEqualTo(energyWh * 300);
        assertThat(transfer.reasonCode()).isEqualTo(ReasonCode.ENERGY_CHARGE.code());
    }

    private static void expectRejection(
        final byte[] record, final long cause, final ReasonCode reason, final long subject)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(record);
        assertThat(RecordFlyweight.typeIdAt(buffer, 0)).isEqualTo(RecordType.REJECTION.id());
        final RejectionCodec rejection = new RejectionCodec();
        rejection.wrap(buffer, 0);
        assertThat(rejection.causeSequence()).isEqualTo(cause);
        assertThat(ReasonCode.ofCode(rejection.reasonCode())).isEqualTo(reason);
        assertThat(rejection.inputType()).isEqualTo(RecordType.METER_TICK.id());
        assertThat(rejection.subject()).isEqualTo(subject);
    }
}
