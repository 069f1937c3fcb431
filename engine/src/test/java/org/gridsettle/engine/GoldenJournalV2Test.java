package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TransferCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.engine.GoldenJournalTest.expectDuplicate;
import static org.gridsettle.engine.GoldenJournalTest.expectTransfer;
import static org.gridsettle.engine.GoldenJournalTest.records;
import static org.gridsettle.engine.GoldenJournalTest.transfer;

/**
 * The checked-in journal of format version 2 ({@code src/test/resources/golden/v2}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion2}): version 1's scenario, then a
 * carbon-priced, oracle-priced net-billing tariff (tariff schema 3), an enrolment with a pricing node (enrolment
 * schema 2), carbon intensity, oracle prices and a declared-baseline demand-response event. Like version 1 it must
 * verify, replay to the same bytes and decode to what its inputs imply; a failure is a format break.
 * <p>
 * Input sequences are those commented in {@link GoldenJournalGenerator#writeVersion2}.
 */
class GoldenJournalV2Test
{
    /** Printed by GoldenJournalGenerator when v2 was written. */
    private static final String INPUT_DIGEST = "eda05abe5750fda0";
    private static final String OUTPUT_DIGEST = "02ed6e5cd8bf2503";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v2", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 1's 22 outputs, then 16: see decodedOutputsOfVersionTwoAreWhatTheInputsImply
        GoldenJournalTest.verifiesAndReplays(journal, 39, 38, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void holdsEveryRecordTypeAndSchemaOfVersionTwo()
    {
        final Set<String> types = new TreeSet<>();
        final Set<String> schemas = new TreeSet<>();
        for (final Path queue : List.of(Journals.input(journal), Journals.output(journal)))
        {
            for (final byte[] r : records(queue))
            {
                final UnsafeBuffer b = new UnsafeBuffer(r);
                final RecordType type = RecordType.ofId(RecordFlyweight.typeIdAt(b, 0));
                types.add(type.name());
                schemas.add(type.name() + "/" + RecordFlyweight.schemaVersionAt(b, 0));
            }
        }
        assertThat(types).contains("CARBON_INTENSITY", "ORACLE_PRICE", "DR_EVENT");
        // every type but DR_EVENT_WITHDRAWAL, which format version 4 added
        assertThat(types).hasSize(RecordType.values().length - 1).doesNotContain("DR_EVENT_WITHDRAWAL");
        assertThat(schemas).contains("METER_ENROLMENT/2", "TARIFF_VERSION/3");
    }

    @Test
    void decodedInputsOfVersionTwoAreTheGeneratorsInputs()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec().wrap(new UnsafeBuffer(inputs.get(26)), 0);
        assertThat(enrolment.sequence()).isEqualTo(27);
        assertThat(enrolment.pricingNode()).isEqualTo(GoldenJournalGenerator.NODE);
        final OraclePriceCodec prices = new OraclePriceCodec().wrap(new UnsafeBuffer(inputs.get(28)), 0);
        assertThat(prices.sequence()).isEqualTo(29);
        assertThat(prices.count()).isEqualTo(24);
        final DrEventCodec event = new DrEventCodec().wrap(new UnsafeBuffer(inputs.get(32)), 0);
        assertThat(event.eventId()).isEqualTo(7001);
        assertThat(event.declaredWhPerHour()).isEqualTo(1_000);
    }

    @Test
    void decodedOutputsOfVersionTwoAreWhatTheInputsImply()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        final long customer = 1003;
        final long carbonFund = SystemAccounts.CARBON_FUND;
        // 30: 400 Wh at local noon, off-peak: 400 x 312,345 / 1000 = 124,938; carbon at hour 12's 212,000 mg/kWh:
        // 400 Wh x 212,000 mg/kWh = 84.8 g = 0.0848 kg x 50,000 micro per kg = 4,240
        expectTransfer(outputs.get(22), 30, customer, SystemAccounts.REVENUE, "USD", 124_938,
            ReasonCode.ENERGY_CHARGE, 0);
        expectTransfer(outputs.get(23), 30, customer, carbonFund, "USD", 4_240, ReasonCode.CARBON_ADDER, 0);
        // 31: 1,000 Wh exported at 12:15, in hour 12 whose price is 30 + 12 x 0.5 = 36.00 per MWh:
        // 1 kWh = 0.001 MWh x 36 = 0.036000, minted from issuance; the rate field is the price per MWh
        expectTransfer(outputs.get(24), 31, SystemAccounts.ISSUANCE, customer, "SOLAR", 36_000,
            ReasonCode.EXPORT_CREDIT, 0);
        final TransferCodec oracle = transfer(outputs.get(24));
        assertThat(oracle.rate()).isEqualTo(36_000_000);
        assertThat(oracle.tier()).isEqualTo(TransferCodec.TIER_ORACLE_RATE);
        // and 1 kWh x 0.212 kg x 40,000 CARBON micro per kg = 8,480 avoided-emissions credit
        expectTransfer(outputs.get(25), 31, SystemAccounts.ISSUANCE, customer, "CARBON", 8_480,
            ReasonCode.CARBON_CREDIT, 0);
        // 32: hour 13's price is negative (-5.00): no export credit under ZERO_CREDIT, only the carbon credit,
        // 0.5 kWh x 0.213 kg x 40,000 = 4,260
        expectTransfer(outputs.get(26), 32, SystemAccounts.ISSUANCE, customer, "CARBON", 4_260,
            ReasonCode.CARBON_CREDIT, 0);
        // 34-37: 100 Wh per quarter hour from 17:00 (peak, 498,765): 49,876.5 -> half-even 49,876, each with its
        // carbon adder 100 x 217,000 x 50,000 / 10^9 = 1,085
        for (int q = 0; q < 4; q++)
        {
            expectTransfer(outputs.get(27 + 2 * q), 34 + q, customer, SystemAccounts.REVENUE, "USD", 49_876,
                ReasonCode.ENERGY_CHARGE, 0);
            expectTransfer(outputs.get(28 + 2 * q), 34 + q, customer, carbonFund, "USD", 1_085,
                ReasonCode.CARBON_ADDER, 0);
        }
        // 38: the end of day settles the event: declared 1,000 Wh - metered 400 Wh = 600 Wh x 2.000000 DR per kWh
        // = 1.200000 DR, funded from issuance into the DR fund, then paid from the fund to the customer
        expectTransfer(outputs.get(35), 38, SystemAccounts.ISSUANCE, SystemAccounts.DR_FUND, "DR", 1_200_000,
            ReasonCode.DR_INCENTIVE, 0);
        expectTransfer(outputs.get(36), 38, SystemAccounts.DR_FUND, customer, "DR", 1_200_000,
            ReasonCode.DR_INCENTIVE, 0);
        assertThat(transfer(outputs.get(36)).energyWh()).as("the reduction").isEqualTo(600);
        // 39: the same event again: subject = packed "DR", key = event id
        expectDuplicate(outputs.get(37), 39, TokenSymbol.pack("DR"), 7001);
    }
}
