package org.gridsettle.replay.ingest;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primitive start-order sort of an ingest's readings ({@link ReadingOrder}) against a reference computed the
 * slow way it replaced: boxed indexes sorted by {@link Arrays#sort(Object[], Comparator)}, which the JDK documents as
 * stable, so the two agree only if equal starts keep their file order. Random data from fixed seeds, with many equal
 * starts, and with starts that are negative or near the ends of a long, which take the merge sort instead of the
 * packed one.
 */
class ReadingOrderTest
{
    @Test
    void quarterHourStartsWithManyTiesKeepFileOrder()
    {
        final Random random = new Random(20260301L);
        for (final int size : new int[] {2, 3, 31, 32, 33, 64, 65, 1_000, 100_003})
        {
            // a month of quarter hours over few distinct values: most starts are shared by several readings
            final long[] start = new long[size];
            for (int i = 0; i < size; i++)
            {
                start[i] = 1_772_323_200L + 900L * random.nextInt(Math.max(1, size / 8));
            }
            assertThat(ReadingOrder.byStart(start, size)).as("size %d", size).containsExactly(reference(start, size));
        }
    }

    @Test
    void negativeAndHugeStartsTakeTheMergeSortAndKeepFileOrder()
    {
        final Random random = new Random(77L);
        final long[] extremes = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (final int size : new int[] {2, 7, 33, 97, 4_096, 50_001})
        {
            final long[] start = new long[size];
            for (int i = 0; i < size; i++)
            {
                final int kind = random.nextInt(3);
                start[i] = kind == 0 ? extremes[random.nextInt(extremes.length)] :
                    kind == 1 ? random.nextLong() : -86_400L * random.nextInt(50);
            }
            assertThat(ReadingOrder.byStart(start, size)).as("size %d", size).containsExactly(reference(start, size));
        }
    }

    @Test
    void spansEitherSideOfWhatAPackedLongHoldsSortAlike()
    {
        // 1,000 readings leave 63 - 10 = 53 bits for the span: 2^53 - 1 is packed, 2^53 is merged
        for (final long span : new long[] {(1L << 53) - 1, 1L << 53})
        {
            final Random random = new Random(span);
            final long[] start = new long[1_000];
            for (int i = 0; i < start.length; i++)
            {
                start[i] = -5L + (random.nextBoolean() ? span : random.nextInt(3));
            }
            start[0] = -5L;
            start[1] = -5L + span;
            assertThat(ReadingOrder.byStart(start, start.length)).as("span %d", span)
                .containsExactly(reference(start, start.length));
        }
    }

    @Test
    void onlyTheFirstSizeEntriesAreReadings()
    {
        // the buffer's arrays grow by doubling: the slots past its size are not readings
        final long[] start = {30, 10, 20, 10, 0, 0, 0, 0};
        assertThat(ReadingOrder.byStart(start, 4)).containsExactly(1, 3, 2, 0);
        assertThat(ReadingOrder.byStart(start, 1)).containsExactly(0);
        assertThat(ReadingOrder.byStart(start, 0)).isEmpty();
    }

    @Test
    void aBufferOfReadingsFromTwoFilesIsSubmittedInStartOrderThenFileOrder()
    {
        final ZoneId zone = ZoneId.of("America/Los_Angeles");
        final ReadingBuffer readings = new ReadingBuffer(
            new MeterIdMap(List.of(new Enrolment("A", 1, 1001, 0), new Enrolment("B", 2, 1002, 0))),
            new BadRowTally((line) ->
            {
            }), EnrolmentStart.of(Optional.empty(), zone));
        // file 1: meter A's day backwards; file 2: meter B's, forwards, at the same starts
        for (int q = 95; q >= 0; q--)
        {
            readings.onReading("A", 0, 1_772_323_200L + 900L * q, 900, q, 0);
        }
        for (int q = 0; q < 96; q++)
        {
            readings.onReading("B", 0, 1_772_323_200L + 900L * q, 900, q, 0);
        }
        final int[] order = readings.inStartOrder();
        assertThat(order).hasSize(192);
        for (int q = 0; q < 96; q++)
        {
            // A's reading of quarter q is index 95 - q, B's is 96 + q; A's file came first
            assertThat(readings.meter(order[2 * q])).isEqualTo(1);
            assertThat(order[2 * q]).isEqualTo(95 - q);
            assertThat(order[2 * q + 1]).isEqualTo(96 + q);
        }
    }

    @Test
    void aReadingAddedAfterASortIsInTheNextOrder()
    {
        final ReadingBuffer readings = new ReadingBuffer(
            new MeterIdMap(List.of(new Enrolment("A", 1, 1001, 0))),
            new BadRowTally((line) ->
            {
            }), EnrolmentStart.of(Optional.empty(), ZoneId.of("UTC")));
        readings.onReading("A", 0, 1_772_323_200L + 900L, 900, 1, 0);
        readings.onReading("A", 0, 1_772_323_200L + 1_800L, 900, 2, 0);
        assertThat(readings.inStartOrder()).containsExactly(0, 1);
        // the order is kept between walks, and must not outlive the readings it was sorted from
        assertThat(readings.inStartOrder()).isSameAs(readings.inStartOrder());
        readings.onReading("A", 0, 1_772_323_200L, 900, 0, 0);
        assertThat(readings.inStartOrder()).containsExactly(2, 0, 1);
    }

    /** The sort that {@link ReadingOrder} replaced: boxed, by comparator, stable by the JDK's contract. */
    private static int[] reference(final long[] start, final int size)
    {
        final Integer[] order = IntStream.range(0, size).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> start[i]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
