package org.gridsettle.pricing.interval;

/**
 * What every interval series (the carbon intensity of a region, the oracle price of a pricing node) has in common:
 * a name and an {@link IntervalIndex} time axis with its allocation-free lookups. A subclass adds its own parallel
 * value arrays and what they mean, and checks them; the lookups here are {@code final} so that a call on the engine's
 * tick path binds statically, as it did when each series delegated to its index itself.
 * <p>
 * Immutable. A subclass must be immutable too; then the whole series is safe to share between threads.
 */
public abstract class IntervalSeries
{
    private final String name;
    private final IntervalIndex intervals;

    /**
     * @param name      series name, already checked with {@link #requireName(String, String)}.
     * @param intervals the time axis, already checked by {@link IntervalIndex#of}.
     */
    protected IntervalSeries(final String name, final IntervalIndex intervals)
    {
        this.name = name;
        this.intervals = intervals;
    }

    /**
     * @return number of intervals, including any a subclass keeps without a value.
     */
    public final int size()
    {
        return intervals.size();
    }

    /**
     * @param index interval index.
     * @return start of the interval, epoch seconds, inclusive.
     */
    public final long startAt(final int index)
    {
        return intervals.startAt(index);
    }

    /**
     * @param index interval index.
     * @return length of the interval in seconds.
     */
    public final int secondsAt(final int index)
    {
        return intervals.secondsAt(index);
    }

    /**
     * @param index interval index.
     * @return end of the interval, epoch seconds, exclusive.
     */
    public final long endAt(final int index)
    {
        return intervals.endAt(index);
    }

    /**
     * Finds the interval containing an instant, whether or not a subclass holds a value for it. Allocation-free.
     *
     * @param epochSecond the instant.
     * @return index of the interval with {@code start <= epochSecond < end}, or -1 if none (before, after or in a gap).
     */
    public final int indexAt(final long epochSecond)
    {
        return intervals.indexAt(epochSecond);
    }

    /**
     * Finds the last interval starting at or before an instant; that interval may have ended already. Allocation-free.
     *
     * @param epochSecond the instant.
     * @return index of the last interval with {@code start <= epochSecond}, or -1 if the instant is before them all.
     */
    public final int floorIndex(final long epochSecond)
    {
        return intervals.floorIndex(epochSecond);
    }

    /**
     * @return the series name, which a subclass exposes under its own word (region, node).
     */
    protected final String name()
    {
        return name;
    }

    /**
     * For a subclass's {@code equals}, which adds its value arrays.
     *
     * @param that another series.
     * @return true if both have the same name and the same intervals.
     */
    protected final boolean sameNameAndIntervals(final IntervalSeries that)
    {
        return name.equals(that.name) && intervals.equals(that.intervals);
    }

    /**
     * For a subclass's {@code hashCode}, which continues the 31-chain with its value arrays. The value is the one the
     * series had when they hashed name, starts and seconds themselves, so hashes did not change when they were merged.
     *
     * @return the hash of the name and intervals.
     */
    protected final int nameAndIntervalsHash()
    {
        return 31 * 31 * name.hashCode() + intervals.hashCode();
    }

    /**
     * Checks a series name; for a subclass's checks, before it builds its {@link IntervalIndex}, so that a missing
     * name is reported before any array is looked at.
     *
     * @param word what the name is, for the message: {@code region} or {@code node}.
     * @param name the name.
     * @throws IllegalArgumentException if the name is null or empty.
     */
    protected static void requireName(final String word, final String name)
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException(word + " must be non-empty");
        }
    }
}
