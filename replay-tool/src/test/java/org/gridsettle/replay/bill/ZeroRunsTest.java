package org.gridsettle.replay.bill;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZeroRuns}: the VEE zero-consumption check. Times are epoch seconds from 2015-06-01T04:00:00Z, local midnight
 * in America/New_York (EDT, -04:00), as in {@link UsageGapsTest}; every count below is of the readings the test
 * makes, by hand.
 */
class ZeroRunsTest
{
    private static final long FROM = 1_433_131_200L;
    private static final long HOUR = 3_600L;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void twentyFourZeroHoursAreARunAndTwentyThreeAreNot()
    {
        // hour 0 has use, hours 1..24 read zero, hour 25 has use: 24 zero hours
        final List<UsageReading> day = hourly(0, 26, 1, 25);
        assertThat(ZeroRuns.find(day, "M-1", 24)).containsExactly(
            new ZeroRuns.Run("M-1", FROM + HOUR, FROM + 24 * HOUR, FROM + 25 * HOUR, 24));
        // hours 1..23: one hour short of a day
        assertThat(ZeroRuns.find(hourly(0, 26, 1, 24), "M-1", 24)).isEmpty();
    }

    @Test
    void aRunAtTheEndOfTheReadingsIsReported()
    {
        // hours 2..29 read zero, and the readings end there: 28 intervals
        assertThat(ZeroRuns.find(hourly(0, 30, 2, 30), "M-1", 24)).singleElement()
            .satisfies((r) -> assertThat(r.intervals()).isEqualTo(28));
    }

    @Test
    void aGapInTheReadingsEndsARun()
    {
        // 13 zero hours, hour 13 missing, 12 zero hours: two runs of less than a day, not one of 26 hours
        final List<UsageReading> readings = hourly(0, 13, 0, 13);
        readings.addAll(hourly(14, 26, 14, 26));
        assertThat(ZeroRuns.find(readings, "M-1", 24)).isEmpty();
        // without the gap, the 26 hours are one run
        assertThat(ZeroRuns.find(hourly(0, 26, 0, 26), "M-1", 24)).singleElement()
            .satisfies((r) -> assertThat(r.intervals()).isEqualTo(26));
    }

    @Test
    void anIntervalIsZeroOnlyWhenEveryChannelReadsZero()
    {
        // Green Button: import on channel 0, export on channel 1. 30 hours of zero import; at hour 12 the export
        // channel reads 40 Wh, which splits the 30 hours into runs of 12 and 17: neither a day
        final List<UsageReading> readings = new ArrayList<>();
        for (int h = 0; h < 30; h++)
        {
            readings.add(new UsageReading(0, FROM + h * HOUR, 3_600, 0, 0));
            readings.add(new UsageReading(1, FROM + h * HOUR, 3_600, 0, h == 12 ? 40 : 0));
        }
        assertThat(ZeroRuns.find(readings, "M-1", 24)).isEmpty();
        // every channel zero: one run of 30 intervals, each counted once though read on two channels
        readings.set(25, new UsageReading(1, FROM + 12 * HOUR, 3_600, 0, 0));
        assertThat(ZeroRuns.find(readings, "M-1", 24)).singleElement()
            .satisfies((r) -> assertThat(r.intervals()).isEqualTo(30));
    }

    @Test
    void ninetySixQuarterHoursAreADay()
    {
        final List<UsageReading> readings = new ArrayList<>();
        for (int q = 0; q < 96; q++)
        {
            readings.add(new UsageReading(0, FROM + q * 900L, 900, 0, 0));
        }
        assertThat(ZeroRuns.find(readings, "M-1", 24)).singleElement()
            .satisfies((r) -> assertThat(r.intervals()).isEqualTo(96));
        assertThat(ZeroRuns.find(readings.subList(0, 95), "M-1", 24)).isEmpty();
    }

    @Test
    void aRunIsDescribedInTheZoneWithItsFirstAndLastIntervalAndTheRestAreCounted()
    {
        final List<ZeroRuns.Run> runs = new ArrayList<>();
        for (int i = 0; i < 7; i++)
        {
            // seven days of 24 zero hours, one per meter
            final long start = FROM + i * 48 * HOUR;
            runs.add(new ZeroRuns.Run("M-" + i, start, start + 23 * HOUR, start + 24 * HOUR, 24));
        }

        final List<String> lines = ZeroRuns.describe(runs, 24, NEW_YORK);

        assertThat(lines).hasSize(ZeroRuns.LINES + 1);
        assertThat(lines.get(0)).isEqualTo("meter M-0 read zero import and zero export in 24 consecutive intervals, " +
            "from the one starting 2015-06-01T00:00-04:00 to the one starting 2015-06-01T23:00-04:00 (24 h): a dead " +
            "meter or a stuck register is billed as no use; check the meter before billing (a vacant home reads " +
            "zero too)");
        // runs 6 and 7, 24 intervals each
        assertThat(lines.get(5)).isEqualTo("and 2 more runs of zero readings of at least 24 h (48 intervals, 2 " +
            "meter(s))");
        assertThat(ZeroRuns.describe(List.of(), 24, NEW_YORK)).isEmpty();
    }

    /**
     * @return hourly channel-0 readings for hours [from, to) after {@link #FROM}, zero in [zeroFrom, zeroTo) and
     *         500 Wh imported otherwise.
     */
    private static List<UsageReading> hourly(final int from, final int to, final int zeroFrom, final int zeroTo)
    {
        final List<UsageReading> readings = new ArrayList<>();
        for (int h = from; h < to; h++)
        {
            final boolean zero = h >= zeroFrom && h < zeroTo;
            readings.add(new UsageReading(0, FROM + h * HOUR, 3_600, zero ? 0 : 500, 0));
        }
        return readings;
    }
}
