package org.gridsettle.pricing.importer.urdb;

import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * URDB stores a rate's startdate as the instant 00:00 UTC of the day it means, and records no zone: the rate starts
 * pricing at the local midnight that starts that day in the utility's zone, west of UTC hours after the instant, east
 * of it hours before. Each expected instant below is worked out by hand from the zone's offset on that day (the
 * offsets are the IANA rules for the zone, as published in the tz database), not by the code under test.
 */
class UrdbStartDateTest
{
    /** FPL RS-1's startdate, 1433116800 = 16,587 days x 86,400 s = 2015-06-01T00:00:00Z. */
    private static final long FPL_START = 1_433_116_800L;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static UrdbRate rateStarting(final long epochSecond)
    {
        return new UrdbImporter().read("synthetic.json",
            UrdbJsonFixture.touEnergyOnly().with("startdate", String.valueOf(epochSecond)).json()).get(0);
    }

    private static Instant startsIn(final long startdate, final String zone)
    {
        return rateStarting(startdate).startsPricingIn(ZoneId.of(zone)).orElseThrow();
    }

    @Test
    void eastOfUtcTheRateStartsAtTheLocalMidnightOfTheDayItNamesBeforeTheStoredInstant()
    {
        // Berlin in June is CEST, UTC+2: 2015-06-01 00:00+02:00 = 2015-05-31 22:00Z
        assertThat(startsIn(FPL_START, "Europe/Berlin")).isEqualTo(Instant.parse("2015-05-31T22:00:00Z"));
        // Tokyo is JST, UTC+9 all year: 2015-06-01 00:00+09:00 = 2015-05-31 15:00Z
        assertThat(startsIn(FPL_START, "Asia/Tokyo")).isEqualTo(Instant.parse("2015-05-31T15:00:00Z"));
        // Sydney in June (southern winter) is AEST, UTC+10: 2015-06-01 00:00+10:00 = 2015-05-31 14:00Z
        assertThat(startsIn(FPL_START, "Australia/Sydney")).isEqualTo(Instant.parse("2015-05-31T14:00:00Z"));
    }

    @Test
    void westOfUtcAndAtUtcTheRateStartsAtTheSameDaysMidnightAsBefore()
    {
        // Florida (New York's rules) in June is EDT, UTC-4: 2015-06-01 00:00-04:00 = 2015-06-01 04:00Z, where the
        // first local midnight at or after 20:00 on May 31 put it too
        assertThat(startsIn(FPL_START, "America/New_York")).isEqualTo(Instant.parse("2015-06-01T04:00:00Z"));
        // in UTC the day starts at the stored instant itself
        assertThat(startsIn(FPL_START, "UTC")).isEqualTo(Instant.ofEpochSecond(FPL_START));
    }

    @Test
    void aDayWhoseMidnightADaylightSavingGapSkipsStartsAtItsFirstLocalTime()
    {
        // Beirut's clocks went from 00:00 (UTC+2) to 01:00 (UTC+3) on Sunday 2015-03-29, the last Sunday of March.
        // 2015-03-29T00:00Z is epoch day 16,436 (2015-01-01) + 31 + 28 + 28 = 16,523, x 86,400 = 1,427,587,200 s.
        // The day's first local time is 01:00+03:00 = 2015-03-28 22:00Z (the next local midnight, the old start,
        // would be 2015-03-30 00:00+03:00 = 2015-03-29 21:00Z: a day late)
        assertThat(startsIn(1_427_587_200L, "Asia/Beirut")).isEqualTo(Instant.parse("2015-03-28T22:00:00Z"));
        // Sao Paulo's went from 00:00 (UTC-3) to 01:00 (UTC-2) on 2018-11-04. 2018-11-04T00:00Z is epoch day 17,532
        // (2018-01-01) + 304 (January to October) + 3 = 17,839, x 86,400 = 1,541,289,600 s. The day's first local
        // time is 01:00-02:00 = 2018-11-04 03:00Z
        assertThat(startsIn(1_541_289_600L, "America/Sao_Paulo")).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
    }

