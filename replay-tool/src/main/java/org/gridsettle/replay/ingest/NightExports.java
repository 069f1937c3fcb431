package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.money.MicroUnits;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A check of the tariff's zone against what the readings themselves show, for files that state no zone: a meter CSV
 * with epoch-second interval starts carries none, so a wrong {@code --zone} (or local clock times written as if they
 * were UTC) prices every reading at the wrong local hour, and only the gap line hinted at it. Rooftop solar, what
 * most exporting meters have, exports around midday and nothing at night; so a meter whose exports are concentrated
 * around a time of day between {@value #NIGHT_FROM}:00 and 0{@value #NIGHT_TO}:00 in the given zone is said.
 * <p>
 * The time of day is the export-weighted circular mean of the readings' interval midpoints in local time, and the
 * concentration the mean resultant length (1 when every Wh is exported at one time of day, near 0 for a flat
 * export). NREL/ssc's residential PV year, read in its own zone, has its mean at 13:10 and a concentration of 0.80;
 * read with its local clock taken for UTC in America/Los_Angeles, 05:10. Only a concentration of at least
 * {@value #MIN_CONCENTRATION} is judged, so a wind turbine's exports, spread over day and night, are not; a battery
 * that exports into the evening peak has its mean before 21:00. Sound, not complete: a zone off by up to about eight
 * hours (America/New_York for America/Los_Angeles) leaves the mean in the morning or afternoon, where a shifted solar
 * meter cannot be told from a morning or evening exporter, and is not said. A meter that exports under
 * {@value #MIN_WH} Wh in all is not judged; readings longer than an hour are not placed in the day, and not counted.
 * <p>
 * Not thread-safe: fed and read on one thread.
 */
public final class NightExports
{
    /** First local hour of the night window. */
    static final int NIGHT_FROM = 21;
    /** First local hour after the night window. */
    static final int NIGHT_TO = 6;
    /** Least concentration of a meter's exports in time of day judged: solar has about 0.8. */
    static final double MIN_CONCENTRATION = 0.5;
    /** Least export of a meter judged, Wh. */
    static final long MIN_WH = 1_000;
    /** Meters described one to a line; the rest are counted on one line more. */
    static final int LINES = 5;

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final ZoneId zone;
    /** meter -> {export Wh, Wh-weighted cosine and sine of the time of day} */
    private final Map<String, double[]> byMeter = new LinkedHashMap<>();

    /**
     * @param zone the tariff's zone, the one {@code --zone} gave or the tariff's own.
     */
    public NightExports(final ZoneId zone)
    {
        this.zone = zone;
    }

    /**
     * @param meter    the meter, as the usage file names it.
     * @param start    interval start, epoch seconds.
     * @param seconds  interval length.
     * @param exportWh energy exported in it.
     */
    public void reading(final String meter, final long start, final int seconds, final long exportWh)
    {
        if (exportWh <= 0 || seconds > 3_600)
        {
            return;
        }
        final double[] tally = byMeter.computeIfAbsent(meter, (key) -> new double[3]);
        final int secondOfDay = Instant.ofEpochSecond(start + seconds / 2).atZone(zone).toLocalTime().toSecondOfDay();
        final double angle = 2 * Math.PI * secondOfDay / SECONDS_PER_DAY;
        tally[0] += exportWh;
        tally[1] += exportWh * Math.cos(angle);
        tally[2] += exportWh * Math.sin(angle);
    }

    /**
     * @return one line per meter that exported at least {@value #MIN_WH} Wh concentrated around a time of day in the
     *         night window, at most {@value #LINES}, and one more counting the rest; none when there is none.
     */
    public List<String> warnings()
    {
        final List<String> lines = new ArrayList<>();
        int more = 0;
        for (final Map.Entry<String, double[]> meter : byMeter.entrySet())
        {
            final double[] tally = meter.getValue();
            final double concentration = Math.hypot(tally[1], tally[2]) / tally[0];
            final double angle = Math.atan2(tally[2], tally[1]);
            final int minuteOfDay = (int)Math.floorMod(Math.round(angle / (2 * Math.PI) * 1_440), 1_440);
            final boolean night = minuteOfDay >= NIGHT_FROM * 60 || minuteOfDay < NIGHT_TO * 60;
            if (tally[0] < MIN_WH || concentration < MIN_CONCENTRATION || !night)
            {
                continue;
            }
            if (lines.size() == LINES)
            {
                more++;
                continue;
            }
            lines.add("meter " + DisplayText.quote(meter.getKey()) + " exports at night in " + zone.getId() + ": " +
                "the mean time of day of its " + MicroUnits.kwhString((long)tally[0]) + " kWh exported is " +
                String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60) + " local time, and a " +
                "solar export peaks near midday: is --zone right, and are the timestamps in UTC? (epoch-second " +
                "timestamps carry no zone, and a zone off by hours prices every reading at the wrong time of day; a " +
                "battery may export at night)");
        }
        if (more > 0)
        {
            lines.add("and " + more + " more " + (more == 1 ? "meter" : "meters") + " exporting mostly at night in " +
                zone.getId());
        }
        return lines;
    }
}
