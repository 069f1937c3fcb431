package org.gridsettle.pricing.importer.gridsettle;

import org.gridsettle.pricing.tariff.DayType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles the {@code "schedule"} block (seasons of months, a day schedule per day type, time windows with a default
 * period) into the {@code [12][3][slotsPerDay]} table {@link org.gridsettle.pricing.tariff.TouTariff} prices with.
 * <p>
 * The slot width is the gcd of 60 and every window boundary in minutes, so hourly tariffs keep 24 slots a day and a
 * single 16:15 boundary gives 15-minute slots; each slot then lies inside exactly one window. Windows of one day must
 * not overlap, every month must be in exactly one season, and every minute of every day must be covered by a window
 * or a default; each failure names the JSON path and line of the offending value.
 * <p>
 * Single use, confined to the reading thread.
 */
final class ScheduleCompiler
{
    private static final List<String> SCHEDULE_FIELDS = List.of("default_period", "seasons");
    private static final List<String> SEASON_FIELDS = List.of("name", "months", "weekday", "weekend", "holiday");
    private static final List<String> DAY_FIELDS = List.of("default", "windows");
    private static final List<String> WINDOW_FIELDS = List.of("from", "to", "period");

    private final String source;
    private final PeriodNames periods;
    /** [month 0..11][day type] the day schedule in force; filled from the seasons. */
    private final DaySchedule[][] days = new DaySchedule[12][3];
    private final LocatedNode[] seasonOfMonth = new LocatedNode[12];
    private int slotMinutes = 60;
    private byte[] table;

    /** One window as written: minutes after local midnight, {@code to} may be below {@code from} (wraps midnight). */
    private record Window(int from, int to, int period, LocatedNode node)
    {
        String describe()
        {
            return TimeOfDay.format(from) + "-" + TimeOfDay.format(to) + " at " + node.path();
        }
    }

    /** A day type's windows and the period of any minute no window covers, -1 if none. */
    private record DaySchedule(LocatedNode node, List<Window> windows, int defaultPeriod)
    {
    }

    ScheduleCompiler(final String source, final PeriodNames periods)
    {
        this.source = source;
        this.periods = periods;
    }

    /**
     * @param scheduleNode the {@code "schedule"} value.
     */
    void compile(final LocatedNode scheduleNode)
    {
        final Fields schedule = new Fields(source, scheduleNode, SCHEDULE_FIELDS);
        final LocatedNode defaultNode = schedule.optional("default_period");
        final int defaultPeriod = defaultNode == null ? -1 : periods.indexOf(defaultNode);
        final List<LocatedNode> seasons = schedule.array(
            schedule.required("seasons", "a list of seasons, each with \"months\" and day schedules"), "seasons");
        if (seasons.isEmpty())
        {
            throw schedule.error(schedule.required("seasons", ""), "expected at least one season");
        }
        for (final LocatedNode season : seasons)
        {
            readSeason(season, defaultPeriod);
        }
        final List<Integer> missing = new ArrayList<>();
        for (int m = 0; m < 12; m++)
        {
            if (seasonOfMonth[m] == null)
            {
                missing.add(m + 1);
            }
        }
        if (!missing.isEmpty())
        {
            throw schedule.error(schedule.required("seasons", ""), "expected every month 1..12 in exactly one " +
                "season; months " + missing + " are in none");
        }
        build();
    }

    int slotMinutes()
    {
        return slotMinutes;
    }

    byte[] table()
    {
        return table;
    }

    /**
     * @param finerSlotMinutes a slot width dividing {@link #slotMinutes()}, shared with another schedule.
     * @return the same schedule in slots of that width.
     */
    byte[] table(final int finerSlotMinutes)
    {
        if (finerSlotMinutes == slotMinutes)
        {
            return table;
        }
        final int coarse = TimeOfDay.MINUTES_PER_DAY / slotMinutes;
        final int ratio = slotMinutes / finerSlotMinutes;
        final byte[] finer = new byte[table.length * ratio];
        for (int i = 0; i < finer.length; i++)
        {
            final int day = i / (coarse * ratio);
            finer[i] = table[day * coarse + (i % (coarse * ratio)) / ratio];
        }
        return finer;
    }

    /**
     * @return the greatest common divisor of two slot widths: the slot width two schedules can share.
     */
    static int sharedSlotMinutes(final int a, final int b)
    {
        return gcd(a, b);
    }

    private void readSeason(final LocatedNode seasonNode, final int scheduleDefault)
    {
        final Fields season = new Fields(source, seasonNode, SEASON_FIELDS);
        final LocatedNode name = season.optional("name");
        if (name != null)
        {
            season.stringOf(name, "a season name such as \"summer\"");
        }
        final LocatedNode monthsNode = season.required("months", "a list of months 1..12, such as [6, 7, 8, 9]");
        final List<LocatedNode> months = season.array(monthsNode, "months 1..12");
        if (months.isEmpty())
        {
            throw season.error(monthsNode, "expected at least one month 1..12");
        }
        final DaySchedule weekday = readDay(season.required("weekday", "the weekday schedule"), scheduleDefault);
        final DaySchedule weekend = readDay(season.required("weekend", "the weekend schedule"), scheduleDefault);
        final LocatedNode holidayNode = season.optional("holiday");
        // holidays are most often priced like weekends, so that is the default when a season does not say
        final DaySchedule holiday = holidayNode == null ? weekend : readDay(holidayNode, scheduleDefault);
        for (final LocatedNode monthNode : months)
        {
            final int month = (int)season.integerOf(monthNode, 1, 12, "a month number") - 1;
            if (seasonOfMonth[month] != null)
            {
                throw season.error(monthNode, "expected every month in exactly one season; month " + (month + 1) +
                    " is already at " + seasonOfMonth[month].location());
            }
            seasonOfMonth[month] = monthNode;
            days[month][DayType.WEEKDAY.ordinal()] = weekday;
            days[month][DayType.WEEKEND.ordinal()] = weekend;
            days[month][DayType.HOLIDAY.ordinal()] = holiday;
        }
    }

