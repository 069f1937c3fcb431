package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.interval.IntervalSeries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tells when the carbon-intensity or oracle-price series given to an ingest do not cover the readings they are meant
 * to price, before anything is journalled. A file of the right shape for the wrong days (another year's download, a
 * node no meter is on) is published all the same and the engine then rejects the readings CARBON_INTENSITY_MISSING or
 * ORACLE_PRICE_MISSING, counted by reason with nothing to say why; these warnings name the file, what it covers and
 * what the run's readings need.
 * <p>
 * A series is named by its region or node; the readings it prices are given per name as the span from the earliest
 * interval start to the latest interval end of the readings of the meters on that name. The engine looks a reading's
 * value up at its interval start, so a series is judged by the starts it holds: a reading that starts in the series'
 * last interval and ends after it is priced, and not said. Only the ends of the spans are compared: a hole inside a
 * series is not looked for (the engine's missing-value policy may bridge it). Warnings,
 * in this order: a file none of whose series overlaps the readings on its names (or whose names no meter is on), and
 * a name whose series, across every file, start after its readings do or end before they do.
 * <p>
 * Not thread-safe: built and read on the ingest's thread.
 */
final class SeriesCoverage
{
    private record Span(String file, String name, long start, long end)
    {
    }

    /** Index in a name's readings span of its latest interval start. */
    private static final int LAST_START = 2;

    private final String what;
    private final String nameKind;
    private final String rejection;
    private final List<Span> spans = new ArrayList<>();
    private final Map<String, long[]> readings = new TreeMap<>();

    /**
     * @param what      what the series hold, for the message: {@code carbon intensity intervals} or
     *                  {@code oracle price intervals}.
     * @param nameKind  what a series' name is: {@code region} or {@code node}.
     * @param rejection the reason the engine rejects a reading without a value: {@code CARBON_INTENSITY_MISSING}.
     */
    SeriesCoverage(final String what, final String nameKind, final String rejection)
    {
        this.what = what;
        this.nameKind = nameKind;
        this.rejection = rejection;
    }

    /**
     * @param file   the file the series was read from.
     * @param name   its region or node.
     * @param series the series, at least one interval.
     * @return this.
     */
    SeriesCoverage series(final String file, final String name, final IntervalSeries series)
    {
        return series(file, name, series, 0);
    }

    /**
     * @param file           the file the series was read from.
     * @param name           its region or node.
     * @param series         the series, at least one interval.
     * @param carryIntervals how many of its last interval's lengths past its end the tariff carries its last value
     *                       (carbon's {@code carry_forward_intervals}): readings starting then are priced too.
     * @return this.
     */
    SeriesCoverage series(final String file, final String name, final IntervalSeries series, final int carryIntervals)
    {
        final int last = series.size() - 1;
        final long end = series.endAt(last);
        spans.add(new Span(file, name, series.startAt(0), end + carryIntervals * (end - series.startAt(last))));
        return this;
    }

    /**
     * @param name  a region or node some meter is on.
     * @param start interval start of a reading of such a meter, epoch seconds.
     * @param end   its interval end.
     * @return this.
     */
    SeriesCoverage reading(final String name, final long start, final long end)
    {
        // {earliest start, latest end, latest start}: the ends are shown, the starts are what the engine looks up
        final long[] span = readings.computeIfAbsent(Objects.requireNonNull(name, "name"),
            (key) -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE});
        span[0] = Math.min(span[0], start);
        span[1] = Math.max(span[1], end);
        span[2] = Math.max(span[2], start);
        return this;
    }

    /**
     * @return one line per problem found, none when every file prices some reading and the series of every name
     *         span its readings.
     */
    List<String> warnings()
    {
        final List<String> lines = new ArrayList<>();
        if (readings.isEmpty())
        {
            return lines;
        }
        final Map<String, List<Span>> byFile = new LinkedHashMap<>();
        spans.forEach((s) -> byFile.computeIfAbsent(s.file(), (key) -> new ArrayList<>()).add(s));
        for (final Map.Entry<String, List<Span>> file : byFile.entrySet())
        {
            fileWarning(file.getKey(), file.getValue()).ifPresent(lines::add);
        }
        for (final Map.Entry<String, long[]> name : readings.entrySet())
        {
            nameWarning(name.getKey(), name.getValue()).ifPresent(lines::add);
        }
        return lines;
    }

    private Optional<String> fileWarning(final String file, final List<Span> fileSpans)
    {
        final List<Span> used = fileSpans.stream().filter((s) -> readings.containsKey(s.name())).toList();
        if (used.isEmpty())
        {
            final Set<String> names = new LinkedHashSet<>();
            fileSpans.forEach((s) -> names.add(s.name()));
            return Optional.of(file + ": its " + what + " are for " + nameKind + " " + names(names) +
                ", which no meter of the run is on (they are on " + names(readings.keySet()) + "): it prices none " +
                "of this run's readings");
        }
        if (used.stream().anyMatch(this::overlapsItsReadings))
        {
            return Optional.empty();
        }
        final long start = used.stream().mapToLong(Span::start).min().orElseThrow();
        final long end = used.stream().mapToLong(Span::end).max().orElseThrow();
        final long[] need = span(used.stream().map(Span::name).toList());
        return Optional.of(file + ": its " + what + " cover " + range(start, end) + ", none of this " +
            "run's readings, which run " + range(need[0], need[1]) + ": it prices none of them (a file of other " +
            "days?); readings without a value are rejected " + rejection);
    }

    private Optional<String> nameWarning(final String name, final long[] need)
    {
        final List<Span> ofName = spans.stream().filter((s) -> s.name().equals(name)).toList();
        if (ofName.isEmpty() || ofName.stream().noneMatch(this::overlapsItsReadings))
        {
            // no series of it at all is the engine's own rejection to count; one that misses every reading is said
            // per file above
            return Optional.empty();
        }
        final long start = ofName.stream().mapToLong(Span::start).min().orElseThrow();
        final long end = ofName.stream().mapToLong(Span::end).max().orElseThrow();
        if (start <= need[0] && end > need[LAST_START])
        {
            return Optional.empty();
        }
        return Optional.of("the " + what + " of " + nameKind + " " + DisplayText.quote(name) + " cover " +
            range(start, end) + ", not all of this run's readings on it, which run " + range(need[0], need[1]) +
            ": readings outside it find no value in this run's files and are rejected " + rejection + " unless the " +
            "journal holds one for them");
    }

    private boolean overlapsItsReadings(final Span s)
    {
        final long[] need = readings.get(s.name());
        // the series [start, end) holds some reading's start
        return need != null && s.start() <= need[LAST_START] && s.end() > need[0];
    }

    private long[] span(final List<String> names)
    {
        final long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (final String name : names)
        {
            span[0] = Math.min(span[0], readings.get(name)[0]);
            span[1] = Math.max(span[1], readings.get(name)[1]);
        }
        return span;
    }

    private static String range(final long start, final long end)
    {
        return Instant.ofEpochSecond(start) + " to " + Instant.ofEpochSecond(end);
    }

    private static String names(final Set<String> names)
    {
        final List<String> quoted = names.stream().limit(5).map(DisplayText::quote).toList();
        return String.join(", ", quoted) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }
}
