package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.dr.BaselineMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapping of OpenADR events to engine DR events: modifications, statuses, ids, hours and declared baselines.
 * Payloads are {@code openadr_weekday_afternoon_2026-04-29.xml}, hand-made from the EnerNOC/oadr2-ven-python sample
 * (Apache-2.0; its header comment states the changes), and edits of it stated in each test.
 */
class DrEventFilesTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final DrProgram ADJUSTED =
        new DrProgram("DR", 500_000, BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT);
    private static final long EVENT_START = Instant.parse("2026-04-29T23:00:00Z").getEpochSecond();

    @TempDir
    Path tmp;

    @Test
    void theHighestModificationWinsAndCancelledAndTestEventsAreSkipped()
    {
        final DrEventFiles files = DrEventFiles.read(List.of(weekday()), ADJUSTED, LA);

        assertThat(files.events()).singleElement().satisfies((e) ->
        {
            assertThat(e.event().modificationNumber()).isEqualTo(2);
            assertThat(e.engineId()).isEqualTo(939393);
            assertThat(e.idRule()).isEqualTo(DrEventIds.DIGITS);
            assertThat(e.start()).isEqualTo(EVENT_START);
            assertThat(e.end()).isEqualTo(EVENT_START + 3 * 3600);
            assertThat(e.declaredWhPerHour()).isZero();
        });
        assertThat(files.skipped()).extracting((s) -> s.event().eventId() + ": " + s.reason())
            .containsExactly("Event_939394: cancelled", "Event_939395: test event (testEvent \"true\")");
        assertThat(files.superseded()).isEqualTo(1);
    }

    @Test
    void acrossFilesTheHighestModificationWinsWhateverTheFileOrder() throws IOException
    {
        // a later file cancels Event_939393 with modification 3
        final Path cancel = write("cancel.xml", Files.readString(weekday())
            .replace("<ei:modificationNumber>2</ei:modificationNumber>",
                "<ei:modificationNumber>3</ei:modificationNumber>")
            .replace("<ei:eventStatus>near</ei:eventStatus>", "<ei:eventStatus>cancelled</ei:eventStatus>"));

        for (final List<Path> order : List.of(List.of(weekday(), cancel), List.of(cancel, weekday())))
        {
            final DrEventFiles files = DrEventFiles.read(order, ADJUSTED, LA);
            assertThat(files.events()).isEmpty();
            assertThat(files.skipped()).extracting((s) -> s.event().eventId() + " " + s.event().modificationNumber())
                .contains("Event_939393 3");
            // both cancelled events are kept with their engine ids, to be withdrawn if journalled; the test event not
            assertThat(files.cancelled()).extracting((c) -> c.event().eventId() + " " + c.engineId())
                .containsExactlyInAnyOrder("Event_939393 939393", "Event_939394 939394");
        }
    }

    @Test
    void theSameModificationNumberWithOtherContentIsRefused() throws IOException
    {
        // modification 2 again in a second file, an hour later
        final Path changed = write("changed.xml", Files.readString(weekday())
            .replace("2026-04-29T23:00:00.000Z", "2026-04-30T00:00:00Z"));

        assertThatThrownBy(() -> DrEventFiles.read(List.of(weekday(), changed), ADJUSTED, LA))
            .isInstanceOf(MeterDataException.class)
            .hasMessageContaining("changed.xml: line ")
            .hasMessageContaining("event \"Event_939393\" modification 2 differs from the one in " +
                "openadr_weekday_afternoon_2026-04-29.xml line ");
        // the same payload twice is a payload sent again, not a change
        assertThat(DrEventFiles.read(List.of(weekday(), weekday()), ADJUSTED, LA).events()).hasSize(1);
    }

    @Test
    void eventsOfTwoMarketContextsAreRefused() throws IOException
    {
        // the test event made live, the next day, in another program
        final Path two = write("two.xml", Files.readString(weekday())
            .replaceFirst("<ei:testEvent>true</ei:testEvent>", "<ei:testEvent>false</ei:testEvent>")
            .replaceFirst("(<ei:eventID>Event_939395(?s:.*?))http://www.myprogram.com",
                "$1http://other.example/program")
            .replaceFirst("(<ei:eventID>Event_939395(?s:.*?))2026-04-29T23:00:00Z", "$12026-04-30T23:00:00Z"));

        assertThatThrownBy(() -> DrEventFiles.read(List.of(two), ADJUSTED, LA))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the DR events belong to 2 market contexts [\"http://other.example/program\", " +
                "\"http://www.myprogram.com\"]");
    }

    @Test
    void withAVenIdEventsAddressedOnlyToOtherVensAreSkippedWhateverTheirStatus() throws IOException
    {
        // every signal of the weekday payload addressed to ven_b as well as its end device: a signal-level venID
        final Path payload = write("vens.xml", Files.readString(weekday())
            .replace("<ei:eiTarget>\n\t\t\t\t\t\t<power:endDeviceAsset>",
                "<ei:eiTarget>\n\t\t\t\t\t\t<ei:venID>ven_b</ei:venID><power:endDeviceAsset>"));

        final DrEventFiles other = DrEventFiles.read(List.of(payload), ADJUSTED, LA, "ven_a");

        assertThat(other.events()).isEmpty();
        // not even the cancellation is kept for a withdrawal: it is another VEN's
        assertThat(other.cancelled()).isEmpty();
        assertThat(other.skipped()).extracting((s) -> s.event().eventId() + ": " + s.reason()).containsExactly(
            "Event_939393: addressed to venID \"ven_b\", not to --ven-id ven_a",
            "Event_939394: addressed to venID \"ven_b\", not to --ven-id ven_a",
            "Event_939395: addressed to venID \"ven_b\", not to --ven-id ven_a");
        assertThat(other.venId()).isEqualTo("ven_a");
        // ven_b's own run, and a run without a VEN, take them as before
        for (final DrEventFiles taken : List.of(DrEventFiles.read(List.of(payload), ADJUSTED, LA, "ven_b"),
            DrEventFiles.read(List.of(payload), ADJUSTED, LA)))
        {
            assertThat(taken.events()).extracting((e) -> e.event().eventId()).containsExactly("Event_939393");
            assertThat(taken.skipped()).extracting(DrEventFiles.Skipped::reason)
                .containsExactly("cancelled", "test event (testEvent \"true\")");
        }
        // an event naming no venID is every VEN's
        assertThat(DrEventFiles.read(List.of(weekday()), ADJUSTED, LA, "ven_a").events()).hasSize(1);
    }

    @Test
    void engineIdsAreTheOneRunOfDigitsElseTheFirst63BitsOfSha256()
    {
        assertThat(DrEventIds.of("Event_939393")).isEqualTo(new DrEventIds.Id(939393, DrEventIds.DIGITS));
        assertThat(DrEventIds.of("007")).isEqualTo(new DrEventIds.Id(7, DrEventIds.DIGITS));
        // printf %s evt-a | sha256sum: 7ed0d75e573e072d..., top bit already clear
        assertThat(DrEventIds.of("evt-a")).isEqualTo(new DrEventIds.Id(0x7ed0d75e573e072dL, DrEventIds.SHA_256));
        // two runs of digits, or none but zeros, or more than 18 digits: hashed
        assertThat(DrEventIds.of("2026-04-29a").rule()).isEqualTo(DrEventIds.SHA_256);
        assertThat(DrEventIds.of("Event_000").rule()).isEqualTo(DrEventIds.SHA_256);
        assertThat(DrEventIds.of("E1234567890123456789").rule()).isEqualTo(DrEventIds.SHA_256);
    }

    @Test
    void theIncentiveIsParsedExactlyIntoMicroUnits()
    {
        assertThat(DrProgram.incentiveMicros("0.123457")).isEqualTo(123_457);
        assertThat(DrProgram.incentiveMicros("2")).isEqualTo(2_000_000);
        for (final String bad : List.of("0.1234570", "-0.5", "1e3", "0,5", ".5"))
        {
            assertThatThrownBy(() -> DrProgram.incentiveMicros(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--dr-incentive " + bad + ": ");
        }
    }

    @Test
    void hoursTheEngineWouldRejectAreNamed()
    {
        // 2026-03-08 is the 23-hour day in Los Angeles: 01:00-04:00 PST/PDT is 2 real hours
        assertThat(DrEventHours.problems(Instant.parse("2026-03-08T09:00:00Z"), Duration.ofHours(2), LA,
            BaselineMethod.TEN_IN_TEN)).containsExactly("crosses a daylight-saving change, so its local hours are " +
            "not its real hours, which the baseline counts");
        // 22:00-01:00 PDT runs into the next day
        assertThat(DrEventHours.problems(Instant.parse("2026-04-30T05:00:00Z"), Duration.ofHours(3), LA,
            BaselineMethod.TEN_IN_TEN)).containsExactly("ends at 2026-04-30 01:00 local, past the end of its " +
            "start day 2026-04-29");
        // 03:00 PDT with the day-of adjustment: its window would be 23:00-02:00 of the day before
        assertThat(DrEventHours.problems(Instant.parse("2026-04-29T10:00:00Z"), Duration.ofHours(1), LA,
            BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT)).singleElement().asString()
            .startsWith("starts at 03:00 local, before 04:00");
        // 21:00-24:00 PDT ends on its day's midnight: fine
        assertThat(DrEventHours.problems(Instant.parse("2026-04-30T04:00:00Z"), Duration.ofHours(3), LA,
            BaselineMethod.TEN_IN_TEN_WITH_DAY_OF_ADJUSTMENT)).isEmpty();
    }

    @Test
    void aDurationTooLongForNanosecondsIsRefusedNamingTheFileAndEvent() throws IOException
    {
        // PT99999999H is 3.6 x 10^20 ns, past a long: it was refused as a bare "long overflow" naming nothing
        final Path huge = write("huge.xml", Files.readString(weekday())
            .replaceFirst("(<ei:eventID>Event_939393(?s:.*?)<ei:modificationNumber>2(?s:.*?))PT3H", "$1PT99999999H"));

        assertThatThrownBy(() -> DrEventFiles.read(List.of(huge), ADJUSTED, LA))
            .isInstanceOf(MeterDataException.class)
            .hasMessageStartingWith("huge.xml: line ")
            .hasMessageContaining("event \"Event_939393\": lasts PT99999999H, longer than any local day");
        // the longest duration ISO-8601 allows: its end is past what Instant holds
        assertThat(DrEventHours.problems(Instant.parse("2026-04-29T23:00:00Z"), Duration.ofSeconds(Long.MAX_VALUE),
            LA, BaselineMethod.TEN_IN_TEN)).containsExactly("lasts " + Duration.ofSeconds(Long.MAX_VALUE) +
            ", not whole hours", "lasts " + Duration.ofSeconds(Long.MAX_VALUE) + ", longer than any local day");
    }

    @Test
    void anEnergyBaselineInWhIsSummedPerEventHour()
    {
        // three event hours; 15-minute intervals of 0.25 kWh from the event's start, then one hour after it
        final List<OpenAdrBaseline.Interval> quarters = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            quarters.add(new OpenAdrBaseline.Interval(Duration.ofMinutes(15), String.valueOf(i),
                new BigDecimal("0.25")));
        }
        quarters.add(new OpenAdrBaseline.Interval(Duration.ofHours(1), "12", new BigDecimal("9")));
        final OpenAdrBaseline kwh = new OpenAdrBaseline(Instant.ofEpochSecond(EVENT_START), Duration.ofHours(4),
            quarters, "b", "Energy", "energyReal", "Wh", "k");

        assertThat(DeclaredBaseline.whPerHour(kwh, EVENT_START, EVENT_START + 3 * 3600)).isEqualTo(1000);

        // one quarter of the second hour at 0.30 kWh: the hours differ, and the engine takes one figure
        quarters.set(5, new OpenAdrBaseline.Interval(Duration.ofMinutes(15), "5", new BigDecimal("0.30")));
        final OpenAdrBaseline uneven = new OpenAdrBaseline(Instant.ofEpochSecond(EVENT_START), Duration.ofHours(4),
            quarters, "b", "Energy", "energyReal", "Wh", "k");
        assertThatThrownBy(() -> DeclaredBaseline.whPerHour(uneven, EVENT_START, EVENT_START + 3 * 3600))
            .hasMessageContaining("declares 1000 Wh for one event hour and 1050 Wh for the hour from " +
                "2026-04-30T00:00:00Z");
    }

    @Test
    void theSamplesPowerBaselineIsNotTakenForEnergy()
    {
        final OpenAdrBaseline sample = new OpenAdrReader()
            .read(RecordingSink.resource("openadr20b_Sample_oadrDistributeEvent_W_Baseline.xml"))
            .events().get(0).baseline();
        final long start = sample.start().getEpochSecond();

        assertThatThrownBy(() -> DeclaredBaseline.whPerHour(sample, start, start + 3600))
            .hasMessageStartingWith("its eiEventBaseline is powerReal in W (scale d), not energyReal in Wh");
    }

    private static Path weekday()
    {
        return RecordingSink.resource("openadr_weekday_afternoon_2026-04-29.xml");
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }
}
