package org.gridsettle.replay.bill;

import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bill's calendar: fixed charges post through the engine's own END_OF_DAY and PERIOD_CLOSE events. URDB rates
 * with fixed charges are refused by the mapper today, so the tariff here is built directly, flat and hand-chosen:
 * 0.20 per kWh, 0.33 per day, 9.99 per month.
 */
class BillRunnerTest
{
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final long PER_DAY = 330_000;
    private static final long PER_MONTH = 9_990_000;

    @TempDir
    Path tmp;

    @Test
    void daysAndAMonthEndPostFixedChargesAndReadingsAroundTheCloseAreStillPriced() throws IOException
    {
        final BillingCalendar calendar =
            new BillingCalendar(LocalDate.of(2011, 1, 30), LocalDate.of(2011, 2, 2), LA, 1);
        final List<UsageReading> readings = List.of(
            reading(LocalDateTime.of(2011, 1, 31, 23, 0), 1000),   // last hour of January: 1.000 x 0.20 = 0.200000
            reading(LocalDateTime.of(2011, 2, 1, 0, 0), 500));     // first hour of February: 0.500 x 0.20 = 0.100000

        final Bill bill = new BillRunner(tmp).run(tariff(calendar), "flat", "M", readings, calendar);

        // Days billed: Jan 30, Jan 31, Feb 1; each ends at the next local midnight, so January holds two day ends
        // and February one. The month start Feb 1 closes January: one monthly charge there. February ends at
        // --to = Feb 2, not a month start, so it stays open and has no monthly charge (the engine does not prorate).
        // January: 0.200000 + 2 x 0.330000 + 9.990000 = 10.850000; February: 0.100000 + 0.330000 = 0.430000.
        final BillAmounts january = bill.periods().get(0).amounts();
        assertThat(january.energy()).isEqualTo(200_000);
        assertThat(january.fixed()).isEqualTo(2 * PER_DAY + PER_MONTH);
        assertThat(january.total()).isEqualTo(10_850_000);
        final BillAmounts february = bill.periods().get(1).amounts();
        assertThat(february.energy()).isEqualTo(100_000);
        assertThat(february.fixed()).isEqualTo(PER_DAY);
        assertThat(february.total()).isEqualTo(430_000);
        assertThat(bill.totals().total()).isEqualTo(11_280_000);
        assertThat(bill.rejectionsByReason()).as("no reading fell in a closed period").isEmpty();

        assertThat(bill.periods().get(0).lines()).containsExactly(
            new BillLine("energy_charge", "flat", 0, 1000, 200_000, 1, 200_000),
            new BillLine("fixed_charge", "per day", 0, 0, PER_DAY, 2, 2 * PER_DAY),
            new BillLine("fixed_charge", "per month", 0, 0, PER_MONTH, 1, PER_MONTH));
        try (Stream<Path> left = Files.list(tmp))
        {
            assertThat(left).as("the temporary journal is deleted").isEmpty();
        }
    }

    @Test
    void theShortDaylightSavingDayIsOneDay()
    {
        // 2011-03-13 has 23 hours in Los Angeles; 12th, 13th, 14th are three days and three daily charges
        final BillingCalendar calendar =
            new BillingCalendar(LocalDate.of(2011, 3, 12), LocalDate.of(2011, 3, 15), LA, 1);

        final Bill bill = new BillRunner(tmp).run(tariff(calendar), "flat", "M", List.of(), calendar);

        assertThat(bill.totals().fixed()).isEqualTo(3 * PER_DAY);
        assertThat(calendar.endEpochSecond() - calendar.startEpochSecond()).isEqualTo(3 * 86_400 - 3_600);
    }

    @Test
    void calendarEventsFallAtLocalMidnightsAndMonthStartsInsideTheRange()
    {
        final BillingCalendar calendar =
            new BillingCalendar(LocalDate.of(2011, 1, 31), LocalDate.of(2011, 3, 1), LA, 1);

        final List<BillingCalendar.Event> events = calendar.events();

        // Feb 1 .. Mar 1 inclusive is 29 midnights; Feb 1 and Mar 1 are month starts
        assertThat(events).hasSize(29 + 2);
        assertThat(events.get(0)).isEqualTo(new BillingCalendar.Event(0, epoch(LocalDateTime.of(2011, 2, 1, 0, 0))));
        assertThat(events.get(1)).isEqualTo(new BillingCalendar.Event(1, epoch(LocalDateTime.of(2011, 2, 1, 0, 0))));
        assertThat(events.get(events.size() - 1))
            .isEqualTo(new BillingCalendar.Event(1, epoch(LocalDateTime.of(2011, 3, 1, 0, 0))));
        assertThat(calendar.periods()).extracting(BillingCalendar.Period::from)
            .containsExactly(LocalDate.of(2011, 1, 31), LocalDate.of(2011, 2, 1));
    }

    @Test
    void periodsRunFromTheBillingCycleDayAndCloseOnIt()
    {
        // a tariff billed from the 15th: Jan 20 .. Mar 20 holds Jan 20 .. Feb 15 (clipped), Feb 15 .. Mar 15 and
        // Mar 15 .. Mar 20 (clipped, left open); closes fall on Feb 15 and Mar 15 only
        final BillingCalendar calendar =
            new BillingCalendar(LocalDate.of(2011, 1, 20), LocalDate.of(2011, 3, 20), LA, 15);

        assertThat(calendar.periods()).extracting(BillingCalendar.Period::from).containsExactly(
            LocalDate.of(2011, 1, 20), LocalDate.of(2011, 2, 15), LocalDate.of(2011, 3, 15));
        assertThat(calendar.periods()).extracting(BillingCalendar.Period::to).containsExactly(
            LocalDate.of(2011, 2, 15), LocalDate.of(2011, 3, 15), LocalDate.of(2011, 3, 20));
        assertThat(calendar.events().stream().filter((e) -> e.kind() == 1).map(BillingCalendar.Event::at))
            .containsExactly(epoch(LocalDateTime.of(2011, 2, 15, 0, 0)), epoch(LocalDateTime.of(2011, 3, 15, 0, 0)));
    }

    private static TouTariff tariff(final BillingCalendar calendar)
    {
        final int[] allDay = new int[24];
        Arrays.fill(allDay, 0);
        return TouTariff.hourly(1, 1, calendar.startEpochSecond(), "USD", "USD", LA,
            List.of(new TouPeriod("flat", 200_000, 0)), allDay, allDay).withFixedCharges(PER_DAY, PER_MONTH);
    }

    private static UsageReading reading(final LocalDateTime local, final long importWh)
    {
        return new UsageReading(0, epoch(local), 3600, importWh, 0);
    }

    private static long epoch(final LocalDateTime local)
    {
        return local.atZone(LA).toEpochSecond();
    }
}
