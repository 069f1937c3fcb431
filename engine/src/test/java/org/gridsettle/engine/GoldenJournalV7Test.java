package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.engine.GoldenJournalTest.expectTransfer;
import static org.gridsettle.engine.GoldenJournalTest.records;
import static org.gridsettle.engine.GoldenJournalTest.transfer;

/**
 * The checked-in journal of format version 7 ({@code src/test/resources/golden/v7}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion7} after versions 1 to 6): a
 * TARIFF_VERSION of schema 5 with a demand schedule of its own, ticks in both of its demand periods (each another
 * index than its energy period), a correction lowering one demand period's peak, and the period close charging each
 * demand period's peak. It must verify, replay to the same bytes and decode to what its inputs imply; a failure is a
 * format break.
 */
class GoldenJournalV7Test
{
    /** Printed by GoldenJournalGenerator when v7 was written. */
    private static final String INPUT_DIGEST = "e1e9e525b86e185f";
    private static final String OUTPUT_DIGEST = "14add997fc952a38";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v7", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 6's 63 outputs, then 6: see theCloseChargesEachDemandPeriodsPeak
        GoldenJournalTest.verifiesAndReplays(journal, 76, 69, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void theDemandScheduleTariffIsSchemaFiveAndTheOthersAreAsBefore()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final UnsafeBuffer record = new UnsafeBuffer(inputs.get(69));
        assertThat(RecordFlyweight.typeIdAt(record, 0)).isEqualTo(RecordType.TARIFF_VERSION.id());
        assertThat(RecordFlyweight.schemaVersionAt(record, 0)).isEqualTo(5);
        final TouTariff tariff = new TariffVersionCodec().<TariffVersionCodec>wrap(record, 0).decode();
        assertThat(tariff.tariffId()).isEqualTo(GoldenJournalGenerator.TARIFF_V7);
        assertThat(tariff.demandPeriodName(GoldenJournalGenerator.V7_MORNING)).isEqualTo("morning");
        assertThat(tariff.touDemandMicrosPerKw(GoldenJournalGenerator.V7_MORNING)).isEqualTo(4_000_000);
        assertThat(tariff.demandScheduleCopy()).isEqualTo(GoldenJournalGenerator.tariffV7().demandScheduleCopy());
        // the tariffs of versions 1 to 3 keep the schemas they were written with: 3, 3, 4
        assertThat(RecordFlyweight.schemaVersionAt(new UnsafeBuffer(inputs.get(0)), 0)).isEqualTo(3);
        assertThat(RecordFlyweight.schemaVersionAt(new UnsafeBuffer(inputs.get(24)), 0)).isEqualTo(3);
        assertThat(RecordFlyweight.schemaVersionAt(new UnsafeBuffer(inputs.get(39)), 0)).isEqualTo(4);
    }

    @Test
    void theCloseChargesEachDemandPeriodsPeak()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        // 73: 500 Wh at 11:00, off-peak: 500 x 312,345 / 1000 = 156,172.5 -> half-even 156,172
        expectTransfer(outputs.get(63), 73, 1007, SystemAccounts.REVENUE, "USD", 156_172, ReasonCode.ENERGY_CHARGE, 0);
        // 74: 750 Wh at 17:00, peak: 750 x 498,765 / 1000 = 374,073.75 -> 374,074
        expectTransfer(outputs.get(64), 74, 1007, SystemAccounts.REVENUE, "USD", 374_074, ReasonCode.ENERGY_CHARGE, 0);
        // 75 corrects 73 to 400 Wh: the reversal, then 400 x 312,345 / 1000 = 124,938
        expectTransfer(outputs.get(65), 75, SystemAccounts.REVENUE, 1007, "USD", 156_172, ReasonCode.ENERGY_CHARGE,
            73);
        expectTransfer(outputs.get(66), 75, 1007, SystemAccounts.REVENUE, "USD", 124_938, ReasonCode.ENERGY_CHARGE, 0);
        assertThat(transfer(outputs.get(66)).period()).as("energy period: off-peak").isZero();
        // 76 closes March for tariff 27, demand by demand period (no flat charge, no true-up):
        //   anytime (0): the 17:00 tick, 750 Wh in 15 minutes = 3,000 W x 1.50 per kW = 4.500000
        //   morning (1): the 11:00 tick as corrected, 400 Wh in 15 minutes = 1,600 W x 4.00 per kW = 6.400000
        // (by energy period it would be off-peak 1,600 W x 1.50 = 2.40 and peak 3,000 W x 4.00 = 12.00; without
        // the correction, morning would be 2,000 W x 4.00 = 8.00)
        expectTransfer(outputs.get(67), 76, 1007, SystemAccounts.REVENUE, "USD", 4_500_000,
            ReasonCode.DEMAND_CHARGE, 0);
        expectTransfer(outputs.get(68), 76, 1007, SystemAccounts.REVENUE, "USD", 6_400_000,
            ReasonCode.DEMAND_CHARGE, 0);
        final TransferCodec anytime = transfer(outputs.get(67));
        assertThat(anytime.period()).isEqualTo(GoldenJournalGenerator.V7_ANYTIME);
        assertThat(anytime.energyWh()).as("demand W").isEqualTo(3_000);
        assertThat(anytime.rate()).isEqualTo(1_500_000);
        final TransferCodec morning = transfer(outputs.get(68));
        assertThat(morning.period()).isEqualTo(GoldenJournalGenerator.V7_MORNING);
        assertThat(morning.energyWh()).isEqualTo(1_600);
        assertThat(morning.tariffVersion()).isEqualTo(1);
    }
}
