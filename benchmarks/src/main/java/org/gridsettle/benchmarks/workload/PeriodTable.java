package org.gridsettle.benchmarks.workload;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The benchmark tariff written down once: period names, import and export rates per kWh as decimal strings, the
 * holidays, and the rule that picks a period from month, kind of day and local hour. The engine's
 * {@link BenchTariff} and the conventional design's BigDecimal pricer are each built from this table independently,
 * so a difference in their totals points at one of the two implementations, not at the data.
 * <p>
 * Shaped like a Californian residential time-of-use rate: a 16:00-21:00 evening peak, a June-September summer
 * season with on-peak on working days and mid-peak on weekends and holidays, and a winter super-off-peak in the
 * middle of the day. Rates are illustrative, with six decimals so that half-even rounding is exercised.
 * <p>
 * Stateless and thread-safe.
 */
public final class PeriodTable
{
    /** Tariff id used by every benchmark. */
    public static final long TARIFF_ID = 9001;
    /** Zone the schedule is read in. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** Token import charges are posted in. */
    public static final String TOKEN = "USD";
    /** Program token export credits are minted in. */
    public static final String EXPORT_TOKEN = "SOLAR";

    /** Summer working-day evening. */
    public static final int SUMMER_ON_PEAK = 0;
    /** Summer weekend and holiday evening. */
    public static final int SUMMER_MID_PEAK = 1;
    /** Summer outside the evening. */
    public static final int SUMMER_OFF_PEAK = 2;
    /** Winter evening, every day. */
    public static final int WINTER_MID_PEAK = 3;
    /** Winter night and morning. */
    public static final int WINTER_OFF_PEAK = 4;
    /** Winter 08:00-16:00, when solar floods the grid. */
    public static final int WINTER_SUPER_OFF_PEAK = 5;

    private static final String[] NAMES =
    {
        "summer-on-peak", "summer-mid-peak", "summer-off-peak", "winter-mid-peak", "winter-off-peak",
        "winter-super-off-peak"
    };
    private static final String[] IMPORT_RATES =
    {
        "0.551230", "0.444561", "0.331277", "0.482153", "0.373909", "0.261187"
    };
    private static final String[] EXPORT_RATES =
    {
        "0.120007", "0.095003", "0.052319", "0.081001", "0.047503", "0.031251"
    };
    private static final List<LocalDate> HOLIDAYS = List.of(
        LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 5, 25),
        LocalDate.of(2026, 7, 3),
        LocalDate.of(2026, 9, 7),
        LocalDate.of(2026, 11, 26),
        LocalDate.of(2026, 12, 25));

    private PeriodTable()
    {
    }

    /**
     * The schedule rule.
     *
     * @param month            1..12 in the tariff's zone.
     * @param weekendOrHoliday true on Saturdays, Sundays and {@link #holidays()}.
     * @param hour             0..23 local wall-clock hour.
     * @return period index.
     */
    public static int periodAt(final int month, final boolean weekendOrHoliday, final int hour)
    {
        final boolean summer = month >= 6 && month <= 9;
        final boolean evening = hour >= 16 && hour < 21;
        if (summer)
        {
            if (evening)
            {
                return weekendOrHoliday ? SUMMER_MID_PEAK : SUMMER_ON_PEAK;
            }
            return SUMMER_OFF_PEAK;
        }
        if (evening)
        {
            return WINTER_MID_PEAK;
        }
        return hour >= 8 && hour < 16 ? WINTER_SUPER_OFF_PEAK : WINTER_OFF_PEAK;
    }

    /**
     * @return number of periods.
     */
    public static int periodCount()
    {
        return NAMES.length;
    }

    /**
     * @param period period index.
     * @return its name.
     */
    public static String name(final int period)
    {
        return NAMES[period];
    }

    /**
     * @param period period index.
     * @return import charge per kWh, a decimal string with six places.
     */
    public static String importRate(final int period)
    {
        return IMPORT_RATES[period];
    }

    /**
     * @param period period index.
     * @return export credit per kWh, a decimal string with six places.
     */
    public static String exportRate(final int period)
    {
        return EXPORT_RATES[period];
    }

    /**
     * @return local dates priced with the weekend schedule, ascending.
     */
    public static List<LocalDate> holidays()
    {
        return HOLIDAYS;
    }
}
