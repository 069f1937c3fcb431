package org.gridsettle.replay.ingest;

import java.util.Arrays;

/**
 * Orders reading indexes by interval start, stably, in primitive arrays: an ingest of tens of millions of readings
 * sorts them with no object per reading and no comparator call per comparison.
 * <p>
 * Two ways, chosen by the span of the starts. When {@code latest - earliest} fits in the bits a long leaves beside an
 * index (32 bits of span for up to 2^31 readings: 136 years of seconds), each reading becomes one long, the offset of
 * its start above the earliest in the high bits and its index in the low bits, and the longs are sorted as numbers.
 * Two readings with equal starts then differ only in their indexes, so file order breaks the tie and the order is
 * stable although the sort of longs is not. A wider span (a start decades off, which the ingest's date checks refuse
 * later) takes a bottom-up merge sort of the indexes keyed by their starts, stable by taking the left run's reading
 * on a tie.
 * <p>
 * Stateless; safe from any thread. Each call allocates its result and one scratch array, 8 bytes a reading for the
 * packed sort and 4 for the merge sort, besides the 4 of the result.
 */
final class ReadingOrder
{
    /** Runs this short are sorted by insertion before they are merged. */
    private static final int RUN = 32;

    private ReadingOrder()
    {
    }

    /**
     * @param start interval starts, one per reading.
     * @param size  how many of them are readings.
     * @return the indexes {@code 0..size-1} in start order; equal starts keep their index order.
     */
    static int[] byStart(final long[] start, final int size)
    {
        if (size < 2)
        {
            return size == 1 ? new int[] {0} : new int[0];
        }
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < size; i++)
        {
            earliest = Math.min(earliest, start[i]);
            latest = Math.max(latest, start[i]);
        }
        final int indexBits = 32 - Integer.numberOfLeadingZeros(size - 1);
        // the true span is below 2^64, so a span past Long.MAX_VALUE wraps negative
        final long span = latest - earliest;
        if (span >= 0 && (span >>> (63 - indexBits)) == 0)
        {
            return packed(start, size, earliest, indexBits);
        }
        return merged(start, size);
    }

    private static int[] packed(final long[] start, final int size, final long earliest, final int indexBits)
    {
        final long[] keys = new long[size];
        for (int i = 0; i < size; i++)
        {
            keys[i] = ((start[i] - earliest) << indexBits) | i;
        }
        Arrays.sort(keys);
        final long indexMask = (1L << indexBits) - 1;
        final int[] order = new int[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = (int)(keys[i] & indexMask);
        }
        return order;
    }

    private static int[] merged(final long[] start, final int size)
    {
        int[] from = new int[size];
        for (int i = 0; i < size; i++)
        {
            from[i] = i;
        }
        for (int low = 0; low < size; low += RUN)
        {
            insertionSort(start, from, low, Math.min(low + RUN, size));
        }
        int[] to = new int[size];
        for (int width = RUN; width < size; width *= 2)
        {
            for (int low = 0; low < size; low += 2 * width)
            {
                final int middle = Math.min(low + width, size);
                final int high = Math.min(low + 2 * width, size);
                merge(start, from, to, low, middle, high);
            }
            final int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /** Stable: a reading moves left only past readings that start strictly later. */
    private static void insertionSort(final long[] start, final int[] order, final int low, final int high)
    {
        for (int i = low + 1; i < high; i++)
        {
            final int reading = order[i];
            final long key = start[reading];
            int j = i - 1;
            while (j >= low && start[order[j]] > key)
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = reading;
        }
    }

    /** Stable: on equal starts the left run's reading, which came first in the file, goes first. */
    private static void merge(
        final long[] start, final int[] from, final int[] to, final int low, final int middle, final int high)
    {
        int left = low;
        int right = middle;
        for (int out = low; out < high; out++)
        {
            if (right >= high || (left < middle && start[from[left]] <= start[from[right]]))
            {
                to[out] = from[left++];
            }
            else
            {
                to[out] = from[right++];
            }
        }
    }
}
