package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
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
 * The checked-in journal of format version 3 ({@code src/test/resources/golden/v3}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion3} after versions 1 and 2): a tariff
 * with tiered demand, the only TARIFF_VERSION written as schema 4, and its period close. It must verify, replay to
 * the same bytes and decode to what its inputs imply; a failure is a format break.
 */
class GoldenJournalV3Test
{
    /** Printed by GoldenJournalGenerator when v3 was written. */
    private static final String INPUT_DIGEST = "5e8884872bbe4bc9";
    private static final String OUTPUT_DIGEST = "6368bcdc7be03a50";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v3", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        GoldenJournalTest.verifiesAndReplays(journal, 45, 42, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void theTieredDemandTariffIsSchemaFourAndItsCloseChargesEachTier()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final UnsafeBuffer tariff = new UnsafeBuffer(inputs.get(39));
        assertThat(RecordFlyweight.typeIdAt(tariff, 0)).isEqualTo(RecordType.TARIFF_VERSION.id());
        assertThat(RecordFlyweight.schemaVersionAt(tariff, 0)).isEqualTo(4);
        assertThat(new TariffVersionCodec().<TariffVersionCodec>wrap(tariff, 0).decode().demandTiers().flatRate(1))
            .isEqualTo(15_000_000);
        // the other tariffs of the journal have no demand tiers and stay schema 3
        assertThat(RecordFlyweight.schemaVersionAt(new UnsafeBuffer(inputs.get(24)), 0)).isEqualTo(3);

        final List<byte[]> outputs = records(Journals.output(journal));
        // 43: 800 Wh at local noon, off-peak: 800 x 312,345 / 1000 = 249,876; 44: 200 Wh: 62,469
        expectTransfer(outputs.get(38), 43, 1004, SystemAccounts.REVENUE, "USD", 249_876, ReasonCode.ENERGY_CHARGE, 0);
        expectTransfer(outputs.get(39), 44, 1004, SystemAccounts.REVENUE, "USD", 62_469, ReasonCode.ENERGY_CHARGE, 0);
        // 45: the peak is 800 Wh in 15 minutes = 3,200 W: 2,000 W x 10.00 per kW = 20.00 in tier 1 and
        // 1,200 W x 15.00 = 18.00 in tier 2
        expectTransfer(outputs.get(40), 45, 1004, SystemAccounts.REVENUE, "USD", 20_000_000,
            ReasonCode.DEMAND_CHARGE, 0);
        expectTransfer(outputs.get(41), 45, 1004, SystemAccounts.REVENUE, "USD", 18_000_000,
            ReasonCode.DEMAND_CHARGE, 0);
        assertThat(transfer(outputs.get(40)).tier()).isZero();
        assertThat(transfer(outputs.get(41)).tier()).isEqualTo(1);
        assertThat(transfer(outputs.get(41)).energyWh()).as("W in tier 2").isEqualTo(1_200);
    }
}
