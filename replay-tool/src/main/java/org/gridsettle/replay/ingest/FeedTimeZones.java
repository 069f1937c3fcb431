package org.gridsettle.replay.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard-time offsets Green Button feeds state in their LocalTimeParameters ({@code tzOffset}), checked against
 * the tariff's zone. The readings themselves are in UTC and are priced in the tariff's zone, so a feed is read the
 * same whatever it states; but a feed of a utility whose zone is not the tariff's means {@code --zone} was forgotten
 * (a URDB rate defaults to America/Los_Angeles), and every time-of-use period and day would be priced hours off.
 * A meter CSV whose interval starts are written with a UTC offset says the same: its first offset other than zero is
 * the meter's local offset at that instant, checked against the zone's offset then (daylight saving included).
 * <p>
 * Not thread-safe: filled by the one thread reading the usage files.
 */
public final class FeedTimeZones
{
    /** The first offset each file states, by file name, in reading order. */
    private final Map<String, Integer> offsetBySource = new LinkedHashMap<>();
    /** The first interval start and offset each meter CSV writes, by file name, in reading order. */
    private final Map<String, long[]> statedBySource = new LinkedHashMap<>();

    /**
     * @param source                file name.
     * @param standardOffsetSeconds the file's {@code tzOffset}: seconds east of UTC in standard time.
     */
    public void record(final String source, final int standardOffsetSeconds)
    {
        offsetBySource.putIfAbsent(source, standardOffsetSeconds);
    }

    /**
     * @param source        file name.
     * @param epochSecond   an interval start the file writes with an offset.
     * @param offsetSeconds the offset, seconds east of UTC; not zero.
     */
    public void recordStated(final String source, final long epochSecond, final int offsetSeconds)
    {
        statedBySource.putIfAbsent(source, new long[] {epochSecond, offsetSeconds});
    }

    /**
     * @param zone          the tariff's zone.
     * @param atEpochSecond when to take the zone's standard offset, such as the first reading (it can change in
     *                      history).
     * @return one line per file whose stated offset is not the zone's, naming both.
     */
    public List<String> mismatches(final ZoneId zone, final long atEpochSecond)
    {
        final ZoneOffset standard = zone.getRules().getStandardOffset(Instant.ofEpochSecond(atEpochSecond));
        final List<String> lines = new ArrayList<>();
        offsetBySource.forEach((source, offset) ->
        {
            if (offset != standard.getTotalSeconds())
            {
                lines.add(source + ": its LocalTimeParameters put the meter at UTC" +
                    ZoneOffset.ofTotalSeconds(offset).getId().replace("Z", "+00:00") + " in standard time (tzOffset " +
                    offset + "), but the tariff's zone " + zone.getId() + " is at UTC" +
                    standard.getId().replace("Z", "+00:00") + ": its time-of-use periods and days are priced in " +
                    zone.getId() + "; give the utility's zone with --zone if that is not it");
            }
        });
        statedBySource.forEach((source, stated) ->
        {
            final Instant at = Instant.ofEpochSecond(stated[0]);
            final ZoneOffset zoneOffset = zone.getRules().getOffset(at);
            if (stated[1] != zoneOffset.getTotalSeconds())
            {
                final ZoneOffset written = ZoneOffset.ofTotalSeconds((int)stated[1]);
                lines.add(source + ": its first interval start is written at UTC" + written.getId() + " (" +
                    at.atOffset(written) + "), but the tariff's zone " + zone.getId() + " is at UTC" +
                    zoneOffset.getId().replace("Z", "+00:00") + " then: its time-of-use periods and days are " +
                    "priced in " + zone.getId() + "; give the utility's zone with --zone if that is not it");
            }
        });
        return lines;
    }
}
