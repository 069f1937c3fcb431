package org.gridsettle.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Looking up an output's cause in the input journal: each lookup finds the input of exactly that sequence, whether
 * the reader follows forward, goes back, or jumps far ahead, and a sequence the journal does not hold is about no
 * time. Records are ticks whose interval start is {@code T0 + 900 * sequence}, so every expected time follows from
 * the sequence asked for.
 */
class InputEventTimesTest
{
    /** More than {@link InputEventTimes#SEEK_GAP}, so that a jump ahead can be made by seeking. */
    private static final int RECORDS = 70_000;
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path tmp;
    private Path dir;

    @BeforeEach
    void writeJournal()
    {
        dir = tmp.resolve("input");
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MeterTickCodec.LENGTH));
        final MeterTickCodec tick = new MeterTickCodec();
        try (JournalWriter writer = new JournalWriter(dir, Durability.PAGE_CACHE, 4_096))
        {
            for (long sequence = 1; sequence <= RECORDS; sequence++)
            {
                tick.<MeterTickCodec>wrap(buffer, 0).encode(sequence, 7, MeterTickCodec.CHANNEL_MAIN,
                    T0 + 900 * sequence, 900, 100, 0, 0);
                writer.append(buffer, 0, MeterTickCodec.LENGTH);
            }
        }
    }

    @Test
    void followsForwardWithOneReaderAndSeeksOnlyBackOrFarAhead()
    {
        try (InputEventTimes times = new InputEventTimes(dir))
        {
            assertThat(times.readersOpened()).as("opened on the first lookup only").isZero();
            assertThat(times.eventTimeOf(5)).isEqualTo(T0 + 900 * 5);
            assertThat(times.eventTimeOf(5)).as("the same cause twice").isEqualTo(T0 + 900 * 5);
            assertThat(times.eventTimeOf(6)).isEqualTo(T0 + 900 * 6);
            assertThat(times.eventTimeOf(4_100)).as("across a checkpoint").isEqualTo(T0 + 900 * 4_100);
            assertThat(times.readersOpened()).isEqualTo(1);

            assertThat(times.eventTimeOf(3)).as("back").isEqualTo(T0 + 900 * 3);
            assertThat(times.readersOpened()).isEqualTo(2);

            assertThat(times.eventTimeOf(3 + InputEventTimes.SEEK_GAP)).as("far ahead")
                .isEqualTo(T0 + 900 * (3 + InputEventTimes.SEEK_GAP));
            assertThat(times.readersOpened()).isEqualTo(3);

            assertThat(times.eventTimeOf(RECORDS)).isEqualTo(T0 + 900L * RECORDS);
            assertThat(times.eventTimeOf(RECORDS + 1)).as("not journalled").isEqualTo(EventTime.NONE);
        }
    }

    @Test
    void aRangeOverTheOutputsUsesTheCauseOnlyForDuplicateAcknowledgements()
    {
        // the key a DUPLICATE_ACK carries is ignored: an id 42 would otherwise be 42 s after the epoch
        final long[] asked = {-1};
        final EventTime time = new EventTime(cause ->
        {
            asked[0] = cause;
            return T0;
        });
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        new DuplicateAckCodec().<DuplicateAckCodec>wrap(buffer, 0).encode(3, 17, 1002, 42);
        assertThat(time.of(buffer, 0)).isEqualTo(T0);
        assertThat(asked[0]).isEqualTo(17);
        assertThat(new EventTime().of(buffer, 0)).as("without the input journal").isEqualTo(EventTime.NONE);
    }
}
