package org.gridsettle.benchmarks.workload;

import java.time.ZonedDateTime;

/**
 * The deterministic tick stream every design is fed: tick {@code i} belongs to meter {@code i % meters + 1} and to
 * the 15-minute interval {@code i / meters}, so each interval is reported by the whole fleet before the next begins,
 * as a head-end system would deliver it.
 * <p>
 * A third of the meters have rooftop solar and export between 10:00 and 16:00; every other reading is an import.
 * Each tick therefore produces exactly one transfer, which lets latency be attributed one-to-one. The stream starts
 * on a summer Thursday at 15:00, so solar meters both export and import within the first ten intervals (every
 * account and token the run will touch is touched during warm-up) and the stream crosses the weekday evening peak,
 * the night and the Friday holiday.
 * <p>
 * Stateless, allocation-free and thread-safe.
 */
public final class TickSource
{
    /** First interval start: 2026-07-02T15:00 America/Los_Angeles, a Thursday. */
    public static final long START = ZonedDateTime.of(2026, 7, 2, 15, 0, 0, 0, PeriodTable.ZONE).toEpochSecond();
    /** Interval length, seconds. */
    public static final int INTERVAL_SECONDS = 900;

    private static final int START_SLOT = 60;
    private static final int SLOTS_PER_DAY = 96;
    private static final int FIRST_SOLAR_SLOT = 40;
    private static final int LAST_SOLAR_SLOT = 63;

    private TickSource()
    {
    }

    /**
     * @param tick   tick index from 0.
     * @param meters fleet size.
     * @return meter id, 1..meters.
     */
    public static long meterId(final long tick, final int meters)
    {
        return tick % meters + 1;
    }

    /**
     * @param tick   tick index.
     * @param meters fleet size.
     * @return interval start, epoch seconds.
     */
    public static long intervalStart(final long tick, final int meters)
    {
        return START + (tick / meters) * INTERVAL_SECONDS;
    }

    /**
     * @param tick   tick index.
     * @param meters fleet size.
     * @return energy exported, Wh; zero unless a solar meter at midday.
     */
    public static long exportWh(final long tick, final int meters)
    {
        final long meter = meterId(tick, meters);
        final long interval = tick / meters;
        final long slot = (interval + START_SLOT) % SLOTS_PER_DAY;
        final boolean exporting = meter % 3 == 0 && slot >= FIRST_SOLAR_SLOT && slot <= LAST_SOLAR_SLOT;
        return exporting ? 100 + meter % 400 : 0;
    }

    /**
     * @param tick   tick index.
     * @param meters fleet size.
     * @return energy imported, Wh; zero while exporting, otherwise at least 50.
     */
    public static long importWh(final long tick, final int meters)
    {
        if (exportWh(tick, meters) > 0)
        {
            return 0;
        }
        final long interval = tick / meters;
        return 50 + (interval * 7 + meterId(tick, meters) * 13) % 900;
    }
}
