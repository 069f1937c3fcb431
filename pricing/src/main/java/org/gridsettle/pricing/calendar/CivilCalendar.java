package org.gridsettle.pricing.calendar;

/**
 * Allocation-free proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
 * <p>
 * The algorithms are Howard Hinnant's {@code civil_from_days} and {@code days_from_civil}
 * (public domain, "chrono-Compatible Low-Level Date Algorithms"). They let the pricing hot path find the month and
 * weekday of a tick without creating {@code java.time} objects.
 * <p>
 * Stateless and thread-safe.
 */
public final class CivilCalendar
{
    /** 1970-01-01 was a Thursday; ISO day-of-week 4. */
    private static final int EPOCH_ISO_DAY_OF_WEEK = 4;

    private CivilCalendar()
    {
    }

    /**
     * @param epochDay days since 1970-01-01.
     * @return ISO day of week, 1 = Monday .. 7 = Sunday.
     */
    public static int isoDayOfWeek(final long epochDay)
    {
        return (int)Math.floorMod(epochDay + EPOCH_ISO_DAY_OF_WEEK - 1, 7L) + 1;
    }

    /**
     * @param epochDay days since 1970-01-01.
     * @return packed {@code year * 10000 + month * 100 + day}, for example 20260308.
     */
    public static int yyyymmdd(final long epochDay)
    {
        final long z = epochDay + 719468;
        final long era = Math.floorDiv(z, 146097);
        final long doe = z - era * 146097;
        final long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final long d = doy - (153 * mp + 2) / 5 + 1;
        final long m = mp < 10 ? mp + 3 : mp - 9;
        final long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return Math.toIntExact(y * 10000 + m * 100 + d);
    }

    /**
     * @param epochDay days since 1970-01-01.
     * @return month 1..12.
     */
    public static int month(final long epochDay)
    {
        return Math.floorMod(Math.floorDiv(yyyymmdd(epochDay), 100), 100); // floor: packed value < 0 before year 0
    }

    /**
     * @param year  proleptic year.
     * @param month 1..12.
     * @param day   1..31.
     * @return days since 1970-01-01.
     */
    public static long epochDay(final int year, final int month, final int day)
    {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yoe = y - era * 400;
        final long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