    @Test
    void theDayIsTheStartdatesUtcDateEvenWhenTheInstantIsNotItsMidnight()
    {
        // 2015-06-01T20:00Z is 05:00 on June 2 in Tokyo, but the date URDB names is June 1, UTC: 2015-05-31 15:00Z
        assertThat(startsIn(FPL_START + 20 * 3_600, "Asia/Tokyo")).isEqualTo(Instant.parse("2015-05-31T15:00:00Z"));
    }

    @Test
    void theEarliestStartIsTheEarlierOfTheLocalMidnightAndTheStartdate()
    {
        final UrdbRate fpl = rateStarting(FPL_START);

        // east of UTC the local midnight (2015-05-31 22:00Z in Berlin, above), west of it the startdate itself
        assertThat(fpl.earliestStartIn(BERLIN)).contains(Instant.parse("2015-05-31T22:00:00Z"));
        assertThat(fpl.earliestStartIn(ZoneId.of("America/New_York"))).contains(Instant.ofEpochSecond(FPL_START));
        assertThat(fpl.earliestStartIn(ZoneOffset.UTC)).contains(Instant.ofEpochSecond(FPL_START));
    }

    @Test
    void aRateWithoutAStartdateHasNoStart()
    {
        final UrdbRate rate = new UrdbImporter().read("synthetic.json", UrdbJsonFixture.touEnergyOnly().json()).get(0);

        assertThat(rate.startDate()).isEmpty();
        assertThat(rate.startsPricingIn(BERLIN)).isEmpty();
        assertThat(rate.earliestStartIn(BERLIN)).isEmpty();
    }

    @Test
    void inBerlinTheMappingTakesTheStartdatesLocalMidnightAndNothingBefore()
    {
        final UrdbRate fpl = rateStarting(FPL_START);
        final long berlinMidnight = Instant.parse("2015-05-31T22:00:00Z").getEpochSecond();

        final TouTariff tariff = UrdbTariffMapper.toTouTariff(fpl, 1L, 1, berlinMidnight, "SOLAR", BERLIN, new long[0]);

        assertThat(tariff.effectiveFromEpochSecond()).isEqualTo(berlinMidnight);
        // a second earlier is 23:59:59 on May 31 in Berlin, the day before the rate's
        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () ->
            UrdbTariffMapper.toTouTariff(fpl, 1L, 1, berlinMidnight - 1, "SOLAR", BERLIN, new long[0]));
        assertThat(ex).isNotNull();
        assertThat(ex.fields()).containsExactly("startdate");
        assertThat(ex.getMessage()).contains("rate starts 2015-06-01T00:00:00Z (its day begins " +
            "2015-05-31T22:00:00Z in Europe/Berlin), after the requested effectiveFrom 2015-05-31T21:59:59Z");
    }

    @Test
    void westOfUtcAJournalStartedAtTheStartdateItselfStillMaps()
    {
        // ingest once journalled FPL RS-1 from its startdate as stored, 20:00 on May 31 in Florida; appending to such
        // a journal maps the rate from there again, and a second earlier is refused
        final UrdbRate fpl = rateStarting(FPL_START);
        final ZoneId newYork = ZoneId.of("America/New_York");

        assertThat(UrdbTariffMapper.toTouTariff(fpl, 1L, 1, FPL_START, "SOLAR", newYork, new long[0])
            .effectiveFromEpochSecond()).isEqualTo(FPL_START);
        final UrdbImportException ex = catchThrowableOfType(UrdbImportException.class, () ->
            UrdbTariffMapper.toTouTariff(fpl, 1L, 1, FPL_START - 1, "SOLAR", newYork, new long[0]));
        assertThat(ex).isNotNull();
        assertThat(ex.getMessage()).contains("rate starts 2015-06-01T00:00:00Z, after the requested effectiveFrom");
    }
}
