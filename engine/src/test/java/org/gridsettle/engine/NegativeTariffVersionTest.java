package org.gridsettle.engine;

import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tariff version numbered below 0 is refused UNSUPPORTED_TARIFF, as one above the 16 bits the correction window
 * records a version in always was. Before, it was accepted, and the first tick it priced posted its transfer, was
 * then refused by the window (MALFORMED, after the transfer: half applied) and was never remembered, so the same
 * tick sent again was charged a second time.
 */
class NegativeTariffVersionTest
{
    private static final long DAY = 86_400;

    @TempDir
    Path dir;

    @Test
    void aNegativeVersionIsUnsupportedAndTheVersionBeforeItPricesItsDaysOnce()
    {
        final TouTariff first = EngineFixture.tariff();
        // the fixture's schedule at other rates: 0.40/kWh off-peak, so a tick it priced would show
        final TouTariff negative = new TouTariff(first.tariffId(), -1, first.effectiveFromEpochSecond() + DAY, "USD",
            "SOLAR", first.zone(), first.slotMinutes(), List.of(new TouPeriod("off-peak", 400_000, 50_000),
            new TouPeriod("peak", 500_000, 100_000)), first.scheduleCopy(), new long[0]);
        final long nextDay = EngineFixture.START + DAY + 8 * 3_600;
        try (SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start())
        {
            EngineFixture.setUp(engine, 1);                         // 1..3
            engine.publishTariff(negative);                         // 4
            engine.submitTick(1, 0, nextDay, 900, 1_000, 0);        // 5: priced by version 1
            engine.submitTick(1, 0, nextDay, 900, 1_000, 0);        // 6: the same tick again
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(4).get(0))).isEqualTo(ReasonCode.UNSUPPORTED_TARIFF);
        assertThat(Outputs.rejectionSubject(out.causedBy(4).get(0))).isEqualTo(EngineFixture.TARIFF);
        // 1 kWh off-peak at version 1's 0.30/kWh, one transfer and nothing else
        assertThat(out.causedBy(5)).hasSize(1);
        assertThat(Outputs.type(out.causedBy(5).get(0))).isEqualTo(RecordType.TRANSFER.id());
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).amount()).isEqualTo(300_000);
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).tariffVersion()).isEqualTo(1);
        assertThat(out.causedBy(6)).hasSize(1).allMatch(Outputs::isDuplicateAck);
    }
}