    private DaySchedule readDay(final LocatedNode dayNode, final int scheduleDefault)
    {
        final Fields day = new Fields(source, dayNode, DAY_FIELDS);
        final LocatedNode defaultNode = day.optional("default");
        final int defaultPeriod = defaultNode == null ? scheduleDefault : periods.indexOf(defaultNode);
        final List<Window> windows = new ArrayList<>();
        final LocatedNode windowsNode = day.optional("windows");
        if (windowsNode != null)
        {
            for (final LocatedNode windowNode : day.array(windowsNode, "windows {\"from\", \"to\", \"period\"}"))
            {
                windows.add(readWindow(windowNode));
            }
        }
        final DaySchedule schedule = new DaySchedule(dayNode, windows, defaultPeriod);
        minuteMap(schedule); // checks overlap and coverage now, so the error points at this day
        return schedule;
    }

    private Window readWindow(final LocatedNode windowNode)
    {
        final Fields window = new Fields(source, windowNode, WINDOW_FIELDS);
        final int from = TimeOfDay.minutes(source, window.required("from", "a start time \"HH:MM\""), false);
        final LocatedNode toNode = window.required("to", "an end time \"HH:MM\" (exclusive; \"24:00\" for midnight)");
        final int to = TimeOfDay.minutes(source, toNode, true);
        final int period = periods.indexOf(window.required("period", "the name of a period"));
        if (from == to % TimeOfDay.MINUTES_PER_DAY)
        {
            throw window.error(toNode, "expected \"to\" different from \"from\" (" + TimeOfDay.format(from) +
                "); a whole day is a day's \"default\", not a window");
        }
        for (final int boundary : new int[] {from, to})
        {
            slotMinutes = gcd(slotMinutes, boundary);
        }
        return new Window(from, to, period, windowNode);
    }

    /**
     * @return the period of every minute of the day; refuses overlapping windows and uncovered minutes.
     */
    private int[] minuteMap(final DaySchedule day)
    {
        final int[] minutePeriod = new int[TimeOfDay.MINUTES_PER_DAY];
        final Window[] owner = new Window[TimeOfDay.MINUTES_PER_DAY];
        Arrays.fill(minutePeriod, -1);
        for (final Window w : day.windows())
        {
            // to < from wraps midnight: 21:00-06:00 is [21:00, 24:00) and [00:00, 06:00)
            final int end = w.to() > w.from() ? w.to() : w.to() + TimeOfDay.MINUTES_PER_DAY;
            for (int m = w.from(); m < end; m++)
            {
                final int minute = m % TimeOfDay.MINUTES_PER_DAY;
                if (owner[minute] != null)
                {
                    throw Fields.error(source, w.node(), "expected windows that do not overlap; " + w.describe() +
                        " overlaps " + owner[minute].describe() + " at " + TimeOfDay.format(minute));
                }
                owner[minute] = w;
                minutePeriod[minute] = w.period();
            }
        }
        for (int m = 0; m < TimeOfDay.MINUTES_PER_DAY; m++)
        {
            if (minutePeriod[m] < 0)
            {
                if (day.defaultPeriod() < 0)
                {
                    int end = m;
                    while (end < TimeOfDay.MINUTES_PER_DAY && minutePeriod[end] < 0)
                    {
                        end++;
                    }
                    throw Fields.error(source, day.node(), "expected every minute of the day covered by a window or " +
                        "a default period; " + TimeOfDay.format(m) + "-" + TimeOfDay.format(end) + " is in no window " +
                        "and neither this day's \"default\" nor the schedule's \"default_period\" is given");
                }
                minutePeriod[m] = day.defaultPeriod();
            }
        }
        return minutePeriod;
    }

    private void build()
    {
        final int slotsPerDay = TimeOfDay.MINUTES_PER_DAY / slotMinutes;
        table = new byte[12 * 3 * slotsPerDay];
        for (int month = 0; month < 12; month++)
        {
            for (int dayType = 0; dayType < 3; dayType++)
            {
                final int[] minutes = minuteMap(days[month][dayType]);
                for (int slot = 0; slot < slotsPerDay; slot++)
                {
                    // every boundary is a multiple of slotMinutes, so a slot's first minute speaks for all of it
                    table[(month * 3 + dayType) * slotsPerDay + slot] = (byte)minutes[slot * slotMinutes];
                }
            }
        }
    }

    private static int gcd(final int a, final int b)
    {
        return b == 0 ? a : gcd(b, a % b);
    }
}
