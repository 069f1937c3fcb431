package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
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
import static org.gridsettle.engine.GoldenJournalTest.expectDuplicate;
import static org.gridsettle.engine.GoldenJournalTest.records;

/**
 * The checked-in journal of format version 8 ({@code src/test/resources/golden/v8}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion8} after versions 1 to 7): a DR event
 * published at OpenADR modification 3, its withdrawal by a cancellation at modification 4 (DR_EVENT_WITHDRAWAL schema
 * 2, 64 bytes), and the cancellation repeated at modification 5, acknowledged as a duplicate since the engine settles
 * nothing by the number. It must verify, replay to the same bytes and decode to what its inputs imply; a failure is
 * a format break.
 */
class GoldenJournalV8Test
{
    /** Printed by GoldenJournalGenerator when v8 was written. */
    private static final String INPUT_DIGEST = "33b63acd8892455e";
    private static final String OUTPUT_DIGEST = "a5bc01496d3ac6ba";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v8", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 7's 69 outputs, then 1: the repeated withdrawal's acknowledgement
        GoldenJournalTest.verifiesAndReplays(journal, 79, 70, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void theWithdrawalsCarryTheCancellationsModificationNumbersAndOlderOnesKeepSchemaOne()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final UnsafeBuffer event = new UnsafeBuffer(inputs.get(76));
        assertThat(RecordFlyweight.typeIdAt(event, 0)).isEqualTo(RecordType.DR_EVENT.id());
        assertThat(new DrEventCodec().<DrEventCodec>wrap(event, 0).modificationNumber()).isEqualTo(3);
        for (final int[] withdrawal : new int[][] {{77, 4}, {78, 5}})
        {
            final UnsafeBuffer record = new UnsafeBuffer(inputs.get(withdrawal[0]));
            assertThat(RecordFlyweight.typeIdAt(record, 0)).isEqualTo(RecordType.DR_EVENT_WITHDRAWAL.id());
            assertThat(RecordFlyweight.schemaVersionAt(record, 0)).isEqualTo(2);
            final DrEventWithdrawalCodec w = new DrEventWithdrawalCodec().wrap(record, 0);
            assertThat(w.encodedLength()).isEqualTo(DrEventWithdrawalCodec.MODIFIED_LENGTH);
            assertThat(w.eventId()).isEqualTo(8001);
            assertThat(w.tariffId()).isEqualTo(GoldenJournalGenerator.TARIFF_V7);
            assertThat(w.modificationNumber()).isEqualTo(withdrawal[1]);
        }
        // version 4's withdrawals were written without a number: schema 1, 56 bytes, as before format version 8
        final UnsafeBuffer older = new UnsafeBuffer(inputs.get(46));
        assertThat(RecordFlyweight.typeIdAt(older, 0)).isEqualTo(RecordType.DR_EVENT_WITHDRAWAL.id());
        assertThat(RecordFlyweight.schemaVersionAt(older, 0)).isEqualTo(1);
        assertThat(new DrEventWithdrawalCodec().<DrEventWithdrawalCodec>wrap(older, 0).modificationNumber())
            .isEqualTo(DrEventCodec.UNKNOWN_MODIFICATION);
    }

    @Test
    void theWithdrawalPostsNothingAndItsRepeatAtAnotherNumberIsADuplicate()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        // 70 outputs, then the close checkpoint
        assertThat(outputs).hasSize(71);
        assertThat(RecordFlyweight.typeIdAt(new UnsafeBuffer(outputs.get(70)), 0))
            .isEqualTo(RecordType.CHECKPOINT.id());
        // 77 (the event) and 78 (its withdrawal) post nothing; 79 repeats the withdrawal at modification 5: the
        // engine keeps no number, so it is the same withdrawal again
        expectDuplicate(outputs.get(69), 79, GoldenJournalGenerator.TARIFF_V7, 8001);
    }
}
