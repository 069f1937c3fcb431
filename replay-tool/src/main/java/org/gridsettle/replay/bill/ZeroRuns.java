package org.gridsettle.replay.bill;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The zero-consumption check a utility runs on interval data before billing (VEE: validation, editing, estimation):
 * a meter whose readings are exactly zero import and zero export for a long run. A dead meter or a stuck register
 * reads 0, and the engine bills it as a customer who used nothing; a vacant home reads 0 too, so the run is said,
 * never rejected, and what the engine settles does not change.
 * <p>
 * A reading's interval is zero when every reading of the meter starting at that instant (one per channel: Green
 * Button import and export) has 0 import and 0 export. Zero intervals form a run while each starts at or before the
 * end of the one before; a gap in the readings, or an interval with any energy, ends it (a gap is said by
 * {@link UsageGaps}). A run is reported when it spans at least the given number of hours from its first interval's
 * start to its last one's end: with the default {@value #DEFAULT_HOURS} hours, 24 hourly or 96 quarter-hour zero
 * readings in a row.
 * <p>
 * Feed one meter's readings in interval-start order to a {@link Finder}, then {@link #describe} the runs of every
 * meter. Not thread-safe: a finder is fed on one thread.
 */
public final class ZeroRuns
{
    /** Shortest run reported by default, in hours: a whole day of zero readings. */
    public static final int DEFAULT_HOURS = 24;
    /** Runs described one to a line; the rest are counted on one line more. */
    public static final int LINES = 5;

    private ZeroRuns()
    {
    }

    /**
     * One run of zero readings.
     *
     * @param meter      the meter, as the usage file names it.
     * @param firstStart interval start of its first reading, epoch seconds.
     * @param lastStart  interval start of its last reading.
     * @param end        interval end of its last reading.
     * @param intervals  intervals in the run (an interval read on two channels counts once).
     */
    public record Run(String meter, long firstStart, long lastStart, long end, int intervals)
    {
    }

    /**
     * Finds the runs of one meter's readings, fed in interval-start order. Not thread-safe.
     */
    public static final class Finder
    {
        private final String meter;
        private final long minSeconds;
        private final List<Run> runs;
        private long intervalStart = Long.MIN_VALUE;
        private long intervalEnd;
        private boolean intervalZero;
        private boolean inRun;
        private long runFirst;
        private long runLast;
        private long runEnd;
        private int runIntervals;

        /**
         * @param meter    the meter, as the usage file names it.
         * @param minHours shortest run reported, in hours, at least 1.
         * @param runs     where runs found are added, in time order.
         */
        public Finder(final String meter, final int minHours, final List<Run> runs)
        {
            if (minHours < 1)
            {
                throw new IllegalArgumentException("minHours must be at least 1: " + minHours);
            }
            this.meter = meter;
            this.minSeconds = minHours * 3_600L;
            this.runs = runs;
        }

        /**
         * @param start    interval start, epoch seconds, not before the previous reading's.
         * @param seconds  interval length.
         * @param importWh energy imported.
         * @param exportWh energy exported.
         */
        public void reading(final long start, final int seconds, final long importWh, final long exportWh)
        {
            final boolean zero = importWh == 0 && exportWh == 0;
            if (start == intervalStart)
            {
                intervalEnd = Math.max(intervalEnd, start + seconds);
                intervalZero &= zero;
                return;
            }
            closeInterval();
            intervalStart = start;
            intervalEnd = start + seconds;
            intervalZero = zero;
        }

        /**
         * Ends the last run: call once the meter's last reading is fed.
         */
        public void finish()
        {
            closeInterval();
            intervalStart = Long.MIN_VALUE;
            closeRun();
        }

        private void closeInterval()
        {
            if (intervalStart == Long.MIN_VALUE)
            {
                return;
            }
            if (!intervalZero)
            {
                closeRun();
                return;
            }
            if (inRun && intervalStart <= runEnd)
            {
                runLast = intervalStart;
                runEnd = Math.max(runEnd, intervalEnd);
                runIntervals++;
                return;
            }
            closeRun();
            inRun = true;
            runFirst = intervalStart;
            runLast = intervalStart;
            runEnd = intervalEnd;
            runIntervals = 1;
        }

        private void closeRun()
        {
            if (inRun && runEnd - runFirst >= minSeconds)
            {
                runs.add(new Run(meter, runFirst, runLast, runEnd, runIntervals));
            }
            inRun = false;
        }
    }

    /**
     * @param readings one meter's readings, in interval-start order.
     * @param meter    the meter, as the usage file names it.
     * @param minHours shortest run reported, in hours, at least 1.
     * @return its runs of zero readings of at least that long, in time order.
     */
    public static List<Run> find(final List<UsageReading> readings, final String meter, final int minHours)
    {
        final List<Run> runs = new ArrayList<>();
        final Finder finder = new Finder(meter, minHours, runs);
        for (final UsageReading r : readings)
        {
            finder.reading(r.start(), r.seconds(), r.importWh(), r.exportWh());
        }
        finder.finish();
        return runs;
    }

    /**
     * @param runs     runs of zero readings, in the order to list them.
     * @param minHours the shortest run reported, for the line counting the runs not listed.
     * @param zone     the zone the intervals are shown in, the tariff's.
     * @return one line per run, at most {@value #LINES}, and one more counting the rest; none for no run.
     */
    public static List<String> describe(final List<Run> runs, final int minHours, final ZoneId zone)
    {
        final List<String> lines = new ArrayList<>();
        for (final Run run : runs.subList(0, Math.min(LINES, runs.size())))
        {
            lines.add("meter " + MeterUsage.oneLine(run.meter()) + " read zero import and zero export in " +
                run.intervals() + " consecutive intervals, from the one starting " + local(run.firstStart(), zone) + " to the one " +
                "starting " + local(run.lastStart(), zone) + " (" + hours(run.end() - run.firstStart()) + "): a " +
                "dead meter or a stuck register is billed as no use; check the meter before billing (a vacant home " +
                "reads zero too)");
        }
        if (runs.size() > LINES)
        {
            final List<Run> rest = runs.subList(LINES, runs.size());
            lines.add("and " + rest.size() + " more " + (rest.size() == 1 ? "run" : "runs") + " of zero readings of " +
                "at least " + minHours + " h (" + rest.stream().mapToLong(Run::intervals).sum() + " intervals, " +
                rest.stream().map(Run::meter).distinct().count() + " meter(s))");
        }
        return lines;
    }

    private static String local(final long epochSecond, final ZoneId zone)
    {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toOffsetDateTime().toString();
    }

    private static String hours(final long seconds)
    {
        final long minutes = seconds / 60;
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
