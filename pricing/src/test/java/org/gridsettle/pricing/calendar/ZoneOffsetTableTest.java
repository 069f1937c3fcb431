package org.gridsettle.pricing.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ZoneOffsetTable} against the JDK's {@link ZoneRules}, the independent oracle.
 */
class ZoneOffsetTableTest
{
    /** 1990-01-01T00:00Z. */
    private static final long FROM = 631_152_000L;
    /** 2101-01-01T00:00Z. */
    private static final long TO = 4_133_980_800L;

    private static final Map<String, ZoneOffsetTable> TABLES = new ConcurrentHashMap<>();

    private static ZoneOffsetTable table(final String zone)
    {
        return TABLES.computeIfAbsent(zone, z -> new ZoneOffsetTable(ZoneId.of(z)));
    }

    @Test
    void rangeConstantsAreTheInstantsTheyClaim()
    {
        assertThat(Instant.ofEpochSecond(FROM)).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
        assertThat(Instant.ofEpochSecond(TO)).isEqualTo(Instant.parse("2101-01-01T00:00:00Z"));
    }

    @Provide
    Arbitrary<String> zones()
    {
        return Arbitraries.of(
            "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC");
    }

    @Property(tries = 5000)
    void offsetMatchesZoneRules(
        @ForAll("zones") final String zone, @ForAll @LongRange(min = FROM, max = TO - 1) final long epochSecond)
    {
        final int expected = ZoneId.of(zone).getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        assertThat(table(zone).offsetSeconds(epochSecond)).isEqualTo(expected);
        assertThat(table(zone).localEpochSecond(epochSecond)).isEqualTo(epochSecond + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"})
    void offsetMatchesZoneRulesOneSecondEitherSideOfEveryTransition(final String zone)
    {
        final ZoneRules rules = ZoneId.of(zone).getRules();
        final ZoneOffsetTable table = table(zone);
        int transitions = 0;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FROM));
        while (t != null && t.toEpochSecond() < TO)
        {
            for (long s = t.toEpochSecond() - 1; s <= t.toEpochSecond() + 1; s++)
            {
                assertThat(table.offsetSeconds(s))
                    .as("%s at %s", zone, Instant.ofEpochSecond(s))
                    .isEqualTo(rules.getOffset(Instant.ofEpochSecond(s)).getTotalSeconds());
            }
            transitions++;
            t = rules.nextTransition(t.getInstant());
        }
        if (zone.equals("America/Los_Angeles") || zone.equals("Europe/London") || zone.equals("Australia/Lord_Howe"))
        {
            // two a year for 111 years, so well over 200 checked; a loop that checked nothing would fail here
            assertThat(transitions).isGreaterThan(200);
        }
    }

    @Test
    void handWorkedTransitions()
    {
        final ZoneOffsetTable la = table("America/Los_Angeles");
        // 2026-03-08 02:00 PST (UTC-8) = 10:00Z: clocks jump to 03:00 PDT (UTC-7)
        assertThat(la.offsetSeconds(Instant.parse("2026-03-08T09:59:59Z").getEpochSecond())).isEqualTo(-8 * 3600);
        assertThat(la.offsetSeconds(Instant.parse("2026-03-08T10:00:00Z").getEpochSecond())).isEqualTo(-7 * 3600);
        // 2026-11-01 02:00 PDT (UTC-7) = 09:00Z: clocks fall back to 01:00 PST (UTC-8)
        assertThat(la.offsetSeconds(Instant.parse("2026-11-01T08:59:59Z").getEpochSecond())).isEqualTo(-7 * 3600);
        assertThat(la.offsetSeconds(Instant.parse("2026-11-01T09:00:00Z").getEpochSecond())).isEqualTo(-8 * 3600);
        // 09:30Z on the fall-back day is 01:30 PST the second time: local 2026-11-01T01:30 as seconds
        assertThat(la.localEpochSecond(Instant.parse("2026-11-01T09:30:00Z").getEpochSecond()))
            .isEqualTo(LocalDateTime.of(2026, 11, 1, 1, 30).toEpochSecond(ZoneOffset.UTC));

        final ZoneOffsetTable london = table("Europe/London");
        // EU rule: change at 01:00 UTC on the last Sundays of March (2026-03-29) and October (2026-10-25)
        assertThat(london.offsetSeconds(Instant.parse("2026-03-29T00:59:59Z").getEpochSecond())).isZero();
        assertThat(london.offsetSeconds(Instant.parse("2026-03-29T01:00:00Z").getEpochSecond())).isEqualTo(3600);
        assertThat(london.offsetSeconds(Instant.parse("2026-10-25T00:59:59Z").getEpochSecond())).isEqualTo(3600);
        assertThat(london.offsetSeconds(Instant.parse("2026-10-25T01:00:00Z").getEpochSecond())).isZero();

        final ZoneOffsetTable lordHowe = table("Australia/Lord_Howe");
        // UTC+10:30 standard, +11:00 summer: a 30-minute DST.
        // Ends first Sunday of April, 02:00 +11:00 = 2026-04-04T15:00Z; starts first Sunday of October,
        // 02:00 +10:30 = 2026-10-03T15:30Z.
        assertThat(lordHowe.offsetSeconds(Instant.parse("2026-04-04T14:59:59Z").getEpochSecond())).isEqualTo(39_600);
        assertThat(lordHowe.offsetSeconds(Instant.parse("2026-04-04T15:00:00Z").getEpochSecond())).isEqualTo(37_800);
        assertThat(lordHowe.offsetSeconds(Instant.parse("2026-10-03T15:29:59Z").getEpochSecond())).isEqualTo(37_800);
        assertThat(lordHowe.offsetSeconds(Instant.parse("2026-10-03T15:30:00Z").getEpochSecond())).isEqualTo(39_600);

        // India: +05:30 all year
        assertThat(table("Asia/Kolkata").offsetSeconds(Instant.parse("2026-07-01T00:00:00Z").getEpochSecond()))
            .isEqualTo(19_800);
        assertThat(table("UTC").offsetSeconds(Instant.parse("2026-07-01T00:00:00Z").getEpochSecond())).isZero();
    }

