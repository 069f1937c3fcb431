package org.gridsettle.replay.bill;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UsageGaps}: the time of a bill's range that no reading covers. Times are epoch seconds from an arbitrary
 * hour-aligned origin, 2015-06-01T04:00:00Z (local midnight in America/New_York). The first gap is said in the
 * tariff's zone, as the zero-reading runs are: it was said in UTC, beside local days and local zero runs.
 */
class UsageGapsTest
{
    private static final long FROM = 1_433_131_200L;
    private static final long HOUR = 3_600L;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void readingsThatCoverTheRangeSayNothing()
    {
        assertThat(UsageGaps.describe(hourly(0, 24), FROM, FROM + 24 * HOUR, NEW_YORK)).isEmpty();
    }

    @Test
    void tenMissingHoursInsideTheRangeAreSaidWithTheFirstGap()
    {
        final List<UsageReading> readings = hourly(0, 5);
        readings.addAll(hourly(15, 24));

        assertThat(UsageGaps.describe(readings, FROM, FROM + 24 * HOUR, NEW_YORK)).hasValue("the meter has no " +
            "reading for 10 h of the 24 h billed, in 1 gap (the first from 2015-06-01T05:00-04:00 to " +
            "2015-06-01T15:00-04:00): that time is billed as no use, and tiers and demand as if it were; fill the " +
            "gaps (estimates) in the usage file, or bill only the days it covers");
    }

    @Test
    void daysBeforeTheFirstAndAfterTheLastReadingAreGapsToo()
    {
        // readings 02:00..22:00 of a 24-hour range: 2 h missing at the start, 2 h at the end
        assertThat(UsageGaps.describe(hourly(2, 22), FROM, FROM + 24 * HOUR, NEW_YORK).orElseThrow())
            .startsWith("the meter has no reading for 4 h of the 24 h billed, in 2 gaps (the first from " +
                "2015-06-01T00:00-04:00 to 2015-06-01T02:00-04:00)");
    }

    @Test
    void aMissingQuarterHourOfFifteenMinuteReadingsIsCounted()
    {
        final List<UsageReading> readings = new ArrayList<>();
        for (int q = 0; q < 8; q++)
        {
            if (q != 5)
            {
                readings.add(new UsageReading(0, FROM + q * 900L, 900, 100, 0));
            }
        }
        assertThat(UsageGaps.describe(readings, FROM, FROM + 2 * HOUR, NEW_YORK).orElseThrow())
            .startsWith("the meter has no reading for 15 min of the 2 h billed, in 1 gap");
    }

    @Test
    void duplicatesAndOverlapsCoverTheirTimeOnceAndAreNotGaps()
    {
        final List<UsageReading> readings = hourly(0, 4);
        readings.add(new UsageReading(0, FROM + HOUR, 3600, 5, 0));
        readings.add(new UsageReading(1, FROM + 2 * HOUR, 900, 0, 7));

        assertThat(UsageGaps.describe(readings, FROM, FROM + 4 * HOUR, NEW_YORK)).isEmpty();
    }

    private static List<UsageReading> hourly(final int fromHour, final int toHour)
    {
        final List<UsageReading> readings = new ArrayList<>();
        for (int h = fromHour; h < toHour; h++)
        {
            readings.add(new UsageReading(0, FROM + h * HOUR, 3600, 500, 0));
        }
        return readings;
    }
}
