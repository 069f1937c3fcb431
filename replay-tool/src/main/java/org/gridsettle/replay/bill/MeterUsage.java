package org.gridsettle.replay.bill;

import org.gridsettle.replay.ingest.BadRowTally;
import org.gridsettle.replay.ingest.FeedTimeZones;
import org.gridsettle.replay.ingest.MeterDataSink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks one meter's readings in a bill's range out of a usage file, and notes every meter id the file names so that
 * a file of several meters can be refused unless the caller says which one to bill.
 * <p>
 * Readings are kept only while they could be billed: those of the chosen meter, or, with no meter chosen, those of
 * the only meter seen so far. So a large file of many meters never has to fit in memory.
 * <p>
 * Not thread-safe: one reader thread at a time, as {@link MeterDataSink} promises.
 */
public final class MeterUsage implements MeterDataSink
{
    private final String chosenMeter;
    private final long fromEpochSecond;
    private final long toEpochSecond;
    private final BadRowTally badRows;
    private final Set<String> meters = new TreeSet<>();
    private final List<UsageReading> readings = new ArrayList<>();
    private String keptMeter;
    private final FeedTimeZones feedTimeZones = new FeedTimeZones();
    private final List<String> readerWarnings = new ArrayList<>();
    /** Interval starts of the kept meter's first and last reading, in the range or not. */
    private long earliestStart = Long.MAX_VALUE;
    private long latestStart = Long.MIN_VALUE;

    /**
     * @param chosenMeter     the meter to bill, or null to bill the file's only meter.
     * @param fromEpochSecond first instant billed.
     * @param toEpochSecond   first instant not billed.
     * @param badRows         receives the file's bad rows.
     */
    public MeterUsage(
        final String chosenMeter, final long fromEpochSecond, final long toEpochSecond, final BadRowTally badRows)
    {
        this.chosenMeter = chosenMeter;
        this.fromEpochSecond = fromEpochSecond;
        this.toEpochSecond = toEpochSecond;
        this.badRows = badRows;
        this.keptMeter = chosenMeter;
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
    public List<String> readerWarnings()
    {
        return readerWarnings;
    }

    /**
     * @return the standard-time offsets a Green Button file stated.
     */
    public FeedTimeZones feedTimeZones()
    {
        return feedTimeZones;
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
        if (meters.add(meterId) && chosenMeter == null)
        {
            keptMeter = meters.size() == 1 ? meterId : null;
            if (keptMeter == null)
            {
                readings.clear();
                earliestStart = Long.MAX_VALUE;
                latestStart = Long.MIN_VALUE;
            }
        }
        if (!meterId.equals(keptMeter))
        {
            return;
        }
        earliestStart = Math.min(earliestStart, intervalStartEpochSecond);
        latestStart = Math.max(latestStart, intervalStartEpochSecond);
        if (intervalStartEpochSecond >= fromEpochSecond && intervalStartEpochSecond < toEpochSecond)
        {
            readings.add(new UsageReading(channel, intervalStartEpochSecond, intervalSeconds, importWh, exportWh));
        }
    }

    /**
     * Refuses a range in which the billed meter has no reading: its bill would be the fixed charges of a meter that
     * used nothing, when the file simply holds other days (a wrong year, a wrong file).
     *
     * @param zone the zone the bill's days are in, to name the days the file does hold.
     * @throws IllegalArgumentException naming the range asked for and the local days of the meter's readings.
     */
    public void requireReadingInRange(final ZoneId zone)
    {
        final String meter = meter();
        if (!readings.isEmpty())
        {
            return;
        }
        throw new IllegalArgumentException("no reading of meter " + oneLine(meter) + " from " + day(fromEpochSecond,
            zone) + " to " + day(toEpochSecond, zone) + " (exclusive) in " + zone + ": the usage file's readings of " +
            "it are on local days " + day(earliestStart, zone) + " to " + day(latestStart, zone) + "; a bill of no " +
            "reading would be its fixed charges alone");
    }

    private static LocalDate day(final long epochSecond, final ZoneId zone)
    {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
    }

    @Override
    public void onBadRecord(final String source, final String location, final String problem)
    {
        badRows.record(source, location, problem);
    }

    /**
     * @return the meter billed.
     * @throws IllegalArgumentException when the file names several meters and none was chosen, or not the chosen
     *                                  one.
     */
    public String meter()
    {
        if (chosenMeter != null)
        {
            if (!meters.contains(chosenMeter))
            {
                throw new IllegalArgumentException("--meter " + chosenMeter + ": no reading of that meter in the " +
                    "usage file, which has " + describeMeters());
            }
            return chosenMeter;
        }
        if (meters.size() > 1)
        {
            throw new IllegalArgumentException("the usage file holds " + meters.size() + " meters (" +
                describeMeters() + "); choose one with --meter ID");
        }
        if (meters.isEmpty())
        {
            throw new IllegalArgumentException("the usage file holds no valid reading, so no meter to bill");
        }
        return meters.iterator().next();
    }

    /**
     * @return the billed meter's readings in the range, by interval start then channel; file order otherwise.
     */
    public List<UsageReading> readings()
    {
        meter();
        final List<UsageReading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(UsageReading::start).thenComparingInt(UsageReading::channel));
        return sorted;
    }

    private String describeMeters()
    {
        final StringBuilder sb = new StringBuilder();
        int listed = 0;
        for (final String meter : meters)
        {
            if (listed == 10)
            {
                sb.append(", ...");
                break;
            }
            sb.append(listed++ == 0 ? "" : ", ").append('"').append(oneLine(meter)).append('"');
        }
        return meters.isEmpty() ? "no valid reading" : sb.toString();
    }

    /**
     * @param text a meter id from a usage file.
     * @return the id with control characters as spaces, so that it cannot break a message's line.
     */
    static String oneLine(final String text)
    {
        return text.codePoints().map((c) -> Character.isISOControl(c) ? ' ' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
