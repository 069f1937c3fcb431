package org.gridsettle.replay.tariff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a new journal's URDB tariff starts ({@link TariffDocument#pricesFrom}) and the earliest start a reading, bill
 * or journalled tariff may have under it ({@link TariffDocument#earliestStart}), in zones either side of UTC. FPL
 * RS-1 (ingest/, copied unchanged from /work/shared/data) has startdate 1433116800 = 2015-06-01T00:00:00Z, the date
 * 2015-06-01. The expected instants are worked out by hand from each zone's offset on that day (IANA tz rules):
 * local 2015-06-01 00:00 minus the offset.
 */
class TariffDocumentStartTest
{
    private static final String FPL = "/ingest/urdb_FPL_RS-1_5550d6fd5457a3187e8b4567_extracted.json";
    private static final Instant FPL_START = Instant.parse("2015-06-01T00:00:00Z");

    @TempDir
    Path tmp;

    private static TariffDocument fpl() throws URISyntaxException
    {
        return TariffDocument.read(Path.of(TariffDocumentStartTest.class.getResource(FPL).toURI()), null);
    }

    private static Instant pricesFrom(final TariffDocument document, final String zone)
    {
        return document.pricesFrom(ZoneId.of(zone)).orElseThrow();
    }

    @Test
    void eastOfUtcANewJournalStartsOnTheDayTheStartdateNamesNotTheDayAfter() throws URISyntaxException
    {
        final TariffDocument fpl = fpl();

        // CEST, UTC+2: 00:00+02:00 = 22:00Z the day before (the first midnight at or after the startdate, where a
        // journal started before, was 2015-06-01T22:00Z: June 2, a day late)
        assertThat(pricesFrom(fpl, "Europe/Berlin")).isEqualTo(Instant.parse("2015-05-31T22:00:00Z"));
        // JST, UTC+9: 15:00Z the day before
        assertThat(pricesFrom(fpl, "Asia/Tokyo")).isEqualTo(Instant.parse("2015-05-31T15:00:00Z"));
        // AEST (southern winter, no daylight saving), UTC+10: 14:00Z the day before
        assertThat(pricesFrom(fpl, "Australia/Sydney")).isEqualTo(Instant.parse("2015-05-31T14:00:00Z"));
        // and a reading, bill or recorded start may begin there, before the startdate itself
        assertThat(fpl.earliestStart(ZoneId.of("Asia/Tokyo"))).contains(Instant.parse("2015-05-31T15:00:00Z"));
    }

    @Test
    void westOfUtcAndAtUtcTheStartIsWhatItWas() throws URISyntaxException
    {
        final TariffDocument fpl = fpl();

        // Florida, EDT, UTC-4: 04:00Z, as the first local midnight at or after 20:00 on May 31 was
        assertThat(pricesFrom(fpl, "America/New_York")).isEqualTo(Instant.parse("2015-06-01T04:00:00Z"));
        assertThat(pricesFrom(fpl, "UTC")).isEqualTo(FPL_START);
        // a journal an older ingest started at the startdate itself (20:00 EDT) is still one the rate may price
        assertThat(fpl.earliestStart(ZoneId.of("America/New_York"))).contains(FPL_START);
        assertThat(fpl.earliestStart(ZoneId.of("UTC"))).contains(FPL_START);
    }

    @Test
    void aStartdateWhoseLocalMidnightADaylightSavingGapSkipsStartsAtTheDaysFirstLocalTime()
        throws URISyntaxException, IOException
    {
        // Beirut's clocks went from 00:00 (UTC+2) to 01:00 (UTC+3) on 2015-03-29; 2015-03-29T00:00Z is
        // 16,523 days x 86,400 s = 1427587200 (2015-01-01 is day 16,436, then 31 + 28 + 28 days). The day begins at
        // 01:00+03:00 = 2015-03-28T22:00Z
        final String rs1 = Files.readString(Path.of(TariffDocumentStartTest.class.getResource(FPL).toURI()));
        final Path march = Files.writeString(tmp.resolve("march.json"),
            rs1.replaceFirst("\"startdate\": *1433116800", "\"startdate\": 1427587200"));
        final TariffDocument document = TariffDocument.read(march, null);

        assertThat(document.startDate()).contains(Instant.parse("2015-03-29T00:00:00Z"));
        assertThat(pricesFrom(document, "Asia/Beirut")).isEqualTo(Instant.parse("2015-03-28T22:00:00Z"));
        assertThat(document.earliestStart(ZoneId.of("Asia/Beirut"))).contains(Instant.parse("2015-03-28T22:00:00Z"));
    }

    @Test
    void aGridsettleTariffStartsAtItsOwnEffectiveFrom() throws URISyntaxException
    {
        final TariffDocument gridsettle = TariffDocument.read(Path.of(TariffDocumentStartTest.class.getResource(
            "/bill/gridsettle_hand_written_tou.json").toURI()), null);
        final Instant effectiveFrom = Instant.parse("2010-01-01T00:00:00Z"); // the file's effective_from

        assertThat(gridsettle.pricesFrom(ZoneId.of("Asia/Tokyo"))).contains(effectiveFrom);
        assertThat(gridsettle.earliestStart(ZoneId.of("Asia/Tokyo"))).contains(effectiveFrom);
    }
}
