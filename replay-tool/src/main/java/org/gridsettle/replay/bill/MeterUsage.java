package org.gridsettle.replay.bill;

import org.gridsettle.replay.ingest.BadRowTally;
import org.gridsettle.replay.ingest.FeedTimeZones;
import org.gridsettle.replay.ingest.MeterDataSink;

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
            }
        }
        if (meterId.equals(keptMeter) && intervalStartEpochSecond >= fromEpochSecond &&
            intervalStartEpochSecond < toEpochSecond)
        {
            readings.add(new UsageReading(channel, intervalStartEpochSecond, intervalSeconds, importWh, exportWh));
        }
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

    private static String oneLine(final String text)
    {
        return text.codePoints().map((c) -> Character.isISOControl(c) ? ' ' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