    @Test
    void nextTransitionAfterIsTheJdksNextTransition()
    {
        final ZoneOffsetTable la = table("America/Los_Angeles");
        final long springForward = Instant.parse("2026-03-08T10:00:00Z").getEpochSecond();
        assertThat(la.nextTransitionAfter(springForward - 1)).isEqualTo(springForward);
        // strictly after: at the transition itself the next one is the fall back
        assertThat(la.nextTransitionAfter(springForward))
            .isEqualTo(Instant.parse("2026-11-01T09:00:00Z").getEpochSecond());
        assertThat(table("UTC").nextTransitionAfter(springForward)).isEqualTo(Long.MAX_VALUE);
        assertThat(la.nextTransitionAfter(Instant.parse("2100-12-01T00:00:00Z").getEpochSecond()))
            .isEqualTo(Long.MAX_VALUE);
    }

    @Property(tries = 300)
    void nextTransitionAfterAgreesWithZoneRules(@ForAll @LongRange(min = 631_152_000L, max = 4_102_444_800L)
        final long instant)
    {
        final ZoneRules rules = ZoneId.of("Pacific/Chatham").getRules();
        final ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(instant));
        assertThat(table("Pacific/Chatham").nextTransitionAfter(instant))
            .isEqualTo(next == null ? Long.MAX_VALUE : next.toEpochSecond());
    }

    @Test
    void instantsOutsideTheCoveredYearsThrow()
    {
        final ZoneOffsetTable la = table("America/Los_Angeles");
        // covered: 1989-12-31T00:00Z (one day of margin before 1990) up to, excluding, 2101-01-02T00:00Z
        final long first = Instant.parse("1989-12-31T00:00:00Z").getEpochSecond();
        final long end = Instant.parse("2101-01-02T00:00:00Z").getEpochSecond();
        assertThat(la.offsetSeconds(first)).isEqualTo(-8 * 3600);
        assertThat(la.offsetSeconds(end - 1)).isEqualTo(-8 * 3600);
        assertThatThrownBy(() -> la.offsetSeconds(first - 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1990..2100");
        assertThatThrownBy(() -> la.offsetSeconds(end)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> la.offsetSeconds(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startOfLocalDayHandWorked()
    {
        // 2026-03-08 00:00 PST (UTC-8) = 08:00Z; the next midnight, 2026-03-09 00:00 PDT (UTC-7), = 07:00Z
        final ZoneOffsetTable la = table("America/Los_Angeles");
        assertThat(la.startOfLocalDay(LocalDate.of(2026, 3, 8).toEpochDay()))
            .isEqualTo(Instant.parse("2026-03-08T08:00:00Z").getEpochSecond());
        assertThat(la.startOfLocalDay(LocalDate.of(2026, 3, 9).toEpochDay()))
            .isEqualTo(Instant.parse("2026-03-09T07:00:00Z").getEpochSecond());
        // Sao Paulo 2018-11-04: clocks went 00:00 -03:00 -> 01:00 -02:00, so midnight never happened and the day
        // began at 01:00 -02:00 = 03:00Z
        assertThat(table("America/Sao_Paulo").startOfLocalDay(LocalDate.of(2018, 11, 4).toEpochDay()))
            .isEqualTo(Instant.parse("2018-11-04T03:00:00Z").getEpochSecond());
        // Amman 2015-10-30: clocks went 01:00 +03:00 -> 00:00 +02:00, so midnight happened twice; the earlier is
        // 00:00 +03:00 = 2015-10-29T21:00Z
        assertThat(table("Asia/Amman").startOfLocalDay(LocalDate.of(2015, 10, 30).toEpochDay()))
            .isEqualTo(Instant.parse("2015-10-29T21:00:00Z").getEpochSecond());
    }

    /**
     * Every day 1990..2100. The first five are the zones of the brief; the rest change their clocks at midnight
     * (gap or overlap containing 00:00) or skipped a whole day (Pacific/Apia, 2011-12-30).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC",
        "America/Sao_Paulo", "America/Santiago", "America/Havana", "Atlantic/Azores", "Asia/Amman",
        "Asia/Jerusalem", "Pacific/Apia"})
    void startOfLocalDayMatchesLocalDateAtStartOfDayForEveryDay(final String zoneId)
    {
        final ZoneId zone = ZoneId.of(zoneId);
        final ZoneOffsetTable table = table(zoneId);
        final long first = LocalDate.of(1990, 1, 1).toEpochDay();
        final long last = LocalDate.of(2100, 12, 31).toEpochDay();
        for (long d = first; d <= last; d++)
        {
            final long expected = LocalDate.ofEpochDay(d).atStartOfDay(zone).toEpochSecond();
            final long actual = table.startOfLocalDay(d);
            if (actual != expected)
            {
                throw new AssertionError(zoneId + " " + LocalDate.ofEpochDay(d) + ": expected " +
                    Instant.ofEpochSecond(expected) + " but was " + Instant.ofEpochSecond(actual));
            }
        }
    }

    @Test
    void toStringNamesTheZone()
    {
        assertThat(table("Asia/Kolkata").toString()).contains("Asia/Kolkata").contains("+05:30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"})
    void coversLocalDayAnswersExactlyWhereStartOfLocalDayDoesNotThrow(final String zone)
    {
        final ZoneOffsetTable table = table(zone);
        final long first = LocalDate.of(ZoneOffsetTable.FIRST_YEAR, 1, 1).toEpochDay();
        final long last = LocalDate.of(ZoneOffsetTable.LAST_YEAR, 12, 31).toEpochDay();
        assertThat(table.coversLocalDay(first)).isTrue();
        assertThat(table.coversLocalDay(last + 1)).as("the day after the last, whose start ends the last").isTrue();
        for (final long day : new long[] {first - 3, first - 2, first - 1, first, last, last + 1, last + 2, last + 3})
        {
            if (table.coversLocalDay(day))
            {
                assertThat(table.startOfLocalDay(day)).isEqualTo(
                    LocalDate.ofEpochDay(day).atStartOfDay(ZoneId.of(zone)).toEpochSecond());
            }
            else
            {
                assertThatThrownBy(() -> table.startOfLocalDay(day)).isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(table.coversLocalDay(first - 2)).isFalse();
        assertThat(table.coversLocalDay(Long.MAX_VALUE)).isFalse();
        assertThat(table.coversLocalDay(Long.MIN_VALUE)).isFalse();
        assertThat(table.coversLocalDay(20_261_127)).as("a yyyymmdd taken for a day number").isFalse();
    }

    @Property(tries = 5000)
    void aLocalTimeOccursUnlessTheZoneRulesHaveNoOffsetForIt(
        @ForAll("zones") final String zone, @ForAll @LongRange(min = FROM + 86_400, max = TO - 86_401) final long local)
    {
        final LocalDateTime wall = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        final boolean expected = !ZoneId.of(zone).getRules().getValidOffsets(wall).isEmpty();
        assertThat(table(zone).occurs(local)).as("%s %s", zone, wall).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Europe/London", "Australia/Lord_Howe"})
    void theLocalTimesEveryGapSkipsDoNotOccurAndThoseEitherSideDo(final String zone)
    {
        final ZoneRules rules = ZoneId.of(zone).getRules();
        int gaps = 0;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FROM + 86_400));
        while (t != null && t.toEpochSecond() < TO - 86_400)
        {
            if (t.isGap())
            {
                final long first = t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC);
                final long after = t.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC);
                assertThat(table(zone).occurs(first - 1)).as("%s before the gap at %s", zone, t).isTrue();
                assertThat(table(zone).occurs(first)).as("%s gap start %s", zone, t).isFalse();
                assertThat(table(zone).occurs(after - 1)).as("%s gap end %s", zone, t).isFalse();
                assertThat(table(zone).occurs(after)).as("%s after the gap at %s", zone, t).isTrue();
                gaps++;
            }
            t = rules.nextTransition(t.getInstant());
        }
        assertThat(gaps).isGreaterThan(50);
    }
}
