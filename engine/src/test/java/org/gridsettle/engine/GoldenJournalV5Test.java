package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
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
 * The checked-in journal of format version 5 ({@code src/test/resources/golden/v5}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion5} after versions 1 to 4): a
 * METER_ENROLMENT of schema 3 with reading limits, readings at and above them, and a re-enrolment of schema 2 that
 * clears them. It must verify, replay to the same bytes and decode to what its inputs imply; a failure is a format
 * break.
 */
class GoldenJournalV5Test
{
    /** Printed by GoldenJournalGenerator when v5 was written. */
    private static final String INPUT_DIGEST = "52c47d2ae621fc32";
    private static final String OUTPUT_DIGEST = "58cd212aa2511eef";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v5", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 4's 47 outputs, then 4: see theReadingsAboveTheLimitsAreRefusedUntilTheyAreCleared
        GoldenJournalTest.verifiesAndReplays(journal, 60, 51, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void theEnrolmentsAreSchemaThreeWithLimitsAndSchemaTwoWithout()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final UnsafeBuffer limited = new UnsafeBuffer(inputs.get(54));
        assertThat(RecordFlyweight.typeIdAt(limited, 0)).isEqualTo(RecordType.METER_ENROLMENT.id());
        assertThat(RecordFlyweight.schemaVersionAt(limited, 0)).isEqualTo(3);
        assertThat(limited.capacity()).isEqualTo(120);
        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec().wrap(limited, 0);
        assertThat(enrolment.sequence()).isEqualTo(55);
        assertThat(enrolment.meterId()).isEqualTo(5);
        assertThat(enrolment.importLimitW()).isEqualTo(12_000);
        assertThat(enrolment.exportLimitW()).isEqualTo(5_000);
        final UnsafeBuffer cleared = new UnsafeBuffer(inputs.get(58));
        assertThat(RecordFlyweight.schemaVersionAt(cleared, 0)).isEqualTo(2);
        assertThat(cleared.capacity()).isEqualTo(112);
        assertThat(new MeterEnrolmentCodec().<MeterEnrolmentCodec>wrap(cleared, 0).importLimitW()).isZero();
    }

    @Test
    void theReadingsAboveTheLimitsAreRefusedUntilTheyAreCleared()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        // 56: 3,000 Wh in 900 s is 12 kW, the limit itself: 3 kWh x 0.312345 off-peak = 0.937035
        expectTransfer(outputs.get(47), 56, 1005, SystemAccounts.REVENUE, "USD", 937_035, ReasonCode.ENERGY_CHARGE,
            0);
        // 57: 3,001 Wh is above 12,000 W x 900 s / 3,600 = 3,000 Wh; 58: 1,251 Wh above 5,000 x 900 / 3,600 = 1,250
        expectRejection(outputs.get(48), 57, ReasonCode.READING_ABOVE_LIMIT, RecordType.METER_TICK, 5);
        expectRejection(outputs.get(49), 58, ReasonCode.READING_ABOVE_LIMIT, RecordType.METER_TICK, 5);
        // 59 clears the limits, so 60, 57's reading again, is priced: 3.001 kWh x 0.312345 = 0.937347345, to 0.937347
        expectTransfer(outputs.get(50), 60, 1005, SystemAccounts.REVENUE, "USD", 937_347, ReasonCode.ENERGY_CHARGE,
            0);
    }
}
