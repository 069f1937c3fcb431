package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.engine.GoldenJournalTest.expectRejection;
import static org.gridsettle.engine.GoldenJournalTest.expectTransfer;
import static org.gridsettle.engine.GoldenJournalTest.records;

/**
 * The checked-in journal of format version 9 ({@code src/test/resources/golden/v9}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion9} after versions 1 to 8): DR event
 * 9001 published at OpenADR modification 1 for 17:00-18:00 of the fourth day, its modification 2 (DR_EVENT schema 3)
 * moving it to 18:00-19:00, a stale modification at 1 and a modification of the settled event (both
 * CONFLICTING_DUPLICATE), and the end of day that pays the modified hour. It must verify, replay to the same bytes and
 * decode to what its inputs imply; a failure is a format break.
 */
class GoldenJournalV9Test
{
    /** Printed by GoldenJournalGenerator when v9 was written. */
    private static final String INPUT_DIGEST = "d096d7180ab41ef4";
    private static final String OUTPUT_DIGEST = "eabed4aeef2a3f2c";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v9", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 8's 70 outputs, then 10: two refused modifications, two readings, the end of day's four fixed
        // charges and the event's funding and payment
        GoldenJournalTest.verifiesAndReplays(journal, 86, 80, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void theModificationsAreSchemaThreeAndThePublicationSchemaTwo()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        // {input, schema, modification number, start hour after DAY4_EVENT}
        for (final long[] expected : new long[][] {{80, 2, 1, 0}, {81, 3, 2, 1}, {82, 3, 1, 0}, {86, 3, 3, 2}})
        {
            final UnsafeBuffer record = new UnsafeBuffer(inputs.get((int)expected[0] - 1));
            assertThat(RecordFlyweight.typeIdAt(record, 0)).isEqualTo(RecordType.DR_EVENT.id());
            assertThat(RecordFlyweight.schemaVersionAt(record, 0)).as("input %d", expected[0]).isEqualTo(expected[1]);
            final DrEventCodec event = new DrEventCodec().wrap(record, 0);
            assertThat(event.encodedLength()).isEqualTo(DrEventCodec.MODIFIED_LENGTH);
            assertThat(event.modification()).isEqualTo(expected[1] == 3);
            assertThat(event.eventId()).isEqualTo(9001);
            assertThat(event.modificationNumber()).isEqualTo(expected[2]);
            assertThat(event.start()).isEqualTo(GoldenJournalGenerator.DAY4_EVENT + expected[3] * 3_600);
            assertThat(event.end()).isEqualTo(event.start() + 3_600);
        }
    }

    @Test
    void theEndOfDayPaysTheModifiedHourAndTheOtherModificationsAreRefused()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        // 80 outputs, then the close checkpoint
        assertThat(outputs).hasSize(81);
        assertThat(RecordFlyweight.typeIdAt(new UnsafeBuffer(outputs.get(80)), 0))
            .isEqualTo(RecordType.CHECKPOINT.id());
        // 80 and 81 post nothing: a publication and an accepted modification; 82 goes back to modification 1
        expectRejection(outputs.get(70), 82, ReasonCode.CONFLICTING_DUPLICATE, RecordType.DR_EVENT, 9001);
        // 83 and 84: peak (16:00-21:00) at 0.498765 per kWh: 0.4 kWh = 0.199506, 0.6 kWh = 0.299259, both exact
        expectTransfer(outputs.get(71), 83, 1006, SystemAccounts.REVENUE, "USD", 199_506, ReasonCode.ENERGY_CHARGE, 0);
        expectTransfer(outputs.get(72), 84, 1006, SystemAccounts.REVENUE, "USD", 299_259, ReasonCode.ENERGY_CHARGE, 0);
        // 85 ends day 4: the daily fixed charge of 0.33 for each meter on tariff 21 (1, 2, 5 and 6), in enrolment order
        final long[] accounts = {1001, 1002, 1005, 1006};
        for (int i = 0; i < accounts.length; i++)
        {
            expectTransfer(outputs.get(73 + i), 85, accounts[i], SystemAccounts.REVENUE, "USD", 330_000,
                ReasonCode.FIXED_CHARGE, 0);
        }
        // then 9001 over its modified hour, 18:00, at 2.000000 DR per kWh below the declared 1,000 Wh: 1,000 - 600 =
        // 400 Wh = 0.800000 DR; over its first hour, 17:00, it would have paid 1,000 - 400 = 600 Wh = 1.200000 DR
        expectTransfer(outputs.get(77), 85, SystemAccounts.ISSUANCE, SystemAccounts.DR_FUND, "DR", 800_000,
            ReasonCode.DR_INCENTIVE, 0);
        expectTransfer(outputs.get(78), 85, SystemAccounts.DR_FUND, 1006, "DR", 800_000, ReasonCode.DR_INCENTIVE, 0);
        assertThat(GoldenJournalTest.transfer(outputs.get(78)).intervalStart())
            .isEqualTo(GoldenJournalGenerator.DAY4_EVENT + 3_600);
        // 86 modifies the settled event: settlement is final
        expectRejection(outputs.get(79), 86, ReasonCode.CONFLICTING_DUPLICATE, RecordType.DR_EVENT, 9001);
    }
}
