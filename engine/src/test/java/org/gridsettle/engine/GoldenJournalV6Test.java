package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.engine.GoldenJournalTest.expectDuplicate;
import static org.gridsettle.engine.GoldenJournalTest.expectRejection;
import static org.gridsettle.engine.GoldenJournalTest.expectTransfer;
import static org.gridsettle.engine.GoldenJournalTest.records;

/**
 * The checked-in journal of format version 6 ({@code src/test/resources/golden/v6}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion6} after versions 1 to 5): a DR_EVENT
 * of schema 2 with an OpenADR modification number, its resend at a higher one (a duplicate), a changed copy at a
 * higher one still (a conflict), a DR_EVENT of schema 1 without a number, and the end of day that settles both
 * events. It must verify, replay to the same bytes and decode to what its inputs imply; a failure is a format break.
 */
class GoldenJournalV6Test
{
    /** Printed by GoldenJournalGenerator when v6 was written. */
    private static final String INPUT_DIGEST = "7353e681298cdb77";
    private static final String OUTPUT_DIGEST = "7166911a8a7cb9bf";
    private static final long DR = TokenSymbol.pack("DR");

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v6", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 5's 51 outputs, then 12: see theModificationNumberDoesNotChangeHowTheEventsSettle
        GoldenJournalTest.verifiesAndReplays(journal, 69, 63, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void theEventsAreSchemaTwoWithTheirModificationAndSchemaOneWithout()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final long[] modifications = {3, 4, 5};
        for (int i = 0; i < modifications.length; i++)
        {
            final UnsafeBuffer record = new UnsafeBuffer(inputs.get(62 + i));
            assertThat(RecordFlyweight.typeIdAt(record, 0)).isEqualTo(RecordType.DR_EVENT.id());
            assertThat(RecordFlyweight.schemaVersionAt(record, 0)).isEqualTo(2);
            assertThat(record.capacity()).isEqualTo(DrEventCodec.MODIFIED_LENGTH);
            final DrEventCodec event = new DrEventCodec().wrap(record, 0);
            assertThat(event.sequence()).isEqualTo(63 + i);
            assertThat(event.eventId()).isEqualTo(7004);
            assertThat(event.modificationNumber()).isEqualTo(modifications[i]);
        }
        final UnsafeBuffer without = new UnsafeBuffer(inputs.get(65));
        assertThat(RecordFlyweight.schemaVersionAt(without, 0)).isEqualTo(1);
        assertThat(without.capacity()).isEqualTo(DrEventCodec.LENGTH);
        final DrEventCodec event = new DrEventCodec().wrap(without, 0);
        assertThat(event.eventId()).isEqualTo(7005);
        assertThat(event.modificationNumber()).isEqualTo(DrEventCodec.UNKNOWN_MODIFICATION);
        assertThat(event.start()).isEqualTo(GoldenJournalGenerator.DAY3_EVENT + 3_600);
    }

    @Test
    void theModificationNumberDoesNotChangeHowTheEventsSettle()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        // 64: 63 again at modification 4, the same settling fields: acknowledged (subject the token, key the id)
        expectDuplicate(outputs.get(51), 64, DR, 7004);
        // 65: 7004 an hour later at modification 5: a journalled event cannot change, whatever its modification
        expectRejection(outputs.get(52), 65, ReasonCode.CONFLICTING_DUPLICATE, RecordType.DR_EVENT, 7004);
        // 67 and 68: peak (16:00-21:00) at 0.498765 per kWh: 0.4 kWh = 0.199506, 0.6 kWh = 0.299259, both exact
        expectTransfer(outputs.get(53), 67, 1006, SystemAccounts.REVENUE, "USD", 199_506, ReasonCode.ENERGY_CHARGE, 0);
        expectTransfer(outputs.get(54), 68, 1006, SystemAccounts.REVENUE, "USD", 299_259, ReasonCode.ENERGY_CHARGE, 0);
        // 69 ends day 3: the daily fixed charge of 0.33 for each meter on tariff 21 (1, 2, 5 and 6), in enrolment order
        final long[] accounts = {1001, 1002, 1005, 1006};
        for (int i = 0; i < accounts.length; i++)
        {
            expectTransfer(outputs.get(55 + i), 69, accounts[i], SystemAccounts.REVENUE, "USD", 330_000,
                ReasonCode.FIXED_CHARGE, 0);
        }
        // then the events in publication order, each funded and paid at 2.000000 DR per kWh below the declared
        // 1,000 Wh: 7004 (modification 3's hour, 17:00) 1,000 - 400 = 600 Wh = 1.200000 DR;
        // 7005 (schema 1, 18:00) 1,000 - 600 = 400 Wh = 0.800000 DR
        expectTransfer(outputs.get(59), 69, SystemAccounts.ISSUANCE, SystemAccounts.DR_FUND, "DR", 1_200_000,
            ReasonCode.DR_INCENTIVE, 0);
        expectTransfer(outputs.get(60), 69, SystemAccounts.DR_FUND, 1006, "DR", 1_200_000, ReasonCode.DR_INCENTIVE, 0);
        expectTransfer(outputs.get(61), 69, SystemAccounts.ISSUANCE, SystemAccounts.DR_FUND, "DR", 800_000,
            ReasonCode.DR_INCENTIVE, 0);
        expectTransfer(outputs.get(62), 69, SystemAccounts.DR_FUND, 1006, "DR", 800_000, ReasonCode.DR_INCENTIVE, 0);
    }
}
