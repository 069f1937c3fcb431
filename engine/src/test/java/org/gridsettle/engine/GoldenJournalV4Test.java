package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.codec.DrEventWithdrawalCodec;
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
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridsettle.engine.GoldenJournalTest.expectDuplicate;
import static org.gridsettle.engine.GoldenJournalTest.expectRejection;
import static org.gridsettle.engine.GoldenJournalTest.records;

/**
 * The checked-in journal of format version 4 ({@code src/test/resources/golden/v4}, written once by
 * {@link GoldenJournalGenerator} with {@link GoldenJournalGenerator#writeVersion4} after versions 1 to 3): the
 * DR_EVENT_WITHDRAWAL record, every answer a withdrawal gets, and an end of day that settles only the event that was
 * not withdrawn. It must verify, replay to the same bytes and decode to what its inputs imply; a failure is a format
 * break.
 */
class GoldenJournalV4Test
{
    /** Printed by GoldenJournalGenerator when v4 was written. */
    private static final String INPUT_DIGEST = "c7230413b9526ae0";
    private static final String OUTPUT_DIGEST = "54abe1f2df024f70";

    @TempDir
    Path tmp;

    private Path journal;

    @BeforeEach
    void copyGoldenJournal() throws IOException, URISyntaxException
    {
        journal = GoldenJournalTest.copyGolden("v4", tmp);
    }

    @Test
    void verifiesIntactAndReplaysToIdenticalOutputs()
    {
        // version 3's 42 outputs, then 5: see theWithdrawnEventIsAnsweredAndNeverSettles
        GoldenJournalTest.verifiesAndReplays(journal, 53, 47, INPUT_DIGEST, OUTPUT_DIGEST);
    }

    @Test
    void holdsEveryRecordType()
    {
        final Set<String> types = new TreeSet<>();
        for (final Path queue : List.of(Journals.input(journal), Journals.output(journal)))
        {
            for (final byte[] r : records(queue))
            {
                types.add(RecordType.ofId(RecordFlyweight.typeIdAt(new UnsafeBuffer(r), 0)).name());
            }
        }
        assertThat(types).hasSize(RecordType.values().length).contains("DR_EVENT_WITHDRAWAL");
    }

    @Test
    void theWithdrawalIsTheGeneratorsInput()
    {
        final List<byte[]> inputs = records(Journals.input(journal));
        final UnsafeBuffer record = new UnsafeBuffer(inputs.get(46));
        assertThat(RecordFlyweight.typeIdAt(record, 0)).isEqualTo(11);
        assertThat(RecordFlyweight.schemaVersionAt(record, 0)).isEqualTo(1);
        assertThat(record.capacity()).isEqualTo(56);
        final DrEventWithdrawalCodec withdrawal = new DrEventWithdrawalCodec().wrap(record, 0);
        assertThat(withdrawal.sequence()).isEqualTo(47);
        assertThat(withdrawal.eventId()).isEqualTo(7002);
        assertThat(withdrawal.tariffId()).isEqualTo(GoldenJournalGenerator.TARIFF_V2);
    }

    @Test
    void theWithdrawnEventIsAnsweredAndNeverSettles()
    {
        final List<byte[]> outputs = records(Journals.output(journal));
        final long tariff = GoldenJournalGenerator.TARIFF_V2;
        // 46 (the event) and 47 (its withdrawal) post nothing; 48 repeats 47: subject the tariff, key the event id
        expectDuplicate(outputs.get(42), 48, tariff, 7002);
        // 49: event 7001 settled at 38; 50: event 7002 is not tariff 21's
        expectRejection(outputs.get(43), 49, ReasonCode.DR_EVENT_SETTLED, RecordType.DR_EVENT_WITHDRAWAL, 7001);
        expectRejection(outputs.get(44), 50, ReasonCode.UNKNOWN_DR_EVENT, RecordType.DR_EVENT_WITHDRAWAL, 7002);
        // 51: the withdrawn id published again; 52 (a new id over the withdrawn hours) is accepted, posting nothing
        expectRejection(outputs.get(45), 51, ReasonCode.DR_EVENT_WITHDRAWN, RecordType.DR_EVENT, 7002);
        // 53: the day-2 end of day settles event 7003 alone: meter 3 has no readings on day 2, so it has no actual
        // load and gets DR_BASELINE_UNAVAILABLE; had 7002 not been withdrawn, a second such rejection would follow
        expectRejection(outputs.get(46), 53, ReasonCode.DR_BASELINE_UNAVAILABLE, RecordType.DR_EVENT, 3);
    }
}
