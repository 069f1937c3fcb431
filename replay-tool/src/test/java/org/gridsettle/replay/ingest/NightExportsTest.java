package org.gridsettle.replay.ingest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NightExports} on made-up export profiles whose mean time of day is worked out by hand: equal exports in hours
 * whose midpoints are symmetric about a time have their circular mean at that time. The days are 2015-01-05 to
 * 2015-01-11 in America/Los_Angeles (PST all week, no clock change).
 */
class NightExportsTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void exportsAroundMiddayAreWhatSolarDoesAndSayNothing()
    {
        // hours 09..14: midpoints 09:30 .. 14:30, symmetric about 12:00
        assertThat(week(9, 14, 500).warnings()).isEmpty();
    }

    @Test
    void solarShiftedSixteenHoursHasItsMeanAtFourAndIsSaid()
    {
        // the same six hours, 16 hours later: 01..06, midpoints 01:30 .. 06:30, symmetric about 04:00
        final List<String> lines = week(1, 6, 500).warnings();

        // 7 days x 6 hours x 500 Wh = 21,000 Wh
        assertThat(lines).containsExactly("meter \"M-1\" exports at night in America/Los_Angeles: the mean time of " +
            "day of its 21.000 kWh exported is 04:00 local time, and a solar export peaks near midday: is --zone " +
            "right, and are the timestamps in UTC? (epoch-second timestamps carry no zone, and a zone off by hours " +
            "prices every reading at the wrong time of day; a battery may export at night)");
    }

    @Test
    void aFlatExportAndAnEveningBatteryAreNotJudgedSolar()
    {
        // every hour alike: no time of day stands out (concentration 0)
        assertThat(week(0, 23, 500).warnings()).isEmpty();
        // 17..20, midpoints 17:30 .. 20:30: mean 19:00, before the night window
        assertThat(week(17, 20, 500).warnings()).isEmpty();
    }

    @Test
    void aMeterThatExportsUnderAKilowattHourIsNotJudged()
    {
        // 7 x 2 x 70 Wh = 980 Wh, at 03:00 .. 04:59
        assertThat(week(3, 4, 70).warnings()).isEmpty();
        // 7 x 2 x 72 Wh = 1,008 Wh
        assertThat(week(3, 4, 72).warnings()).hasSize(1);
    }

    @Test
    void atMostFiveMetersGetALineAndTheRestAreCounted()
    {
        final NightExports night = new NightExports(LA);
        for (int m = 1; m <= 7; m++)
        {
            final long start = LocalDate.of(2015, 1, 5).atTime(3, 0).atZone(LA).toEpochSecond();
            night.reading("M-" + m, start, 3_600, 2_000);
        }
        final List<String> lines = night.warnings();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5)).isEqualTo("and 2 more meters exporting mostly at night in America/Los_Angeles");
    }

    /** @return M-1 exporting {@code wh} in each local hour {@code first..last} of the week's seven days. */
    private static NightExports week(final int first, final int last, final long wh)
    {
        final NightExports night = new NightExports(LA);
        for (int d = 0; d < 7; d++)
        {
            for (int h = first; h <= last; h++)
            {
                final long start = LocalDate.of(2015, 1, 5).plusDays(d).atTime(h, 0).atZone(LA).toEpochSecond();
                night.reading("M-1", start, 3_600, wh);
            }
        }
        return night;
    }
}
