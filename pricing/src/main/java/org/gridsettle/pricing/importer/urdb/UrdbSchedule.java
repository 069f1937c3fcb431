package org.gridsettle.pricing.importer.urdb;

import java.time.Month;
import java.util.Arrays;

/**
 * A URDB 12 x 24 schedule: for each month and local hour of the day, the index of the rate period in force.
 * <p>
 * Immutable; safe to share between threads.
 */
public final class UrdbSchedule
{
    /** Months in a URDB schedule. */
    public static final int MONTHS = 12;
    /** Hours in a URDB schedule row. */
    public static final int HOURS = 24;

    private final byte[] periods;

    /**
     * @param periods {@code 12 * 24} period indexes, month-major; each 0..127.
     */
    UrdbSchedule(final byte[] periods)
    {
        if (periods.length != MONTHS * HOURS)
        {
            throw new IllegalArgumentException("a URDB schedule has 288 entries, got " + periods.length);
        }
        for (final byte period : periods)
        {
            if (period < 0)
            {
                throw new IllegalArgumentException("period indexes are 0..127, got " + period);
            }
        }
        this.periods = periods.clone();
    }

    /**
     * @param month the month.
     * @param hour  local hour of the day, 0..23; hour 17 covers 17:00 to 18:00.
     * @return the index of the period in force.
     */
    public int periodAt(final Month month, final int hour)
    {
        if (hour < 0 || hour >= HOURS)
        {
            throw new IllegalArgumentException("hour must be 0..23: " + hour);
        }
        return periods[(month.getValue() - 1) * HOURS + hour];
    }

    /**
     * @return the highest period index the schedule names.
     */
    public int maxPeriodIndex()
    {
        int max = 0;
        for (final byte period : periods)
        {
            max = Math.max(max, period);
        }
        return max;
    }

    static void requireWithin(
        final String kind, final int periodCount, final UrdbSchedule weekday, final UrdbSchedule weekend)
    {
        if (periodCount == 0 || Math.max(weekday.maxPeriodIndex(), weekend.maxPeriodIndex()) >= periodCount)
        {
            throw new IllegalArgumentException(kind + " schedules name a period the structure does not have");
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof UrdbSchedule && Arrays.equals(periods, ((UrdbSchedule)other).periods);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(periods);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(MONTHS * HOURS * 2 + 2).append('[');
        for (int month = 0; month < MONTHS; month++)
        {
            sb.append(month == 0 ? "[" : ", [");
            for (int hour = 0; hour < HOURS; hour++)
            {
                sb.append(hour == 0 ? "" : ",").append(periods[month * HOURS + hour]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
