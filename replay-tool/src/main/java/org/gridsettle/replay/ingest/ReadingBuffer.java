package org.gridsettle.replay.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every valid reading of an ingest, held in primitive arrays so they can be submitted in interval-start order with
 * the calendar events interleaved, whatever the order of the files and meters they came from. 40 bytes per reading
 * in its six arrays (which double as they fill, so up to twice that is allocated), 12 more while the readings
 * are put in start order ({@link ReadingOrder}: a packed long and an index each), and of those the 4 of the order
 * itself, kept for the ingest's later walks in start order. Bad records go straight to the {@link BadRowTally}.
 * Not thread-safe.
 */
final class ReadingBuffer implements MeterDataSink
{
    private final MeterIdMap meterIds;
    private final BadRowTally badRows;
    private final EnrolmentStart enrolmentStart;
    private final FeedTimeZones feedTimeZones = new FeedTimeZones();
    private final List<String> readerWarnings = new ArrayList<>();
    private long[] meter = new long[1024];
    private long[] start = new long[1024];
    private long[] importWh = new long[1024];
    private long[] exportWh = new long[1024];
    private int[] seconds = new int[1024];
    private int[] channel = new int[1024];
    private int size;
    private int[] startOrder;

    ReadingBuffer(final MeterIdMap meterIds, final BadRowTally badRows, final EnrolmentStart enrolmentStart)
    {
        this.meterIds = meterIds;
        this.badRows = badRows;
        this.enrolmentStart = enrolmentStart;
    }

    /**
     * Refuses a reading of an enrolled meter from before any enrolment of the ingest can start: the engine would reject
     * it as UNKNOWN_METER, which says the meter is not in the enrolment file. A meter that is not in it keeps that
     * rejection, which is true whatever the date.
     */
    @Override
    public String refusal(final String meterId, final long intervalStartEpochSecond)
    {
        return meterIds.isEnrolled(meterId) ? enrolmentStart.refusal(intervalStartEpochSecond) : null;
    }

    @Override
    public void onReading(
        final String meterId,
        final int channel,
        final long intervalStartEpochSecond,
        final int intervalSeconds,
        final long importWh,
        final long exportWh)
    {
        if (size == start.length)
        {
            final int capacity = size * 2;
            meter = Arrays.copyOf(meter, capacity);
            start = Arrays.copyOf(start, capacity);
            this.importWh = Arrays.copyOf(this.importWh, capacity);
            this.exportWh = Arrays.copyOf(this.exportWh, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            this.channel = Arrays.copyOf(this.channel, capacity);
        }
        meter[size] = meterIds.idOf(meterId);
        start[size] = intervalStartEpochSecond;
        this.importWh[size] = importWh;
        this.exportWh[size] = exportWh;
        seconds[size] = intervalSeconds;
        this.channel[size] = channel;
        size++;
        startOrder = null;
    }

    @Override
    public void onLocalTimeOffset(final String source, final int standardOffsetSeconds)
    {
        feedTimeZones.record(source, standardOffsetSeconds);
    }

    @Override
    public void onStatedOffset(final String source, final long epochSecond, final int offsetSeconds)
    {
        feedTimeZones.recordStated(source, epochSecond, offsetSeconds);
    }

    @Override
    public void onUnstatedReadingType(final String source)
    {
        readerWarnings.add(MeterDataSink.unstatedReadingTypeWarning(source));
    }

    /**
     * @return what the readers assumed that the files do not state, one warning each, in file order.
     */
    List<String> readerWarnings()
    {
        return readerWarnings;
    }

    /**
     * @return the standard-time offsets the Green Button files stated.
     */
    FeedTimeZones feedTimeZones()
    {
        return feedTimeZones;
    }

    @Override
    public void onBadRecord(final String source, final String location, final String problem)
    {
        badRows.record(source, location, problem);
    }

    int size()
    {
        return size;
    }

    /*
     * The earliest and latest readings place the calendar and the tariff's start: only those of meters in the
     * enrolment file count, since the engine rejects the others (UNKNOWN_METER) whatever their dates.
     */

    /**
     * @param valid filter: the earliest start is taken over readings of enrolled meters it accepts.
     * @return the earliest interval start among them, or {@link Long#MAX_VALUE}.
     */
    long earliestStart(final java.util.function.LongPredicate valid)
    {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < size; i++)
        {
            if (meter[i] > 0 && valid.test(start[i]))
            {
                earliest = Math.min(earliest, start[i]);
            }
        }
        return earliest;
    }

    /**
     * @param valid filter.
     * @return the latest interval start among readings it accepts, or {@link Long#MIN_VALUE}.
     */
    long latestStart(final java.util.function.LongPredicate valid)
    {
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < size; i++)
        {
            if (meter[i] > 0 && valid.test(start[i]))
            {
                latest = Math.max(latest, start[i]);
            }
        }
        return latest;
    }

    /**
     * @param valid filter on interval starts.
     * @return the latest interval end among readings it accepts, or {@link Long#MIN_VALUE}.
     */
    long latestEnd(final java.util.function.LongPredicate valid)
    {
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < size; i++)
        {
            if (meter[i] > 0 && valid.test(start[i]))
            {
                latest = Math.max(latest, start[i] + seconds[i]);
            }
        }
        return latest;
    }

    /**
     * Sorts without boxing: tens of millions of readings sorted as {@code Integer}s with a comparator took 16 bytes of
     * garbage each and seconds of comparator calls. When the starts span less than the bits an index leaves free in a
     * long, each reading is packed as (start - earliest, index) and the longs sorted: the index breaks ties, so equal
     * starts keep their file order. Starts too far apart to pack (a reading dated decades away, which the date checks
     * then refuse) take a stable merge sort of the indexes instead. An ingest walks its readings in start order three
     * times (the gap checks, the zero-run warnings, the submission), so the order is sorted once and kept until another
     * reading arrives: 29,760,000 readings took 2.0-3.4 s per sort.
     *
     * @return reading indexes in interval-start order; readings with equal starts keep their file order. The array is
     * shared between calls: callers only read it.
     */
    int[] inStartOrder()
    {
        int[] order = startOrder;
        if (order == null)
        {
            order = ReadingOrder.byStart(start, size);
            startOrder = order;
        }
        return order;
    }

    long meter(final int i)
    {
        return meter[i];
    }

    long start(final int i)
    {
        return start[i];
    }

    long importWh(final int i)
    {
        return importWh[i];
    }

    long exportWh(final int i)
    {
        return exportWh[i];
    }

    int seconds(final int i)
    {
        return seconds[i];
    }

    int channel(final int i)
    {
        return channel[i];
    }
}
